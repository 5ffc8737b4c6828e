"""Reading a questionnaire from an XLSForm file (the format of KoboToolbox and ODK).

pyxform is the judge of whether the file is an XLSForm at all: its error becomes
``MalformedFormError`` and nothing is kept. Turbota then reads pyxform's result into a
``FormDefinition`` and reports, by sheet row, every feature the form uses that Turbota does
not support (a question type, a column, an expression outside the subset of
``expressions``) — the form is never imported with part of it dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import get_xlsform
from pyxform.xls2xform import convert

from turbota.surveys.xlsform import expressions
from turbota.surveys.xlsform.definition import (
    METADATA_TYPES,
    Choice,
    Element,
    FormDefinition,
    Group,
    Language,
    Question,
    Text,
    pick,
)

# pyxform's type → Turbota's
TYPES = {
    "text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "note": "note",
    **{name: name for name in METADATA_TYPES},
}
SURVEY_COLUMNS = {
    "type",
    "name",
    "label",
    "caption",
    "hint",
    "required",
    "required_message",
    "requiredmsg",
    "jr:requiredmsg",
    "relevant",
    "relevance",
    "constraint",
    "constraint_message",
    "constraining_message",
    "jr:constraintmsg",
    "appearance",
}
CHOICE_COLUMNS = {"list_name", "list name", "name", "value", "label", "caption"}
MEDIA_COLUMNS = {"image", "big-image", "audio", "video", "media"}
SETTINGS = {"form_title", "set_form_title", "form_id", "set_form_id", "version", "style"}
SETTINGS_KEPT = SETTINGS | {"default_language"}
# Appearances that only change how a question looks; Turbota shows them its own way
# ("minimal" as a drop-down list, "multiline" as a text area).
APPEARANCES = {
    "",
    "minimal",
    "multiline",
    "field-list",
    "horizontal",
    "horizontal-compact",
    "likert",
    "columns",
}
OTHER_SHEETS = ("external_choices", "entities", "osm")
_YES = {"yes", "true", "true()"}
_NO = {"", "no", "false", "false()"}
_REF = re.compile(r"\$\{([^}]*)\}")


class MalformedFormError(ValueError):
    """The file is not a valid XLSForm; the message says why (pyxform's words inside)."""


@dataclass(frozen=True)
class Unsupported:
    row: int
    feature: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "feature": self.feature}


@dataclass
class ImportedForm:
    definition: FormDefinition
    unsupported: list[Unsupported] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_supported(self) -> bool:
        return not self.unsupported

    def summary(self) -> dict[str, Any]:
        """The report of ``turbota import_xlsform``."""
        form = self.definition
        language = form.display_language
        return {
            "title": form.title,
            "questions": [
                {"name": q.name, "type": q.type, "label": pick(q.label, language)}
                for q in form.questions()
            ],
            "unsupported": [item.as_dict() for item in self.unsupported],
        }


def read_xlsform(content: bytes, *, fallback_title: str = "") -> ImportedForm:
    """The form in ``content`` (XLSX, XLS or CSV XLSForm), or ``MalformedFormError``."""
    if not content.strip():
        raise MalformedFormError("Файл порожній.")
    warnings: list[str] = []
    try:
        workbook = get_xlsform(xlsform=content)
        converted = convert(xlsform=dataclasses.asdict(workbook), warnings=warnings)
    except PyXFormError as error:
        raise MalformedFormError(f"Форма не відповідає стандарту XLSForm: {error}") from None
    except Exception as error:  # a bad file must never crash the import
        raise MalformedFormError(
            f"Файл не вдалося прочитати як XLSForm (XLSX, XLS або CSV): {error}"
        ) from None
    reader = _Reader(converted._pyxform or {}, workbook, fallback_title)
    definition = reader.definition()
    return ImportedForm(definition, sorted(set(reader.unsupported), key=_order), warnings)


def _order(item: Unsupported) -> tuple[int, str]:
    return item.row, item.feature


