"""The expression subset: what it evaluates, as XPath 1.0 would, and what it refuses."""

from __future__ import annotations

import datetime
import math

import pytest

from turbota.surveys.xlsform.expressions import (
    Context,
    UnsupportedExpressionError,
    Value,
    evaluate,
    parse,
    references,
)

ANSWERS: dict[str, Value] = {
    "age": 30.0,
    "has": "yes",
    "services": "home_care other",
    "empty": "",
    "d": "2024-03-01",
}
TODAY = datetime.date(2024, 6, 15)


def _value(text: str, current: Value = "") -> Value:
    context = Context(lookup=lambda name: ANSWERS.get(name, ""), current=current, today=TODAY)
    return evaluate(parse(text), context)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("${age} > 18 and ${has} = 'yes'", True),
        ("${age} >= 31 or ${has} != 'yes'", False),
        ("selected(${services}, 'other')", True),
        ("selected(${services}, 'day_care')", False),
        ("count-selected(${services})", 2.0),
        ("not(${empty})", True),
        ("string-length('абв')", 3.0),
        ("-${age} + 2 * 3", -24.0),
        ("10 mod 3", 1.0),
        ("-7 mod 3", -1.0),  # truncated, as XPath and JavaScript
        ("7 div 2", 3.5),
        ("(1 + 2) * 3", 9.0),
        ("1 + 2 * 3", 7.0),
        ("${age} = '30'", True),  # a number compared with a string compares numbers
        ("${empty} > 5", False),  # an empty answer is not a number
        ("${empty} = ''", True),
        ("${d} <= today()", True),  # dates compare as days
        ("${d} = '2024-03-01'", True),
        ("today()", "2024-06-15"),
        ("true() and not(false())", True),
        ("regex('0501234567', '^0[0-9]{9}$')", True),
        ("regex('050123', '^0[0-9]{9}$')", False),
        ("\"подвійні лапки\" = 'подвійні лапки'", True),
    ],
)
def test_an_expression_of_the_subset_evaluates_as_xpath_does(text: str, expected: object) -> None:
    assert _value(text) == expected


def test_the_dot_is_the_answer_being_checked() -> None:
    assert _value(". >= 0 and . < 120", current=45.0) is True
    assert _value(". >= 0 and . < 120", current=150.0) is False


def test_dividing_by_zero_gives_infinity_or_nan_not_an_error() -> None:
    assert _value("1 div 0") == math.inf
    assert math.isnan(float(_value("0 div 0")))
    assert math.isnan(float(_value("5 mod 0")))


def test_the_names_an_expression_reads_are_known() -> None:
    assert references(parse("selected(${a}, 'x') and ${b} > ${c} + 1")) == {"a", "b", "c"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("/data/age > 5", "syntax '/'"),
        ("if(${a} = 1, 2, 3)", "function if()"),
        ("age > 5", "path or name 'age'"),
        ("${a}[1]", "syntax '['"),
        ("count-selected(${a}, 2)", "function count-selected() with 2 arguments"),
        ("regex(., '(?i)abc')", "regex() group syntax '(?'"),
        ("regex(., '\\p{L}')", "regex() escape '\\p'"),
        ("regex(., ${pattern})", "regex() with a pattern that is not a literal"),
        ("(1 + 2", "expression ends too early"),
        ("1 2", "unexpected '2'"),
        ("${last-saved#a} = 1", "reference '${last-saved#a}'"),
        ("", "empty expression"),
    ],
)
def test_anything_outside_the_subset_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(UnsupportedExpressionError) as refused:
        parse(text)
    assert refused.value.reason == reason
