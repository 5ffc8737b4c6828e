"""Surveys and quality in Django admin. Questionnaires, their versions and the quality
assessments are open to administrators; what may hold a person's words or name — single
responses, the records of file imports (they quote rejected cells) and complaints — is
registered with every permission refused (their pages say who opens them, and log it);
the complaints' access log is readable, to audit who opened what."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from turbota.surveys.models import (
    Complaint,
    ComplaintAccess,
    FormVersion,
    IndicatorValue,
    QualityAssessment,
    Response,
    ResponseExport,
    ResponseWithdrawal,
    SatisfactionLink,
    SubmissionImport,
    Survey,
    SurveyTransition,
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


for _model in (Response, SubmissionImport, Complaint):
    admin.site.register(_model, ClosedAdmin)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin[Survey]):
    list_display = ["title", "hromada", "kind", "status", "is_demo"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["hromada", "created_by"]
    readonly_fields = ["status"]  # changed only through the transition on the survey page


@admin.register(FormVersion)
class FormVersionAdmin(ReadOnlyAdmin):
    list_display = ["survey", "number", "file_name", "created_at"]
    exclude = ["xlsform"]


@admin.register(SurveyTransition)
class SurveyTransitionAdmin(ReadOnlyAdmin):
    list_display = ["survey", "from_status", "to_status", "by", "at"]


@admin.register(ResponseWithdrawal)
class ResponseWithdrawalAdmin(ReadOnlyAdmin):
    """The record of a withdrawal stays: it is how a missing response number is explained."""

    list_display = ["survey", "response_number", "channel", "withdrawn_by", "withdrawn_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ResponseExport)
class ResponseExportAdmin(ReadOnlyAdmin):
    """The jobs, not their files (those are the requester's, removed once downloaded)."""

    list_display = ["survey", "requested_by", "status", "rows", "total", "created_at"]
    list_filter = ["status"]


@admin.register(SatisfactionLink)
class SatisfactionLinkAdmin(admin.ModelAdmin[SatisfactionLink]):
    list_display = ["survey", "question", "provider", "service"]
    raw_id_fields = ["survey", "provider"]


class IndicatorInline(admin.TabularInline[IndicatorValue, QualityAssessment]):
    model = IndicatorValue
    extra = 0


@admin.register(QualityAssessment)
class QualityAssessmentAdmin(admin.ModelAdmin[QualityAssessment]):
    list_display = ["provider", "service", "kind", "period_start", "period_end", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["hromada", "provider", "created_by"]
    inlines = [IndicatorInline]


admin.site.register(IndicatorValue)


@admin.register(ComplaintAccess)
class ComplaintAccessAdmin(ReadOnlyAdmin):
    """Who opened which complaint (by number), read-only."""

    list_display = ["at", "username", "role", "action", "via"]
    list_filter = ["action"]
    date_hierarchy = "at"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
