"""Longitude bands: the leading key of the search index, so a search reads only the rows near it.

With latitude leading, a 25-mile search scanned the whole latitude band across
the country (tens of thousands of index entries in the dense east-west bands)
to keep a few thousand. With a band of 0.1 degree of longitude leading, it
reads, per band that the bounding box touches, just the entries whose latitude
is in the box: one index seek each, about ten for 25 miles.
"""

from __future__ import annotations

import math

BAND_DEGREES = 0.1


def band_of(longitude: float) -> int:
    """The band holding `longitude` (-180..180): 0 to 3600, west to east.

    A search computes the bands of its bounding box with this same function,
    and it never decreases as the longitude grows, so no facility in the box
    can fall in a band the search does not read.
    """
    return math.floor((longitude + 180.0) / BAND_DEGREES)


def bands_between(min_longitude: float, max_longitude: float) -> list[int]:
    return list(range(band_of(min_longitude), band_of(max_longitude) + 1))
