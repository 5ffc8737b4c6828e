"""Where an administrator corrects the shipped reference data: placeholder names, the
confirmed flags, the basic-service lists and the deadlines of applications.
``load_reference`` never overwrites these."""

from __future__ import annotations

from django.contrib import admin

from turbota.catalog.models import (
    AgeBand,
    BasicServiceList,
    BasicServiceListEntry,
    DeadlineRule,
    LifeCircumstanceFactor,
    Service,
    ServiceGroup,
    VulnerableGroup,
)


@admin.register(ServiceGroup)
class ServiceGroupAdmin(admin.ModelAdmin[ServiceGroup]):
    list_display = ["code", "name", "name_confirmed"]
    list_editable = ["name_confirmed"]
    list_filter = ["name_confirmed"]
    search_fields = ["code", "name"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ["code", "name", "group", "purpose", "name_confirmed"]
    list_editable = ["name_confirmed"]
    list_filter = ["name_confirmed", "group", "purpose"]
    list_select_related = ["group"]
    search_fields = ["code", "name"]


class BasicServiceListEntryInline(admin.TabularInline[BasicServiceListEntry, BasicServiceList]):
    model = BasicServiceListEntry
    fields = ["position", "name", "service"]
    autocomplete_fields = ["service"]
    extra = 1


@admin.register(BasicServiceList)
class BasicServiceListAdmin(admin.ModelAdmin[BasicServiceList]):
    list_display = ["title", "legal_act", "valid_from", "valid_to"]
    search_fields = ["title", "legal_act"]
    inlines = [BasicServiceListEntryInline]


@admin.register(BasicServiceListEntry)
class BasicServiceListEntryAdmin(admin.ModelAdmin[BasicServiceListEntry]):
    """All entries in one list, to find those still without a classifier code."""

    list_display = ["name", "service", "basic_list", "position"]
    list_filter = [("service", admin.EmptyFieldListFilter), "basic_list"]
    list_select_related = ["service", "basic_list"]
    autocomplete_fields = ["service"]
    search_fields = ["name"]


@admin.register(AgeBand)
class AgeBandAdmin(admin.ModelAdmin[AgeBand]):
    list_display = ["__str__", "min_age", "max_age"]


@admin.register(VulnerableGroup)
class VulnerableGroupAdmin(admin.ModelAdmin[VulnerableGroup]):
    list_display = ["name", "annex_row", "unit", "reference_date_type", "is_confirmed"]
    list_editable = ["is_confirmed"]
    list_filter = ["is_confirmed", "unit", "reference_date_type"]
    search_fields = ["code", "name", "data_source"]


@admin.register(LifeCircumstanceFactor)
class LifeCircumstanceFactorAdmin(admin.ModelAdmin[LifeCircumstanceFactor]):
    list_display = ["name", "code", "position"]
    search_fields = ["code", "name"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin[DeadlineRule]):
    """Deadlines of art. 20 in working days. A change of law is a new rule: close the one in
    force with «чинне до» the day before and add the new one; old applications keep theirs."""

    list_display = ["kind", "service_code", "working_days", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["kind", "service_code", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["service_code", "legal_basis", "note"]
