"""Admin for territories: the codifier read-only, the profile data editable with filters."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from turbota.territories.models import (
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin[Territory]):
    """Reference data loaded from the official codifier (``load_reference``): read-only."""

    list_display = ("name", "category", "code", "parent", "is_current")
    list_filter = ("category", "is_current", "is_crimea")
    search_fields = ("name", "code")
    list_select_related = ("parent",)
    ordering = ("sort_key", "code")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Territory | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Territory | None = None) -> bool:
        return False


@admin.register(HromadaProfile)
class HromadaProfileAdmin(admin.ModelAdmin[HromadaProfile]):
    list_display = ("hromada", "area_km2", "administrative_centre", "is_published", "updated_at")
    list_filter = ("is_published",)
    search_fields = ("hromada__name", "hromada__code")
    list_select_related = ("hromada", "administrative_centre")
    autocomplete_fields = ("hromada", "administrative_centre")


@admin.register(SettlementProfile)
class SettlementProfileAdmin(admin.ModelAdmin[SettlementProfile]):
    list_display = ("settlement", "hromada", "population", "population_year", "is_urban")
    list_filter = ("is_urban", "is_estimated", "population_year")
    search_fields = ("settlement__name", "settlement__code", "hromada__name")
    list_select_related = ("settlement", "hromada")
    autocomplete_fields = ("settlement", "hromada")


class _CountAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    search_fields = ("hromada__name", "hromada__code", "territory__name", "territory__code")
    autocomplete_fields = ("hromada", "territory")


@admin.register(PopulationCount)
class PopulationCountAdmin(_CountAdmin):
    list_display = ("territory", "year", "age_band", "sex", "count", "is_estimated")
    list_filter = ("year", "sex", "age_band", "is_estimated")
    list_select_related = ("hromada", "territory", "age_band")


@admin.register(VulnerableGroupCount)
class VulnerableGroupCountAdmin(_CountAdmin):
    list_display = ("territory", "year", "group", "sex", "count", "is_estimated")
    list_filter = ("year", "sex", "group", "is_estimated")
    list_select_related = ("hromada", "territory", "group")


@admin.register(DisabilityCount)
class DisabilityCountAdmin(_CountAdmin):
    list_display = ("territory", "year", "group", "sex", "count", "is_estimated")
    list_filter = ("year", "sex", "group", "is_estimated")
    list_select_related = ("hromada", "territory")


@admin.register(VitalStatistics)
class VitalStatisticsAdmin(admin.ModelAdmin[VitalStatistics]):
    list_display = ("hromada", "year", "births", "deaths", "is_estimated")
    list_filter = ("year", "is_estimated")
    search_fields = ("hromada__name", "hromada__code")
    list_select_related = ("hromada",)
    autocomplete_fields = ("hromada",)
