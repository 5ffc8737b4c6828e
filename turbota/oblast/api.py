"""The oblast's aggregates as JSON: the same figures and the same permissions as its pages
(``oblast.views``), read through the same queries. No endpoint here returns a person."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from turbota.accounts.permissions import analyst_oblast_ids, is_admin
from turbota.oblast import queries
from turbota.oblast.models import BoundaryLayer
from turbota.oblast.permissions import can_view_oblast
from turbota.oblast.queries import SEXES, HromadaLine, NeedFigures, OblastDashboard
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory


class FiguresSerializer(serializers.Serializer[NeedFigures]):
    need = serializers.IntegerField()
    served = serializers.IntegerField()
    unmet = serializers.IntegerField()
    capacity = serializers.IntegerField(allow_null=True, help_text="лише для обох статей")


class ServiceFiguresSerializer(serializers.Serializer[Any]):
    service = serializers.CharField(help_text="код послуги за класифікатором")
    sex = serializers.ChoiceField(choices=SEXES)
    figures = FiguresSerializer()


class GroupCountsSerializer(serializers.Serializer[Any]):
    group = serializers.CharField(help_text="код вразливої групи")
    female = serializers.IntegerField()
    male = serializers.IntegerField()
    total = serializers.IntegerField()


class StrategySerializer(serializers.Serializer[Any]):
    title = serializers.CharField()
    period = serializers.CharField()
    status_label = serializers.CharField()
    is_published = serializers.BooleanField()
    rag = serializers.CharField(allow_null=True, help_text="green, amber, red або null")
    rag_label = serializers.CharField()
    monitoring_period = serializers.CharField()


class HromadaLineSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    raion = serializers.CharField(allow_null=True)
    population = serializers.IntegerField(allow_null=True, help_text="null — немає даних")
    providers = serializers.IntegerField()
    basic_available = serializers.ListField(child=serializers.CharField())
    basic_missing = serializers.ListField(child=serializers.CharField())
    study_year = serializers.IntegerField(allow_null=True, help_text="null — немає даних")
    groups_year = serializers.IntegerField(allow_null=True)
    vulnerable_groups = GroupCountsSerializer(many=True, allow_null=True)
    needs = ServiceFiguresSerializer(many=True, allow_null=True, help_text="null — немає даних")
    strategy = StrategySerializer(allow_null=True)
    synthetic = serializers.BooleanField(help_text="серед отримувачів є синтетичні (вигадані)")


class DashboardSerializer(serializers.Serializer[Any]):
    oblast = serializers.CharField()
    year = serializers.IntegerField()
    hromadas_with_study = serializers.IntegerField()
    hromadas = HromadaLineSerializer(many=True)
    totals = ServiceFiguresSerializer(
        many=True, help_text="суми громад з чинним дослідженням, за послугами і статтю"
    )
    group_totals = GroupCountsSerializer(many=True)


def _figures(figures: NeedFigures) -> dict[str, Any]:
    return {
        "need": figures.need,
        "served": figures.served,
        "unmet": figures.unmet,
        "capacity": figures.capacity,
    }


def _strategy(line: HromadaLine) -> dict[str, Any] | None:
    facts = line.strategy
    if facts is None:
        return None
    return {
        "title": facts.title,
        "period": facts.period,
        "status_label": facts.status_label,
        "is_published": facts.is_published,
        "rag": facts.rag,
        "rag_label": facts.rag_label,
        "monitoring_period": facts.monitoring_period,
    }


def _line(board: OblastDashboard, line: HromadaLine) -> dict[str, Any]:
    codes = {group.pk: group.code for group in board.groups}
    return {
        "code": line.hromada.code,
        "name": line.hromada.display_name,
        "raion": line.raion.code if line.raion else None,
        "population": line.population,
        "providers": line.providers,
        "basic_available": [s.code for s in line.basic_available],
        "basic_missing": [s.code for s in line.basic_missing],
        "study_year": line.study.year if line.study else None,
        "groups_year": line.groups_year,
        "vulnerable_groups": [
            {"group": codes[g], "female": c.female, "male": c.male, "total": c.total}
            for g, c in line.groups.items()
        ]
        if line.groups
        else None,
        "needs": [
            {"service": s.code, "sex": sex, "figures": _figures(line.needs[(s.pk, sex)])}
            for s in board.services
            for sex in SEXES
            if (s.pk, sex) in line.needs
        ]
        if line.study
        else None,
        "strategy": _strategy(line),
        "synthetic": line.synthetic,
    }


def dashboard_data(board: OblastDashboard) -> dict[str, Any]:
    return {
        "oblast": board.oblast.code,
        "year": board.year,
        "hromadas_with_study": board.with_study,
        "hromadas": [_line(board, line) for line in board.lines],
        "totals": [
            {"service": s.code, "sex": sex, "figures": _figures(board.total_figures(s.pk, sex))}
            for s in board.services
            for sex in SEXES
        ],
        "group_totals": [
            {"group": g.code, "female": t.female, "male": t.male, "total": t.total}
            for g in board.groups
            for t in [board.total_group(g.pk)]
        ],
    }


class OblastSerializer(serializers.ModelSerializer[Territory]):
    class Meta:
        model = Territory
        fields = ["code", "name", "display_name"]
        read_only_fields = fields


class QuerySerializer(serializers.Serializer[None]):
    year = serializers.IntegerField(
        required=False,
        min_value=1991,
        max_value=2100,
        help_text="рік потреб; типово — останній рік оприлюдненого дослідження в області",
    )
    raion = serializers.CharField(required=False, help_text="код району")


class MapQuerySerializer(serializers.Serializer[None]):
    year = serializers.IntegerField(required=False, min_value=1991, max_value=2100)
    km = serializers.FloatField(
        required=False,
        min_value=0.5,
        max_value=500,
        help_text="відстань «пустелі послуг», км; типово — TURBOTA_SERVICE_DESERT_KM",
    )


class AssignmentsQuerySerializer(serializers.Serializer[None]):
    on = serializers.DateField(
        required=False, help_text="день, на який рахувати прострочені (типово — сьогодні)"
    )


@extend_schema_view(
    list=extend_schema(
        summary="Області, з якими працює користувач",
        description="Аналітикам — їхня область; адміністраторам — усі.",
    )
)
class OblastViewSet(viewsets.GenericViewSet[Territory]):
    serializer_class = OblastSerializer
    lookup_field = "code"
    lookup_value_regex = r"UA\d{17}"
    pagination_class = None

    def get_queryset(self) -> QuerySet[Territory]:
        found = queries.oblasts()
        if is_admin(self.request.user):
            return found
        return found.filter(pk__in=analyst_oblast_ids(self.request.user))

    def list(self, request: Request) -> Response:
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def _oblast(self, request: Request, code: str) -> Territory:
        oblast = get_object_or_404(Territory, code=code, category=TerritoryCategory.OBLAST)
        if not can_view_oblast(request.user, oblast):
            self.permission_denied(request)
        return oblast

    def _year(self, oblast: Territory, asked: int | None) -> int:
        return asked or queries.reference_year(oblast) or timezone.localdate().year

    @extend_schema(
        summary="Громади області поруч",
        description=(
            "Кожна громада області: населення, вразливі групи за статтю, надавачі, базові "
            "послуги (є / немає), потреба / отримують / не задоволено за кожною послугою і "
            "статтю з чинного оприлюдненого дослідження (року `year` або двох попередніх), "
            "стратегія й моніторинг. `null` — немає даних (не нуль); такі громади не входять "
            "до `totals`. Ті самі числа, що на сторінці."
        ),
        parameters=[QuerySerializer],
        responses=DashboardSerializer,
    )
    @action(detail=True, methods=["get"])
    def dashboard(self, request: Request, code: str) -> Response:
        oblast = self._oblast(request, code)
        query = QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        raion = None
        if query.validated_data.get("raion"):
            raion = get_object_or_404(queries.raions_of(oblast), code=query.validated_data["raion"])
        year = self._year(oblast, query.validated_data.get("year"))
        board = queries.dashboard(user=request.user, oblast=oblast, year=year, raion=raion)
        return Response(dashboard_data(board))

    @extend_schema(
        summary="Незадоволений попит: послуги, яких громади не можуть надати самостійно",
        description=(
            "Що позначили громади в чинних оприлюднених дослідженнях (причина, обсяг, "
            "незадоволена потреба за статтю), зведення за послугами й районами (рядок "
            "`is_total` — уся область) і нотатки регіонального планування."
        ),
        parameters=[QuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"], url_path="unmet-demand")
    def unmet_demand(self, request: Request, code: str) -> Response:
        oblast = self._oblast(request, code)
        query = QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = self._year(oblast, query.validated_data.get("year"))
        found = queries.unmet_register(oblast=oblast, year=year)
        return Response(register_data(found))

    @extend_schema(
        summary="Мапа: точки, відстані до послуг, «пустелі послуг», межі",
        description=(
            "Громади (з їхніми числами зі зведення), населені пункти з відстанню до "
            "найближчого надавача кожної послуги, надавачі з послугами, для кожної базової "
            "послуги — населені пункти, далі за `km` від надавача, і межі, якщо завантажено."
        ),
        parameters=[MapQuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"], url_path="map")
    def map(self, request: Request, code: str) -> Response:
        oblast = self._oblast(request, code)
        query = MapQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        km = query.validated_data.get("km") or queries.default_desert_km()
        year = self._year(oblast, query.validated_data.get("year"))
        found = queries.oblast_map(user=request.user, oblast=oblast, year=year, km=km)
        boundaries = BoundaryLayer.objects.filter(oblast=oblast).first()
        return Response(queries.map_data(found, boundaries=boundaries))

    @extend_schema(
        summary="Засідання робочої групи і доручення",
        description=(
            "Протоколи з дорученнями: виконавці, термін (дата, «постійно» чи не "
            "встановлено), стан, звіти; `overdue` — прострочені на день `on`."
        ),
        parameters=[AssignmentsQuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"])
    def assignments(self, request: Request, code: str) -> Response:
        oblast = self._oblast(request, code)
        query = AssignmentsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or timezone.localdate()
        return Response(assignments_data(oblast, on))


def _unmet(figures: dict[str, NeedFigures]) -> dict[str, int]:
    return {sex: figures[sex].unmet for sex in SEXES}


def register_data(found: queries.UnmetRegister) -> dict[str, Any]:
    return {
        "oblast": found.oblast.code,
        "year": found.year,
        "items": [
            {
                "hromada": item.hromada.code,
                "raion": item.raion.code if item.raion else None,
                "service": item.service.code,
                "reason": item.reason,
                "volume": item.volume,
                "study_year": item.study_year,
                "unmet": _unmet(item.unmet),
            }
            for item in found.items
        ],
        "consolidated": [
            {
                "service": row.service.code,
                "raion": row.raion.code if row.raion else None,
                "is_total": row.is_total,
                "hromadas": row.hromadas,
                "volume": row.volume,
                "without_volume": row.without_volume,
                "unmet": _unmet(row.figures),
            }
            for row in found.rows
        ],
        "planning_notes": [
            {
                "service": note.service.code,
                "raion": note.raion.code if note.raion else None,
                "hromada": note.hromada.code if note.hromada else None,
                "what": note.what,
                "planned_volume": note.planned_volume,
                "start_year": note.start_year,
            }
            for note in found.notes
        ],
    }


def assignments_data(oblast: Territory, on: datetime.date) -> dict[str, Any]:
    meetings = []
    for meeting in queries.meetings_of(oblast):
        lines = queries.assignment_lines(meeting=meeting, today=on)
        meetings.append(
            {
                "id": meeting.pk,
                "body": meeting.body,
                "number": meeting.number,
                "held_on": meeting.held_on,
                "assignments": [_assignment(line) for line in lines],
            }
        )
    overdue = queries.overdue_assignments(oblast=oblast, today=on)
    return {
        "on": on,
        "meetings": meetings,
        "overdue": [
            {"meeting": line.assignment.meeting_id, "number": line.assignment.number}
            | {"deadline": line.assignment.deadline, "days_overdue": line.days_overdue}
            for line in overdue
        ],
    }


def _assignment(line: queries.AssignmentLine) -> dict[str, Any]:
    assignment = line.assignment
    return {
        "number": assignment.number,
        "text": assignment.text,
        "addressees": [str(a) for a in line.addressees],
        "deadline": assignment.deadline,
        "is_permanent": assignment.is_permanent,
        "deadline_label": assignment.deadline_label,
        "status": assignment.status,
        "overdue": line.overdue,
        "days_overdue": line.days_overdue,
        "reports": [
            {"who": r.who, "submitted_on": r.submitted_on, "text": r.text} for r in line.reports
        ],
    }
