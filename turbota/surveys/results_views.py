"""The results of a survey: the page (exact for those who read the hromada's aggregates,
published with small counts hidden for everyone else), the DOCX/PDF report, and handing a
share over to a needs study."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from turbota.core.http import deny, posted
from turbota.needs.permissions import can_edit_study
from turbota.reports.documents import CONTENT_TYPES
from turbota.surveys import actions
from turbota.surveys.analysis import DIMENSIONS, Analysis, Frequencies, Summary, analyse
from turbota.surveys.documents import FORMATS, margin_lines, write_analysis
from turbota.surveys.forms import NeedsFeedForm
from turbota.surveys.permissions import can_manage_survey, can_view_results, can_view_survey
from turbota.surveys.published import (
    SUPPRESSION_NOTE,
    ShownCrossTab,
    ShownFrequencies,
    ShownSummary,
    shown_crosstab,
    shown_frequencies,
    shown_summary,
)
from turbota.surveys.views import scoped_survey


@dataclass(frozen=True)
class QuestionBlock:
    shown: ShownFrequencies
    chart_id: str
    chart: dict[str, Any]


def _blocks(analysis: Analysis, *, suppress: bool) -> list[QuestionBlock]:
    blocks = []
    for number, result in enumerate(analysis.frequencies):
        shown = shown_frequencies(result, suppress=suppress)
        chart = {
            "label": result.label,
            "labels": [item.row.label for item in shown.rows],
            "values": [
                None if item.share_value is None else round(item.share_value * 100, 1)
                for item in shown.rows
            ],
        }
        blocks.append(QuestionBlock(shown, f"chart-{number}", chart))
    return blocks


def _crosstabs(
    analysis: Analysis, question: str, blocks: list[QuestionBlock], *, suppress: bool
) -> list[tuple[str, ShownCrossTab]]:
    hidden = {block.shown.result.question.name: block.shown.hidden_names for block in blocks}
    return [
        (
            DIMENSIONS[table.dimension],
            shown_crosstab(table, suppress=suppress, hidden_rows=hidden.get(question)),
        )
        for table in analysis.crosstabs
        if table.question.name == question
    ]


def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_view_results(request.user, survey):
        return deny(request)
    full = can_view_survey(request.user, survey)
    analysis = analyse(survey)
    blocks = _blocks(analysis, suppress=not full)
    crossed = list(dict.fromkeys(t.question.name for t in analysis.crosstabs))
    chosen = request.GET.get("crosstab") or (crossed[0] if crossed else "")
    summaries: list[ShownSummary] = [
        shown_summary(r, suppress=not full) for r in analysis.results if isinstance(r, Summary)
    ]
    return render(
        request,
        "surveys/results.html",
        {
            "nav": "surveys",
            "survey": survey,
            "analysis": analysis,
            "full": full,
            "blocks": blocks,
            "summaries": summaries,
            "margin_lines": margin_lines(analysis.margin),
            "crossed": [
                (b.shown.result.question.name, b.shown.result.label)
                for b in blocks
                if b.shown.result.question.name in crossed
            ],
            "chosen": chosen if chosen in crossed else "",
            "crosstabs": _crosstabs(analysis, chosen, blocks, suppress=not full),
            "suppression_note": SUPPRESSION_NOTE,
            "formats": FORMATS,
            "can_feed": can_manage_survey(request.user, survey),
        },
    )


def results_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = scoped_survey(pk)
    if fmt not in FORMATS:
        raise Http404
    if not can_view_results(request.user, survey):
        return deny(request)
    published = not can_view_survey(request.user, survey)
    content = write_analysis(analyse(survey), fmt, published=published)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"survey-{survey.pk}-results{'-published' if published else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _answers(analysis: Analysis) -> dict[str, tuple[str, str, int, int]]:
    """ "question|choice" → (question, choice, chosen, answered), for top-level selects."""
    found = {}
    for result in analysis.frequencies:
        if result.in_repeat or not result.answered:
            continue
        for row in result.rows:
            key = f"{result.question.name}|{row.name}"
            found[key] = (result.question.name, row.name, row.count, result.answered)
    return found


def _answer_label(result: Frequencies, name: str, count: int) -> str:
    share = count / result.answered * 100 if result.answered else 0
    row = result.row(name)
    label = row.label if row else name
    return f"{result.label} — {label}: {count} з {result.answered} ({share:.1f} %)".replace(
        ".", ","
    )


def needs_feed(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_manage_survey(request.user, survey):
        return deny(request)
    analysis = analyse(survey)
    answers = _answers(analysis)
    labels = [
        (key, _answer_label(next(f for f in analysis.frequencies if f.question.name == q), c, n))
        for key, (q, c, n, _a) in answers.items()
    ]
    form = NeedsFeedForm(posted(request), survey=survey, answers=labels)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        question, choice, chosen, answered = answers[data["answer"]]
        if not can_edit_study(request.user, data["study"]):
            form.add_error("study", "Ви не можете змінювати це визначення потреб.")
        else:
            try:
                share = actions.feed_needs_share(
                    survey=survey,
                    question=question,
                    choice=choice,
                    counts=(chosen, answered),
                    study=data["study"],
                    service=data["service"],
                    group=data["group"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Частку {share.share} додано до визначення потреб.")
                return redirect("needs:study_detail", pk=data["study"].pk)
    return render(
        request,
        "surveys/needs_feed.html",
        {"nav": "surveys", "survey": survey, "form": form},
        status=400 if request.method == "POST" else 200,
    )
