"""The analysis of a survey as a document for the council and the public (DOCX, PDF),
built as one ``reports.documents.Outline``: the margin of error with its computation,
every question's frequencies with 95 % intervals and a chart, the cross-tables.
Published, small counts are hidden (``published``)."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from turbota.reports.documents import (
    Block,
    Chart,
    Heading,
    Outline,
    Paragraph,
    Table,
    write_document,
)
from turbota.surveys.analysis import DIMENSIONS, Analysis, Frequencies, Margin, Summary
from turbota.surveys.published import (
    SUPPRESSION_NOTE,
    ShownFrequencies,
    shown_crosstab,
    shown_frequencies,
    shown_summary,
)
from turbota.surveys.statistics import Z95

FORMATS = ("docx", "pdf")
FREQUENCY_HEADER = ["Варіант відповіді", "Кількість", "Частка, %", "95 % ДІ, %"]


def number(value: float, places: int = 2) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def pct(value: float | None, places: int = 2) -> str:
    return "—" if value is None else number(value * 100, places) + " %"


def margin_lines(margin: Margin) -> list[str]:
    """The margin of error in words, with every number that makes it."""
    n = margin.sample
    if not n or margin.plain is None:
        return ["Відповідей ще немає: похибку не обчислено."]
    z = number(Z95)
    lines = [
        f"Похибка вибірки (довірча ймовірність 95 %, найгірший випадок p = 0,5): "
        f"e = z·√(p(1 − p)/n) = {z}·√(0,25/{n}) = {pct(margin.plain)}."
    ]
    if margin.population:
        big_n = margin.population
        lines.append(
            f"З поправкою на скінченну сукупність N = {big_n}: e = {pct(margin.plain)}·"
            f"√((N − n)/(N − 1)) = {pct(margin.plain)}·√(({big_n} − {n})/({big_n} − 1)) = "
            f"{pct(margin.corrected)}."
        )
    else:
        lines.append(
            "Чисельність сукупності не вказано, тому поправку на скінченну сукупність не "
            "застосовано (з нею похибка лише менша)."
        )
    if margin.stated is not None:
        lines += _stated_lines(margin)
    return lines


def _stated_lines(margin: Margin) -> list[str]:
    stated, n = margin.stated, margin.sample
    assert stated is not None
    assert margin.plain is not None
    needed = margin.sample_for_stated
    tail = (
        f" Для похибки {pct(stated, 1)} досить n = z²·p(1 − p)/e² = "
        f"{number(Z95)}²·0,25/{number(stated)}² ≈ {round(needed)} респондентів"
        + (" з урахуванням сукупності" if margin.population else "")
        + "."
        if needed
        else ""
    )
    if margin.population_for_stated is None:
        return [
            f"Заявлена похибка {pct(stated, 1)}: за {n} респондентів її не перевищено за "
            f"будь-якої чисельності сукупності N — поправка лише зменшує похибку, а без неї "
            f"вона {pct(margin.plain)}. Тож {pct(stated, 1)} — правильна, але завищена "
            f"межа; точно {pct(stated, 1)} не дає жодне N." + tail
        ]
    ratio = (stated / margin.plain) ** 2
    return [
        f"Заявлена похибка {pct(stated, 1)} досягається за N = (n − r)/(1 − r), де "
        f"r = (e/e∞)² = ({number(stated * 100)}/{number(margin.plain * 100)})² = "
        f"{number(ratio, 4)}: N ≈ {round(margin.population_for_stated)}." + tail
    ]


def frequency_rows(shown: ShownFrequencies) -> list[list[str]]:
    rows = [
        [item.row.label, str(item.count), item.share or "—", item.interval or "—"]
        for item in shown.rows
    ]
    base = "записів повтору" if shown.result.in_repeat else "відповіли"
    return [*rows, [f"Усього {base}", str(shown.answered), "", ""]]


def _chart(shown: ShownFrequencies) -> bytes | None:
    """Shares of each answer (hidden ones left out), as a horizontal bar chart."""
    items = [item for item in shown.rows if item.share_value is not None][:20]
    if not items:
        return None
    figure = Figure(figsize=(8, 0.4 * len(items) + 1.3), dpi=110)
    axes = figure.subplots()
    axes.barh(
        [item.row.label[:60] for item in items],
        [item.share_value * 100 for item in items if item.share_value is not None],
        color="#0b4f8a",
    )
    axes.invert_yaxis()
    axes.set_xlabel("% відповідей")
    axes.set_xlim(0, 100)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _question_blocks(result: Frequencies, *, published: bool) -> list[Block]:
    shown = shown_frequencies(result, suppress=published)
    blocks: list[Block] = [
        Table(
            result.label,
            FREQUENCY_HEADER,
            frequency_rows(shown),
            strong_rows=frozenset({len(shown.rows)}),
            note="Кілька відповідей: частки в сумі можуть перевищувати 100 %."
            if result.multiple
            else "",
        )
    ]
    png = _chart(shown)
    if png:
        blocks.append(Chart(png, f"Діаграма: частки відповідей — {result.label}"))
    return blocks


def _other_table(results: list[Summary], *, published: bool) -> Table:
    rows = []
    for result in results:
        item = shown_summary(result, suppress=published)
        rows.append(
            [
                result.label,
                str(item.answered),
                item.minimum or "—",
                item.maximum or "—",
                item.mean or "—",
                item.median or "—",
            ]
        )
    header = ["Питання", "Відповіли", "Найменше", "Найбільше", "Середнє", "Медіана"]
    return Table("Числа, дати й тексти", header, rows)


def _crosstab_blocks(analysis: Analysis, *, published: bool) -> list[Block]:
    if not analysis.crosstabs:
        return []
    hidden = {
        f.question.name: shown_frequencies(f, suppress=published).hidden_names
        for f in analysis.frequencies
    }
    blocks: list[Block] = [Heading("Таблиці спряженості")]
    for table in analysis.crosstabs:
        shown = shown_crosstab(
            table, suppress=published, hidden_rows=hidden.get(table.question.name)
        )
        header = ["Варіант", *[label for _n, label in table.columns], "Усього"]
        rows = [
            [
                label,
                *[f"{cell} ({ratio} %)" if ratio else str(cell) for cell, ratio in line],
                str(total),
            ]
            for (_name, label), line, total in zip(
                table.rows, shown.cells, shown.row_totals, strict=True
            )
        ]
        rows.append(["Усього", *[str(cell) for cell in shown.column_totals], str(shown.total)])
        blocks.append(
            Table(
                f"{table.label} — {DIMENSIONS[table.dimension]}",
                header,
                rows,
                strong_rows=frozenset({len(rows) - 1}),
                note="У дужках — частка у стовпці.",
            )
        )
    return blocks


def outline(analysis: Analysis, *, published: bool) -> Outline:
    survey = analysis.survey
    period = ""
    if survey.collected_from:
        period = f" Збір відповідей: з {survey.collected_from:%d.%m.%Y}"
        period += f" до {survey.collected_to:%d.%m.%Y}." if survey.collected_to else "."
    blocks: list[Block] = [
        Paragraph(f"{survey.hromada.display_name}. Відповідей: {analysis.responses}.{period}"),
    ]
    if survey.is_demo:
        blocks.append(Paragraph("Демонстраційне опитування: відповіді вигадані."))
    if published:
        blocks.append(Paragraph(SUPPRESSION_NOTE))
    blocks.append(Heading("Похибка вибірки"))
    blocks += [Paragraph(line) for line in margin_lines(analysis.margin)]
    blocks.append(Heading("Відповіді на питання"))
    for result in analysis.frequencies:
        blocks += _question_blocks(result, published=published)
    others = [r for r in analysis.results if isinstance(r, Summary)]
    if others:
        blocks.append(_other_table(others, published=published))
    blocks += _crosstab_blocks(analysis, published=published)
    return Outline(title=f"Результати опитування: {survey.title}", blocks=blocks)


def write_analysis(analysis: Analysis, fmt: str, *, published: bool) -> bytes:
    return write_document(outline(analysis, published=published), fmt)
