"""Needs studies and methods for administrators (the figures are counts, no people)."""

from __future__ import annotations

from django.contrib import admin

from turbota.needs.models import (
    NeedsMethod,
    NeedsStudy,
    NormativeRate,
    ScenarioAssumption,
    StudyTransition,
    SurveyShare,
    UnprovidableService,
)


class NormativeRateInline(admin.TabularInline[NormativeRate, NeedsMethod]):
    model = NormativeRate
    extra = 0
    autocomplete_fields = ["service"]


@admin.register(NeedsMethod)
class NeedsMethodAdmin(admin.ModelAdmin[NeedsMethod]):
    list_display = ["name", "version", "hromada"]
    inlines = [NormativeRateInline]
    raw_id_fields = ["hromada", "based_on"]


@admin.register(NeedsStudy)
class NeedsStudyAdmin(admin.ModelAdmin[NeedsStudy]):
    list_display = ["hromada", "year", "status", "method"]
    list_filter = ["status", "year"]
    raw_id_fields = ["hromada"]
    readonly_fields = ["status"]  # changed only through the transition on the study page


admin.site.register(NormativeRate)
admin.site.register(SurveyShare)
admin.site.register(UnprovidableService)


@admin.register(ScenarioAssumption)
class ScenarioAssumptionAdmin(admin.ModelAdmin[ScenarioAssumption]):
    readonly_fields = ["version"]  # kept by the study's scenario form (decision 0011)


@admin.register(StudyTransition)
class StudyTransitionAdmin(admin.ModelAdmin[StudyTransition]):
    list_display = ["study", "from_status", "to_status", "by", "at"]
    readonly_fields = ["study", "from_status", "to_status", "by", "at"]
