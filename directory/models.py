"""Facilities and the SAMHSA service taxonomy they are described by."""

import re
from functools import lru_cache

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.bands import band_of
from directory.legend_names import CATEGORY, SERVICE, legend_name
from directory.phones import HOTLINE, INTAKE, MAIN, same_line
from directory.service_mask import MASK_WORDS, bits_of, join_words


class ServiceCategory(models.Model):
    """A group of the legend, such as "Payment/Insurance/Funding Accepted"."""

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = "service categories"

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the visitor's language, where there is a translation."""
        return legend_name(CATEGORY, self.code, self.name)


class Service(models.Model):
    """One code of the legend. `bit` is its place in Facility's service masks.

    A bit is given to a code the first time any import sees it and is never
    reused, so masks written by earlier imports stay true.
    """

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    category = models.ForeignKey(ServiceCategory, on_delete=models.PROTECT, related_name="services")
    bit = models.PositiveSmallIntegerField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["category__position", "position"]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def local_name(self) -> str:
        """The name in the visitor's language, where there is a translation."""
        return legend_name(SERVICE, self.code, self.name)


class SearchRevision(models.Model):
    """One row whose token changes with every write to what the search reads.

    Database triggers (migration 0005) give it a new random token whenever a
    facility is inserted or deleted, or its position, services or published
    flag change, however the write is made (imports write with plain SQL).
    Each process's copy of the search columns (directory.search.snapshot) is
    used only while its token is the current one. SQLite drops a table's
    triggers when a migration rebuilds the table: a migration that alters
    Facility must install them again (test_search_snapshot.py notices).
    """

    id = models.PositiveSmallIntegerField(primary_key=True)
    token = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"search revision {self.token}"


class Place(models.Model):
    """A ZIP code and its center, from the offline `zipcodes` package (GeoNames).

    Kept as a table so that an import or a search looks up only the ZIP codes
    it needs instead of loading 42,000 entries into every process. A ZIP code
    without a real center (military mail, many post-office-box and single-
    organization codes) has no position at all, never a placeholder one
    (see directory.zip_places).
    """

    zip_code = models.CharField(max_length=5, primary_key=True)
    city = models.CharField(max_length=120)
    state = models.CharField(max_length=2)
    # The Postal Service's kind of code: STANDARD, PO BOX, UNIQUE (one
    # organization) or MILITARY. A city's center is taken from its standard ones.
    kind = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        indexes = [models.Index(fields=["state", "city"], name="place_state_city")]

    def __str__(self) -> str:
        return f"{self.zip_code} {self.city}, {self.state}"


class Dataset(models.TextChoices):
    NATIONAL_DIRECTORY = "samhsa-nd", _("SAMHSA National Directory")
    FINDTREATMENT = "findtreatment", _("FindTreatment.gov")
    SAMPLE = "sample", _("Sample data")


class CoordinatePrecision(models.TextChoices):
    SOURCE = "source", _("given by the data source")
    STREET = "street", _("street address")
    ZIP = "zip", _("ZIP code center")
    CITY = "city", _("city center")
    # Neither the source, a street match, the ZIP code nor the city gives a
    # real position: found by state, city and name, never by distance.
    UNKNOWN = "unknown", _("unknown")


