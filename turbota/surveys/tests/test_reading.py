"""Reading XLSForm files: the shipped forms, every unsupported feature by row, malformed
files refused with pyxform's reason."""

from __future__ import annotations

import pytest

from turbota.surveys.tests.factories import shipped
from turbota.surveys.tests.xlsforms import YES_NO, xlsform
from turbota.surveys.xlsform.definition import FormDefinition
from turbota.surveys.xlsform.reading import MalformedFormError, Unsupported, read_xlsform


def test_the_test_form_has_every_supported_type_and_nothing_unsupported() -> None:
    imported = read_xlsform(shipped("all-types"))
    assert imported.unsupported == []
    types = {q.type for q in imported.definition.questions()}
    assert types == {
        "text",
        "integer",
        "decimal",
        "date",
        "select_one",
        "select_multiple",
        "note",
        "start",
        "end",
    }
    form = imported.definition
    assert [g.name for g in form.repeats()] == ["household"]
    age = form.question("age")
    assert age is not None
    assert age.required == "true()"
    assert age.constraint == ". >= 14 and . <= 110"
    assert age.constraint_message["Українська (uk)"] == "Вік має бути від 14 до 110 років."
    assert age.constraint_message["English (en)"] == "Age must be between 14 and 110."
    group = form.question("disability_group")
    assert group is not None
    placed = next(p for p in form.placed() if p.question.name == "disability_group")
    assert placed.groups[0].relevant == "${has_disability} = 'yes'"


def test_labels_are_read_in_every_language_and_ukrainian_is_shown_first() -> None:
    form = read_xlsform(shipped("satisfaction")).definition
    assert [language.code for language in form.languages] == ["en", "uk"]
    assert form.display_language == "Українська (uk)"
    sex = form.question("sex")
    assert sex is not None
    assert sex.label == {"Українська (uk)": "Стать", "English (en)": "Sex"}
    assert [c.name for c in sex.choices] == ["female", "male"]
    assert sex.choice_label("female", "English (en)") == "Female"


def test_the_satisfaction_template_asks_what_seed_004_reports() -> None:
    form = read_xlsform(shipped("satisfaction")).definition
    names = [q.name for q in form.questions()]
    for name in ("providers", "sat_uszn", "sat_terr_centre", "difficulty", "fit"):
        assert name in names
    for name in ("missing_services", "sex", "age_band", "settlement_type"):
        assert name in names
    satisfaction = form.question("sat_uszn")
    assert satisfaction is not None
    assert [c.name for c in satisfaction.choices] == [
        "satisfied",
        "rather_satisfied",
        "rather_not",
        "not_satisfied",
    ]
    assert satisfaction.relevant == "selected(${providers}, 'uszn')"


def test_the_summary_lists_questions_and_unsupported_features() -> None:
    content = xlsform(
        [
            {"type": "text", "name": "name", "label": "Ім'я"},
            {"type": "geopoint", "name": "where", "label": "Де ви?"},
        ],
        settings={"form_title": "Коротка анкета"},
    )
    assert read_xlsform(content).summary() == {
        "title": "Коротка анкета",
        "questions": [{"name": "name", "type": "text", "label": "Ім'я"}],
        "unsupported": [{"row": 3, "feature": "type: geopoint"}],
    }


def test_every_unsupported_feature_is_reported_by_row_and_name() -> None:
    content = xlsform(
        [
            {"type": "integer", "name": "age", "label": "Вік"},  # row 2
            {},  # row 3: empty rows keep the numbering
            {"type": "calculate", "name": "double", "calculation": "${age} * 2"},  # 4
            {"type": "text", "name": "note", "label": "Примітка", "default": "—"},  # 5
            {"type": "text", "name": "when", "label": "Коли", "relevant": "if(${age} > 1, 1, 0)"},
            {"type": "select_one yes_no", "name": "ok", "label": "Так?", "appearance": "likert"},
            {"type": "select_one yes_no or_other", "name": "other", "label": "Інше?"},  # 8
            {"type": "text", "name": "photo_note", "label": "Фото", "media::image": "a.png"},
            {"type": "begin_repeat", "name": "people", "label": "Люди"},  # 10
            {"type": "begin_repeat", "name": "visits", "label": "Візити"},  # 11
            {"type": "integer", "name": "visit", "label": "Візит"},  # 12
            {"type": "end_repeat"},
            {"type": "end_repeat"},
            {"type": "text", "name": "out", "label": "Поза", "relevant": "${visit} > 1"},  # 15
        ],
        YES_NO,
        settings={"form_title": "Т", "instance_name": "concat(${age})"},
    )
    assert read_xlsform(content).unsupported == [
        Unsupported(2, "settings: instance_name"),
        Unsupported(4, "column: calculation"),
        Unsupported(4, "type: calculate"),
        Unsupported(5, "column: default"),
        Unsupported(6, "relevant: function if()"),
        Unsupported(8, "type: select_one yes_no or_other"),
        Unsupported(9, "column: media::image"),
        Unsupported(11, "repeat inside a repeat"),
        Unsupported(15, "relevant: reference to ${visit} inside another repeat"),
    ]


def test_a_name_used_twice_in_different_groups_is_unsupported() -> None:
    content = xlsform(
        [
            {"type": "begin_group", "name": "a", "label": "А"},
            {"type": "integer", "name": "age", "label": "Вік"},
            {"type": "end_group"},
            {"type": "begin_group", "name": "b", "label": "Б"},
            {"type": "integer", "name": "age", "label": "Вік"},
            {"type": "end_group"},
        ]
    )
    assert read_xlsform(content).unsupported == [
        Unsupported(6, "name 'age' used again (first in row 3)")
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "Файл порожній."),
        (b"not a spreadsheet at all", "Форма не відповідає стандарту XLSForm"),
        (
            xlsform([{"type": "select_one missing", "name": "q", "label": "Q"}]),
            "There should be a choices sheet",
        ),
        (
            xlsform([{"type": "begin_group", "name": "g", "label": "G"}, {"type": "text"}]),
            "[row : 3] Question or group with no name.",
        ),
        (xlsform([{"type": "foo", "name": "q", "label": "Q"}]), "Unknown question type 'foo'"),
        (
            xlsform(
                [
                    {"type": "begin_group", "name": "g", "label": "G"},
                    {"type": "text", "name": "q", "label": "Q"},
                ]
            ),
            "Unmatched 'begin_group'",
        ),
        (xlsform([{"type": "text", "name": "q", "label": "Q", "relevant": "${nope} = 1"}]), "nope"),
    ],
)
def test_a_malformed_form_is_refused_with_a_readable_reason(content: bytes, reason: str) -> None:
    with pytest.raises(MalformedFormError) as refused:
        read_xlsform(content)
    assert reason in str(refused.value)


def test_a_definition_survives_its_json_round_trip() -> None:
    form = read_xlsform(shipped("all-types")).definition
    assert FormDefinition.from_json(form.to_json()) == form
