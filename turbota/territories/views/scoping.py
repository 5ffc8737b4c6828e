"""How every territories view finds its hromada and turns a refusal into a response."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from turbota.core.http import deny
from turbota.territories.models import Territory


def hromada_or_404(code: str) -> Territory:
    return get_object_or_404(Territory.objects.hromadas().select_related("oblast"), code=code)


def refusal(request: HttpRequest, allowed: bool) -> HttpResponse | None:
    """None when allowed; the log-in page for an anonymous visitor; otherwise 403."""
    return None if allowed else deny(request)
