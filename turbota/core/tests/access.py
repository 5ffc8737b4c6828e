"""The access matrix: every page and endpoint × every role of ``conftest.World``.

Each app lists its pages in ``tests/test_access.py`` as ``PAGES`` (and API endpoints as
``ENDPOINTS``) and runs ``check_page`` over ``ROLES``. ``test_access_coverage`` in core
fails when a URL of the project is in no list, so no view escapes the matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from conftest import ROLES, World

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}


@dataclass(frozen=True)
class Page:
    """A URL and the roles that may open it (status 200); others get 403, or a redirect to
    the log-in page when anonymous — unless ``api`` (then 401/403 for anonymous)."""

    url_name: str
    allowed: frozenset[str]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    setup: Callable[[World], None] = field(default=lambda world: None)
    query: str = ""
    api: bool = False
    label: str = ""
    # POST-only URLs (apply, cancel, delete): what an allowed role gets back, e.g. 302.
    method: str = "get"
    ok_status: int = 200
    # For lists open to many roles: a text (e.g. a provider's name) that only some roles
    # may find on the page.
    reveals: Callable[[World], str] | None = None
    revealed_to: frozenset[str] = frozenset()

    def __str__(self) -> str:
        return self.label or self.url_name

    def url(self, world: World) -> str:
        return reverse(self.url_name, kwargs=self.kwargs(world)) + self.query


def check_page(world: World, page: Page, role: str) -> None:
    page.setup(world)
    client = world.client_for(role)
    response = (
        client.post(page.url(world)) if page.method == "post" else client.get(page.url(world))
    )
    if role in page.allowed:
        assert response.status_code == page.ok_status, (
            f"{role} should open {page}: {response.status_code}"
        )
        if page.reveals is not None:
            secret = page.reveals(world)
            found = secret in response.content.decode()
            assert found == (role in page.revealed_to), (
                f"{role} {'should' if not found else 'must not'} see «{secret}» on {page}"
            )
    elif role == "anonymous" and not page.api:
        assert response.status_code == 302, f"anonymous should be sent to log in: {page}"
        assert "/accounts/login/" in response["Location"]
    elif role == "anonymous":
        assert response.status_code in (401, 403), f"anonymous must not read {page}"
    else:
        assert response.status_code in (403, 404), (
            f"{role} must not open {page}: got {response.status_code}"
        )
