import pytest

from conftest import ROLES, World
from turbota.catalog.models import AgeBand, BasicServiceList
from turbota.core.tests.access import EVERYONE, Page, check_page

ENDPOINTS = [
    Page(url_name="api-root", allowed=EVERYONE, api=True),
    Page(url_name="api-schema", allowed=EVERYONE, api=True),
    Page(url_name="api-docs", allowed=EVERYONE, api=True),
    Page(url_name="service-list", allowed=EVERYONE, api=True),
    Page(url_name="service-detail", allowed=EVERYONE, api=True, kwargs=lambda w: {"code": "015.1"}),
    Page(url_name="basic-service-list-list", allowed=EVERYONE, api=True),
    Page(
        url_name="basic-service-list-detail",
        allowed=EVERYONE,
        api=True,
        kwargs=lambda w: {"pk": BasicServiceList.objects.get().pk},
    ),
    Page(url_name="vulnerable-group-list", allowed=EVERYONE, api=True),
    Page(
        url_name="vulnerable-group-detail",
        allowed=EVERYONE,
        api=True,
        kwargs=lambda w: {"code": "older_persons"},
    ),
    Page(url_name="age-band-list", allowed=EVERYONE, api=True),
    Page(
        url_name="age-band-detail",
        allowed=EVERYONE,
        api=True,
        kwargs=lambda w: {"pk": AgeBand.objects.get(min_age=80).pk},
    ),
    Page(url_name="life-circumstance-list", allowed=EVERYONE, api=True),
    Page(
        url_name="life-circumstance-detail",
        allowed=EVERYONE,
        api=True,
        kwargs=lambda w: {"code": "old_age"},
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ENDPOINTS, ids=str)
def test_endpoint_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
