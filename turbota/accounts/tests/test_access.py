from __future__ import annotations

import pytest

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, SIGNED_IN, Page, check_page

PAGES = [
    Page("accounts:login", EVERYONE),
    Page("accounts:logout", EVERYONE, method="post", ok_status=302),
    Page("accounts:password_change", SIGNED_IN),
    Page("accounts:password_change_done", SIGNED_IN),
    Page("accounts:profile", SIGNED_IN),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
