"""The registry table: one row per provider, as the lists show it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.db.models import DecimalField, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html

from turbota.providers.models import Provider

NUMBER = {"th": {"class": "num"}, "td": {"class": "num"}}


def staff_figure(value: Decimal | None) -> str:
    """A staff count without trailing zeros, with a decimal comma: 12, 0,5, 2,25."""
    if value is None:
        return "0"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class ProviderTable(tables.Table):  # type: ignore[misc]
    full_name = tables.Column(verbose_name="Назва", order_by=("sort_key",))
    hromada = tables.Column(
        verbose_name="Громада", accessor="hromada__display_name", order_by=("hromada__sort_key",)
    )
    ownership_sector = tables.Column(verbose_name="Сектор")
    services = tables.Column(verbose_name="Послуги (коди)", accessor="pk", orderable=False)
    staff = tables.Column(
        verbose_name="Штат: працює / штатних одиниць",
        accessor="staff_filled",
        order_by=("staff_filled",),
        attrs=NUMBER,
        empty_values=(),
    )
    in_national_registry = tables.BooleanColumn(verbose_name="У Реєстрі надавачів", yesno="так,ні")

    class Meta:
        model = Provider
        fields = ()
        sequence = (
            "full_name",
            "hromada",
            "ownership_sector",
            "services",
            "staff",
            "in_national_registry",
        )
        empty_text = "Надавачів не знайдено."
        attrs = {"class": "providers-table"}

    def __init__(self, *args: Any, caption: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.caption = caption

    def render_full_name(self, record: Provider) -> str:
        url = reverse("providers:detail", kwargs={"pk": record.pk})
        if record.short_name and record.short_name != record.full_name:
            return format_html(
                '<a href="{}">{}</a><br><span class="muted">{}</span>',
                url,
                record.full_name,
                record.short_name,
            )
        return format_html('<a href="{}">{}</a>', url, record.full_name)

    def render_services(self, record: Provider) -> str:
        codes = [provided.service.code for provided in record.services.all()]
        return ", ".join(codes) or "—"

    def order_staff(
        self, queryset: QuerySet[Provider], is_descending: bool
    ) -> tuple[QuerySet[Provider], bool]:
        # A provider without posts has nobody working: 0, not NULL, which PostgreSQL would
        # put first in a descending sort and SQLite last.
        working = Coalesce(F("staff_filled"), Value(Decimal(0)), output_field=DecimalField())
        ordered = working.desc() if is_descending else working.asc()
        return queryset.order_by(ordered, "sort_key"), True

    def render_staff(self, record: Any) -> str:
        established = getattr(record, "staff_established", None)
        if established is None:
            return "—"
        return f"{staff_figure(record.staff_filled)} / {staff_figure(established)}"


class PotentialProviderTable(tables.Table):  # type: ignore[misc]
    """NGOs and charities that could provide services: what they do matters most."""

    full_name = tables.Column(verbose_name="Назва", order_by=("sort_key",))
    ownership_sector = tables.Column(verbose_name="Сектор")
    activity = tables.Column(verbose_name="Послуги / сфера діяльності", orderable=False)

    class Meta:
        model = Provider
        fields = ()
        sequence = ("full_name", "ownership_sector", "activity")
        empty_text = "Потенційних надавачів не внесено."
        attrs = {"class": "providers-table"}

    def __init__(self, *args: Any, caption: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.caption = caption

    render_full_name = ProviderTable.render_full_name
