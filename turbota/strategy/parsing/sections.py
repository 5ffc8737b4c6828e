"""The parts of a strategy besides the goals tree: title and period, mission, vision,
values, the working group, SWOT and scenarios — each read only where the document names it."""

from __future__ import annotations

import re

from turbota.strategy.enums import ScenarioKind, SwotQuadrant, WorkingGroupRole
from turbota.strategy.parsing.blocks import Block
from turbota.strategy.parsing.parsed import ParsedMember, ParsedStrategy

_TITLE = re.compile(
    r"(Стратегі[яїю]\b.*?\bна\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\s+рок(?:и|ів)?)",
    re.IGNORECASE | re.DOTALL,
)
_UNTIL = re.compile(r"(Стратегі[яїю]\b.*?на період до\s+((?:19|20)\d{2})\s+року)", re.IGNORECASE)
_LABELLED = re.compile(r"^(Місія|Візія|Бачення)\s*[–—\-:]\s*(.+)$", re.DOTALL)
_BULLET = re.compile(r"^[·•\-–]\s*")
_LIST_ITEM = re.compile(r"^\d+\.\s*")
_SCENARIO = {
    ScenarioKind.INERTIAL: re.compile(r"^Інерційний сценарій\s*[–—\-:.]?\s*(.+)$", re.I | re.S),
    ScenarioKind.REALISTIC: re.compile(r"^Реалістичний сценарій\s*[–—\-:.]?\s*(.+)$", re.I | re.S),
    ScenarioKind.MODERNISATION: re.compile(
        r"^Модернізаційний сценарій\s*[–—\-:.]?\s*(.+)$", re.I | re.S
    ),
}
_SWOT_HEADERS = {
    "сильні сторони": SwotQuadrant.STRENGTH,
    "слабкі сторони": SwotQuadrant.WEAKNESS,
    "можливості": SwotQuadrant.OPPORTUNITY,
    "загрози": SwotQuadrant.THREAT,
}
_TITLE_BLOCKS = 60  # the title is stated near the top


def read_sections(blocks: list[Block], parsed: ParsedStrategy) -> None:
    _title(blocks, parsed)
    _mission_and_vision(blocks, parsed)
    _values(blocks, parsed)
    _working_group(blocks, parsed)
    _swot(blocks, parsed)
    _scenarios(blocks, parsed)


def _title(blocks: list[Block], parsed: ParsedStrategy) -> None:
    for block in blocks[:_TITLE_BLOCKS]:
        found = _TITLE.search(block.text)
        if found:
            parsed.title = re.sub(r"\s+", " ", found.group(1))
            parsed.period_start, parsed.period_end = int(found.group(2)), int(found.group(3))
            return
    for block in blocks[:_TITLE_BLOCKS]:
        until = _UNTIL.search(block.text)
        if until:
            parsed.title = re.sub(r"\s+", " ", until.group(1))
            parsed.period_end = int(until.group(2))
            parsed.warnings.append(
                f"Рядок {block.line}: у назві вказано лише останній рік ({until.group(2)}); "
                "перший рік стратегії в документі не знайдено — вкажіть період."
            )
            return


def _mission_and_vision(blocks: list[Block], parsed: ParsedStrategy) -> None:
    for block in blocks:
        found = _LABELLED.match(block.text)
        if not found:
            continue
        if found.group(1) == "Місія" and not parsed.mission:
            parsed.mission = found.group(2).strip()
        elif found.group(1) != "Місія" and not parsed.vision:
            parsed.vision = found.group(2).strip()


def _values(blocks: list[Block], parsed: ParsedStrategy) -> None:
    """Bulleted lines right after the paragraph that announces the values."""
    for index, block in enumerate(blocks):
        text = block.text
        if "цінност" in text.lower() and text.rstrip().endswith(":") and not block.is_row:
            for following in blocks[index + 1 :]:
                if not _BULLET.match(following.text):
                    break
                parsed.values.append(_BULLET.sub("", following.text).rstrip(";.").strip())
            if parsed.values:
                return


def _working_group(blocks: list[Block], parsed: ParsedStrategy) -> None:
    """Rows of (name, position) after "Склад робочої групи"; experts after "Експерти"."""
    role_default: str | None = None
    for block in blocks:
        text = block.text
        if not block.is_row:
            if "склад робочої групи" in text.lower():
                role_default = WorkingGroupRole.MEMBER
            elif role_default is not None and text.lower().startswith("експерт"):
                role_default = WorkingGroupRole.EXPERT
            elif role_default is not None and parsed.members:
                return
            continue
        cells = block.texts
        if role_default is None or len(cells) != 2:
            continue
        name, position = cells
        role = role_default
        if role == WorkingGroupRole.MEMBER:
            role = _role_from_position(position)
        parsed.members.append(ParsedMember(full_name=name, position=position, role=role))


def _role_from_position(position: str) -> str:
    lower = position.lower()
    if "заступник голови робочої групи" in lower:
        return WorkingGroupRole.DEPUTY_CHAIR
    if "голова робочої групи" in lower:
        return WorkingGroupRole.CHAIR
    if "секретар робочої групи" in lower:
        return WorkingGroupRole.SECRETARY
    return WorkingGroupRole.MEMBER


def _swot(blocks: list[Block], parsed: ParsedStrategy) -> None:
    """A header row naming two quadrants, then a row holding their numbered items."""
    for index, block in enumerate(blocks[:-1]):
        quadrants = [_SWOT_HEADERS.get(cell.lower().rstrip(":").strip()) for cell in block.texts]
        if not block.is_row or not quadrants or None in quadrants:
            continue
        items_row = blocks[index + 1]
        for quadrant, cell in zip(quadrants, items_row.cells, strict=False):
            assert quadrant is not None
            parsed.swot.setdefault(quadrant.value, []).extend(_list_items(cell))


def _list_items(cell: str) -> list[str]:
    items: list[str] = []
    for line in cell.splitlines():
        if _LIST_ITEM.match(line) or _BULLET.match(line) or not items:
            items.append(_BULLET.sub("", _LIST_ITEM.sub("", line)).strip())
        else:
            items[-1] = f"{items[-1]} {line.strip()}"
    return [item.rstrip(";").strip() for item in items if item.strip()]


def _scenarios(blocks: list[Block], parsed: ParsedStrategy) -> None:
    for block in blocks:
        for kind, pattern in _SCENARIO.items():
            found = pattern.match(block.text)
            if found and kind.value not in parsed.scenarios:
                parsed.scenarios[kind.value] = found.group(1).strip()
