"""The service legend in the database: written from a source's own reference sheet."""

from __future__ import annotations

from directory.models import Service, ServiceCategory
from directory.service_mask import MAX_SERVICES
from imports.readers import ImportFileError, LegendEntry


def stored_legend() -> list[LegendEntry]:
    return [
        LegendEntry(s.category.code, s.category.name, s.code, s.name, s.description)
        for s in Service.objects.select_related("category")
    ]


def upsert_legend(entries: list[LegendEntry]) -> dict[str, int]:
    """Write new or changed categories and codes; return each code's mask bit.

    Codes that a newer legend drops keep their row and bit: facilities of
    older editions may still offer them.
    """
    categories = {category.code: category for category in ServiceCategory.objects.all()}
    for position, entry in enumerate({e.category_code: e for e in entries}.values()):
        category = categories.get(entry.category_code)
        if category is None:
            categories[entry.category_code] = ServiceCategory.objects.create(
                code=entry.category_code, name=entry.category_name, position=position
            )
        elif (category.name, category.position) != (entry.category_name, position):
            category.name, category.position = entry.category_name, position
            category.save(update_fields=["name", "position"])

    services = {service.code: service for service in Service.objects.all()}
    next_bit = max((service.bit for service in services.values()), default=-1) + 1
    for position, entry in enumerate(entries):
        category = categories[entry.category_code]
        service = services.get(entry.code)
        if service is None:
            if next_bit >= MAX_SERVICES:
                raise ImportFileError(f"The legend has more than {MAX_SERVICES} service codes in all.")
            services[entry.code] = Service.objects.create(
                code=entry.code, name=entry.name, description=entry.description,
                category=category, bit=next_bit, position=position,
            )  # fmt: skip
            next_bit += 1
            continue
        wanted = (entry.name, entry.description, category.pk, position)
        if (service.name, service.description, service.category_id, service.position) != wanted:
            service.name, service.description, service.category, service.position = (
                entry.name, entry.description, category, position
            )  # fmt: skip
            service.save(update_fields=["name", "description", "category", "position"])
    return {code: service.bit for code, service in services.items()}
