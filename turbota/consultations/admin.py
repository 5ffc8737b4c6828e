"""Consultations in Django admin. Proposals and meeting registrations hold names and
contacts that only the hromada's staff read (on their pages): registered closed here, like
people's records, so not even system administrators open them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from turbota.consultations.models import (
    Consultation,
    ConsultationDocument,
    ConsultationRules,
    ConsultationTransition,
    DocumentSection,
    Meeting,
    MeetingRegistration,
    Proposal,
    ProposalTransition,
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


admin.site.register(Proposal, ClosedAdmin)
admin.site.register(MeetingRegistration, ClosedAdmin)


@admin.register(ConsultationRules)
class ConsultationRulesAdmin(admin.ModelAdmin[ConsultationRules]):
    """The default row (no hromada) is the rule for every hromada without its own."""

    list_display = ["hromada", "report_days", "min_discussion_days", "legal_basis"]
    raw_id_fields = ["hromada"]


class MeetingInline(admin.TabularInline[Meeting, Consultation]):
    model = Meeting
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin[Consultation]):
    list_display = ["topic", "hromada", "status", "starts_on", "ends_on", "report_published_on"]
    list_filter = ["status"]
    raw_id_fields = ["hromada", "created_by"]
    # changed only through the steps on the consultation's page
    readonly_fields = [
        "status",
        "subject_type",
        "subject_id",
        "decided_on",
        "report_days",
        "report_published_on",
    ]
    inlines = [MeetingInline]


class SectionInline(admin.TabularInline[DocumentSection, ConsultationDocument]):
    model = DocumentSection
    extra = 0


@admin.register(ConsultationDocument)
class ConsultationDocumentAdmin(admin.ModelAdmin[ConsultationDocument]):
    list_display = ["title", "hromada", "kind", "size", "created_at"]
    raw_id_fields = ["hromada", "uploaded_by"]
    readonly_fields = ["file", "kind", "size", "original_name"]
    inlines = [SectionInline]


admin.site.register(DocumentSection)
admin.site.register(Meeting)


@admin.register(ConsultationTransition)
class ConsultationTransitionAdmin(admin.ModelAdmin[ConsultationTransition]):
    list_display = ["consultation", "from_status", "to_status", "by", "at"]
    readonly_fields = ["consultation", "from_status", "to_status", "by", "at"]


@admin.register(ProposalTransition)
class ProposalTransitionAdmin(admin.ModelAdmin[ProposalTransition]):
    list_display = ["proposal", "step", "from_value", "to_value", "by", "at"]
    readonly_fields = ["proposal", "step", "from_value", "to_value", "reason", "by", "at"]
