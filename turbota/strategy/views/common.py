"""Scoped objects for the views: each found or 404, then checked by the caller."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from turbota.reports.documents import CONTENT_TYPES
from turbota.strategy.models import Indicator, MonitoringPeriod, Node, Strategy


def strategy_or_404(pk: int) -> Strategy:
    return get_object_or_404(Strategy.objects.select_related("hromada", "hromada__oblast"), pk=pk)


def node_or_404(pk: int) -> Node:
    return get_object_or_404(
        Node.objects.select_related("strategy", "strategy__hromada", "parent"), pk=pk
    )


def period_or_404(pk: int) -> MonitoringPeriod:
    return get_object_or_404(
        MonitoringPeriod.objects.select_related("strategy", "strategy__hromada"), pk=pk
    )


def indicator_or_404(pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("strategy", "strategy__hromada", "node"), pk=pk
    )


def attachment(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
