"""Checking one submission against its form, the authoritative way (the browser's checks
are a courtesy): each answer is read as its question's type, questions that are not
relevant are dropped, then ``required`` and ``constraint`` are evaluated.

Questions are taken in form order; a question found not relevant reads as empty to the
questions after it (as the browser does). The input is the raw answers — a question's
name → its text (or list of choices), a repeat's name → a list of such mappings — from
the web form, a paper questionnaire or a row of an exported file.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from turbota.surveys.xlsform import expressions
from turbota.surveys.xlsform.definition import (
    METADATA_TYPES,
    Element,
    FormDefinition,
    Group,
    Question,
    pick,
)
from turbota.surveys.xlsform.expressions import Context, Value

RawAnswers = Mapping[str, Any]
MAX_INTEGER = 10**15
_INTEGER = re.compile(r"[+-]?\d+")
REQUIRED = "Це обов'язкове питання: дайте відповідь."
REQUIRED_CHOICE = "Це обов'язкове питання: оберіть відповідь."
CONSTRAINT = "Відповідь не відповідає умові анкети."


class AnswerValueError(ValueError):
    """An answer that cannot be read as its question's type; the message is for people."""


@dataclass(frozen=True)
class AnswerError:
    """A problem with one answer. ``field`` names it in the web form: the question's name,
    or ``repeat:index:name`` inside a repeat (index from 0)."""

    field: str
    question: str
    label: str
    message: str


@dataclass
class Checked:
    answers: dict[str, Any] = field(default_factory=dict)
    errors: list[AnswerError] = field(default_factory=list)
    # Fields (questions and groups, named as ``field_name`` does) found not relevant.
    irrelevant: set[str] = field(default_factory=set)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def field_name(question: str, repeat: str = "", index: int | None = None) -> str:
    return question if not repeat else f"{repeat}:{index}:{question}"


def read_value(question: Question, raw: object) -> Any:
    """The stored answer (None when empty), or ``AnswerValueError``."""
    if isinstance(raw, list | tuple) and question.type != "select_multiple":
        raw = next((item for item in raw if _text(item)), "")
    if question.type == "select_multiple":
        return _choices(question, raw)
    if raw is None or _text(raw) == "":
        return None
    if question.type == "select_one":
        return _choice(question, raw)
    readers: dict[str, Callable[[object], Any]] = {
        "integer": _integer,
        "decimal": _decimal,
        "date": _date,
    }
    reader = readers.get(question.type)
    return reader(raw) if reader else _text(raw)


def expression_value(question: Question, stored: Any) -> Value:
    """How an answer reads inside an expression."""
    if stored is None or stored == []:
        return ""
    if question.type in ("integer", "decimal"):
        return float(stored)
    if question.type == "select_multiple":
        return " ".join(stored)
    return str(stored)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _integer(raw: object) -> int:
    if isinstance(raw, bool):
        raise AnswerValueError("Введіть ціле число.")
    text = _text(raw).replace("\u00a0", "").replace(" ", "")
    if not _INTEGER.fullmatch(text):
        raise AnswerValueError("Введіть ціле число (лише цифри).")
    number = int(text)
    if abs(number) >= MAX_INTEGER:
        raise AnswerValueError("Число завелике.")
    return number


def _decimal(raw: object) -> str:
    text = _text(raw).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise AnswerValueError("Введіть число (дробову частину — після коми).") from None
    if not number.is_finite() or abs(number) >= MAX_INTEGER:
        raise AnswerValueError("Введіть число (дробову частину — після коми).")
    return format(number.normalize(), "f") if number == number.to_integral() else str(number)


def _date(raw: object) -> str:
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    text = _text(raw)
    for pattern, size in (("%Y-%m-%d", 10), ("%d.%m.%Y", 10)):
        try:
            return datetime.datetime.strptime(text[:size], pattern).date().isoformat()  # noqa: DTZ007
        except ValueError:
            continue
    raise AnswerValueError("Введіть дату у вигляді ДД.ММ.РРРР.")


def _choice(question: Question, raw: object) -> str:
    name = _text(raw)
    if name not in {choice.name for choice in question.choices}:
        raise AnswerValueError("Оберіть один із запропонованих варіантів.")
    return name


def _choices(question: Question, raw: object) -> list[str]:
    listed = raw if isinstance(raw, list | tuple) else _text(raw).split()
    names = [_text(item) for item in listed]
    wanted = {name for name in names if name}
    known = [choice.name for choice in question.choices]
    if wanted - set(known):
        raise AnswerValueError("Оберіть лише із запропонованих варіантів.")
    return [name for name in known if name in wanted]


class _Scope:
    """Expression values of one level: the whole form, or one instance of a repeat."""

    def __init__(self, values: dict[str, Value], outer: _Scope | None = None) -> None:
        self.values = values
        self.outer = outer

    def lookup(self, name: str) -> Value:
        if name in self.values:
            return self.values[name]
        return self.outer.lookup(name) if self.outer else ""


