"""The catalogue as open JSON: the classifier, basic-service lists, vulnerable groups, age
bands and factors of difficult life circumstances. Public and read-only."""

from __future__ import annotations

import datetime

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from turbota.catalog.models import (
    AgeBand,
    BasicServiceList,
    BasicServiceListEntry,
    BasicServiceListQuerySet,
    LifeCircumstanceFactor,
    Service,
    ServiceGroup,
    ServiceQuerySet,
    VulnerableGroup,
)
from turbota.catalog.queries import basic_service_lists, services_with_basic_flag

# --- query parameters ---------------------------------------------------------------


class ServiceQuerySerializer(serializers.Serializer[None]):
    on = serializers.DateField(
        required=False,
        help_text="дата, на яку визначати базові послуги (РРРР-ММ-ДД); типово — сьогодні",
    )
    basic = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true — лише базові послуги, false — лише не базові",
    )


class OnDateQuerySerializer(serializers.Serializer[None]):
    on = serializers.DateField(
        required=False,
        help_text="дата, на яку визначати чинність переліку (РРРР-ММ-ДД); типово — сьогодні",
    )


def _day(data: dict[str, object]) -> datetime.date:
    on = data.get("on")
    return on if isinstance(on, datetime.date) else timezone.localdate()


# --- serializers ----------------------------------------------------------------------


class ServiceGroupSerializer(serializers.ModelSerializer[ServiceGroup]):
    class Meta:
        model = ServiceGroup
        fields = ["code", "name", "name_confirmed"]


class ServiceSerializer(serializers.ModelSerializer[Service]):
    group = ServiceGroupSerializer(read_only=True)
    purpose_label = serializers.CharField(source="get_purpose_display", read_only=True)
    is_basic = serializers.BooleanField(
        read_only=True, help_text="входить до переліку базових послуг, чинного на дату запиту"
    )

    class Meta:
        model = Service
        fields = ["code", "name", "name_confirmed", "group", "purpose", "purpose_label", "is_basic"]


class BasicServiceListEntrySerializer(serializers.ModelSerializer[BasicServiceListEntry]):
    service: serializers.SlugRelatedField[Service] = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="код класифікатора; null, доки адміністратор його не встановив",
    )

    class Meta:
        model = BasicServiceListEntry
        fields = ["position", "name", "service"]


class BasicServiceListSerializer(serializers.ModelSerializer[BasicServiceList]):
    is_in_force = serializers.BooleanField(read_only=True, help_text="чинний на дату запиту")
    entries = BasicServiceListEntrySerializer(many=True, read_only=True)

    class Meta:
        model = BasicServiceList
        fields = [
            "id",
            "title",
            "legal_act",
            "valid_from",
            "valid_to",
            "note",
            "is_in_force",
            "entries",
        ]


class VulnerableGroupSerializer(serializers.ModelSerializer[VulnerableGroup]):
    unit_label = serializers.CharField(source="get_unit_display", read_only=True)
    reference_date_type_label = serializers.CharField(
        source="get_reference_date_type_display", read_only=True
    )

    class Meta:
        model = VulnerableGroup
        fields = [
            "code",
            "name",
            "annex_row",
            "unit",
            "unit_label",
            "reference_date_type",
            "reference_date_type_label",
            "data_source",
            "position",
            "is_confirmed",
            "note",
        ]


class AgeBandSerializer(serializers.ModelSerializer[AgeBand]):
    class Meta:
        model = AgeBand
        fields = ["id", "label", "min_age", "max_age"]
        # ``label`` is the model's property; declared here it would shadow ``Field.label``.
        extra_kwargs = {"label": {"help_text": "наприклад 18-34 або 80+"}}


class LifeCircumstanceFactorSerializer(serializers.ModelSerializer[LifeCircumstanceFactor]):
    class Meta:
        model = LifeCircumstanceFactor
        fields = ["code", "name", "position"]


