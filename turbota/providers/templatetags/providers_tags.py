from __future__ import annotations

from decimal import Decimal

from django import template

from turbota.providers.tables import staff_figure

register = template.Library()


@register.filter
def staff(value: Decimal | None) -> str:
    """A staff count as people read it: 12, 0,5, 2,25."""
    return staff_figure(value)
