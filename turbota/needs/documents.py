"""The needs report as the council and the public read it: DOCX, PDF and XLSX built from
one content outline, so the three say the same. Published, small counts show as "<5"."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import timezone
from matplotlib.figure import Figure

from turbota.core.disclosure import suppressed_label, threshold
from turbota.needs.enums import Scenario
from turbota.needs.models import NeedsStudy, SurveyShare
from turbota.needs.queries import (
    FORECAST_YEARS,
    HISTORY_YEARS,
    NeedsTable,
    ShownRow,
    basic_services_gap,
    deadline_compliance,
    outlook,
    shown_compliance,
    shown_outlook,
    shown_table,
    survey_shares,
    synthetic_recipients,
)
from turbota.reports.documents import (
    FORMATS,
    Block,
    Chart,
    Outline,
    Paragraph,
    Table,
    write_document,
)

__all__ = ["FORMATS", "outline", "write_report"]
SEX_LABELS = {"female": "жінки", "male": "чоловіки", "total": "усього"}
HEADER = ["Код", "Послуга", "Стать", "Потреба", "Отримують", "Не задоволено", "Охоплення, %"]
COMPLIANCE_HEADER = [
    "Код",
    "Послуга",
    "Звернень",
    "Оцінено в строк",
    "Оцінено із запізненням",
    "Не оцінено, строк минув",
    "Рішень із запізненням",
]


def _coverage(shown: ShownRow) -> str:
    return "—" if shown.coverage is None else f"{shown.coverage * 100:.1f}".replace(".", ",")


def _needs_rows(rows: list[ShownRow]) -> list[list[str]]:
    return [
        [
            s.row.service.code,
            s.row.service.name,
            SEX_LABELS[s.row.sex],
            str(s.need),
            str(s.served),
            str(s.unmet),
            _coverage(s),
        ]
        for s in rows
    ]


def _with_figures(rows: list[ShownRow]) -> list[ShownRow]:
    """Services where something is needed, given or waited for (in threes of sex)."""
    keep = {s.row.service.pk for s in rows if s.row.need or s.row.served or s.row.capacity}
    return [s for s in rows if s.row.service.pk in keep]


def _decimal(value: Decimal) -> str:
    return str(value.normalize()).replace(".", ",")


def _shares_paragraph(shares: list[SurveyShare], *, published: bool) -> str:
    """Which rates a survey replaced. The published report names the pairs but not the
    shares: with the survey's own results a share could give away a small count."""
    if published:
        pairs = "; ".join(f"{s.service.code} × {s.group.name}" for s in shares)
    else:
        pairs = "; ".join(
            f"{s.service.code} × {s.group.name}: {_decimal(s.share)}"
            + (f" ({s.source})" if s.source else "")
            for s in shares
        )
    return f"Замість ставки методики взято частку з опитування громади: {pairs}."


def outline(table: NeedsTable, *, published: bool) -> Outline:
    study = table.study
    shown = shown_table(table, suppress=published)
    hromada_rows = _with_figures([s for s in shown if s.row.settlement is None])
    by_settlement = _with_figures(
        [s for s in shown if s.row.settlement is not None and s.row.sex == "total"]
    )
    gap = basic_services_gap(study=study)
    method = study.method
    paragraphs = [
        f"{study.hromada.display_name}. Стан: {study.get_status_display()}.",
        f"Методика: {method} (дані про вразливі групи за {study.groups_year} рік). "
        f"{method.description}",
    ]
    shares = survey_shares(study)
    if shares:
        paragraphs.append(_shares_paragraph(shares, published=published))
    synthetic = synthetic_recipients(study=study)
    if synthetic:
        paragraphs.append(
            f"Увага: серед отримувачів є синтетичні (вигадані) записи — осіб: {synthetic}; "
            "це демонстраційні, а не реальні дані громади."
        )
    if published:
        paragraphs.append(
            f"Кількості, менші за {threshold()}, приховано («{suppressed_label()}»), а також "
            "числа, що дозволили б їх обчислити («приховано»)."
        )
    tables = [
        Table("Потреба в соціальних послугах по громаді", HEADER, _needs_rows(hromada_rows)),
        Table(
            "Потреба за населеними пунктами (обидві статі)",
            ["Населений пункт", *HEADER[:2], *HEADER[3:]],
            [
                [s.row.settlement.display_name if s.row.settlement else "", *row[:2], *row[3:]]
                for s, row in zip(by_settlement, _needs_rows(by_settlement), strict=True)
            ],
        ),
        Table(
            "Базові соціальні послуги: чи забезпечує їх громада",
            ["Код", "Послуга", "Надавачів у громаді"],
            [
                [g.service.code, g.service.name, str(g.providers) if g.available else "немає"]
                for g in gap
            ],
        ),
        Table(
            "Послуги, які громада не може запровадити самостійно",
            ["Код", "Послуга", "Причина"],
            [
                [u.service.code, u.service.name, u.reason]
                for u in study.unprovidable.select_related("service")
            ],
        ),
    ]
    tables.insert(2, _outlook_table(table, shown, published=published))
    tables.insert(3, _compliance_table(study, published=published))
    blocks: list[Block] = [Paragraph(text) for text in paragraphs]
    chart = _chart([s for s in hromada_rows if s.row.sex == "total"])
    if chart:
        blocks.append(Chart(chart, "Діаграма: потреба і кількість отримувачів за послугами"))
    return Outline(
        title=f"Визначення потреб населення у соціальних послугах на {study.year} рік",
        blocks=[*blocks, *tables],
    )


