"""Long-lived objects kept out of the garbage collector's full passes.

After its first request a process holds what it keeps for its life: Django's
modules, URL patterns and templates, the service legend, the taxonomy, the
ZIP places. A full collection walks every one of them (some 110,000 objects)
and cost an HSDS page of 100 full services 45-60 ms whenever it fell inside
one. Frozen, they are skipped; what a request makes is collected as before.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Collect what is garbage now, then leave everything still alive out of later collections."""
    gc.collect()
    gc.freeze()
