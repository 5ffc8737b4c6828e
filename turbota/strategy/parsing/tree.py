"""The goals tree read from headings and numbered lines, kept exactly as numbered.

Rules (decisions 0017 and 0019):

* "Стратегічна ціль N", "Операційна ціль N.M" are headings; a numbered line "1.2.4 …" is a
  task (three parts) or a measure (four or more parts); a two-part number without the words
  is an operational goal. The words "Завдання"/"Заходи" alone are labels.
* A node's parent is the node whose number is its number without the last part. When that
  number is missing from the document, the node goes under the nearest one that exists and
  a warning says so; nothing is renumbered.
* Among siblings, a skipped number ("1.3.2" then "1.3.4") and a repeated number (two
  "2.1.11") are warnings; both nodes are kept as written.
* When a strategic goal's number comes round again, the tree has been read: later headings
  and numbered lines (the indicator table, a diagram, the action plan) refer to the nodes
  already read. A reference adds what its row says (indicators, plan columns) and a title
  that differs is a warning. A numbered line between tree items that is none of these is
  reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from turbota.strategy.enums import NodeKind
from turbota.strategy.parsing import plan, tables
from turbota.strategy.parsing.blocks import Block
from turbota.strategy.parsing.parsed import ParsedNode, ParsedStrategy, normalised

_STRATEGIC = re.compile(
    r"^стратегічна ціль\s*№?\s*(\d{1,2})\.?(?!\d)\s*[:.–—-]?\s*(.*)$", re.I | re.S
)
_OPERATIONAL = re.compile(
    r"^операційна ціль\s*№?\s*(\d{1,2}\.\d{1,2})\.?(?!\d)\s*[:.–—-]?\s*(.*)$", re.I | re.S
)
_ITEM = re.compile(
    r"^(?:[·•\-–]\s*)?(?:(завдання|захід|заходи)\s+)?(\d{1,3}(?:\.\d{1,3})+)\.?(?![\d])\s*(.*)$",
    re.I | re.S,
)
# A number as the tree holds it ("1", "1.2", "2.4.5.1"); what the page accepts too.
NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*")
_LABELS = {"завдання", "заходи", "захід", "завдання:", "заходи:"}
_SLOGAN = re.compile(r"^(?:[^«»]{0,30}:\s*)?«([^»]{2,120})»$")
_INDICATOR_HEADER = ("індикатор",)


@dataclass
class Walker:
    parsed: ParsedStrategy
    aliases: dict[str, list[str]]
    by_number: dict[str, ParsedNode] = field(default_factory=dict)
    strategic: ParsedNode | None = None
    operational: ParsedNode | None = None
    last: ParsedNode | None = None
    closed: bool = False
    in_indicators: bool = False
    columns: plan.Columns | None = None
    pending: list[str] = field(default_factory=list)
    slogan: str = ""

    # -- the walk ---------------------------------------------------------------------

    def walk(self, blocks: list[Block]) -> None:
        index = 0
        while index < len(blocks):
            index = self._block(blocks, index)
        self.pending.clear()  # text after the last tree item is the rest of the document

    def _block(self, blocks: list[Block], index: int) -> int:
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if self._starts_indicators(block):
            self.in_indicators, self.columns = True, None
            self.closed = self.closed or bool(self.parsed.roots)  # it lists goals read before
            self.pending.clear()
            return index + 1
        if block.is_row and len(block.cells) >= 3:
            header = plan.header_columns(block.cells)
            with_years = following is not None and plan.sub_header(following.cells)
            if with_years and (header is None or not header.years):
                assert following is not None
                header = plan.header_columns(block.cells, following.cells) or header
                index += 1
            if header is not None:
                self.columns, self.in_indicators = header, False
                return index + 1
        if self.columns is not None and block.is_row and len(block.cells) >= 3:
            self._plan_row(block)
            return index + 1
        if self.columns is not None and not block.is_row:
            self.columns = None
        if self.in_indicators and self._indicator_row(block):
            return index + 1
        self.in_indicators = False
        title_from_next = self._texts(block, following)
        return index + (2 if title_from_next else 1)

    def _starts_indicators(self, block: Block) -> bool:
        text = block.text.lower()
        if not block.is_row:
            return text.startswith(("перелік індикаторів", "індикатори"))
        cells = [cell.lower().strip() for cell in block.texts]
        return len(cells) == 2 and cells[1].startswith(_INDICATOR_HEADER) and "ціль" in cells[0]

    def _texts(self, block: Block, following: Block | None) -> bool:
        """Headings and numbered lines of a paragraph or of the cells of a row; True when a
        heading without a title took its title from the next paragraph."""
        if block.auto_numbered and self.strategic is not None and not self.closed:
            self.parsed.warnings.append(
                f"Рядок {block.line}: абзац з автоматичною нумерацією Word — номера немає в "
                f"тексті, тому пункт не прочитано: «{_short(block.text)}»."
            )
        used_next = False
        for cell in block.texts:
            lines = cell.splitlines()
            position = 0
            while position < len(lines):
                position = self._line(lines, position, block.line)
            if len(block.texts) == 1 and len(lines) == 1 and self._wants_title(following):
                used_next = True
        return used_next

    def _wants_title(self, following: Block | None) -> bool:
        node = self.last
        if node is None or node.title or following is None or following.is_row:
            return False
        text = following.text
        if _STRATEGIC.match(text) or _OPERATIONAL.match(text) or _ITEM.match(text):
            return False
        if not self.closed:
            node.title = text
        return True

    def _line(self, lines: list[str], position: int, line: int) -> int:
        text = lines[position]
        rest = lines[position + 1 :]
        continuation = []
        for more in rest:
            if _STRATEGIC.match(more) or _OPERATIONAL.match(more) or _ITEM.match(more):
                break
            continuation.append(more)
        title_tail = " ".join(continuation)
        if self._heading(text, title_tail, line) or self._item(text, title_tail, line):
            return position + 1 + len(continuation)
        self._other(text, line)
        return position + 1

    # -- headings and items -----------------------------------------------------------

    def _heading(self, text: str, tail: str, line: int) -> bool:
        strategic = _STRATEGIC.match(text)
        if strategic:
            number, title = strategic.group(1), _join(strategic.group(2), tail)
            if number in self.by_number and self.by_number[number].kind == NodeKind.STRATEGIC_GOAL:
                self.closed = True
                self.pending.clear()
            if self.closed:
                self._refer(number, title, line)
                return True
            node = self._add(NodeKind.STRATEGIC_GOAL, number, title, line, parent=None)
            node.slogan, self.slogan = self.slogan, ""
            self.strategic, self.operational = node, None
            return True
        operational = _OPERATIONAL.match(text)
        if operational:
            number, title = operational.group(1), _join(operational.group(2), tail)
            if self.closed:
                self._refer(number, title, line)
                return True
            self._operational(number, title, line)
            return True
        slogan = _SLOGAN.match(text)
        if slogan and not self.closed:
            self.slogan = slogan.group(1).strip()
            return True
        return False

    def _operational(self, number: str, title: str, line: int) -> None:
        parent = self.by_number.get(number.split(".")[0])
        if parent is None or parent.kind != NodeKind.STRATEGIC_GOAL:
            parent = self.strategic
            self.parsed.warnings.append(
                f"Рядок {line}: операційна ціль {number} — у документі немає стратегічної цілі "
                f"{number.split('.')[0]}"
                + (f"; її віднесено до цілі {parent.number}." if parent else ".")
            )
        self.operational = self._add(NodeKind.OPERATIONAL_GOAL, number, title, line, parent)

    def _item(self, text: str, tail: str, line: int) -> bool:
        found = _ITEM.match(text)
        if not found or (self.strategic is None and not self.closed):
            return False
        word, number, title = found.group(1), found.group(2), _join(found.group(3), tail)
        if self.closed:
            self._refer(number, title, line)
            return True
        parts = number.split(".")
        if len(parts) == 2:
            self._operational(number, title, line)
            return True
        kind = NodeKind.TASK if len(parts) == 3 else NodeKind.MEASURE
        if word and word.lower().startswith("зах"):
            kind = NodeKind.MEASURE
        elif word:
            kind = NodeKind.TASK
        self._add(kind, number, title, line, self._parent_of(number, line))
        return True

    def _parent_of(self, number: str, line: int) -> ParsedNode | None:
        parts = number.split(".")
        wanted = ".".join(parts[:-1])
        for size in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:size])
            if prefix in self.by_number:
                if prefix != wanted:
                    self.parsed.warnings.append(
                        f"Рядок {line}: для пункту {number} у документі немає пункту {wanted}; "
                        f"пункт віднесено до {prefix}."
                    )
                return self.by_number[prefix]
        fallback = self.operational or self.strategic
        self.parsed.warnings.append(
            f"Рядок {line}: для пункту {number} у документі немає жодної вищої цілі з таким "
            f"номером; пункт віднесено до {fallback.number if fallback else '—'}."
        )
        return fallback

    def _add(
        self, kind: NodeKind, number: str, title: str, line: int, parent: ParsedNode | None
    ) -> ParsedNode:
        node = ParsedNode(kind=kind, number=number, title=title, line=line)
        siblings = parent.children if parent else self.parsed.roots
        self._check_numbering(node, siblings, parent)
        siblings.append(node)
        self.by_number[number] = node  # a repeated number: later references mean the last
        self.parsed.warnings.extend(self.pending)
        self.pending.clear()
        self.last = node
        return node

    def _check_numbering(
        self, node: ParsedNode, siblings: list[ParsedNode], parent: ParsedNode | None
    ) -> None:
        earlier = [(sibling.number, f"рядок {sibling.line}") for sibling in siblings]
        problem = sibling_numbering(node.number, earlier, parent.number if parent else None)
        if problem:
            self.parsed.warnings.append(f"Рядок {node.line}: {problem}")

    def _refer(self, number: str, title: str, line: int) -> ParsedNode | None:
        node = self.by_number.get(number)
        parent_number = ".".join(number.split(".")[:-1])
        if node is None and (parent_number in self.by_number or "." not in number):
            return self._new_in_table(number, title, line)
        if node is None:
            self.parsed.warnings.append(
                f"Рядок {line}: {number} згадано після дерева цілей, але в дереві такого "
                f"пункту немає; пропущено: «{_short(title)}»."
            )
            return None
        if title and node.title and normalised(title) != normalised(node.title):
            self.parsed.warnings.append(
                f"Рядок {line}: пункт {number} тут названо інакше, ніж у рядку {node.line}: "
                f"«{_short(title)}»."
            )
        if node.kind == NodeKind.OPERATIONAL_GOAL:
            self.operational = node
        self.last = node
        return node

    def _new_in_table(self, number: str, title: str, line: int) -> ParsedNode:
        """A table (the action plan) lists a task or measure the text did not: it is the
        document's own item, under the node its number points to."""
        parent = self.by_number.get(".".join(number.split(".")[:-1]))
        depth = len(number.split("."))
        kinds = {1: NodeKind.STRATEGIC_GOAL, 2: NodeKind.OPERATIONAL_GOAL, 3: NodeKind.TASK}
        kind = kinds.get(depth, NodeKind.MEASURE)
        node = self._add(kind, number, title, line, parent)
        if kind == NodeKind.STRATEGIC_GOAL:
            self.strategic, self.operational = node, None
        elif kind == NodeKind.OPERATIONAL_GOAL:
            self.operational = node
        return node

    def _other(self, text: str, line: int) -> None:
        if self.strategic is None or self.closed or text.lower().strip() in _LABELS:
            return
        self.pending.append(
            f"Рядок {line}: не прочитано як ціль, завдання чи захід, пропущено: «{_short(text)}»."
        )

    # -- tables -----------------------------------------------------------------------

    def _indicator_row(self, block: Block) -> bool:
        cells = block.texts
        if len(cells) == 1 and (_STRATEGIC.match(cells[0]) or _OPERATIONAL.match(cells[0])):
            self._texts(Block(line=block.line, cells=cells[:1]), None)
            return True
        if len(cells) != 2:
            return False
        if cells[1].lower().startswith(_INDICATOR_HEADER):
            return True  # the header row
        goal = _OPERATIONAL.match(cells[0]) or _STRATEGIC.match(cells[0])
        if not goal:
            return False
        self._texts(Block(line=block.line, cells=cells[:1]), None)
        node = self.by_number.get(goal.group(1))
        if node is None:
            return True
        for name in tables.bullets(cells[1]):
            node.indicators.append(tables.indicator(name, block.line))
        return True

    def _plan_row(self, block: Block) -> None:
        columns = self.columns
        assert columns is not None
        cells = block.cells
        texts = block.texts
        if len(set(texts)) == 1 and (_STRATEGIC.match(texts[0]) or _OPERATIONAL.match(texts[0])):
            self._texts(Block(line=block.line, cells=texts[:1]), None)
            return
        number = columns.cell(cells, "number").strip().rstrip(".")
        title = columns.cell(cells, "title")
        if number and title and not _ITEM.match(title):
            title = f"{number} {title}"
        elif number and not title:
            title = number
        if not title.strip():
            self._extra_funding(block)
            return
        if _STRATEGIC.match(title) or _OPERATIONAL.match(title) or _ITEM.match(title):
            before = self.last
            self._texts(Block(line=block.line, cells=[title]), None)
            node = self.last
            if node is None or (node is before and not self.closed):
                return
        else:
            node = self._unnumbered(title, block.line)
            if node is None:
                return
        tables.plan_details(node, cells, columns, block.line, self)

    def _unnumbered(self, title: str, line: int) -> ParsedNode | None:
        """A plan row whose measure has no number: kept without one, under the last task."""
        parent = self.last
        while parent is not None and parent.kind == NodeKind.MEASURE and not parent.number:
            parent = next((n for n in self.parsed.nodes() if parent in n.children), None)
        if parent is None:
            self._other(title, line)
            return None
        node = ParsedNode(kind=NodeKind.MEASURE, number="", title=title, line=line)
        parent.children.append(node)
        self.parsed.warnings.append(
            f"Рядок {line}: захід без номера — додано до пункту {parent.number} без номера: "
            f"«{_short(title)}»."
        )
        self.last = node
        return node

    def _extra_funding(self, block: Block) -> None:
        """A row with no number or title: more money (another source) for the last node."""
        if self.last is None or self.columns is None:
            return
        tables.plan_funding(self.last, block.cells, self.columns, block.line, self)


