"""The oblast's hromadas side by side, and its export."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from turbota.accounts.permissions import analyst_oblast_ids, is_admin
from turbota.catalog.models import Service, VulnerableGroup
from turbota.oblast import queries
from turbota.oblast.documents import dashboard_workbook
from turbota.oblast.forms import DashboardForm
from turbota.oblast.permissions import can_manage_oblast, can_view_oblast
from turbota.oblast.queries import SEXES, HromadaLine, NeedFigures, SexCounts
from turbota.oblast.views.scoping import oblast_or_404, refusal, year_of
from turbota.reports.documents import CONTENT_TYPES
from turbota.territories.models import Territory

DEFAULT_SERVICE = "015.1"  # home care: the service every hromada's table has
DEFAULT_GROUP = "older_persons"  # the group home care is mostly for


def index(request: HttpRequest) -> HttpResponse:
    """The oblasts the user works with."""
    found = queries.oblasts()
    if not is_admin(request.user):
        found = found.filter(pk__in=analyst_oblast_ids(request.user))
    if denied := refusal(request, is_admin(request.user) or found.exists()):
        return denied
    return render(request, "oblast/index.html", {"nav": "oblast", "oblasts": list(found)})


@dataclass(frozen=True)
class Shown:
    """What the reader asked the dashboard to show, with defaults filled in."""

    raion: Territory | None
    year: int
    service: Service | None
    group: VulnerableGroup | None
    sort: str
    descending: bool
    sex: str


def shown(request: HttpRequest, oblast: Territory) -> tuple[DashboardForm, Shown]:
    service = (
        Service.objects.filter(code=DEFAULT_SERVICE).first()
        or Service.objects.order_by("code").first()
    )
    group = (
        VulnerableGroup.objects.filter(code=DEFAULT_GROUP).first()
        or VulnerableGroup.objects.order_by("position", "name").first()
    )
    form = DashboardForm(
        request.GET or None, oblast=oblast, initial={"service": service, "group": group}
    )
    data = form.cleaned_data if form.is_valid() else {}
    return form, Shown(
        raion=data.get("raion"),
        year=year_of(oblast, data.get("year")),
        service=data.get("service") or service,
        group=data.get("group") or group,
        sort=data.get("sort") or "name",
        descending=bool(data.get("descending")),
        sex=data.get("sex") or "total",
    )


@dataclass(frozen=True)
class Row:
    """A hromada's line with the chosen service's figures and group's counts picked out."""

    line: HromadaLine
    figures: dict[str, NeedFigures | None]
    group: SexCounts | None


def _rows(lines: list[HromadaLine], asked: Shown) -> list[Row]:
    service_id = asked.service.pk if asked.service else None
    group_id = asked.group.pk if asked.group else None
    return [
        Row(
            line,
            {sex: line.figures(service_id, sex) if service_id else None for sex in SEXES},
            line.groups.get(group_id) if group_id else None,
        )
        for line in lines
    ]


def sort_links(request: HttpRequest, asked: Shown) -> dict[str, str]:
    """Column key → the query that sorts by it (again: the other way round)."""
    links = {}
    for key in queries.SORT_KEYS:
        params = request.GET.copy()
        params["sort"] = key
        params.pop("descending", None)
        if key == asked.sort and not asked.descending:
            params["descending"] = "on"
        links[key] = "?" + params.urlencode()
    return links


def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    form, asked = shown(request, oblast)
    board = queries.dashboard(user=request.user, oblast=oblast, year=asked.year, raion=asked.raion)
    service_id = asked.service.pk if asked.service else None
    lines = queries.sort_lines(
        board.lines,
        key=asked.sort,
        descending=asked.descending,
        service_id=service_id,
        sex=asked.sex,
        group_id=asked.group.pk if asked.group else None,
    )
    return render(
        request,
        "oblast/dashboard.html",
        {
            "nav": "oblast",
            "oblast": oblast,
            "board": board,
            "rows": _rows(lines, asked),
            "form": form,
            "asked": asked,
            "totals": {sex: board.total_figures(service_id, sex) for sex in SEXES}
            if service_id
            else None,
            "group_total": board.total_group(asked.group.pk) if asked.group else None,
            "query": request.GET.urlencode(),
            "sort_links": sort_links(request, asked),
            "can_manage": can_manage_oblast(request.user, oblast),
        },
    )


def dashboard_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    _, asked = shown(request, oblast)
    board = queries.dashboard(user=request.user, oblast=oblast, year=asked.year, raion=asked.raion)
    response = HttpResponse(dashboard_workbook(board), content_type=CONTENT_TYPES["xlsx"])
    name = f"oblast-{oblast.code}-{asked.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