def _outlook_table(table: NeedsTable, shown: list[ShownRow], *, published: bool) -> Table:
    study = table.study
    past = [str(y) for y in range(study.year - HISTORY_YEARS, study.year)]
    ahead = [str(y) for y in range(study.year + 1, study.year + 1 + FORECAST_YEARS)]
    header = [
        "Код",
        "Послуга",
        *[f"отримували {year}" for year in past],
        f"потреба {study.year}",
        *[f"{scenario.label} {year}" for scenario in Scenario for year in ahead],
    ]
    items = shown_outlook(outlook(study=study, table=table), shown, suppress=published)
    return Table(
        "Отримувачі в минулі роки і прогноз потреби за сценаріями",
        header,
        [
            [
                item.outlook.service.code,
                item.outlook.service.name,
                *[str(cell) for cell in item.served_before],
                str(item.need),
                *item.forecast_cells,
            ]
            for item in items
        ],
    )


def _compliance_table(study: NeedsStudy, *, published: bool) -> Table:
    rows = shown_compliance(
        deadline_compliance(study=study, today=timezone.localdate()), suppress=published
    )
    return Table(
        f"Дотримання строків розгляду звернень, поданих у {study.year} році "
        "(ст. 20 Закону «Про соціальні послуги», у робочих днях)",
        COMPLIANCE_HEADER,
        [
            [
                r.code,
                r.name,
                str(r.applications),
                str(r.assessed_on_time),
                str(r.assessed_late),
                str(r.not_assessed_overdue),
                "—" if r.decisions_late is None else str(r.decisions_late),
            ]
            for r in rows
        ],
        strong_rows=frozenset({len(rows) - 1}) if rows else frozenset(),
        note="Строк — за правилом, чинним на день звернення. «—»: для послуги не встановлено "
        "строку рішення. Відмовлені без оцінювання і ті, чий строк ще не минув, не входять "
        "до жодного стовпця, крім «Звернень».",
    )


def _chart(rows: list[ShownRow]) -> bytes | None:
    """Need and people served per service (both sexes), hidden values left out."""
    rows = [s for s in rows if s.need.value is not None and s.served.value is not None][:15]
    if not rows:
        return None
    # The object API, not pyplot: no global state, no screen needed on a server.
    figure = Figure(figsize=(8, 0.45 * len(rows) + 1.2), dpi=120)
    axes = figure.subplots()
    labels = [s.row.service.code for s in rows]
    positions = range(len(rows))
    axes.barh([p + 0.2 for p in positions], [s.need.value or 0 for s in rows], 0.4, label="потреба")
    axes.barh(
        [p - 0.2 for p in positions], [s.served.value or 0 for s in rows], 0.4, label="отримують"
    )
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.set_xlabel("осіб")
    axes.set_title("Потреба і охоплення за послугами")
    axes.legend()
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def write_report(table: NeedsTable, fmt: str, *, published: bool) -> bytes:
    return write_document(outline(table, published=published), fmt)