class Facility(models.Model):
    """One listed program at one site, as the directory publishes it."""

    public_id = models.CharField(max_length=16, unique=True, editable=False)
    dataset = models.CharField(max_length=20, choices=Dataset.choices)
    # What an import matches a new edition's row against (see imports.identity).
    identity_key = models.CharField(max_length=64, editable=False)
    # A digest of everything the source says about the row: equal digests
    # mean a re-import has nothing to write.
    content_hash = models.CharField(max_length=64, editable=False)

    name = models.CharField(_("organization"), max_length=300)
    program_name = models.CharField(_("program"), max_length=300, blank=True)
    street1 = models.CharField(max_length=300, blank=True)
    street2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120)
    state = models.CharField(max_length=2)
    zip_code = models.CharField(max_length=10)
    phone = models.CharField(max_length=60, blank=True)
    intake_phones = models.JSONField(default=list, blank=True)
    hotline = models.CharField(max_length=60, blank=True)
    website = models.URLField(max_length=500, blank=True)

    # None when the position is unknown (coordinate_precision "unknown").
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    coordinate_precision = models.CharField(max_length=10, choices=CoordinatePrecision.choices)
    # band_of(longitude), the search index's leading key (see directory.bands);
    # save() keeps it, and the importer's bulk writes set it with the position.
    longitude_band = models.PositiveSmallIntegerField(default=0, editable=False)

    # The services offered, one bit per Service.bit, in MASK_WORDS signed
    # 64-bit words so both SQLite and PostgreSQL can test them with `&`.
    services_0 = models.BigIntegerField(default=0)
    services_1 = models.BigIntegerField(default=0)
    services_2 = models.BigIntegerField(default=0)
    services_3 = models.BigIntegerField(default=0)
    services_4 = models.BigIntegerField(default=0)
    services_5 = models.BigIntegerField(default=0)

    # Where each published fact comes from and when it was last confirmed, by
    # field name (directory.provenance); empty until an import records it.
    provenance = models.JSONField(null=True, blank=True, editable=False)
    # Fields a newer source disagrees on while a reviewed correction holds
    # them: field name -> what that source said (directory.provenance).
    review_flags = models.JSONField(null=True, blank=True, editable=False)

    published = models.BooleanField(default=True)
    edition = models.PositiveSmallIntegerField(help_text="Edition the current details come from.")
    first_seen_edition = models.PositiveSmallIntegerField()
    last_seen_edition = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "facilities"
        constraints = [
            models.UniqueConstraint(fields=["dataset", "identity_key"], name="facility_identity_per_dataset"),
        ]
        indexes = [
            # Covering index for the location search: per longitude band, a
            # range of latitude, then longitude and the service bits, without
            # the table.
            # PostgreSQL needs the id included to answer from the index alone
            # (SQLite's indexes carry it anyway): at a million facilities that
            # halves the search.
            models.Index(
                fields=[
                    "published",
                    "longitude_band",
                    "latitude",
                    "longitude",
                    "services_0",
                    "services_1",
                    "services_2",
                    "services_3",
                    "services_4",
                    "services_5",
                ],
                include=["id"],
                name="facility_search",
            ),
            models.Index(fields=["published", "state", "city"], name="facility_state_city"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        self.longitude_band = band_of(self.longitude) if self.longitude is not None else 0
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "longitude" in update_fields:
            kwargs["update_fields"] = {*update_fields, "longitude_band"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return _facility_url_pattern().replace(_PUBLIC_ID_PLACEHOLDER, self.public_id)

    def phone_numbers(self) -> list[tuple[str, str]]:
        """(kind, number as the source wrote it) for each line it lists: main, then intake, then hotline.

        A line listed twice, even once in digits and once in letters, is listed once, under its first kind.
        """
        numbers = [(MAIN, self.phone), *((INTAKE, raw) for raw in self.intake_phones), (HOTLINE, self.hotline)]
        lines: list[tuple[str, str]] = []
        for kind, raw in numbers:
            if raw and not any(same_line(raw, listed) or raw == listed for _kind, listed in lines):
                lines.append((kind, raw))
        return lines

    @property
    def po_box_only(self) -> bool:
        """Whether the address gives only a post-office box, no street."""
        lines = [line for line in (self.street1, self.street2) if line.strip()]
        return bool(lines) and all(_PO_BOX.match(line) for line in lines)

    @property
    def display_name(self) -> str:
        return f"{self.name}: {self.program_name}" if self.program_name else self.name

    @property
    def service_words(self) -> tuple[int, ...]:
        return tuple(getattr(self, f"services_{i}") for i in range(MASK_WORDS))

    def service_bits(self) -> list[int]:
        return bits_of(join_words(self.service_words))


_PUBLIC_ID_PLACEHOLDER = "public-id"
_PO_BOX = re.compile(r"^\s*(?:p\.?\s*o\.?|post\s+office)\s*box\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _facility_url_pattern() -> str:
    """The facility URL with a placeholder: one reverse() per process, where one per
    result card cost a fifth of a search request."""
    return reverse("directory:facility", args=[_PUBLIC_ID_PLACEHOLDER])
