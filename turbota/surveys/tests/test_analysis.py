"""The analysis of responses — frequencies, intervals, summaries, cross-tables — and the
published version, with hidden counts closed so none can be given back by subtraction."""

from __future__ import annotations

import pytest

from conftest import World
from turbota.surveys.analysis import Frequencies, Summary, analyse
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.published import shown_crosstab, shown_frequencies, shown_summary
from turbota.surveys.tests.factories import add_response, make_survey

# difficulty × sex of twelve respondents: easy 5 women + 2 men, some difficulty 3 + 1,
# very difficult 0 + 1
TWELVE = (
    [("easy", "female")] * 5
    + [("easy", "male")] * 2
    + [("some_difficulty", "female")] * 3
    + [("some_difficulty", "male")]
    + [("very_difficult", "male")]
)


@pytest.fixture
def satisfaction(world: World):
    survey = make_survey(world.hromada_a, status=SurveyStatus.CLOSED, template="satisfaction")
    for difficulty, sex in TWELVE:
        add_response(
            survey,
            {"providers": ["uszn"], "sat_uszn": "satisfied", "difficulty": difficulty, "sex": sex},
        )
    return survey


def _frequencies(analysis, name: str) -> Frequencies:
    result = analysis.result(name)
    assert isinstance(result, Frequencies)
    return result


def test_frequencies_count_each_answer_with_its_share_and_interval(satisfaction) -> None:
    analysis = analyse(satisfaction)
    assert analysis.responses == 12
    difficulty = _frequencies(analysis, "difficulty")
    assert difficulty.answered == 12
    assert [(r.name, r.count) for r in difficulty.rows] == [
        ("easy", 7),
        ("some_difficulty", 4),
        ("very_difficult", 1),
        ("dont_know", 0),
    ]
    easy = difficulty.rows[0]
    assert easy.share == pytest.approx(7 / 12)
    assert easy.interval is not None
    # Wilson, 7 of 12: centre (0,583333 + 0,160067)/1,320133 = 0,563126,
    # half 1,96·√(0,020255 + 0,006669)/1,320133 = 0,243619
    assert easy.interval.low == pytest.approx(0.3195, abs=1e-4)
    assert easy.interval.high == pytest.approx(0.8067, abs=1e-4)


def test_a_multiple_choice_question_counts_respondents_per_choice(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN, template="satisfaction")
    add_response(survey, {"providers": ["uszn", "terr_centre"]})
    add_response(survey, {"providers": ["uszn"]})
    providers = _frequencies(analyse(survey), "providers")
    assert providers.answered == 2
    assert [(r.name, r.count) for r in providers.rows[:2]] == [("uszn", 2), ("terr_centre", 1)]
    assert providers.rows[0].share == 1.0


def test_the_cross_table_by_sex_adds_up_both_ways(satisfaction) -> None:
    analysis = analyse(satisfaction)
    table = next(
        t for t in analysis.crosstabs if t.question.name == "difficulty" and t.dimension == "sex"
    )
    assert [name for name, _label in table.columns] == ["female", "male"]
    assert table.cells == [[5, 2], [3, 1], [0, 1], [0, 0]]
    assert table.row_totals == [7, 4, 1, 0]
    assert table.column_totals == [8, 4]
    assert table.total == 12


def test_a_respondent_who_gave_no_sex_is_in_the_column_not_given(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN, template="satisfaction")
    add_response(survey, {"difficulty": "easy"})
    table = next(
        t
        for t in analyse(survey).crosstabs
        if t.dimension == "sex" and t.question.name == "difficulty"
    )
    assert table.columns[-1] == ("", "не вказано")
    assert table.cells[0] == [0, 0, 1]


def test_published_frequencies_hide_small_counts_and_their_shares(satisfaction) -> None:
    difficulty = _frequencies(analyse(satisfaction), "difficulty")
    shown = shown_frequencies(difficulty, suppress=True)
    assert [str(item.count) for item in shown.rows] == ["7", "<5", "<5", "0"]
    assert [item.share for item in shown.rows] == ["58,3", "", "", "0,0"]
    assert str(shown.answered) == "12"
    exact = shown_frequencies(difficulty, suppress=False)
    assert [str(item.count) for item in exact.rows] == ["7", "4", "1", "0"]


def test_one_hidden_count_of_a_question_hides_a_second(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN, template="satisfaction")
    for difficulty in ["easy"] * 9 + ["some_difficulty"] * 6 + ["very_difficult"] * 2:
        add_response(survey, {"difficulty": difficulty})
    shown = shown_frequencies(_frequencies(analyse(survey), "difficulty"), suppress=True)
    # 2 is small; with 9 and the 17 who answered it would be 17 − 9 − 6 = 2 again
    assert [str(item.count) for item in shown.rows] == ["9", "приховано", "<5", "0"]


def test_the_published_cross_table_is_closed_along_rows_and_columns(satisfaction) -> None:
    analysis = analyse(satisfaction)
    table = next(
        t for t in analysis.crosstabs if t.question.name == "difficulty" and t.dimension == "sex"
    )
    hidden = shown_frequencies(_frequencies(analysis, "difficulty"), suppress=True).hidden_names
    shown = shown_crosstab(table, suppress=True, hidden_rows=hidden)
    cells = [[str(cell) for cell, _share in line] for line in shown.cells]
    assert cells == [
        ["приховано", "<5"],
        ["<5", "<5"],
        ["0", "<5"],
        ["0", "0"],
    ]
    assert [str(c) for c in shown.row_totals] == ["7", "<5", "<5", "0"]
    assert [str(c) for c in shown.column_totals] == ["приховано", "<5"]
    assert str(shown.total) == "12"
    # no share is shown where its count or its column's total is hidden
    assert all(share == "" for line in shown.cells for _cell, share in line)


