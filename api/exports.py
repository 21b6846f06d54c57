"""Search results as CSV and JSON downloads (filled in below)."""

from ninja import Router

router = Router(tags=["exports"])
