"""The deployment's identity, so that two sites sharing one Redis never read each other's cache.

Kept free of Django imports: settings.py calls it while it is still being read.
"""

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any


def cache_key_prefix(database: dict[str, Any], explicit: str = "") -> str:
    """CACHE_KEY_PREFIX when set; otherwise one derived from where the database is (engine, host, port, name)."""
    if explicit:
        return explicit
    where = "|".join(str(database.get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME"))
    return "iopfinder-" + hashlib.sha256(where.encode()).hexdigest()[:16]


def create_private_sqlite_file(path: Path) -> None:
    """Create the database file (and its folder) readable by its owner only, before SQLite creates it 0644.

    SQLite gives its -wal and -shm files the database file's permissions, so
    they are private too. An existing file is left as it is.
    """
    if str(path) in {"", ":memory:"} or path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another process made it meanwhile
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
