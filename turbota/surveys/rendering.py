"""The questionnaire as the web form shows it: each question with its HTML name and id,
its label and hint in the chosen language, its current value and error, and the
expressions the browser evaluates (``data-`` attributes read by ``survey-form.js``).

Field names: a question's name, or ``repeat:index:name`` inside a repeat. A repeat's
instances are listed in the hidden field ``_repeat:name`` (indices, comma-separated), so a
form sent back with errors shows the same entries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from turbota.surveys.xlsform.answers import field_name
from turbota.surveys.xlsform.definition import Element, FormDefinition, Group, Question, pick

INDEX = "__INDEX__"  # the index placeholder of a repeat's template instance
_REF = re.compile(r"\$\{([^}]*)\}")
_REPEATED = re.compile(r"^(?P<repeat>[^:]+):(?P<index>\d+):(?P<name>.+)$")
MAX_INSTANCES = 50


@dataclass
class Option:
    name: str
    label: str
    id: str
    checked: bool


@dataclass
class Instance:
    index: int | str
    number: int | str
    children: list[Item]


@dataclass
class Item:
    kind: str  # question, note, group, repeat
    name: str
    key: str  # the HTML field name
    id: str
    label: SafeString
    plain_label: str = ""
    hint: SafeString = field(default_factory=SafeString)
    type: str = ""
    widget: str = ""
    required: bool = False
    relevant: str = ""
    required_if: str = ""
    constraint: str = ""
    required_message: str = ""
    constraint_message: str = ""
    value: str = ""
    options: list[Option] = field(default_factory=list)
    error: str = ""
    hidden: bool = False
    children: list[Item] = field(default_factory=list)
    instances: list[Instance] = field(default_factory=list)
    template: Instance | None = None

    @property
    def indices(self) -> str:
        """A repeat's entries, for its hidden ``_repeat:name`` field."""
        return ",".join(str(instance.index) for instance in self.instances)


def _widget(question: Question) -> str:
    if question.type == "select_one":
        return "select" if question.appearance == "minimal" else "radio"
    if question.type == "select_multiple":
        return "checkbox"
    if question.type == "text" and question.appearance == "multiline":
        return "textarea"
    return {"integer": "integer", "decimal": "decimal", "date": "date"}.get(question.type, "text")


