"""The analysis of a survey's responses: frequencies and shares of each question with
their 95 % Wilson intervals, summaries of numbers and dates, cross-tables by sex, age band
and area, and the survey's margin of error.

Questions are taken by name over every version of the form (the latest version's wording
and order first); each response counts for the questions its version asked. A question
inside a repeat is counted over the repeat's entries (e.g. household members).

A breakdown is a select-one question, or, for the age band, age asked as a whole number:
its answers are put in the survey's age bands (``age_bands``) and the bands are the columns.
"""

from __future__ import annotations

import statistics as stats
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from turbota.surveys.age_bands import AgeBands
from turbota.surveys.models import FormVersion, Survey
from turbota.surveys.statistics import (
    Interval,
    margin_of_error,
    population_for_margin,
    sample_for_margin,
    share,
    wilson,
)
from turbota.surveys.xlsform.definition import Question, pick

NO_ANSWER = ""
NO_ANSWER_LABEL = "не вказано"
DIMENSIONS = {"sex": "за статтю", "age": "за віковою групою", "area": "за місцевістю"}
CHUNK = 2000


@dataclass(frozen=True)
class ChoiceRow:
    name: str
    label: str
    count: int
    share: float | None
    interval: Interval | None


@dataclass(frozen=True)
class Frequencies:
    question: Question
    label: str
    answered: int
    rows: list[ChoiceRow]
    in_repeat: bool = False

    @property
    def multiple(self) -> bool:
        return self.question.type == "select_multiple"

    def row(self, name: str) -> ChoiceRow | None:
        return next((row for row in self.rows if row.name == name), None)


@dataclass(frozen=True)
class Summary:
    """A number, date or text question: how many answered and, for numbers and dates,
    the range (and the mean and median of numbers)."""

    question: Question
    label: str
    answered: int
    minimum: str = ""
    maximum: str = ""
    mean: str = ""
    median: str = ""
    in_repeat: bool = False


@dataclass(frozen=True)
class CrossTab:
    question: Question
    label: str
    dimension: str
    by: Question
    rows: list[tuple[str, str]]  # (choice name, label)
    columns: list[tuple[str, str]]
    cells: list[list[int]]

    @property
    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.cells]

    @property
    def column_totals(self) -> list[int]:
        return [sum(row[i] for row in self.cells) for i in range(len(self.columns))]

    @property
    def total(self) -> int:
        return sum(self.row_totals)


@dataclass(frozen=True)
class Margin:
    """The survey's margin of error, with the numbers that make it."""

    sample: int
    population: int | None
    plain: float | None  # infinite population
    corrected: float | None
    stated: float | None = None  # what the survey's report claims, as a share
    population_for_stated: float | None = None
    sample_for_stated: float | None = None

    @property
    def value(self) -> float | None:
        return self.corrected if self.population else self.plain


Result = Frequencies | Summary


@dataclass
class Analysis:
    survey: Survey
    language: str
    responses: int
    results: list[Result]
    margin: Margin
    crosstabs: list[CrossTab] = field(default_factory=list)
    age_bands: AgeBands | None = None  # when age, asked in years, is put in bands

    def result(self, name: str) -> Result | None:
        return next((r for r in self.results if r.question.name == name), None)

    @property
    def frequencies(self) -> list[Frequencies]:
        return [r for r in self.results if isinstance(r, Frequencies)]


@dataclass(frozen=True)
class _Known:
    question: Question
    in_repeat: str  # the repeat's name, or ""
    group: dict[str, str]  # the label of the group it is asked in, if any

    def label(self, language: str, default: str) -> str:
        own = pick(self.question.label, language, default) or self.question.name
        group = pick(self.group, language, default)
        return f"{group} — {own}" if group else own


def known_questions(survey: Survey) -> tuple[dict[str, _Known], str, str]:
    """Questions by name over every version (latest first), the display language and the
    default language of the latest version."""
    known: dict[str, _Known] = {}
    language = default = ""
    for version in FormVersion.objects.filter(survey=survey).order_by("-number"):
        form = version.form
        if not language:
            language, default = form.display_language, form.default_language
        for placed in form.placed():
            question = placed.question
            if question.is_answered and question.name not in known:
                repeat = placed.repeat.name if placed.repeat else ""
                labelled = [g.label for g in placed.groups if g.label and not g.repeat]
                known[question.name] = _Known(question, repeat, labelled[-1] if labelled else {})
    return known, language, default


def answers_of(survey: Survey) -> Iterator[dict[str, Any]]:
    rows = survey.responses.order_by("pk").values_list("answers", flat=True)
    yield from rows.iterator(chunk_size=CHUNK)


class _Tally:
    def __init__(
        self,
        known: dict[str, _Known],
        crossed: list[tuple[str, str, str]],
        banded: dict[str, AgeBands] | None = None,
    ) -> None:
        self.known = known
        self.crossed = crossed  # (question, dimension, by)
        self.banded = banded or {}  # breakdown question → the bands its answers go in
        self.counts: dict[str, Counter[str]] = {name: Counter() for name in known}
        self.answered: Counter[str] = Counter()
        self.values: dict[str, list[Any]] = {name: [] for name in known}
        self.cross: dict[tuple[str, str], Counter[tuple[str, str]]] = {
            (q, d): Counter() for q, d, _by in crossed
        }
        self.responses = 0

    def add(self, answers: dict[str, Any]) -> None:
        self.responses += 1
        for name, item in self.known.items():
            if item.in_repeat:
                for entry in answers.get(item.in_repeat) or []:
                    self.one(name, item.question, entry.get(name))
            else:
                self.one(name, item.question, answers.get(name))
        for question, dimension, by in self.crossed:
            value = answers.get(question)
            if value is None:
                continue
            self.cross[(question, dimension)][(str(value), self.column(by, answers.get(by)))] += 1

    def column(self, by: str, value: Any) -> str:
        bands = self.banded.get(by)
        if bands is not None:
            return bands.key(value)
        return str(value or NO_ANSWER)

    def one(self, name: str, question: Question, value: Any) -> None:
        if value in (None, [], ""):
            return
        self.answered[name] += 1
        if question.type == "select_one":
            self.counts[name][str(value)] += 1
        elif question.type == "select_multiple":
            self.counts[name].update(str(choice) for choice in value)
        elif question.type in ("integer", "decimal", "date"):
            self.values[name].append(value)


