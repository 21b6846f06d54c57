"""Where a directory file comes from: a local path, or a URL fetched once with a timeout."""

from __future__ import annotations

import hashlib
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


class SourceUnavailable(Exception):
    """The source could not be reached or read; the message says why."""


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@contextmanager
def local_copy(source: str) -> Iterator[Path]:
    """Yield a local path for `source`, downloading a URL to a temporary file."""
    if not is_url(source):
        path = Path(source).expanduser()
        if not path.is_file():
            raise SourceUnavailable(f"{source} does not exist or is not a file.")
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="iopfinder-import-") as folder:
        target = Path(folder) / "download"
        _download(source, target)
        yield target


def _download(url: str, target: Path) -> None:
    limit = settings.DIRECTORY_DOWNLOAD_MAX_BYTES
    # Only http(s) reaches here (see is_url), so no file: or custom scheme can be opened.
    request = urllib.request.Request(url, headers={"User-Agent": "IOP Finder directory importer"})  # noqa: S310  # nosec B310
    try:
        with (
            urllib.request.urlopen(request, timeout=settings.DIRECTORY_DOWNLOAD_TIMEOUT) as response,  # noqa: S310  # nosec B310
            target.open("wb") as handle,
        ):
            copied = 0
            while chunk := response.read(1 << 16):
                copied += len(chunk)
                if copied > limit:
                    raise SourceUnavailable(f"{url} is larger than the {limit:,}-byte download limit.")
                handle.write(chunk)
    except urllib.error.HTTPError as error:
        raise SourceUnavailable(f"{url} answered HTTP {error.code}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SourceUnavailable(f"{url} could not be reached ({reason}).") from None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