def _html_id(field: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", field)


class _Builder:
    def __init__(
        self,
        form: FormDefinition,
        language: str,
        errors: Mapping[str, str],
        hidden: set[str],
    ) -> None:
        self.form = form
        self.language = language
        self.errors = errors
        self.hidden = hidden

    def text(self, text: dict[str, str]) -> str:
        return pick(text, self.language, self.form.default_language)

    def label(self, text: dict[str, str], values: Mapping[str, Any]) -> SafeString:
        parts = _REF.split(self.text(text))
        html = []
        for number, part in enumerate(parts):
            if number % 2 == 0:
                html.append(escape(part))
            else:
                html.append(
                    format_html(
                        '<span class="output" data-ref="{}">{}</span>',
                        part,
                        _shown(values.get(part)),
                    )
                )
        return mark_safe("".join(html))  # noqa: S308 (every part escaped above)

    def items(
        self,
        elements: tuple[Element, ...],
        raw: Mapping[str, Any],
        top: Mapping[str, Any],
        where: tuple[str, int | str | None],
    ) -> list[Item]:
        found = []
        for element in elements:
            if isinstance(element, Group):
                found.append(self.group(element, raw, top, where))
            elif element.type == "note" or element.is_answered:
                found.append(self.question(element, raw, {**top, **raw}, where))
        return found

    def group(
        self,
        group: Group,
        raw: Mapping[str, Any],
        top: Mapping[str, Any],
        where: tuple[str, int | str | None],
    ) -> Item:
        name = field_name(group.name, where[0], where[1])  # type: ignore[arg-type]
        item = Item(
            kind="repeat" if group.repeat else "group",
            name=group.name,
            key=name,
            id=_html_id("g-" + name),
            label=self.label(group.label, {**top, **raw}),
            relevant=group.relevant,
            hidden=name in self.hidden,
        )
        if not group.repeat:
            item.children = self.items(group.children, raw, top, where)
            return item
        entries = raw.get(group.name) or []
        for position, (index, entry) in enumerate(entries):
            item.instances.append(
                Instance(
                    index,
                    position + 1,
                    self.items(group.children, entry, {**top, **raw}, (group.name, index)),
                )
            )
        item.template = Instance(
            INDEX, INDEX, self.items(group.children, {}, {**top, **raw}, (group.name, INDEX))
        )
        return item

    def question(
        self,
        question: Question,
        raw: Mapping[str, Any],
        values: Mapping[str, Any],
        where: tuple[str, int | str | None],
    ) -> Item:
        name = field_name(question.name, where[0], where[1])  # type: ignore[arg-type]
        html_id = _html_id(name)
        value = raw.get(question.name)
        chosen = set(value if isinstance(value, list) else [value] if value else [])
        return Item(
            kind="note" if question.type == "note" else "question",
            name=question.name,
            key=name,
            id=html_id,
            label=self.label(question.label, values),
            plain_label=self.text(question.label) or question.name,
            hint=self.label(question.hint, values),
            type=question.type,
            widget=_widget(question),
            required=question.required == "true()",
            relevant=question.relevant,
            required_if=question.required if question.required != "true()" else "",
            constraint=question.constraint,
            required_message=self.text(question.required_message),
            constraint_message=self.text(question.constraint_message),
            value="" if isinstance(value, list) or value is None else str(value),
            options=[
                Option(
                    choice.name,
                    self.text(choice.label) or choice.name,
                    f"{html_id}-{number}",
                    choice.name in chosen,
                )
                for number, choice in enumerate(question.choices)
            ],
            error=self.errors.get(name, ""),
            hidden=name in self.hidden,
        )


@dataclass(frozen=True)
class SummaryLine:
    anchor: str
    label: str
    message: str


def error_summary(items: list[Item]) -> list[SummaryLine]:
    """The error summary above the form: a link to each answer with a problem."""
    lines: list[SummaryLine] = []
    for item in items:
        if item.error:
            anchor = item.options[0].id if item.widget in ("radio", "checkbox") else item.id
            lines.append(SummaryLine(anchor, item.plain_label, item.error))
        lines += error_summary(item.children)
        for instance in item.instances:
            lines += error_summary(instance.children)
    return lines


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


def build_items(
    form: FormDefinition,
    *,
    language: str,
    raw: Mapping[str, Any],
    errors: Mapping[str, str] | None = None,
    hidden: set[str] | None = None,
) -> list[Item]:
    """The form's items; ``raw`` as ``raw_from_post`` gives it (repeats as lists of
    (index, answers))."""
    builder = _Builder(form, language, errors or {}, hidden or set())
    return builder.items(form.children, raw, {}, ("", None))


def raw_from_post(form: FormDefinition, data: QueryDict) -> dict[str, Any]:
    """The submitted answers: a question's value (a list for select_multiple) and, for a
    repeat, its entries as (index, answers) in order."""
    multiple = {q.name for q in form.questions() if q.type == "select_multiple"}
    raw: dict[str, Any] = {}
    entries: dict[str, dict[int, dict[str, Any]]] = {g.name: {} for g in form.repeats()}
    for key in data:
        values = data.getlist(key)
        match = _REPEATED.match(key)
        if match and match["repeat"] in entries:
            index = int(match["index"])
            if index < MAX_INSTANCES * 10:
                entry = entries[match["repeat"]].setdefault(index, {})
                entry[match["name"]] = values if match["name"] in multiple else values[-1]
        elif not key.startswith("_") and ":" not in key:
            raw[key] = values if key in multiple else values[-1]
    for repeat, found in entries.items():
        listed = _listed_indices(data.get(f"_repeat:{repeat}"))
        indices = sorted(set(found) | set(listed))[:MAX_INSTANCES]
        raw[repeat] = [(index, found.get(index, {})) for index in indices]
    return raw


def _listed_indices(text: str | None) -> list[int]:
    return [int(part) for part in (text or "").split(",") if part.strip().isdigit()]


def checkable(raw: Mapping[str, Any]) -> dict[str, Any]:
    """``raw`` with each repeat's entries as a plain list (what ``check_answers`` reads)."""
    return {
        key: [entry for _index, entry in value]
        if isinstance(value, list) and value and isinstance(value[0], tuple)
        else value
        for key, value in raw.items()
    }


def first_instances(form: FormDefinition) -> dict[str, Any]:
    """A new form: one empty entry in every repeat."""
    return {repeat.name: [(0, {})] for repeat in form.repeats()}


def add_instance(raw: dict[str, Any], repeat: str) -> None:
    entries = raw.get(repeat) or []
    if len(entries) < MAX_INSTANCES:
        next_index = max((index for index, _entry in entries), default=-1) + 1
        raw[repeat] = [*entries, (next_index, {})]


def remove_instance(raw: dict[str, Any], target: str) -> None:
    repeat, _sep, index = target.partition(":")
    if repeat in raw and index.isdigit():
        raw[repeat] = [(i, entry) for i, entry in raw[repeat] if i != int(index)]
