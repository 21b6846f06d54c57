"""Writing an ImportPlan: listings, their provenance, and the source records they were assembled from.

Runs inside the import's transaction (imports.services): all of it lands, or none.
"""

from __future__ import annotations

import dataclasses

from django.utils import timezone

from directory.models import Dataset, Facility
from directory.provenance import SOURCE
from directory.service_mask import SERVICE_COLUMNS
from imports.bulk import insert_all, update_all
from imports.models import ImportRun, SourceRecord
from imports.plan import ImportPlan

UPDATED_FIELDS = [
    "identity_key", "content_hash", "dataset", "name", "program_name", "street1", "street2", "city", "state",
    "zip_code", "phone", "intake_phones", "hotline", "website", "latitude", "longitude", "longitude_band",
    "coordinate_precision", *SERVICE_COLUMNS, "provenance", "review_flags", "published", "edition",
    "last_seen_edition", "updated_at",
]  # fmt: skip


def apply_plan(plan: ImportPlan, run: ImportRun) -> None:
    now = timezone.now()
    insert_all(Facility, plan.created)
    update_all(Facility, plan.updated + plan.restamped, UPDATED_FIELDS)
    _update_in_chunks(plan.gone, published=False, updated_at=now)
    _confirm_listed_again(plan)
    samples = Facility.objects.filter(dataset=Dataset.SAMPLE, published=True)
    if plan.dataset != Dataset.SAMPLE and samples.exists():
        # Generated sample listings only stand in until real data arrives.
        samples.update(published=False, updated_at=now)
    _write_source_records(plan, run)
    run.added, run.updated, run.unchanged = len(plan.created), len(plan.updated), plan.unchanged
    run.removed = len(plan.gone)
    run.renamed_or_moved = plan.renamed_or_moved
    run.flagged_for_review = plan.flagged
    run.rejected = len(plan.rejections)
    run.rejected_rows = [
        {"row": r.row_number, "reason": r.reason} for r in sorted(plan.rejections, key=lambda r: r.row_number)
    ]


def _confirm_listed_again(plan: ImportPlan) -> None:
    """An unchanged listing that a newer edition lists again: its facts from this dataset are confirmed by it."""
    today = timezone.now().date().isoformat()
    for start in range(0, len(plan.seen_again), 500):
        listings = list(Facility.objects.filter(pk__in=plan.seen_again[start : start + 500]).only("pk", "provenance"))
        for listing in listings:
            stamps = dict(listing.provenance or {})
            for fact, stamp in stamps.items():
                if stamp.get("kind") == SOURCE and stamp.get("dataset") == plan.dataset:
                    stamps[fact] = {**stamp, "edition": plan.edition, "confirmed": today}
            listing.provenance = stamps
            listing.last_seen_edition = plan.edition
        update_all(Facility, listings, ["provenance", "last_seen_edition"])


def _write_source_records(plan: ImportPlan, run: ImportRun) -> None:
    """What each row said, replacing what an earlier import of the same edition kept."""
    SourceRecord.objects.filter(dataset=plan.dataset, edition=plan.edition).delete()
    listing_pks: dict[str, int] = {}
    keyed = Facility.objects.exclude(dataset=Dataset.SAMPLE).order_by("dataset").values_list("identity_key", "pk")
    for key, pk in keyed:
        listing_pks[key] = pk  # the national directory's listing wins where two datasets share a key
    records = []
    for planned in plan.records:
        values = dataclasses.asdict(planned.row)
        row_number = values.pop("row_number")
        records.append(
            SourceRecord(
                dataset=plan.dataset, edition=plan.edition, row_number=row_number, import_run_id=run.pk,
                facility_id=listing_pks.get(planned.listing_key) if planned.listing_key else None,
                source_ref=planned.row.source_ref[:100], content_hash=planned.digest, values=values,
            )
        )  # fmt: skip
    insert_all(SourceRecord, records)


def _update_in_chunks(pks: list[int], **values: object) -> None:
    for start in range(0, len(pks), 500):
        Facility.objects.filter(pk__in=pks[start : start + 500]).update(**values)
