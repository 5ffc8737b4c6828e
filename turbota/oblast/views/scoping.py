"""How every oblast view finds its oblast, its reference year and refuses the others."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from turbota.core.http import deny
from turbota.oblast.queries import reference_year
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory


def oblast_or_404(code: str) -> Territory:
    return get_object_or_404(Territory, code=code, category=TerritoryCategory.OBLAST)


def hromada_or_404(code: str) -> Territory:
    return get_object_or_404(
        Territory.objects.hromadas().select_related("oblast", "parent"), code=code
    )


def refusal(request: HttpRequest, allowed: bool) -> HttpResponse | None:
    """None when allowed; the log-in page for an anonymous visitor; otherwise 403."""
    return None if allowed else deny(request)


def year_of(oblast: Territory, asked: int | None) -> int:
    """The year asked for, else the latest year of a published study in the oblast, else
    this year."""
    return asked or reference_year(oblast) or timezone.localdate().year


def asked_year(request: HttpRequest, oblast: Territory) -> int:
    """``?year=`` when it is a plausible year, else as ``year_of``."""
    raw = request.GET.get("year", "")
    return year_of(oblast, int(raw) if raw.isdigit() and 1991 <= int(raw) <= 2100 else None)