def test_numbers_are_summarised_and_the_extremes_are_not_published(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    for age in (20, 30, 40, 90):
        add_response(survey, {"nickname": "x", "age": age, "has_disability": "no"})
    summary = analyse(survey).result("age")
    assert isinstance(summary, Summary)
    assert (summary.answered, summary.minimum, summary.maximum, summary.mean, summary.median) == (
        4,
        "20",
        "90",
        "45",
        "35",
    )
    published = shown_summary(summary, suppress=True)
    assert str(published.answered) == "<5"
    assert (published.minimum, published.maximum, published.mean) == ("", "", "")


def test_a_question_inside_a_repeat_is_counted_over_its_entries(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    add_response(
        survey,
        {
            "household": [
                {"member_age": 70, "member_needs_care": "yes"},
                {"member_age": 80, "member_needs_care": "no"},
            ]
        },
    )
    add_response(survey, {"household": [{"member_age": 65, "member_needs_care": "yes"}]})
    care = _frequencies(analyse(survey), "member_needs_care")
    assert care.in_repeat
    assert care.answered == 3
    assert [(r.name, r.count) for r in care.rows] == [("yes", 2), ("no", 1)]


def test_the_margin_of_error_uses_the_population_when_known(satisfaction) -> None:
    satisfaction.population = 100
    satisfaction.save()
    margin = analyse(satisfaction).margin
    # 1,96·√(0,25/12) = 0,282902; × √((100 − 12)/99) = × 0,942809 → 0,266723
    assert margin.plain == pytest.approx(0.282902, abs=1e-6)
    assert margin.value == pytest.approx(0.266723, abs=1e-6)


# has_disability × age of the shipped test form, age asked in years (the default bands)
AGES = [
    (15, "yes"),
    (16, "no"),  # under 18: yes 1, no 1
    (18, "no"),
    (25, "no"),
    (34, "yes"),  # 18–34: yes 1, no 2
    (35, "no"),
    (59, "no"),  # 35–59: no 2
    (60, "yes"),
    (75, "yes"),
    (90, "no"),  # 60+: yes 2, no 1
]


def _by_age(survey, question: str = "has_disability"):
    return next(
        t for t in analyse(survey).crosstabs if t.dimension == "age" and t.question.name == question
    )


def test_age_asked_in_years_is_cross_tabulated_by_the_default_bands(world: World) -> None:
    # given: the test form, whose age is an integer question, recognised on import
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    assert survey.age_question == "age"
    for age, disability in AGES:
        add_response(survey, {"nickname": "x", "age": age, "has_disability": disability})
    add_response(survey, {"nickname": "x", "has_disability": "yes"})  # age not given
    # when
    table = _by_age(survey)
    # then
    assert table.columns == [
        ("<18", "до 18"),
        ("18-34", "18–34"),
        ("35-59", "35–59"),
        ("60+", "60+"),
        ("", "не вказано"),
    ]
    assert [name for name, _label in table.rows] == ["yes", "no"]
    assert table.cells == [[1, 1, 0, 2, 1], [1, 2, 2, 1, 0]]
    assert table.column_totals == [2, 3, 2, 3, 1]
    assert table.total == 11


def test_the_under_18_band_is_shown_only_when_someone_is_younger(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    for age, disability in AGES[2:]:
        add_response(survey, {"nickname": "x", "age": age, "has_disability": disability})
    table = _by_age(survey)
    assert [name for name, _label in table.columns] == ["18-34", "35-59", "60+"]
    assert table.cells == [[1, 0, 2], [2, 2, 1]]


def test_the_surveys_own_bands_replace_the_default(world: World) -> None:
    # given: bands from 0, 65: 0–64 and 65+ (nobody is under the first bound)
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN, age_bands="0, 65")
    for age, disability in AGES:
        add_response(survey, {"nickname": "x", "age": age, "has_disability": disability})
    table = _by_age(survey)
    assert table.columns == [("0-64", "0–64"), ("65+", "65+")]
    # 0–64: 15 yes, 16 no, 18 no, 25 no, 34 yes, 35 no, 59 no, 60 yes; 65+: 75 yes, 90 no
    assert table.cells == [[3, 1], [5, 1]]


def test_published_cross_table_by_age_band_hides_small_cells_and_closes_them(
    world: World,
) -> None:
    # given: yes × 18–34 5, × 60+ 2; no × 18–34 6, × 60+ 7 (twenty adults)
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    people = [(25, "yes")] * 5 + [(70, "yes")] * 2 + [(30, "no")] * 6 + [(65, "no")] * 7
    for age, disability in people:
        add_response(survey, {"nickname": "x", "age": age, "has_disability": disability})
    table = _by_age(survey)
    assert table.cells == [[5, 0, 2], [6, 0, 7]]
    # when
    shown = shown_crosstab(table, suppress=True, hidden_rows=set())
    # then: 2 is small; its row would give it back from 7 − 5, so 5 goes too, and then
    # their columns take 6 and 7 (11 − 5, 9 − 2); totals stay
    cells = [[str(cell) for cell, _share in line] for line in shown.cells]
    assert cells == [["приховано", "0", "<5"], ["приховано", "0", "приховано"]]
    assert [str(c) for c in shown.row_totals] == ["7", "13"]
    assert [str(c) for c in shown.column_totals] == ["11", "0", "9"]
    assert str(shown.total) == "20"
    exact = shown_crosstab(table, suppress=False)
    assert [[str(cell) for cell, _share in line] for line in exact.cells] == [
        ["5", "0", "2"],
        ["6", "0", "7"],
    ]
