"""Importing a directory edition: all of it in one transaction, or nothing.

The run record is written before the transaction and closed after it, so a
failed or killed import leaves the previous directory serving and a record
that says what happened (`mark_interrupted_runs` closes those of dead
processes).
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from directory.bands import band_of
from directory.geocoding import AddressQuery, Geocoder, GeocodingError, Point, city_centroid, zip_centroids
from directory.models import CoordinatePrecision, Dataset, Facility
from directory.service_mask import mask_of, split_words
from imports.bulk import insert_all, update_all
from imports.identity import content_hash, identity_keys, public_id_for
from imports.legend import stored_legend, upsert_legend
from imports.models import ImportRun
from imports.readers import ImportFileError, Rejection, SourceDocument, SourceRow, read_legend_file, read_source
from imports.rename_match import STORED_FIELDS, StoredListing, pair_renamed
from imports.sources import SourceUnavailable, local_copy, sha256_of


class ImportRefused(Exception):
    """The file is readable but importing it would harm the directory."""


FAILURES = (ImportFileError, SourceUnavailable, ImportRefused, GeocodingError)
STALE_AFTER = timedelta(hours=12)
UPDATED_FIELDS = [
    "identity_key", "content_hash", "name", "program_name", "street1", "street2", "city", "state", "zip_code",
    "phone", "intake_phones", "hotline", "website", "latitude", "longitude", "longitude_band",
    "coordinate_precision", "services_0", "services_1", "services_2", "services_3", "published", "edition",
    "last_seen_edition", "updated_at",
]  # fmt: skip


class Known(NamedTuple):
    """What the database already holds for one identity key."""

    pk: int
    digest: str
    published: bool
    last_seen: int
    public_id: str


@dataclass
class Changes:
    created: list[Facility] = field(default_factory=list)
    updated: list[Facility] = field(default_factory=list)
    # Of the updated, those found by the second pass (imports.rename_match).
    renamed_or_moved: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)


def import_directory(
    *,
    source: str,
    edition: int | None = None,
    legend_source: str | None = None,
    allow_shrink: bool = False,
    allow_older: bool = False,
    progress: bool = False,
    geocoder: Geocoder | None = None,
    dataset: str | None = None,
) -> ImportRun:
    """Import `source` (a path or URL); raise one of FAILURES with a plain message on refusal."""
    mark_interrupted_runs()
    _refuse_if_another_import_runs()
    run = ImportRun.objects.create(source=source, host=socket.gethostname(), pid=os.getpid())
    try:
        with local_copy(source) as path:
            run.sha256 = sha256_of(path)
            legend = read_legend_file(Path(legend_source)) if legend_source else stored_legend()
            document = read_source(path, legend)
        document.dataset = dataset or document.dataset
        run.dataset = document.dataset
        run.edition = edition or guess_edition(source, document)
        with transaction.atomic():
            _apply(
                document, run, allow_shrink=allow_shrink, allow_older=allow_older, progress=progress, geocoder=geocoder
            )
    except BaseException as error:
        # Anything at all, a Ctrl-C included, closes the run as failed; the
        # transaction above has already rolled the directory back.
        _close(run, ImportRun.Status.FAILED, error=str(error) if isinstance(error, FAILURES) else repr(error))
        raise
    return run


def guess_edition(source: str, document: SourceDocument) -> int:
    """The year in the file's name, else the year the workbook was made, else this year."""
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", Path(source).name)
    if years:
        return int(years[-1])
    return document.edition_hint or timezone.now().year


def mark_interrupted_runs() -> int:
    """Close runs whose process died without saying so (killed, machine lost)."""
    stale = 0
    for run in ImportRun.objects.filter(status=ImportRun.Status.RUNNING):
        if _process_gone(run):
            _close(run, ImportRun.Status.FAILED, error="interrupted: the import process ended before finishing")
            stale += 1
    return stale


def _process_gone(run: ImportRun) -> bool:
    if run.host != socket.gethostname() or not run.pid:
        return timezone.now() - run.started_at > STALE_AFTER
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return run.pid == os.getpid()  # our own pid on a record we did not open: a reused pid


def _refuse_if_another_import_runs() -> None:
    live = ImportRun.objects.filter(status=ImportRun.Status.RUNNING).first()
    if live:
        raise ImportRefused(f"Import #{live.pk} (process {live.pid} on {live.host}) is still running.")


