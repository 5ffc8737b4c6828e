"""The provider registry for administrators: cards with their parts inline, and each
part on its own for searching across providers. Saving a card here bumps its version,
so a form opened elsewhere meanwhile is refused as stale."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from turbota.providers.models import (
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    StaffPosition,
)
from turbota.territories.models import Territory


class HromadaFilter(admin.SimpleListFilter):
    """Only hromadas that have providers (the codifier has thousands of units)."""

    title = "громада"
    parameter_name = "hromada"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        hromadas = Territory.objects.filter(pk__in=Provider.objects.values("hromada_id")).order_by(
            "sort_key"
        )
        return [(str(hromada.pk), hromada.display_name) for hromada in hromadas]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.value():
            return queryset
        field = "hromada_id" if queryset.model is Provider else "provider__hromada_id"
        return queryset.filter(**{field: self.value()})


class _OwnDepartments:
    """Department choices limited to the provider being edited."""

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "department":
            match = request.resolver_match
            object_id = match.kwargs.get("object_id") if match else None
            departments = Department.objects.all()
            kwargs["queryset"] = (
                departments.filter(provider_id=object_id) if object_id else departments.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class AddressInline(admin.TabularInline[ProviderAddress, Provider]):
    model = ProviderAddress
    raw_id_fields = ["settlement"]
    extra = 0


class DepartmentInline(admin.TabularInline[Department, Provider]):
    model = Department
    raw_id_fields = ["settlement"]
    extra = 0


class StaffInline(_OwnDepartments, admin.TabularInline[StaffPosition, Provider]):
    model = StaffPosition
    extra = 0


class ServiceInline(_OwnDepartments, admin.TabularInline[ProvidedService, Provider]):
    model = ProvidedService
    extra = 0


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin[Provider]):
    list_display = [
        "full_name",
        "hromada",
        "registry_code",
        "ownership_sector",
        "is_potential",
        "in_national_registry",
    ]
    list_filter = [HromadaFilter, "ownership_sector", "is_potential", "in_national_registry"]
    list_select_related = ["hromada"]
    search_fields = ["full_name", "short_name", "registry_code"]
    raw_id_fields = ["hromada", "legal_settlement"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [AddressInline, DepartmentInline, StaffInline, ServiceInline]

    def save_model(
        self, request: HttpRequest, obj: Provider, form: ModelForm[Provider], change: bool
    ) -> None:
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(ProviderAddress)
class ProviderAddressAdmin(admin.ModelAdmin[ProviderAddress]):
    list_display = ["address", "settlement", "provider"]
    list_filter = [HromadaFilter]
    list_select_related = ["provider", "settlement"]
    search_fields = ["address", "provider__full_name"]
    raw_id_fields = ["provider", "settlement"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "provider", "settlement"]
    list_filter = [HromadaFilter]
    list_select_related = ["provider", "settlement"]
    search_fields = ["name", "provider__full_name"]
    raw_id_fields = ["provider", "settlement"]


@admin.register(StaffPosition)
class StaffPositionAdmin(admin.ModelAdmin[StaffPosition]):
    list_display = ["title", "provider", "department", "established", "filled"]
    list_filter = [HromadaFilter]
    list_select_related = ["provider", "department"]
    search_fields = ["title", "provider__full_name", "department__name"]
    raw_id_fields = ["provider", "department"]


@admin.register(ProvidedService)
class ProvidedServiceAdmin(admin.ModelAdmin[ProvidedService]):
    list_display = [
        "service",
        "provider",
        "capacity",
        "capacity_unit",
        "free",
        "differentiated_fee",
        "paid",
    ]
    list_filter = [HromadaFilter, "service", "capacity_unit", "free", "differentiated_fee", "paid"]
    list_select_related = ["provider", "service"]
    search_fields = ["provider__full_name", "service__code", "service__name"]
    raw_id_fields = ["provider", "department"]