def _frequencies(item: _Known, tally: _Tally, language: str, default: str) -> Frequencies:
    question = item.question
    answered = tally.answered[question.name]
    counts = tally.counts[question.name]
    names = [choice.name for choice in question.choices]
    names += sorted(set(counts) - set(names))  # answers to choices an older version had
    rows = [
        ChoiceRow(
            name,
            question.choice_label(name, language, default),
            counts[name],
            share(counts[name], answered),
            wilson(counts[name], answered),
        )
        for name in names
    ]
    return Frequencies(
        question, item.label(language, default), answered, rows, bool(item.in_repeat)
    )


def _decimal_text(value: float | Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _summary(item: _Known, tally: _Tally, language: str, default: str) -> Summary:
    question = item.question
    label = item.label(language, default)
    answered = tally.answered[question.name]
    values = tally.values[question.name]
    if not values:
        return Summary(question, label, answered, in_repeat=bool(item.in_repeat))
    if question.type == "date":
        return Summary(
            question, label, answered, min(values), max(values), in_repeat=bool(item.in_repeat)
        )
    numbers = [Decimal(str(value)) for value in values]
    return Summary(
        question,
        label,
        answered,
        _decimal_text(min(numbers)),
        _decimal_text(max(numbers)),
        _decimal_text(sum(numbers) / len(numbers)),
        _decimal_text(stats.median(numbers)),
        in_repeat=bool(item.in_repeat),
    )


def _crosstab(
    question: Question,
    dimension: str,
    by: Question,
    counts: Counter[tuple[str, str]],
    lang: str,
    bands: AgeBands | None = None,
) -> CrossTab:
    label = pick(question.label, lang) or question.name
    rows = [(c.name, pick(c.label, lang) or c.name) for c in question.choices]
    rows += [(name, name) for name in sorted({r for r, _c in counts} - {n for n, _ in rows})]
    present = {c for _r, c in counts}
    if bands is not None:
        columns = bands.columns(present)
    else:
        columns = [(c.name, pick(c.label, lang) or c.name) for c in by.choices]
        columns += [(n, n) for n in sorted(present - {n for n, _ in columns} - {""})]
    if any(column == NO_ANSWER for _row, column in counts):
        columns.append((NO_ANSWER, NO_ANSWER_LABEL))
    cells = [[counts[(row, column)] for column, _l in columns] for row, _label in rows]
    return CrossTab(question, label, dimension, by, rows, columns, cells)


def _breaks_down(dimension: str, item: _Known) -> bool:
    """A select-one question outside repeats; for the age band also a whole number."""
    kinds = ("select_one", "integer") if dimension == "age" else ("select_one",)
    return item.question.type in kinds and not item.in_repeat


def banded(survey: Survey, known: dict[str, _Known]) -> dict[str, AgeBands]:
    """The breakdown questions whose answers go in age bands: age asked in years."""
    name = survey.breakdowns.get("age", "")
    item = known.get(name)
    if item is None or item.question.type != "integer" or item.in_repeat:
        return {}
    return {name: survey.bands}


def crossable(survey: Survey, known: dict[str, _Known]) -> list[tuple[str, str, str]]:
    """(question, dimension, breakdown question) for every select-one question outside
    repeats, by each breakdown the survey names (a select-multiple question's choices do
    not add up to its respondents, so it has no cross-table)."""
    breakdowns = {
        dimension: name
        for dimension, name in survey.breakdowns.items()
        if name in known and _breaks_down(dimension, known[name])
    }
    return [
        (name, dimension, by)
        for name, item in known.items()
        if item.question.type == "select_one"
        and not item.in_repeat
        and name not in breakdowns.values()
        for dimension, by in breakdowns.items()
    ]


def survey_margin(survey: Survey, sample: int) -> Margin:
    stated = float(survey.stated_margin) / 100 if survey.stated_margin else None
    return Margin(
        sample=sample,
        population=survey.population,
        plain=margin_of_error(sample),
        corrected=margin_of_error(sample, survey.population),
        stated=stated,
        population_for_stated=population_for_margin(sample, stated) if stated and sample else None,
        sample_for_stated=sample_for_margin(stated, survey.population) if stated else None,
    )


def analyse(survey: Survey) -> Analysis:
    known, language, default = known_questions(survey)
    crossed = crossable(survey, known)
    bands = banded(survey, known)
    tally = _Tally(known, crossed, bands)
    for answers in answers_of(survey):
        tally.add(answers)
    results: list[Result] = [
        _frequencies(item, tally, language, default)
        if item.question.is_select
        else _summary(item, tally, language, default)
        for item in known.values()
    ]
    crosstabs = [
        _crosstab(
            known[q].question,
            dimension,
            known[by].question,
            tally.cross[(q, dimension)],
            language,
            bands.get(by),
        )
        for q, dimension, by in crossed
    ]
    return Analysis(
        survey,
        language,
        tally.responses,
        results,
        survey_margin(survey, tally.responses),
        crosstabs,
        next(iter(bands.values()), None),
    )
