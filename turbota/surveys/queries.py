"""Reads of surveys: the lists a page shows and the responses staff read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.models import Response, ResponseWithdrawal, Survey
from turbota.surveys.xlsform.definition import (
    TYPE_LABELS,
    Element,
    FormDefinition,
    Group,
    Question,
    pick,
)
from turbota.territories.models import Territory


def open_surveys() -> QuerySet[Survey]:
    return (
        Survey.objects.filter(status=SurveyStatus.OPEN)
        .select_related("hromada")
        .order_by("hromada__sort_key", "title")
    )


def published_surveys() -> QuerySet[Survey]:
    return (
        Survey.objects.filter(status=SurveyStatus.PUBLISHED)
        .select_related("hromada")
        .annotate(answers=Count("responses"))
        .order_by("hromada__sort_key", "-collected_to", "title")
    )


def readable_hromadas(user: AnyUser) -> list[Territory]:
    """Hromadas whose surveys the user reads in full (their own, or their oblast's)."""
    if not user.is_authenticated:
        return []
    hromadas = Territory.objects.hromadas()
    if not is_admin(user):
        own = staff_hromada_ids(user) | working_group_hromada_ids(user)
        hromadas = hromadas.filter(Q(pk__in=own) | Q(oblast_id__in=analyst_oblast_ids(user)))
        if not own and not analyst_oblast_ids(user):
            return []
    return list(
        hromadas.filter(pk__in=Survey.objects.values("hromada_id")).order_by("sort_key")[:200]
    )


def surveys_of(hromada: Territory) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(hromada=hromada)
        .annotate(answers=Count("responses"))
        .order_by("-created_at", "-pk")
    )


def responses_of(survey: Survey) -> QuerySet[Response]:
    return (
        Response.objects.filter(survey=survey)
        .select_related("version", "entered_by")
        .order_by("-pk")
    )


def withdrawals_of(survey: Survey) -> QuerySet[ResponseWithdrawal]:
    return ResponseWithdrawal.objects.filter(survey=survey).select_related("withdrawn_by")


def response_counts(survey: Survey) -> dict[str, int]:
    """Responses by channel, and in all."""
    counts = dict(
        Response.objects.filter(survey=survey)
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    return {**counts, "total": sum(counts.values())}


@dataclass(frozen=True)
class QuestionRow:
    """A line of the table of a form's questions."""

    row: int
    depth: int
    name: str
    kind: str
    label: str
    rules: list[str]


def question_rows(form: FormDefinition) -> list[QuestionRow]:
    language = form.display_language
    return list(_rows(form.children, 0, language))


def _rows(elements: tuple[Element, ...], depth: int, language: str) -> Iterator[QuestionRow]:
    for element in elements:
        label = pick(element.label, language)
        if isinstance(element, Group):
            kind = "повтор" if element.repeat else "група"
            rules = [f"relevant: {element.relevant}"] if element.relevant else []
            yield QuestionRow(element.row, depth, element.name, kind, label, rules)
            yield from _rows(element.children, depth + 1, language)
            continue
        rules = [
            f"{name}: {text}"
            for name, text in (
                ("required", "так" if element.required == "true()" else element.required),
                ("relevant", element.relevant),
                ("constraint", element.constraint),
            )
            if text
        ]
        if element.choices:
            rules.append("варіанти: " + ", ".join(choice.name for choice in element.choices))
        kind = TYPE_LABELS.get(element.type, element.type)
        yield QuestionRow(element.row, depth, element.name, kind, label, rules)


@dataclass(frozen=True)
class AnswerLine:
    """A question of one response as its page shows it; a repeat lists its entries."""

    depth: int
    label: str
    answer: str
    entries: list[list[AnswerLine]]


def answer_lines(form: FormDefinition, answers: dict[str, Any], language: str) -> list[AnswerLine]:
    return list(_answer_lines(form.children, answers, 0, language))


def _answer_lines(
    elements: tuple[Element, ...], answers: dict[str, Any], depth: int, language: str
) -> Iterator[AnswerLine]:
    for element in elements:
        label = pick(element.label, language) or element.name
        if isinstance(element, Group) and element.repeat:
            entries = [
                list(_answer_lines(element.children, entry, 0, language))
                for entry in answers.get(element.name) or []
            ]
            yield AnswerLine(depth, label, f"записів: {len(entries)}", entries)
        elif isinstance(element, Group):
            yield AnswerLine(depth, label, "", [])
            yield from _answer_lines(element.children, answers, depth + 1, language)
        elif element.is_answered or element.name in answers:
            yield AnswerLine(
                depth, label, _answer_text(element, answers.get(element.name), language), []
            )


def _answer_text(question: Question, value: Any, language: str) -> str:
    if value is None or value == []:
        return "—"
    if question.type == "select_one":
        return question.choice_label(str(value), language)
    if question.type == "select_multiple":
        return "; ".join(question.choice_label(str(item), language) for item in value)
    return str(value)