def sibling_numbering(
    number: str, earlier: Sequence[tuple[str, str]], parent_number: str | None
) -> str | None:
    """What is unusual about ``number`` after its earlier siblings' numbers — a repeat, a
    gap, a step back, a first number other than 1 — or None. ``earlier`` pairs each number
    with where it stands ("рядок 12" in a file, a title on the page); ``parent_number`` is
    None among the strategic goals. Shared by the import and the tree edited on the page,
    so both warn alike (decision 0017)."""
    same = next((where for other, where in earlier if other == number), None)
    if same is not None:
        return (
            f"номер {number} повторюється (уперше — {same}); обидва пункти збережено як у "
            "документі."
        )
    last = number.split(".")[-1]
    prefix = number.rpartition(".")[0]
    numbered = [other for other, _ in earlier if other and other.rpartition(".")[0] == prefix]
    if not numbered:
        if int(last) != 1:
            where = (
                f"у {parent_number}" if parent_number is not None else "серед стратегічних цілей"
            )
            return f"нумерація {where} починається з {number}, а не з 1."
        return None
    previous = numbered[-1]
    expected = int(previous.split(".")[-1]) + 1
    if int(last) > expected:
        missing = ".".join([*number.split(".")[:-1], str(expected)])
        if int(last) > expected + 1:
            missing += "…" + ".".join([*number.split(".")[:-1], str(int(last) - 1)])
        return f"після {previous} іде {number} — пункту {missing} у документі немає."
    if int(last) < expected:
        return f"пункт {number} іде після {previous} (порядок номерів порушено)."
    return None


def _join(first: str, tail: str) -> str:
    return " ".join(part.strip() for part in (first, tail) if part.strip())


def _short(text: str, size: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= size else text[: size - 1] + "…"
