"""People's records are not opened through Django admin by anyone — not even system
administrators (permissions.py says who opens them, and those pages log each opening).
The models are registered so that the admin knows them, with every permission refused;
the access log is readable, by administrators, to audit who opened what; saved column
mappings (header names, no people) are open to them too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from turbota.people.models import (
    Application,
    CircumstanceFactor,
    ColumnMapping,
    GroupMembership,
    Household,
    Person,
    PersonAccess,
    PersonIdentity,
    ServedChange,
    ServiceEpisode,
)


class ClosedAdmin(admin.ModelAdmin[Any]):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for _model in (
    Household,
    Person,
    PersonIdentity,
    GroupMembership,
    CircumstanceFactor,
    ServiceEpisode,
    Application,
    ServedChange,  # counts by settlement and sex: as small as one person
):
    admin.site.register(_model, ClosedAdmin)


@admin.register(PersonAccess)
class PersonAccessAdmin(admin.ModelAdmin[PersonAccess]):
    """Who opened which record (by pseudonym), read-only."""

    list_display = ["at", "username", "role", "action", "via"]
    list_filter = ["action"]
    search_fields = ["username"]
    date_hierarchy = "at"
    readonly_fields = ["person", "user", "username", "role", "action", "via", "at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin[ColumnMapping]):
    """Header names only, no people: open to administrators."""

    list_display = ["name", "hromada"]
    raw_id_fields = ["hromada"]