class _Reader:
    def __init__(self, data: dict[str, Any], workbook: Any, fallback_title: str) -> None:
        self.data = data
        self.workbook = workbook
        self.fallback_title = fallback_title
        self.unsupported: list[Unsupported] = []
        self.rows = dict(self._survey_rows())
        self.languages: set[str] = set()

    def report(self, row: int, feature: str) -> None:
        self.unsupported.append(Unsupported(row, feature))

    def definition(self) -> FormDefinition:
        children = self.elements(self.data.get("children", []), (), in_repeat=False)
        self.check_columns()
        self.check_choices()
        self.check_settings()
        form = FormDefinition(
            title=str(self.data.get("title") or self.fallback_title or "Анкета"),
            form_id=str(self.data.get("id_string") or ""),
            version=str(self.data.get("version") or ""),
            default_language=str(self.data.get("default_language") or "default"),
            languages=tuple(Language(key) for key in sorted(self.languages)),
            children=children,
        )
        _check_names(form, self)
        _check_expressions(form, self)
        return form

    def _survey_rows(self) -> Iterator[tuple[tuple[str, ...], int]]:
        """Each element's path of names → its row on the survey sheet."""
        stack: list[str] = []
        for index, row in enumerate(self.workbook.survey or []):
            kind = re.sub(r"[\s_]+", " ", str(row.get("type", "")).strip().lower())
            if kind.startswith("end "):  # "end group", "end repeat" ("end" alone is a type)
                if stack:
                    stack.pop()
                continue
            name = str(row.get("name", "")).strip()
            if not kind:
                continue
            yield (*stack, name), index + 2
            if kind.startswith("begin "):
                stack.append(name)

    def raw_row(self, row: int) -> dict[str, Any]:
        rows = self.workbook.survey or []
        return rows[row - 2] if 0 <= row - 2 < len(rows) else {}

    def elements(
        self, children: list[dict[str, Any]], path: tuple[str, ...], *, in_repeat: bool
    ) -> tuple[Element, ...]:
        found: list[Element] = []
        for child in children:
            name = str(child.get("name", ""))
            here = (*path, name)
            row = self.rows.get(here)
            if row is None:  # added by pyxform itself (the meta/instanceID group)
                continue
            element = self.element(child, here, row, in_repeat=in_repeat)
            if element is not None:
                found.append(element)
        return tuple(found)

    def element(
        self, data: dict[str, Any], path: tuple[str, ...], row: int, *, in_repeat: bool
    ) -> Element | None:
        kind = str(data.get("type", ""))
        bind = data.get("bind") or {}
        appearance = str((data.get("control") or {}).get("appearance") or "").strip()
        if appearance not in APPEARANCES:
            self.report(row, f"appearance: {appearance}")
        if kind in ("group", "repeat"):
            repeat = kind == "repeat"
            if repeat and in_repeat:
                self.report(row, "repeat inside a repeat")
            return Group(
                name=path[-1],
                row=row,
                repeat=repeat,
                label=self.text(data.get("label")),
                relevant=str(bind.get("relevant") or ""),
                appearance=appearance,
                children=self.elements(
                    data.get("children", []), path, in_repeat=in_repeat or repeat
                ),
            )
        raw_type = str(self.raw_row(row).get("type", "")).strip()
        ours = TYPES.get(kind)
        if ours is None or _special_select(raw_type, data):
            self.report(row, f"type: {raw_type or kind}")
            return None
        return self.question(data, ours, row, appearance)

    def question(self, data: dict[str, Any], kind: str, row: int, appearance: str) -> Question:
        bind = data.get("bind") or {}
        choices = tuple(
            Choice(str(choice.get("name", "")), self.text(choice.get("label")))
            for choice in data.get("choices") or []
        )
        if kind == "select_multiple":
            for choice in choices:
                if " " in choice.name:
                    self.report(row, f"choice name with a space: '{choice.name}'")
        return Question(
            name=str(data["name"]),
            type=kind,
            row=row,
            label=self.text(data.get("label")),
            hint=self.text(data.get("hint")),
            required=_required(bind.get("required")),
            required_message=self.text(bind.get("jr:requiredMsg")),
            relevant=str(bind.get("relevant") or ""),
            constraint=str(bind.get("constraint") or ""),
            constraint_message=self.text(bind.get("jr:constraintMsg")),
            appearance=appearance,
            choices=choices,
            list_name=str(data.get("list_name") or ""),
        )

    def text(self, value: object) -> Text:
        if value is None or value == "":
            return {}
        if isinstance(value, dict):
            self.languages |= set(value)
            return {str(key): str(text) for key, text in value.items()}
        self.languages.add("default")
        return {"default": str(value)}

    def check_columns(self) -> None:
        for index, row in enumerate(self.workbook.survey or []):
            for column, value in row.items():
                if value in (None, "") or column.startswith("$"):
                    continue
                base = column.split("::")[0].strip().lower()
                if base in MEDIA_COLUMNS or base not in SURVEY_COLUMNS:
                    self.report(index + 2, f"column: {column}")

    def check_choices(self) -> None:
        for index, row in enumerate(self.workbook.choices or []):
            for column, value in row.items():
                base = column.split("::")[0].strip().lower()
                if value not in (None, "") and base in MEDIA_COLUMNS:
                    self.report(index + 2, f"choices: column {column}")

    def check_settings(self) -> None:
        for row in self.workbook.settings or []:
            for key, value in row.items():
                if value not in (None, "") and key.strip().lower() not in SETTINGS_KEPT:
                    self.report(2, f"settings: {key}")
        for sheet in OTHER_SHEETS:
            if getattr(self.workbook, sheet, None):
                self.report(1, f"sheet: {sheet}")


