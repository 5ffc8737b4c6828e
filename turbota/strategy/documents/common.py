"""What the strategy's documents share: money and value formats, and the budget charts."""

from __future__ import annotations

import io
from decimal import Decimal

from matplotlib.figure import Figure

from turbota.strategy.queries import BudgetRow


def money(value: Decimal | None) -> str:
    """Thousands of UAH as the council writes them: "1 234,5"; "-" for none."""
    if value is None:
        return "-"
    text = f"{value:,.1f}".replace(",", " ").replace(".", ",")
    return "0,0" if text == "-0,0" else text


def number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    normal = value.normalize()
    text = f"{normal:f}" if normal == normal.to_integral_value() else f"{value:f}".rstrip("0")
    return text.replace(".", ",")


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def budget_chart(rows: list[BudgetRow], title: str) -> bytes | None:
    """Bars of planned and actual funding, thousands of UAH; None when there is no money."""
    rows = [row for row in rows if row.plan or row.fact]
    if not rows:
        return None
    # The object API, not pyplot: no global state, no screen needed on a server.
    figure = Figure(figsize=(8, 3.6), dpi=120)
    axes = figure.subplots()
    positions = list(range(len(rows)))
    axes.bar([p - 0.2 for p in positions], [float(r.plan) for r in rows], 0.4, label="план")
    axes.bar([p + 0.2 for p in positions], [float(r.fact) for r in rows], 0.4, label="факт")
    axes.set_xticks(positions, [r.label for r in rows], rotation=20 if len(rows) > 6 else 0)
    axes.set_ylabel("тис. грн")
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
