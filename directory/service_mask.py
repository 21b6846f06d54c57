"""Service codes packed into bit masks for fast filtered search.

A facility offers about 80 of some 230 codes. One bit per code in six signed
64-bit columns keeps a million facilities' services in the search index
itself, where a table of links would hold 80 million rows. Six words (384
bits) leave room for every code two directory editions and FindTreatment's
own labels have used (some 270) and for years of new codes, since a code's
bit is never reused.
"""

MASK_WORDS = 6
WORD_BITS = 64
# The Facility columns holding the words, lowest bits first.
SERVICE_COLUMNS = tuple(f"services_{i}" for i in range(MASK_WORDS))
MAX_SERVICES = MASK_WORDS * WORD_BITS


class TooManyServices(ValueError):
    pass


def mask_of(bits: list[int] | set[int]) -> int:
    mask = 0
    for bit in bits:
        mask |= 1 << bit
    return mask


def bits_of(mask: int) -> list[int]:
    # bin() reads the bits in C: testing each of the 384 in Python cost a page of 100 HSDS services 3 ms.
    digits = bin(mask & ((1 << MAX_SERVICES) - 1))[:1:-1]  # lowest bit first, without "0b"
    return [bit for bit, digit in enumerate(digits) if digit == "1"]


def _signed(word: int) -> int:
    return word - (1 << WORD_BITS) if word >= 1 << (WORD_BITS - 1) else word


def split_words(mask: int) -> tuple[int, ...]:
    """The mask as MASK_WORDS signed 64-bit integers, lowest bits first."""
    if mask >> MAX_SERVICES:
        raise TooManyServices(f"a service mask holds at most {MAX_SERVICES} codes")
    word_mask = (1 << WORD_BITS) - 1
    return tuple(_signed(mask >> (WORD_BITS * i) & word_mask) for i in range(MASK_WORDS))


def join_words(words: tuple[int, ...] | list[int]) -> int:
    mask = 0
    for i, word in enumerate(words):
        mask |= (word & ((1 << WORD_BITS) - 1)) << (WORD_BITS * i)
    return mask
