"""A submission checked against its form on the server: types, relevance, required and
constraint — what is kept and every problem, in the form's language."""

from __future__ import annotations

import datetime

import pytest

from turbota.surveys.tests.factories import shipped
from turbota.surveys.xlsform.answers import check_answers
from turbota.surveys.xlsform.definition import FormDefinition
from turbota.surveys.xlsform.reading import read_xlsform

TODAY = datetime.date(2024, 6, 15)
VALID = {
    "nickname": "Оля",
    "age": "45",
    "income": "12,5",
    "visit_date": "2024-03-01",
    "phone": "0501234567",
    "has_disability": "yes",
    "disability_group": "group_2",
    "services": ["home_care", "other"],
    "services_other": "Психолог",
    "household": [
        {"member_name": "Іван", "member_age": "70", "member_needs_care": "yes"},
        {"member_name": "Марія", "member_age": "10", "member_needs_care": "yes"},
    ],
    "settlement_type": "rural",
}


@pytest.fixture(scope="module")
def form() -> FormDefinition:
    return read_xlsform(shipped("all-types")).definition


def _check(form: FormDefinition, changes: dict[str, object], language: str = ""):
    return check_answers(form, VALID | changes, language=language, today=TODAY)


def test_a_valid_questionnaire_is_kept_with_each_answer_as_its_type(form) -> None:
    checked = _check(form, {})
    assert checked.errors == []
    answers = checked.answers
    assert answers["age"] == 45
    assert answers["income"] == "12.5"  # a comma is the decimal separator
    assert answers["visit_date"] == "2024-03-01"
    assert answers["services"] == ["home_care", "other"]
    # the second member is 10: "needs care" is not relevant to her and is dropped
    assert answers["household"] == [
        {"member_name": "Іван", "member_age": 70, "member_needs_care": "yes"},
        {"member_name": "Марія", "member_age": 10},
    ]


def test_a_question_that_is_not_relevant_is_dropped_even_if_answered(form) -> None:
    checked = _check(form, {"has_disability": "no", "services": ["home_care"]})
    assert checked.errors == []
    assert "disability_group" not in checked.answers
    assert "services_other" not in checked.answers
    assert {"disability", "services_other"} <= checked.irrelevant


def test_a_required_question_made_relevant_must_be_answered(form) -> None:
    checked = _check(form, {"disability_group": ""})
    assert [(e.field, e.message) for e in checked.errors] == [
        ("disability_group", "Це обов'язкове питання: оберіть відповідь.")
    ]


def test_a_constraint_gives_its_message_in_the_chosen_language(form) -> None:
    uk = _check(form, {"age": "150"})
    en = _check(form, {"age": "150"}, language="English (en)")
    assert [e.message for e in uk.errors] == ["Вік має бути від 14 до 110 років."]
    assert [e.message for e in en.errors] == ["Age must be between 14 and 110."]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"age": "сорок"}, "age", "Введіть ціле число (лише цифри)."),
        ({"age": "45.5"}, "age", "Введіть ціле число (лише цифри)."),
        ({"income": "багато"}, "income", "Введіть число (дробову частину — після коми)."),
        ({"income": "-3"}, "income", "Дохід не може бути від'ємним."),
        ({"visit_date": "2030-01-01"}, "visit_date", "Дата не може бути в майбутньому."),
        ({"visit_date": "вчора"}, "visit_date", "Введіть дату у вигляді ДД.ММ.РРРР."),
        ({"phone": "12345"}, "phone", "Номер має містити 10 цифр і починатися з 0."),
        (
            {"has_disability": "maybe"},
            "has_disability",
            "Оберіть один із запропонованих варіантів.",
        ),
        (
            {"services": ["home_care", "day_care", "consultation", "other"]},
            "services",
            "Оберіть не більше трьох послуг.",
        ),
        ({"services": ["spaceflight"]}, "services", "Оберіть лише із запропонованих варіантів."),
        ({"nickname": "  "}, "nickname", "Це обов'язкове питання: дайте відповідь."),
    ],
)
def test_a_bad_answer_is_refused_with_a_readable_message(form, changes, field, message) -> None:
    checked = _check(form, changes)
    assert [(e.field, e.message) for e in checked.errors] == [(field, message)]
    assert field not in checked.answers


def test_an_answer_inside_a_repeat_is_named_by_its_entry(form) -> None:
    household = [{"member_name": "Іван", "member_age": "70"}, {"member_age": "130"}]
    checked = _check(form, {"household": household})
    assert [(e.field, e.message) for e in checked.errors] == [
        ("household:1:member_age", "Вік від 0 до 119 років.")
    ]


def test_a_question_after_a_hidden_one_reads_it_as_empty(form) -> None:
    # the greeting note shows when nickname is given; with no nickname the required
    # error comes, and nothing else depends on it
    checked = _check(form, {"nickname": ""})
    assert "greeting" in checked.irrelevant


def test_an_empty_repeat_entry_is_not_kept(form) -> None:
    checked = _check(form, {"household": [{}, {"member_name": ""}]})
    assert checked.errors == []
    assert "household" not in checked.answers


def test_metadata_is_filled_by_turbota_not_asked(form) -> None:
    checked = check_answers(
        form, VALID, today=TODAY, metadata={"start": "2024-06-15T10:00:00+03:00", "end": "x"}
    )
    assert checked.answers["start"] == "2024-06-15T10:00:00+03:00"
