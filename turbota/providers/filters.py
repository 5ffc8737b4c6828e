"""The filter form of the provider registry list."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms

from turbota.catalog.models import Service
from turbota.providers import queries
from turbota.providers.enums import OwnershipSector
from turbota.providers.models import ProviderQuerySet
from turbota.territories.models import Territory

ACTUAL = "actual"
POTENTIAL = "potential"


class HromadaChoiceField(forms.ModelChoiceField[Territory]):
    def label_from_instance(self, obj: Territory) -> str:
        return obj.display_name


class HromadaFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]
    field_class = HromadaChoiceField


class ProviderFilter(django_filters.FilterSet):  # type: ignore[misc]
    """Filters over the providers a user may see; the hromada list holds only hromadas
    that have such providers."""

    q = django_filters.CharFilter(
        label="Назва або код ЄДРПОУ",
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    hromada = HromadaFilter(
        label="Громада", queryset=Territory.objects.none(), empty_label="усі громади"
    )
    sector = django_filters.ChoiceFilter(
        label="Сектор",
        field_name="ownership_sector",
        choices=OwnershipSector.choices,
        empty_label="усі сектори",
    )
    service = django_filters.ModelChoiceFilter(
        label="Послуга",
        queryset=Service.objects.all(),
        method="filter_service",
        empty_label="усі послуги",
    )
    kind = django_filters.ChoiceFilter(
        label="Вид",
        choices=[(ACTUAL, "надавачі"), (POTENTIAL, "потенційні надавачі")],
        method="filter_kind",
        empty_label="усі",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["hromada"].queryset = queries.hromadas_of(self.queryset)

    def filter_search(self, providers: ProviderQuerySet, name: str, value: str) -> Any:
        return queries.search_providers(providers, value)

    def filter_service(self, providers: ProviderQuerySet, name: str, value: Service) -> Any:
        return queries.offering(providers, value) if value else providers

    def filter_kind(self, providers: ProviderQuerySet, name: str, value: str) -> Any:
        if not value:
            return providers
        return providers.filter(is_potential=value == POTENTIAL)