def _close(run: ImportRun, status: str, *, error: str = "") -> None:
    run.status, run.error, run.finished_at = status, error, timezone.now()
    run.save()


def _apply(
    document: SourceDocument,
    run: ImportRun,
    *,
    allow_shrink: bool,
    allow_older: bool,
    progress: bool,
    geocoder: Geocoder | None,
) -> None:
    edition = run.edition or 0
    dataset = document.dataset
    newest = Facility.objects.filter(dataset=dataset).order_by("-last_seen_edition").first()
    if newest and edition < newest.last_seen_edition and not allow_older:
        raise ImportRefused(
            f"Edition {edition} is older than the {newest.last_seen_edition} edition already loaded "
            "(use --allow-older to import it anyway)."
        )
    bits = upsert_legend(document.legend)
    digests = {row.row_number: content_hash(row) for row in document.rows}
    rows, duplicates = _without_identical_rows(document.rows, digests)
    changes = Changes(rejections=document.rejections + duplicates)
    existing = {
        key: Known(pk, digest, published, last_seen, public_id)
        for key, pk, digest, published, last_seen, public_id in Facility.objects.filter(dataset=dataset).values_list(
            "identity_key", "pk", "content_hash", "published", "last_seen_edition", "public_id"
        )
    }
    published_before = sum(1 for known in existing.values() if known.published)
    now = timezone.now()
    pending: list[tuple[str, SourceRow, str, Known | None]] = []
    seen_again: list[int] = []
    seen: set[str] = set()
    for key, row in tqdm(identity_keys(rows, digests), disable=not progress, unit=" rows", desc="Reading"):
        seen.add(key)
        digest = digests[row.row_number]
        found = existing.get(key)
        if found and found.digest == digest and found.published:
            changes.unchanged += 1
            if found.last_seen != edition:
                seen_again.append(found.pk)
        else:
            pending.append((key, row, digest, found))
    renamed = _renamed_listings(pending, existing, seen, dataset)
    street_points = _street_points(geocoder, [row for _, row, _, _ in pending], run)
    centroids = zip_centroids(row.zip_code for _, row, _, _ in pending)
    for key, row, digest, found in pending:
        located = _locate(row, street_points, centroids)
        if located is None:
            changes.rejections.append(Rejection(row.row_number, "no coordinates: ZIP code and city both unknown"))
            seen.discard(key)
            continue
        facility = _facility(row, key, digest, located, bits, dataset=dataset, edition=edition, now=now)
        if key in renamed:
            # The stored facility takes the row's identity and content but
            # keeps its public_id (not among UPDATED_FIELDS), so its URL stays;
            # its old identity counts as seen, so it is not unpublished.
            found = existing[renamed[key]]
            seen.add(renamed[key])
            changes.renamed_or_moved += 1
        if found:
            facility.pk = found.pk
            changes.updated.append(facility)
        else:
            facility.first_seen_edition = edition
            changes.created.append(facility)

    accepted = len(changes.created) + len(changes.updated) + changes.unchanged
    if published_before and accepted < published_before / 2 and not allow_shrink:
        raise ImportRefused(
            f"The file has {accepted:,} usable listings where {published_before:,} are published now; "
            "refusing to unpublish more than half the directory (use --allow-shrink if that is right)."
        )
    _give_free_public_ids(changes.created, {known.public_id for known in existing.values()}, dataset)
    insert_all(Facility, changes.created)
    update_all(Facility, changes.updated, UPDATED_FIELDS)
    gone = [known.pk for key, known in existing.items() if known.published and key not in seen]
    _update_in_chunks(gone, published=False, updated_at=now)
    # Listings seen again unchanged only move their last-seen edition.
    _update_in_chunks(seen_again, last_seen_edition=edition)
    samples = Facility.objects.filter(dataset=Dataset.SAMPLE, published=True)
    if dataset != Dataset.SAMPLE and samples.exists():
        # Generated sample listings only stand in until real data arrives.
        samples.update(published=False, updated_at=now)
    run.rows_read = document.rows_read
    run.added, run.updated, run.unchanged = len(changes.created), len(changes.updated), changes.unchanged
    run.removed = len(gone)
    run.renamed_or_moved = changes.renamed_or_moved
    run.rejected = len(changes.rejections)
    run.rejected_rows = [
        {"row": r.row_number, "reason": r.reason} for r in sorted(changes.rejections, key=lambda r: r.row_number)
    ]
    run.warnings = run.warnings + document.warnings
    _close(run, ImportRun.Status.SUCCEEDED)


