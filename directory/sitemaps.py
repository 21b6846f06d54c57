from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import Facility
from directory.search.browse import iop_cities, states_with_programs
from directory.search.states import state_slug


class PagesSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["directory:home", "directory:iop-states", "directory:credits"]

    def location(self, item: str) -> str:
        return reverse(item)


class StatesSitemap(Sitemap):
    def items(self) -> list[str]:
        return [slug for _code, _name, slug, _count in states_with_programs()]

    def location(self, item: str) -> str:
        return reverse("directory:iop-state", args=[item])


class CitiesSitemap(Sitemap):
    def items(self) -> list[tuple[str, str]]:
        return [(state_slug(code), city.slug) for code, cities in iop_cities().items() for city in cities]

    def location(self, item: tuple[str, str]) -> str:
        return reverse("directory:iop-city", args=list(item))


class FacilitiesSitemap(Sitemap):
    limit = 20000

    def items(self):
        return Facility.objects.filter(published=True).order_by("pk").only("public_id", "updated_at")

    def lastmod(self, item: Facility):
        return item.updated_at


SITEMAPS = {"pages": PagesSitemap, "states": StatesSitemap, "cities": CitiesSitemap, "facilities": FacilitiesSitemap}
