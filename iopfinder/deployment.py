"""The deployment's identity, so that two sites sharing one Redis never read each other's cache.

Kept free of Django imports: settings.py calls it while it is still being read.
"""

import hashlib
from typing import Any


def cache_key_prefix(database: dict[str, Any], explicit: str = "") -> str:
    """CACHE_KEY_PREFIX when set; otherwise one derived from where the database is (engine, host, port, name)."""
    if explicit:
        return explicit
    where = "|".join(str(database.get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME"))
    return "iopfinder-" + hashlib.sha256(where.encode()).hexdigest()[:16]
