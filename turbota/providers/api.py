"""The provider registry as JSON: the same providers, cards and hidden identifiers as the
registry pages (``providers.views``), read through the same queries and permissions."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from turbota.catalog.models import Service
from turbota.providers import queries
from turbota.providers.enums import OwnershipSector
from turbota.providers.models import (
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    ProviderQuerySet,
    StaffPosition,
)
from turbota.providers.permissions import can_view_provider, can_view_provider_identifiers

# --- filters --------------------------------------------------------------------------


# "true" / "false" only: anything else is a 400, not a silently unfiltered list.
STRICT_BOOLEAN = [("true", "true"), ("false", "false")]


def _true(value: str) -> bool:
    return value == "true"


class ProviderAPIFilter(filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    hromada = filters.CharFilter(field_name="hromada__code", label="код громади за КАТОТТГ")
    sector = filters.ChoiceFilter(
        field_name="ownership_sector", choices=OwnershipSector.choices, label="сектор"
    )
    service = filters.CharFilter(method="filter_service", label="код послуги за класифікатором")
    is_potential = filters.TypedChoiceFilter(
        choices=STRICT_BOOLEAN,
        coerce=_true,
        label="true — лише потенційні надавачі (ГО, благодійні), false — лише надавачі",
    )
    in_national_registry = filters.TypedChoiceFilter(
        choices=STRICT_BOOLEAN, coerce=_true, label="внесено до Реєстру надавачів"
    )
    search = filters.CharFilter(method="filter_search", label="слова назви або початок коду ЄДРПОУ")

    class Meta:
        model = Provider
        fields: list[str] = []

    def filter_service(self, providers: ProviderQuerySet, name: str, value: str) -> Any:
        service = Service.objects.filter(code=value.strip()).first()
        return queries.offering(providers, service) if service else providers.none()

    def filter_search(self, providers: ProviderQuerySet, name: str, value: str) -> Any:
        return queries.search_providers(providers, value)


# --- serializers ----------------------------------------------------------------------


class ProviderSerializer(serializers.ModelSerializer[Provider]):
    hromada: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="код громади за КАТОТТГ"
    )
    registry_code = serializers.SerializerMethodField(
        help_text="ЄДРПОУ або РНОКПП; РНОКПП (фізичної особи чи будь-який 10-значний код) — "
        "лише тим, хто може редагувати картку, для інших null (персональні дані)"
    )
    registry_code_hidden = serializers.SerializerMethodField(
        help_text="true — код приховано як персональні дані (як «приховано» на сторінці)"
    )
    ownership_sector_label = serializers.CharField(
        source="get_ownership_sector_display", read_only=True
    )
    service_codes = serializers.SerializerMethodField(help_text="коди послуг за класифікатором")

    class Meta:
        model = Provider
        fields = [
            "id",
            "hromada",
            "full_name",
            "short_name",
            "registry_code",
            "registry_code_hidden",
            "legal_form",
            "ownership_sector",
            "ownership_sector_label",
            "is_potential",
            "in_national_registry",
            "service_codes",
        ]
        read_only_fields = fields

    def _may_see_codes(self, provider: Provider) -> bool:
        return can_view_provider_identifiers(self.context["request"].user, provider)

    def get_registry_code(self, provider: Provider) -> str | None:
        return None if self.get_registry_code_hidden(provider) else provider.registry_code

    def get_registry_code_hidden(self, provider: Provider) -> bool:
        # As the card: "hidden" whether or not a code is on file, so as not to tell that.
        return provider.has_personal_code and not self._may_see_codes(provider)

    def get_service_codes(self, provider: Provider) -> list[str]:
        # Prefetched by ``queries.provider_rows`` and by the card.
        return [provided.service.code for provided in provider.services.all()]


class AddressSerializer(serializers.ModelSerializer[ProviderAddress]):
    settlement: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = ProviderAddress
        fields = ["settlement", "address"]
        read_only_fields = fields


class DepartmentSerializer(serializers.ModelSerializer[Department]):
    settlement: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Department
        fields = ["id", "name", "settlement", "address"]
        read_only_fields = fields


class StaffPositionSerializer(serializers.ModelSerializer[StaffPosition]):
    vacancy = serializers.DecimalField(max_digits=7, decimal_places=2, read_only=True)

    class Meta:
        model = StaffPosition
        fields = ["title", "department", "established", "filled", "vacancy"]
        read_only_fields = fields


class ProvidedServiceSerializer(serializers.ModelSerializer[ProvidedService]):
    service: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    service_name = serializers.CharField(source="service.name", read_only=True)

    class Meta:
        model = ProvidedService
        fields = [
            "service",
            "service_name",
            "department",
            "capacity",
            "capacity_unit",
            "free",
            "differentiated_fee",
            "paid",
        ]
        read_only_fields = fields


class ProviderDetailSerializer(ProviderSerializer):
    parent_code = serializers.SerializerMethodField(
        help_text="ЄДРПОУ засновника; 10-значний (РНОКПП особи) — лише тим, хто редагує картку"
    )
    legal_settlement: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    addresses = serializers.SerializerMethodField()
    departments = serializers.SerializerMethodField()
    staff = serializers.SerializerMethodField()
    services = serializers.SerializerMethodField()

    class Meta(ProviderSerializer.Meta):
        fields = [
            *ProviderSerializer.Meta.fields,
            "parent_code",
            "activity",
            "phone",
            "email",
            "website",
            "postcode",
            "legal_address",
            "legal_settlement",
            "registry_status_date",
            "last_inspection_date",
            "last_inspection_body",
            "last_inspection_result",
            "version",
            "addresses",
            "departments",
            "staff",
            "services",
        ]
        read_only_fields = fields

    def get_parent_code(self, provider: Provider) -> str | None:
        if provider.has_personal_parent_code and not self._may_see_codes(provider):
            return None
        return provider.parent_code

    def _card(self) -> queries.ProviderCard:
        card: queries.ProviderCard = self.context["card"]
        return card

    @extend_schema_field(AddressSerializer(many=True))
    def get_addresses(self, provider: Provider) -> Any:
        return AddressSerializer(self._card().addresses, many=True).data

    @extend_schema_field(DepartmentSerializer(many=True))
    def get_departments(self, provider: Provider) -> Any:
        return DepartmentSerializer(self._card().departments, many=True).data

    @extend_schema_field(StaffPositionSerializer(many=True))
    def get_staff(self, provider: Provider) -> Any:
        return StaffPositionSerializer(self._card().staff, many=True).data

    @extend_schema_field(ProvidedServiceSerializer(many=True))
    def get_services(self, provider: Provider) -> Any:
        return ProvidedServiceSerializer(self._card().services, many=True).data


# --- endpoints ------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Надавачі соціальних послуг",
        description=(
            "Надавачі, яких може бачити користувач (ті самі, що в реєстрі на сторінках): "
            "надавачі громад з опублікованим профілем — усім; громади — її працівникам і "
            "робочій групі; області — її аналітикам; власний надавач — його працівникам. "
            "Потенційні надавачі (ГО, благодійні організації) мають `is_potential: true`."
        ),
    ),
    retrieve=extend_schema(
        summary="Картка надавача",
        description="Адреси, відділення, штатні одиниці та послуги з потужністю й оплатою.",
        responses=ProviderDetailSerializer,
    ),
)
class ProviderViewSet(viewsets.ReadOnlyModelViewSet[Provider]):
    permission_classes = [AllowAny]  # the list is scoped, a card is checked against the user
    filterset_class = ProviderAPIFilter
    serializer_class = ProviderSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> ProviderQuerySet:
        return queries.provider_rows(queries.providers_visible_to(self.request.user))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        provider = get_object_or_404(
            Provider.objects.select_related("hromada", "legal_settlement").prefetch_related(
                "services__service"
            ),
            pk=kwargs["pk"],
        )
        if not can_view_provider(request.user, provider):
            self.permission_denied(request)
        context = {**self.get_serializer_context(), "card": queries.provider_card(provider)}
        return Response(ProviderDetailSerializer(provider, context=context).data)
