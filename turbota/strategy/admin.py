"""Strategies for administrators: the document with its parts inline, the tree, the
monitoring, and the editable reference data (funding sources, RAG thresholds)."""

from __future__ import annotations

from django.contrib import admin

from turbota.strategy import models as m


class MemberInline(admin.TabularInline[m.WorkingGroupMember, m.Strategy]):
    model = m.WorkingGroupMember
    extra = 0
    readonly_fields = ["version"]


class SwotInline(admin.TabularInline[m.SwotItem, m.Strategy]):
    model = m.SwotItem
    extra = 0
    readonly_fields = ["version"]


class ScenarioInline(admin.StackedInline[m.ScenarioNote, m.Strategy]):
    model = m.ScenarioNote
    extra = 0
    readonly_fields = ["version"]


@admin.register(m.Strategy)
class StrategyAdmin(admin.ModelAdmin[m.Strategy]):
    list_display = ["title", "hromada", "period_start", "period_end", "edition", "status"]
    list_filter = ["status", "is_published"]
    search_fields = ["title", "hromada__name"]
    raw_id_fields = ["hromada", "based_on"]
    readonly_fields = ["version", "source_checksum", "import_warnings"]
    inlines = [MemberInline, SwotInline, ScenarioInline]


@admin.register(m.StrategyTransition)
class StrategyTransitionAdmin(admin.ModelAdmin[m.StrategyTransition]):
    list_display = ["strategy", "from_status", "to_status", "by", "at"]
    raw_id_fields = ["strategy", "by"]


@admin.register(m.WorkingGroupMember)
class MemberAdmin(admin.ModelAdmin[m.WorkingGroupMember]):
    list_display = ["full_name", "role", "strategy"]
    raw_id_fields = ["strategy"]
    readonly_fields = ["version"]


@admin.register(m.SwotItem)
class SwotAdmin(admin.ModelAdmin[m.SwotItem]):
    list_display = ["quadrant", "number", "text", "strategy"]
    raw_id_fields = ["strategy"]
    readonly_fields = ["version"]


@admin.register(m.ScenarioNote)
class ScenarioAdmin(admin.ModelAdmin[m.ScenarioNote]):
    list_display = ["kind", "strategy"]
    raw_id_fields = ["strategy"]
    readonly_fields = ["version"]


class PlannedInline(admin.TabularInline[m.PlannedFunding, m.Node]):
    model = m.PlannedFunding
    extra = 0


class NeedInline(admin.TabularInline[m.NodeNeed, m.Node]):
    model = m.NodeNeed
    extra = 0
    raw_id_fields = ["service", "settlement"]


@admin.register(m.Node)
class NodeAdmin(admin.ModelAdmin[m.Node]):
    list_display = ["number", "title", "kind", "strategy"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]
    raw_id_fields = ["strategy", "parent"]
    readonly_fields = ["version"]
    inlines = [PlannedInline, NeedInline]


@admin.register(m.PlannedFunding)
class PlannedFundingAdmin(admin.ModelAdmin[m.PlannedFunding]):
    list_display = ["node", "year", "source", "amount"]
    raw_id_fields = ["node"]


@admin.register(m.NodeNeed)
class NodeNeedAdmin(admin.ModelAdmin[m.NodeNeed]):
    list_display = ["node", "service", "settlement"]
    raw_id_fields = ["node", "service", "settlement"]


@admin.register(m.FundingSource)
class FundingSourceAdmin(admin.ModelAdmin[m.FundingSource]):
    list_display = ["name", "code", "position", "is_active"]


class TargetInline(admin.TabularInline[m.IndicatorTarget, m.Indicator]):
    model = m.IndicatorTarget
    extra = 0


@admin.register(m.Indicator)
class IndicatorAdmin(admin.ModelAdmin[m.Indicator]):
    list_display = ["name", "node", "unit", "direction"]
    search_fields = ["name"]
    raw_id_fields = ["strategy", "node"]
    inlines = [TargetInline]


@admin.register(m.IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin[m.IndicatorTarget]):
    list_display = ["indicator", "year", "area", "sex", "value"]
    raw_id_fields = ["indicator"]


@admin.register(m.IndicatorActual)
class IndicatorActualAdmin(admin.ModelAdmin[m.IndicatorActual]):
    list_display = ["indicator", "period", "area", "sex", "value"]
    raw_id_fields = ["indicator", "period"]


@admin.register(m.MonitoringPeriod)
class PeriodAdmin(admin.ModelAdmin[m.MonitoringPeriod]):
    list_display = ["strategy", "year", "quarter", "status"]
    list_filter = ["status"]
    raw_id_fields = ["strategy"]


@admin.register(m.PeriodTransition)
class PeriodTransitionAdmin(admin.ModelAdmin[m.PeriodTransition]):
    list_display = ["period", "from_status", "to_status", "by", "at"]
    raw_id_fields = ["period", "by"]


class ActualInline(admin.TabularInline[m.ActualFunding, m.MeasureReport]):
    model = m.ActualFunding
    extra = 0


@admin.register(m.MeasureReport)
class MeasureReportAdmin(admin.ModelAdmin[m.MeasureReport]):
    list_display = ["node", "period", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    raw_id_fields = ["period", "node"]
    inlines = [ActualInline]


@admin.register(m.ActualFunding)
class ActualFundingAdmin(admin.ModelAdmin[m.ActualFunding]):
    list_display = ["report", "source", "amount"]
    raw_id_fields = ["report"]


@admin.register(m.RagSettings)
class RagSettingsAdmin(admin.ModelAdmin[m.RagSettings]):
    list_display = ["name", "funding_green_percent", "indicator_green_percent"]
