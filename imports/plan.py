"""What an import will do, worked out before anything is written.

`plan_import` reads the database (the listings there, ZIP centers) and the
source document, and returns an ImportPlan: the listings to create, those to
update (merged fact by fact, imports.merge), those unchanged, those gone, the
source records to keep, and the rows rejected with their reasons. The import
service applies it in one transaction (imports.services).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Max
from tqdm import tqdm

from directory.bands import band_of
from directory.geocoding import AddressQuery, Geocoder, GeocodingError, Located, Point, locate, zip_centroids
from directory.models import Dataset, Facility
from directory.provenance import FACT_COLUMNS
from directory.service_mask import mask_of, split_words
from imports.identity import content_hash, identity_keys, public_id_for
from imports.merge import fact_value, merge_into, stamp_new_listing
from imports.readers import Rejection, SourceDocument, SourceRow
from imports.rename_match import STORED_FIELDS, StoredListing, pair_renamed

# Sources that describe some listings of the directory, not all of it: they
# enrich and add, and never unpublish what they do not mention.
PARTIAL_DATASETS = frozenset({Dataset.FINDTREATMENT.value})


class Known(NamedTuple):
    """What the database already holds for one identity key."""

    pk: int
    digest: str
    published: bool
    last_seen: int
    public_id: str
    dataset: str


@dataclass
class PlannedRecord:
    row: SourceRow
    digest: str
    listing_key: str | None  # the identity key of the listing it feeds, None when it feeds none


@dataclass
class ImportPlan:
    dataset: str
    edition: int
    directory_edition: int  # the newest edition published before this import (0 for none)
    published_before: int  # published listings of this dataset before the import
    created: list[Facility] = field(default_factory=list)
    updated: list[Facility] = field(default_factory=list)
    # Listings whose published facts stay as they are but whose source, stamps or content hash move on.
    restamped: list[Facility] = field(default_factory=list)
    renamed_or_moved: int = 0
    unchanged: int = 0
    seen_again: list[int] = field(default_factory=list)  # unchanged listings a newer edition lists again
    gone: list[int] = field(default_factory=list)
    flagged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    records: list[PlannedRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return len(self.created) + len(self.updated) + self.unchanged


def plan_import(
    document: SourceDocument,
    *,
    edition: int,
    bits: dict[str, int],
    now: datetime,
    geocoder: Geocoder | None = None,
    progress: bool = False,
) -> ImportPlan:
    dataset = document.dataset
    existing = _existing_listings()
    plan = ImportPlan(
        dataset,
        edition,
        directory_edition=_directory_edition(),
        published_before=sum(1 for k in existing.values() if k.published and k.dataset == dataset),
        rejections=list(document.rejections),
    )
    digests = {row.row_number: content_hash(row) for row in document.rows}
    rows, duplicates = _without_identical_rows(document.rows, digests)
    plan.rejections += duplicates
    pending: list[tuple[str, SourceRow, Known | None]] = []
    seen: set[str] = set()
    for key, row in tqdm(identity_keys(rows, digests), disable=not progress, unit=" rows", desc="Reading"):
        seen.add(key)
        found = existing.get(key)
        if found and found.digest == digests[row.row_number] and found.published:
            plan.unchanged += 1
            plan.records.append(PlannedRecord(row, digests[row.row_number], key))
            if found.last_seen < edition:
                plan.seen_again.append(found.pk)
        else:
            pending.append((key, row, found))
    renamed = _renamed_listings(pending, existing, seen, dataset)
    street_points = _street_points(geocoder, [row for _, row, _ in pending], plan)
    centroids = zip_centroids(row.zip_code for _, row, _ in pending)
    stored = _stored_listings(
        [found.pk for _, _, found in pending if found] + [existing[old].pk for old in renamed.values()]
    )
    today = now.date()
    for key, row, found in pending:
        digest = digests[row.row_number]
        located = _locate(row, street_points, centroids)
        incoming = _facility(row, key, digest, located, bits, dataset=dataset, edition=edition, now=now)
        if key in renamed:
            # The stored listing takes the row's identity but keeps its public_id,
            # so its URL stays; its old identity counts as seen, so it is not unpublished.
            found = existing[renamed[key]]
            seen.add(renamed[key])
            plan.renamed_or_moved += 1
        if found:
            _plan_update(plan, stored[found.pk], incoming, today)
        elif edition < plan.directory_edition:
            plan.rejections.append(
                Rejection(
                    row.row_number,
                    f"describes no listing of the current {plan.directory_edition} directory and is older "
                    f"({edition}): kept as a source record, not published",
                )
            )
            plan.records.append(PlannedRecord(row, digest, None))
            continue
        else:
            stamp_new_listing(incoming, today=today)
            plan.created.append(incoming)
        plan.records.append(PlannedRecord(row, digest, key))
    _give_free_public_ids(plan.created, {known.public_id for known in existing.values()}, dataset)
    if dataset not in PARTIAL_DATASETS and edition >= plan.directory_edition:
        listed_before = {key: known for key, known in existing.items() if known.published and known.dataset == dataset}
        plan.gone = [known.pk for key, known in listed_before.items() if key not in seen]
    return plan


def _plan_update(plan: ImportPlan, current: Facility, incoming: Facility, today: date) -> None:
    before = _published_state(current)
    plan.flagged += merge_into(current, incoming, today=today)
    if _published_state(current) == before:
        plan.unchanged += 1  # a source that adds nothing new, such as an older export
        plan.restamped.append(current)
    else:
        plan.updated.append(current)


def _published_state(facility: Facility) -> tuple[object, ...]:
    facts = tuple(fact_value(facility, fact) for fact in FACT_COLUMNS)
    return (facts, facility.published, facility.review_flags, facility.edition, facility.dataset)


def _existing_listings() -> dict[str, Known]:
    """Every listing a row may continue, by identity key; the national directory's first where two share one."""
    rows = (
        Facility.objects.exclude(dataset=Dataset.SAMPLE)
        .order_by("dataset")  # samhsa-nd after findtreatment, so it wins below
        .values_list("identity_key", "pk", "content_hash", "published", "last_seen_edition", "public_id", "dataset")
    )
    return {row[0]: Known(*row[1:]) for row in rows}


