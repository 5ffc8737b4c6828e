from django.contrib import admin
from django.http import HttpRequest

from turbota.core.models import ImportJob, NonWorkingDay, ReferenceLoad


@admin.register(ReferenceLoad)
class ReferenceLoadAdmin(admin.ModelAdmin[ReferenceLoad]):
    list_display = ["dataset", "edition", "loaded_at"]
    list_filter = ["dataset"]
    exclude = ["problems"]
    readonly_fields = ["dataset", "checksum", "edition", "summary", "loaded_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin[ImportJob]):
    """A record of what was uploaded and what came of it; not edited by hand. The list of
    problems is left out: it quotes cells of the file, which may be people's data (the
    hromada's staff read it on the import page)."""

    list_display = ["original_name", "kind", "hromada", "created_by", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["original_name", "hromada__name", "hromada__code"]
    exclude = ["problems"]
    readonly_fields = [
        "kind",
        "hromada",
        "created_by",
        "file",
        "original_name",
        "status",
        "summary",
        "created_at",
        "finished_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(admin.ModelAdmin[NonWorkingDay]):
    """Holidays and moved days off for deadlines in working days. Left empty under martial
    law, when public holidays are working days (see the model's docstring)."""

    list_display = ["date", "name"]
    list_filter = [("date", admin.DateFieldListFilter)]
    search_fields = ["name"]
    date_hierarchy = "date"
