"""No page or endpoint escapes the access matrix.

Pages are listed in ``turbota/<app>/tests/test_access.py`` (``PAGES``), API endpoints in
``turbota/<app>/tests/test_api_access.py`` (``ENDPOINTS``)."""

from __future__ import annotations

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import turbota
from turbota.core.tests.access import Page

# Django's own admin checks is_staff itself.
EXEMPT_NAMESPACES = {"admin"}


def _url_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in EXEMPT_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            names |= _url_names(pattern.url_patterns, prefix)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def _matrix_pages() -> list[Page]:
    pages: list[Page] = []
    for app in pkgutil.iter_modules(turbota.__path__):
        for name in ("test_access", "test_api_access"):
            try:
                module = importlib.import_module(f"turbota.{app.name}.tests.{name}")
            except ModuleNotFoundError:
                continue
            pages += getattr(module, "PAGES", []) + getattr(module, "ENDPOINTS", [])
    return pages


def test_every_url_of_the_project_is_in_the_access_matrix() -> None:
    covered = {page.url_name for page in _matrix_pages()}
    missing = sorted(_url_names(get_resolver().url_patterns) - covered)
    assert not missing, f"add these URLs to an app's tests/test_access.py: {missing}"