def _directory_edition() -> int:
    newest = Facility.objects.filter(published=True).exclude(dataset=Dataset.SAMPLE).aggregate(e=Max("edition"))
    return newest["e"] or 0


def _stored_listings(pks: list[int]) -> dict[int, Facility]:
    stored: dict[int, Facility] = {}
    for start in range(0, len(pks), 500):
        stored.update(Facility.objects.in_bulk(pks[start : start + 500]))
    return stored


def _renamed_listings(
    pending: list[tuple[str, SourceRow, Known | None]], existing: dict[str, Known], seen: set[str], dataset: str
) -> dict[str, str]:
    """Rows the identity key did not match -> the identity key of the published listing they continue.

    Only within the row's own dataset: a rename is a guess from a few shared facts, and another source's
    listings (a partial export beside the whole directory) give it too many wrong candidates.
    """
    rows = {key: row for key, row, found in pending if found is None}
    if not rows:
        return {}  # a re-import of the same edition: nothing to look up
    unmatched = {
        key: known.pk
        for key, known in existing.items()
        if known.published and known.dataset == dataset and key not in seen
    }
    if not unmatched:
        return {}
    stored = Facility.objects.filter(pk__in=list(unmatched.values())).values_list("identity_key", *STORED_FIELDS)
    facilities = {key: StoredListing(*facts) for key, *facts in stored if key in unmatched}
    return pair_renamed(rows, facilities)


def _give_free_public_ids(facilities: list[Facility], taken: set[str], dataset: str) -> None:
    """A listing kept through a rename holds the public_id of its old identity; a new listing with that
    identity takes the next free one instead of failing the import. `taken`: the ids in use."""
    for facility in facilities:
        attempt = 0
        while facility.public_id in taken:
            attempt += 1
            facility.public_id = public_id_for(dataset, facility.identity_key, attempt)
        taken.add(facility.public_id)


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


def _street_points(geocoder: Geocoder | None, rows: list[SourceRow], plan: ImportPlan) -> dict[int, Point]:
    wanted = [r for r in rows if r.latitude is None and r.street1]
    if geocoder is None or not wanted:
        return {}
    queries = [AddressQuery(str(r.row_number), r.street1, r.city, r.state, r.zip_code) for r in wanted]
    try:
        found = geocoder.geocode_batch(queries)
    except GeocodingError as error:
        plan.warnings.append(f"Street geocoding skipped, ZIP centers used instead: {error}")
        return {}
    return {int(key): point for key, point in found.items()}


def _locate(row: SourceRow, street_points: dict[int, Point], centroids: dict[str, Point]) -> Located:
    """The best real position known; "location unknown" when nothing places the row (never (0, 0))."""
    source = Point(row.latitude, row.longitude) if row.latitude is not None and row.longitude is not None else None
    return locate(
        source=source, street=street_points.get(row.row_number), zip_code=row.zip_code,
        city=row.city, state=row.state, zip_centers=centroids,
    )  # fmt: skip


def _facility(
    row: SourceRow,
    key: str,
    digest: str,
    located: Located,
    bits: dict[str, int],
    *,
    dataset: str,
    edition: int,
    now: datetime,
) -> Facility:
    point, precision = located.point, located.precision
    words = split_words(mask_of({bits[code] for code in row.service_codes}))
    facility = Facility(
        public_id=public_id_for(dataset, key), dataset=dataset, identity_key=key, content_hash=digest,
        name=row.name, program_name=row.program_name, street1=row.street1, street2=row.street2,
        city=row.city, state=row.state, zip_code=row.zip_code, phone=row.phone,
        intake_phones=list(row.intake_phones), hotline=row.hotline, website=row.website,
        latitude=point.latitude if point else None, longitude=point.longitude if point else None,
        longitude_band=band_of(point.longitude) if point else 0,
        coordinate_precision=precision,
        published=True, edition=edition, first_seen_edition=edition, last_seen_edition=edition, updated_at=now,
    )  # fmt: skip
    for column, word in zip((f"services_{i}" for i in range(len(words))), words, strict=True):
        setattr(facility, column, word)
    return facility
