"""The demo survey: seed 004's questionnaire with 234 invented answers, published once."""

from __future__ import annotations

from turbota.surveys.analysis import Frequencies, analyse
from turbota.surveys.demo import TITLE, load_demo_survey
from turbota.surveys.documents import margin_lines
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.models import Response, Survey
from turbota.territories.models import Territory


def test_the_demo_survey_is_published_once_with_234_marked_answers(selydove: Territory) -> None:
    assert load_demo_survey(selydove)
    assert not load_demo_survey(selydove)
    survey = Survey.objects.get(title=TITLE)
    assert (survey.status, survey.is_demo) == (SurveyStatus.PUBLISHED, True)
    assert Response.objects.filter(survey=survey, is_synthetic=True).count() == 234


def test_the_demo_answers_give_the_shares_seed_004_reports(selydove: Territory) -> None:
    load_demo_survey(selydove)
    analysis = analyse(Survey.objects.get(title=TITLE))
    providers = analysis.result("providers")
    assert isinstance(providers, Frequencies)
    row = providers.row("uszn")
    assert row is not None
    assert row.count == 120  # 51,3 % (seed 004: 51,2 %)
    uszn = analysis.result("sat_uszn")
    assert isinstance(uszn, Frequencies)
    satisfied = sum(r.count for r in uszn.rows if r.name in ("satisfied", "rather_satisfied"))
    assert round(satisfied / uszn.answered * 100) == 94
    lines = " ".join(margin_lines(analysis.margin))
    assert "1,96·√(0,25/234) = 6,41 %" in lines
    assert "точно 7,0 % не дає жодне N" in lines
    assert "≈ 196 респондентів" in lines