def _special_select(raw_type: str, data: dict[str, Any]) -> bool:
    """A select from a file, an external select or one with "or_other"."""
    lowered = raw_type.lower()
    return (
        "or_other" in lowered
        or "from_file" in lowered
        or "from file" in lowered
        or "external" in lowered
        or "." in str(data.get("itemset") or "")
    )


def _required(value: object) -> str:
    text = str(value or "").strip()
    if text.lower() in _YES:
        return "true()"
    if text.lower() in _NO:
        return ""
    return text


def _check_names(form: FormDefinition, reader: _Reader) -> None:
    """Answers are stored by question name, so a name is used once in the form."""
    seen: dict[str, int] = {}
    for question in form.questions():
        if question.name in seen:
            reader.report(
                question.row,
                f"name '{question.name}' used again (first in row {seen[question.name]})",
            )
        seen.setdefault(question.name, question.row)


def _check_expressions(form: FormDefinition, reader: _Reader) -> None:
    """Every expression parses within the subset and reads questions it can see: in its
    own repeat, or outside any repeat."""
    repeat_of = {placed.question.name: placed.repeat for placed in form.placed()}
    for element, repeat in _with_repeats(form.children, None):
        columns: dict[str, str] = {"relevant": element.relevant}
        if isinstance(element, Question):
            columns |= {"required": element.required, "constraint": element.constraint}
        for column, text in columns.items():
            if text and text != "true()":
                _check_expression(text, column, element.row, repeat, repeat_of, reader)
        labels = [*element.label.values()]
        if isinstance(element, Question):
            labels += [*element.hint.values()]
        for label in labels:
            for name in _REF.findall(label):
                _check_reference(name, "label", element.row, repeat, repeat_of, reader)


def _with_repeats(
    elements: tuple[Element, ...], repeat: Group | None
) -> Iterator[tuple[Element, Group | None]]:
    for element in elements:
        yield element, repeat
        if isinstance(element, Group):
            yield from _with_repeats(element.children, element if element.repeat else repeat)


def _check_expression(
    text: str,
    column: str,
    row: int,
    repeat: Group | None,
    repeat_of: dict[str, Group | None],
    reader: _Reader,
) -> None:
    try:
        node = expressions.parse(text)
    except expressions.UnsupportedExpressionError as error:
        reader.report(row, f"{column}: {error.reason}")
        return
    for name in sorted(expressions.references(node)):
        _check_reference(name, column, row, repeat, repeat_of, reader)


def _check_reference(
    name: str,
    column: str,
    row: int,
    repeat: Group | None,
    repeat_of: dict[str, Group | None],
    reader: _Reader,
) -> None:
    if name not in repeat_of:
        reader.report(row, f"{column}: reference to ${{{name}}}, not a question Turbota asks")
        return
    target = repeat_of[name]
    if target is not None and target is not repeat:
        reader.report(row, f"{column}: reference to ${{{name}}} inside another repeat")