def _renamed_listings(
    pending: list[tuple[str, SourceRow, str, Known | None]], existing: dict[str, Known], seen: set[str], dataset: str
) -> dict[str, str]:
    """Rows the identity key did not match -> the identity key of the published facility they continue."""
    rows = {key: row for key, row, _, found in pending if found is None}
    if not rows:
        return {}  # a re-import of the same edition: nothing to look up
    unmatched = {key for key, known in existing.items() if known.published and key not in seen}
    if not unmatched:
        return {}
    stored = Facility.objects.filter(dataset=dataset, published=True).values_list("identity_key", *STORED_FIELDS)
    facilities = {key: StoredListing(*facts) for key, *facts in stored if key in unmatched}
    return pair_renamed(rows, facilities)


def _give_free_public_ids(facilities: list[Facility], taken: set[str], dataset: str) -> None:
    """A listing kept through a rename holds the public_id of its old identity; a new listing with that
    identity takes the next free one instead of failing the import. `taken`: the dataset's ids."""
    for facility in facilities:
        attempt = 0
        while facility.public_id in taken:
            attempt += 1
            facility.public_id = public_id_for(dataset, facility.identity_key, attempt)
        taken.add(facility.public_id)


def _update_in_chunks(pks: list[int], **values: object) -> None:
    for start in range(0, len(pks), 500):
        Facility.objects.filter(pk__in=pks[start : start + 500]).update(**values)


def _without_identical_rows(rows: list[SourceRow], digests: dict[int, str]) -> tuple[list[SourceRow], list[Rejection]]:
    """Drop a row only when every field repeats an earlier row."""
    first_with: dict[str, int] = {}
    kept, rejected = [], []
    for row in rows:
        digest = digests[row.row_number]
        if digest in first_with:
            rejected.append(Rejection(row.row_number, f"identical to row {first_with[digest]}"))
        else:
            first_with[digest] = row.row_number
            kept.append(row)
    return kept, rejected


def _street_points(geocoder: Geocoder | None, rows: list[SourceRow], run: ImportRun) -> dict[int, Point]:
    wanted = [r for r in rows if r.latitude is None and r.street1]
    if geocoder is None or not wanted:
        return {}
    queries = [AddressQuery(str(r.row_number), r.street1, r.city, r.state, r.zip_code) for r in wanted]
    try:
        found = geocoder.geocode_batch(queries)
    except GeocodingError as error:
        run.warnings = [*run.warnings, f"Street geocoding skipped, ZIP centres used instead: {error}"]
        return {}
    return {int(key): point for key, point in found.items()}


def _locate(row: SourceRow, street_points: dict[int, Point], centroids: dict[str, Point]) -> tuple[Point, str] | None:
    """The best position known: the source's own, a street match, the ZIP or the city centre."""
    if row.latitude is not None and row.longitude is not None:
        return Point(row.latitude, row.longitude), CoordinatePrecision.SOURCE
    if row.row_number in street_points:
        return street_points[row.row_number], CoordinatePrecision.STREET
    if row.zip_code in centroids:
        return centroids[row.zip_code], CoordinatePrecision.ZIP
    point = city_centroid(row.city, row.state)
    return (point, CoordinatePrecision.CITY) if point else None


def _facility(
    row: SourceRow,
    key: str,
    digest: str,
    located: tuple[Point, str],
    bits: dict[str, int],
    *,
    dataset: str,
    edition: int,
    now: datetime,
) -> Facility:
    point, precision = located
    words = split_words(mask_of({bits[code] for code in row.service_codes}))
    return Facility(
        public_id=public_id_for(dataset, key), dataset=dataset, identity_key=key, content_hash=digest,
        name=row.name, program_name=row.program_name, street1=row.street1, street2=row.street2,
        city=row.city, state=row.state, zip_code=row.zip_code, phone=row.phone,
        intake_phones=list(row.intake_phones), hotline=row.hotline, website=row.website,
        latitude=point.latitude, longitude=point.longitude, longitude_band=band_of(point.longitude),
        coordinate_precision=precision,
        services_0=words[0], services_1=words[1], services_2=words[2], services_3=words[3],
        published=True, edition=edition, first_seen_edition=edition, last_seen_edition=edition, updated_at=now,
    )  # fmt: skip