# --- viewsets -------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Класифікатор соціальних послуг",
        description=(
            "37 кодів класифікатора (наказ Мінсоцполітики № 429) з групою, назвою і "
            "позначкою, чи звірено назву (`name_confirmed: false` — заглушка, яку має "
            "уточнити адміністратор). `is_basic` — чи входить послуга до переліку базових "
            "послуг, чинного сьогодні або на дату `?on=`. Відповідь має звичайну для API "
            "сторінкову форму (`count`, `next`, `previous`, `results`); усі коди вміщуються "
            "на першій сторінці."
        ),
        parameters=[ServiceQuerySerializer],
    ),
    retrieve=extend_schema(
        summary="Соціальна послуга за кодом",
        parameters=[ServiceQuerySerializer],
    ),
)
class ServiceViewSet(viewsets.ReadOnlyModelViewSet[Service]):
    permission_classes = [AllowAny]
    serializer_class = ServiceSerializer
    filter_backends: list[type] = []
    lookup_field = "code"
    lookup_value_regex = r"\d{3}\.\d(\.\d)?"

    def get_queryset(self) -> ServiceQuerySet:
        params = ServiceQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return services_with_basic_flag(
            _day(params.validated_data), basic=params.validated_data["basic"]
        )


@extend_schema_view(
    list=extend_schema(
        summary="Переліки базових соціальних послуг",
        description=(
            "Усі версії переліку базових послуг (ч. 6 ст. 16 Закону «Про соціальні "
            "послуги») від найновішої: нормативний акт, дати чинності і послуги з кодами "
            "класифікатора (`service: null` — код ще не встановлено)."
        ),
        parameters=[OnDateQuerySerializer],
    ),
    retrieve=extend_schema(
        summary="Версія переліку базових послуг", parameters=[OnDateQuerySerializer]
    ),
)
class BasicServiceListViewSet(viewsets.ReadOnlyModelViewSet[BasicServiceList]):
    permission_classes = [AllowAny]
    serializer_class = BasicServiceListSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> BasicServiceListQuerySet:
        params = OnDateQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return basic_service_lists(_day(params.validated_data))


@extend_schema_view(
    list=extend_schema(
        summary="Вразливі групи населення",
        description=(
            "Показники додатка 1 до наказу Мінсоцполітики № 130-Н: одиниця обліку, дата, на "
            "яку рахують, джерело даних. `is_confirmed: false` — рядок ще не звірено з наказом."
        ),
    ),
    retrieve=extend_schema(summary="Вразлива група за кодом"),
)
class VulnerableGroupViewSet(viewsets.ReadOnlyModelViewSet[VulnerableGroup]):
    permission_classes = [AllowAny]
    serializer_class = VulnerableGroupSerializer
    queryset = VulnerableGroup.objects.all()
    lookup_field = "code"


@extend_schema_view(
    list=extend_schema(
        summary="Вікові групи",
        description="Вікові групи для розподілу людей за віком; межі включні, "
        "`max_age: null` — відкрита група (наприклад 80+).",
    ),
    retrieve=extend_schema(summary="Вікова група"),
)
class AgeBandViewSet(viewsets.ReadOnlyModelViewSet[AgeBand]):
    permission_classes = [AllowAny]
    serializer_class = AgeBandSerializer
    queryset = AgeBand.objects.all()


@extend_schema_view(
    list=extend_schema(
        summary="Чинники складних життєвих обставин",
        description="Чинники, що можуть зумовити складні життєві обставини (ст. 1 Закону "
        "«Про соціальні послуги»).",
    ),
    retrieve=extend_schema(summary="Чинник складних життєвих обставин за кодом"),
)
class LifeCircumstanceFactorViewSet(viewsets.ReadOnlyModelViewSet[LifeCircumstanceFactor]):
    permission_classes = [AllowAny]
    serializer_class = LifeCircumstanceFactorSerializer
    queryset = LifeCircumstanceFactor.objects.all()
    lookup_field = "code"
