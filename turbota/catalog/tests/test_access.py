import pytest

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, Page, check_page

PAGES = [
    Page(url_name="catalog:index", allowed=EVERYONE),
    Page(url_name="catalog:services", allowed=EVERYONE),
    Page(url_name="catalog:basic_services", allowed=EVERYONE),
    Page(url_name="catalog:vulnerable_groups", allowed=EVERYONE),
    Page(url_name="catalog:age_bands", allowed=EVERYONE),
    Page(url_name="catalog:life_circumstances", allowed=EVERYONE),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
