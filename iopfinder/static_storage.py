"""Static files under content-based names (whitenoise's compressed manifest), each URL worked out once."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ContentNamedStaticStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's storage, remembering each file's URL for as long as the process runs.

    The manifest is read when the storage is made, after collectstatic, and nothing changes it while the
    server runs, so a file's URL cannot change either. Working it out cost about 20 µs a `{% static %}`;
    the results page has five. Only names that exist are remembered (a missing one raises, as before).
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found