class _Checker:
    def __init__(
        self, form: FormDefinition, language: str, today: datetime.date, metadata: RawAnswers
    ) -> None:
        self.form = form
        self.language = language
        self.today = today
        self.metadata = metadata
        self.result = Checked()

    def holds(self, text: str, scope: _Scope, current: Value = "") -> bool:
        if not text:
            return True
        context = Context(lookup=scope.lookup, current=current, today=self.today)
        return expressions.truth(expressions.evaluate(expressions.parse(text), context))

    def label(self, question: Question) -> str:
        return pick(question.label, self.language, self.form.default_language) or question.name

    def error(self, question: Question, message: str, where: tuple[str, int | None]) -> None:
        self.result.errors.append(
            AnswerError(
                field_name(question.name, where[0], where[1]),
                question.name,
                self.label(question),
                message,
            )
        )

    def stored_values(
        self, elements: Sequence[Element], raw: RawAnswers
    ) -> dict[str, tuple[Any, str | None]]:
        """Every question's answer read as its type (relevance not yet applied)."""
        found: dict[str, tuple[Any, str | None]] = {}
        for element in elements:
            if isinstance(element, Group):
                if not element.repeat:
                    found |= self.stored_values(element.children, raw)
                continue
            if element.type in METADATA_TYPES:
                found[element.name] = (self.metadata.get(element.type), None)
            elif element.is_answered:
                try:
                    found[element.name] = (read_value(element, raw.get(element.name)), None)
                except AnswerValueError as problem:
                    found[element.name] = (None, str(problem))
        return found

    def walk(
        self,
        elements: Sequence[Element],
        raw: RawAnswers,
        scope: _Scope,
        stored: dict[str, tuple[Any, str | None]],
        answers: dict[str, Any],
        where: tuple[str, int | None],
    ) -> None:
        for element in elements:
            if isinstance(element, Group):
                self.group(element, raw, scope, stored, answers, where)
            else:
                self.question(element, scope, stored, answers, where)

    def group(
        self,
        group: Group,
        raw: RawAnswers,
        scope: _Scope,
        stored: dict[str, tuple[Any, str | None]],
        answers: dict[str, Any],
        where: tuple[str, int | None],
    ) -> None:
        if not self.holds(group.relevant, scope):
            self.result.irrelevant.add(field_name(group.name, where[0], where[1]))
            for name in _names(group):
                scope.values[name] = ""
            return
        if not group.repeat:
            self.walk(group.children, raw, scope, stored, answers, where)
            return
        instances = raw.get(group.name) or []
        kept: list[dict[str, Any]] = []
        for index, instance in enumerate(instances if isinstance(instances, list) else []):
            inner_stored = self.stored_values(group.children, instance)
            inner = _Scope(_expression_values(group.children, inner_stored), scope)
            inner_answers: dict[str, Any] = {}
            self.walk(
                group.children, instance, inner, inner_stored, inner_answers, (group.name, index)
            )
            if any(value not in (None, []) for value in inner_answers.values()):
                kept.append(inner_answers)
        if kept:
            answers[group.name] = kept

    def question(
        self,
        question: Question,
        scope: _Scope,
        stored: dict[str, tuple[Any, str | None]],
        answers: dict[str, Any],
        where: tuple[str, int | None],
    ) -> None:
        if not self.holds(question.relevant, scope):
            self.result.irrelevant.add(field_name(question.name, where[0], where[1]))
            scope.values[question.name] = ""
            return
        if question.name not in stored:
            return  # a note: nothing to keep
        value, problem = stored[question.name]
        if problem:
            self.error(question, problem, where)
            return
        current = expression_value(question, value)
        if value in (None, []):
            if question.required and self.holds(question.required, scope):
                message = pick(question.required_message, self.language)
                default = REQUIRED_CHOICE if question.is_select else REQUIRED
                self.error(question, message or default, where)
            return
        if not self.holds(question.constraint, scope, current):
            message = pick(question.constraint_message, self.language, self.form.default_language)
            self.error(question, message or CONSTRAINT, where)
            return
        answers[question.name] = value


def _names(group: Group) -> list[str]:
    names: list[str] = []
    for child in group.children:
        names += _names(child) if isinstance(child, Group) else [child.name]
    return names


def _expression_values(
    elements: Sequence[Element], stored: dict[str, tuple[Any, str | None]]
) -> dict[str, Value]:
    questions = {q.name: q for q in _questions(elements)}
    return {
        name: expression_value(questions[name], value)
        for name, (value, _problem) in stored.items()
        if name in questions
    }


def _questions(elements: Sequence[Element]) -> list[Question]:
    found: list[Question] = []
    for element in elements:
        if isinstance(element, Question):
            found.append(element)
        elif not element.repeat:
            found += _questions(element.children)
    return found


def check_answers(
    form: FormDefinition,
    raw: RawAnswers,
    *,
    language: str = "",
    today: datetime.date | None = None,
    metadata: RawAnswers | None = None,
) -> Checked:
    """The answers to keep, or the problems found (then nothing may be kept)."""
    checker = _Checker(
        form,
        form.language(language),
        today or datetime.date.today(),  # noqa: DTZ011 (a date)
        metadata or {},
    )
    stored = checker.stored_values(form.children, raw)
    scope = _Scope(_expression_values(form.children, stored))
    checker.walk(form.children, raw, scope, stored, checker.result.answers, ("", None))
    return checker.result
