"""Reading an existing strategy document (plain-text export or DOCX) into a
:class:`ParsedStrategy` — what is read, and what could not be read (decision 0019)."""

from __future__ import annotations

from turbota.strategy.parsing.blocks import read_blocks
from turbota.strategy.parsing.parsed import ParsedStrategy, Problem
from turbota.strategy.parsing.sections import read_sections
from turbota.strategy.parsing.tree import Walker

__all__ = ["ParsedStrategy", "Problem", "parse_document"]


def parse_document(
    content: bytes,
    name: str,
    *,
    aliases: dict[str, list[str]],
    period: tuple[int, int] | None = None,
) -> ParsedStrategy:
    """Everything the document says that the importer can read; ``period`` overrides the
    years of the title (for a document that does not state them)."""
    parsed = ParsedStrategy()
    try:
        blocks = read_blocks(content, name)
    except Exception as error:
        parsed.problems.append(Problem(0, f"Файл не вдалося прочитати: {error}"))
        return parsed
    read_sections(blocks, parsed)
    Walker(parsed=parsed, aliases=aliases).walk(blocks)
    if period is not None:
        parsed.period_start, parsed.period_end = period
    if not parsed.title:
        parsed.problems.append(
            Problem(0, "Не знайдено назви стратегії з періодом («Стратегія … на 2021-2026 роки»).")
        )
    if parsed.period_start is None or parsed.period_end is None:
        parsed.problems.append(Problem(0, "Не знайдено період стратегії (перший і останній рік)."))
    elif parsed.period_end < parsed.period_start:
        parsed.problems.append(Problem(0, "Останній рік стратегії раніший за перший."))
    if not parsed.roots:
        parsed.problems.append(
            Problem(0, "Не знайдено жодної стратегічної цілі («Стратегічна ціль 1. …»).")
        )
    return parsed
