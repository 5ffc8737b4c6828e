"""What a questionnaire holds once read from its XLSForm: questions, groups and repeats in
order, with their labels in every language of the form. Stored as JSON on the form's
version (``FormVersion.definition``) and read back with ``FormDefinition.from_json``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Text = dict[str, str]  # language key (as the form names it) → text

QUESTION_TYPES = (
    "text",
    "integer",
    "decimal",
    "date",
    "select_one",
    "select_multiple",
    "note",
)
# Filled by Turbota, never asked: when the form was opened, sent, and the day.
METADATA_TYPES = ("start", "end", "today")
SELECTS = ("select_one", "select_multiple")
NUMBERS = ("integer", "decimal")
TYPE_LABELS = {
    "text": "текст",
    "integer": "ціле число",
    "decimal": "число",
    "date": "дата",
    "select_one": "один варіант",
    "select_multiple": "кілька варіантів",
    "note": "примітка",
    "start": "час початку (автоматично)",
    "end": "час надсилання (автоматично)",
    "today": "дата (автоматично)",
}
_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)\s*$")


def pick(text: Text, language: str, default: str = "") -> str:
    """``text`` in ``language``, else in ``default``, else in any language it has."""
    for key in (language, default):
        if text.get(key):
            return text[key]
    return next((value for value in text.values() if value), "")


@dataclass(frozen=True)
class Language:
    """A language of the form: its key as written in the columns ("Українська (uk)"),
    the code in brackets, and its name."""

    key: str

    @property
    def code(self) -> str:
        found = _CODE.search(self.key)
        if found:
            return found.group(1).lower()
        if re.fullmatch(r"[A-Za-z]{2,3}", self.key):
            return self.key.lower()
        if self.key == "default" or "україн" in self.key.lower():
            return "uk"
        return ""

    @property
    def name(self) -> str:
        name = _CODE.sub("", self.key).strip()
        return "мова за замовчуванням" if name == "default" else name or self.key


@dataclass(frozen=True)
class Choice:
    name: str
    label: Text


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    row: int
    label: Text = field(default_factory=dict)
    hint: Text = field(default_factory=dict)
    required: str = ""  # an expression; "true()" when simply required
    required_message: Text = field(default_factory=dict)
    relevant: str = ""
    constraint: str = ""
    constraint_message: Text = field(default_factory=dict)
    appearance: str = ""
    choices: tuple[Choice, ...] = ()
    list_name: str = ""

    @property
    def is_answered(self) -> bool:
        """Asked of the respondent and stored (a note is only read; metadata is filled)."""
        return self.type in QUESTION_TYPES and self.type != "note"

    @property
    def is_select(self) -> bool:
        return self.type in SELECTS

    def choice_label(self, name: str, language: str, default: str = "") -> str:
        for choice in self.choices:
            if choice.name == name:
                return pick(choice.label, language, default) or name
        return name


@dataclass(frozen=True)
class Group:
    """A group (shown together under its label) or, when ``repeat``, a repeat: the
    respondent gives its questions once for each member, visit, …"""

    name: str
    row: int
    children: tuple[Element, ...]
    repeat: bool = False
    label: Text = field(default_factory=dict)
    relevant: str = ""
    appearance: str = ""


Element = Question | Group


@dataclass(frozen=True)
class Placed:
    """A question with where it sits: its groups (outermost first) and its repeat."""

    question: Question
    groups: tuple[Group, ...]
    repeat: Group | None


@dataclass(frozen=True)
class FormDefinition:
    title: str
    form_id: str
    version: str
    default_language: str
    languages: tuple[Language, ...]
    children: tuple[Element, ...]

    def placed(self) -> Iterator[Placed]:
        """Every question in form order."""
        yield from _walk(self.children, (), None)

    def questions(self) -> list[Question]:
        return [placed.question for placed in self.placed()]

    def question(self, name: str) -> Question | None:
        return next((q for q in self.questions() if q.name == name), None)

    def repeats(self) -> list[Group]:
        return [g for g in _groups(self.children) if g.repeat]

    @property
    def display_language(self) -> str:
        """The language shown first: the form's default, else Ukrainian, else the first."""
        keys = [language.key for language in self.languages]
        if self.default_language in keys:
            return self.default_language
        ukrainian = [language.key for language in self.languages if language.code == "uk"]
        return (ukrainian or keys or ["default"])[0]

    def language(self, wanted: str | None) -> str:
        keys = [language.key for language in self.languages]
        return wanted if wanted in keys else self.display_language

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "form_id": self.form_id,
            "version": self.version,
            "default_language": self.default_language,
            "languages": [language.key for language in self.languages],
            "children": [_element_json(child) for child in self.children],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormDefinition:
        return cls(
            title=data["title"],
            form_id=data["form_id"],
            version=data["version"],
            default_language=data["default_language"],
            languages=tuple(Language(key) for key in data["languages"]),
            children=tuple(_element(child) for child in data["children"]),
        )


def _walk(
    elements: tuple[Element, ...], groups: tuple[Group, ...], repeat: Group | None
) -> Iterator[Placed]:
    for element in elements:
        if isinstance(element, Question):
            yield Placed(element, groups, repeat)
        else:
            inner = element if element.repeat else repeat
            yield from _walk(element.children, (*groups, element), inner)


def _groups(elements: tuple[Element, ...]) -> Iterator[Group]:
    for element in elements:
        if isinstance(element, Group):
            yield element
            yield from _groups(element.children)


def _element_json(element: Element) -> dict[str, Any]:
    if isinstance(element, Group):
        return {
            "kind": "repeat" if element.repeat else "group",
            "name": element.name,
            "row": element.row,
            "label": element.label,
            "relevant": element.relevant,
            "appearance": element.appearance,
            "children": [_element_json(child) for child in element.children],
        }
    data: dict[str, Any] = {
        "kind": "question",
        "name": element.name,
        "type": element.type,
        "row": element.row,
    }
    for key in (
        "label",
        "hint",
        "required",
        "required_message",
        "relevant",
        "constraint",
        "constraint_message",
        "appearance",
        "list_name",
    ):
        value = getattr(element, key)
        if value:
            data[key] = value
    if element.choices:
        data["choices"] = [{"name": c.name, "label": c.label} for c in element.choices]
    return data


def _element(data: dict[str, Any]) -> Element:
    if data["kind"] in ("group", "repeat"):
        return Group(
            name=data["name"],
            row=data["row"],
            repeat=data["kind"] == "repeat",
            label=data.get("label", {}),
            relevant=data.get("relevant", ""),
            appearance=data.get("appearance", ""),
            children=tuple(_element(child) for child in data["children"]),
        )
    return Question(
        name=data["name"],
        type=data["type"],
        row=data["row"],
        label=data.get("label", {}),
        hint=data.get("hint", {}),
        required=data.get("required", ""),
        required_message=data.get("required_message", {}),
        relevant=data.get("relevant", ""),
        constraint=data.get("constraint", ""),
        constraint_message=data.get("constraint_message", {}),
        appearance=data.get("appearance", ""),
        list_name=data.get("list_name", ""),
        choices=tuple(Choice(c["name"], c["label"]) for c in data.get("choices", [])),
    )
