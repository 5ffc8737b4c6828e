"""Consultations' tests start with an empty cache: the public forms' rate limit counts
there, and every test client comes from the same address."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()
