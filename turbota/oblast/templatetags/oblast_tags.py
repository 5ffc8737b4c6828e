"""Template helpers of the oblast pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from turbota.oblast.queries import NeedFigures

register = template.Library()

NO_DATA = "немає даних"


@register.simple_tag(takes_context=True)
def sort_header(
    context: Any, key: str, label: str, colspan: int = 1, rowspan: int = 1
) -> SafeString:
    """A column header that sorts the table by ``key``, telling screen readers the order."""
    asked = context["asked"]
    scope = "colgroup" if colspan > 1 else "col"
    sorted_by = asked.sort == key
    order = "descending" if asked.descending else "ascending"
    arrow = ("↓" if asked.descending else "↑") if sorted_by else ""
    return format_html(
        '<th scope="{}" colspan="{}" rowspan="{}"{}><a href="{}">{}</a>{}</th>',
        scope,
        colspan,
        rowspan,
        format_html(' aria-sort="{}"', order) if sorted_by and colspan == 1 else "",
        context["sort_links"][key],
        label,
        format_html(' <span aria-hidden="true">{}</span>', arrow) if arrow else "",
    )


@register.filter
def measure(figures: NeedFigures | None, name: str) -> object:
    """A figure of need / served / unmet, or "немає даних" when the hromada has none."""
    if figures is None:
        return format_html('<span class="no-data">{}</span>', NO_DATA)
    return getattr(figures, name)


@register.filter
def of_sex(values: dict[str, Any] | None, sex: str) -> Any:
    return None if values is None else values.get(sex)
