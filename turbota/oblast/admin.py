"""The oblast's records for administrators (no people in any of them)."""

from __future__ import annotations

from django.contrib import admin

from turbota.oblast.models import (
    Addressee,
    Assignment,
    AssignmentReport,
    AssignmentTransition,
    BoundaryLayer,
    Cooperation,
    CooperationTransition,
    Meeting,
    PlanningNote,
)

TERRITORIES = ["oblast", "raion", "hromada"]


@admin.register(PlanningNote)
class PlanningNoteAdmin(admin.ModelAdmin[PlanningNote]):
    list_display = ["service", "oblast", "raion", "hromada", "planned_volume", "start_year"]
    raw_id_fields = TERRITORIES


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin[Cooperation]):
    list_display = ["service", "buyer", "seller", "volume", "status"]
    list_filter = ["status"]
    raw_id_fields = ["buyer", "seller"]
    readonly_fields = ["status"]  # changed only through the action on the cooperation page


@admin.register(CooperationTransition)
class CooperationTransitionAdmin(admin.ModelAdmin[CooperationTransition]):
    list_display = ["cooperation", "from_status", "to_status", "by", "at"]
    readonly_fields = ["cooperation", "from_status", "to_status", "by", "at"]


@admin.register(BoundaryLayer)
class BoundaryLayerAdmin(admin.ModelAdmin[BoundaryLayer]):
    list_display = ["oblast", "name", "features", "updated_at"]
    raw_id_fields = ["oblast"]
    readonly_fields = ["geojson", "features"]  # validated on upload, never typed in


class AssignmentInline(admin.StackedInline[Assignment, Meeting]):
    model = Assignment
    extra = 0
    readonly_fields = ["status"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ["__str__", "oblast", "body"]
    raw_id_fields = ["oblast"]
    inlines = [AssignmentInline]


class AddresseeInline(admin.TabularInline[Addressee, Assignment]):
    model = Addressee
    extra = 0
    raw_id_fields = ["territory"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin[Assignment]):
    list_display = ["number", "meeting", "deadline", "is_permanent", "status"]
    list_filter = ["status", "is_permanent"]
    readonly_fields = ["status"]
    inlines = [AddresseeInline]


@admin.register(Addressee)
class AddresseeAdmin(admin.ModelAdmin[Addressee]):
    list_display = ["assignment", "kind", "territory", "name"]
    raw_id_fields = ["territory"]


@admin.register(AssignmentReport)
class AssignmentReportAdmin(admin.ModelAdmin[AssignmentReport]):
    list_display = ["assignment", "territory", "reporter", "submitted_on"]
    raw_id_fields = ["territory"]


@admin.register(AssignmentTransition)
class AssignmentTransitionAdmin(admin.ModelAdmin[AssignmentTransition]):
    list_display = ["assignment", "from_status", "to_status", "by", "at"]
    readonly_fields = ["assignment", "from_status", "to_status", "by", "at"]
