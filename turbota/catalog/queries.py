"""Reads of the catalogue: what the reference pages and the JSON API show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from turbota.catalog.models import (
    AgeBand,
    BasicServiceList,
    BasicServiceListEntry,
    BasicServiceListQuerySet,
    LifeCircumstanceFactor,
    Service,
    ServiceQuerySet,
    VulnerableGroup,
)
from turbota.territories.models import Territory


def services_with_basic_flag(day: datetime.date, *, basic: bool | None = None) -> ServiceQuerySet:
    """The classifier with its groups, each service annotated ``is_basic``: whether it is on
    a basic-services list in force on ``day``. ``basic`` keeps only basic (True) or only
    other (False) services."""
    services = Service.objects.select_related("group").annotate(
        is_basic=Exists(Service.objects.basic_on(day).filter(pk=OuterRef("pk")))
    )
    if basic is not None:
        services = services.filter(is_basic=basic)
    return services.order_by("code")


def basic_service_lists(day: datetime.date) -> BasicServiceListQuerySet:
    """Every version of the basic-services list, newest first, with its entries and their
    codes, each annotated ``is_in_force`` on ``day``."""
    entries = BasicServiceListEntry.objects.select_related("service").order_by("position", "name")
    return BasicServiceList.objects.prefetch_related(
        Prefetch("entries", queryset=entries)
    ).annotate(
        is_in_force=Exists(BasicServiceList.objects.in_force_on(day).filter(pk=OuterRef("pk")))
    )


@dataclass(frozen=True)
class CatalogSummary:
    services: int
    unconfirmed_services: int
    basic_services: int
    basic_service_lists: int
    vulnerable_groups: int
    unconfirmed_vulnerable_groups: int
    age_bands: int
    life_circumstances: int
    territories: int
    hromadas_outside_crimea: int


def catalog_summary(day: datetime.date) -> CatalogSummary:
    """The counts on the reference index page."""
    return CatalogSummary(
        services=Service.objects.count(),
        unconfirmed_services=Service.objects.filter(name_confirmed=False).count(),
        basic_services=Service.objects.basic_on(day).count(),
        basic_service_lists=BasicServiceList.objects.count(),
        vulnerable_groups=VulnerableGroup.objects.count(),
        unconfirmed_vulnerable_groups=VulnerableGroup.objects.filter(is_confirmed=False).count(),
        age_bands=AgeBand.objects.count(),
        life_circumstances=LifeCircumstanceFactor.objects.count(),
        territories=Territory.objects.current().count(),
        hromadas_outside_crimea=Territory.objects.current().hromadas().outside_crimea().count(),
    )
