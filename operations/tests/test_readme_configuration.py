"""Every environment variable the settings read is explained in the README's configuration tables."""

import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def test_every_variable_settings_read_has_a_row_in_a_readme_table():
    source = (BASE / "iopfinder" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', source))
    assert {"SECRET_KEY", "BEHIND_TLS_PROXY", "SECURE_SSL_REDIRECT"} <= read  # the pattern still finds them
    rows = [line for line in (BASE / "README.md").read_text().splitlines() if line.startswith("| `")]
    explained = {name for row in rows for name in re.findall(r"`([A-Z0-9_]+)`", row.split(" | ")[0])}
    assert sorted(read - explained) == []
