import datetime

import pytest

from turbota.catalog.enums import DeadlineKind
from turbota.catalog.models import DeadlineRule

D = datetime.date


@pytest.mark.django_db
def test_the_shipped_deadlines_are_those_of_article_20_with_their_basis() -> None:
    rules = {(r.kind, r.service_code): r for r in DeadlineRule.objects.all()}

    assessment = rules[(DeadlineKind.ASSESSMENT, "")]
    assert (assessment.working_days, assessment.valid_from, assessment.valid_to) == (
        5,
        D(2020, 1, 1),
        None,
    )
    assert "ст. 20 Закону України «Про соціальні послуги»" in assessment.legal_basis
    decisions = {code for kind, code in rules if kind == DeadlineKind.DECISION}
    assert decisions == {"015.1", "015.3", "015.4", "009.1"}
    for code in decisions:
        rule = rules[(DeadlineKind.DECISION, code)]
        assert (rule.working_days, rule.valid_from) == (1, D(2022, 2, 24))
        assert "воєнного стану" in rule.legal_basis
        # the codes that could not be placed are named, not guessed
        assert "015.3.1" in rule.note
        assert "009.2" in rule.note


@pytest.mark.django_db
def test_rules_in_force_on_a_day_include_both_ends_of_their_period() -> None:
    DeadlineRule.objects.all().delete()
    old = DeadlineRule.objects.create(
        kind=DeadlineKind.ASSESSMENT,
        working_days=5,
        valid_from=D(2020, 1, 1),
        valid_to=D(2026, 7, 15),
        legal_basis="стара редакція",
    )
    new = DeadlineRule.objects.create(
        kind=DeadlineKind.ASSESSMENT,
        working_days=3,
        valid_from=D(2026, 7, 16),
        legal_basis="нова редакція",
    )

    assert list(DeadlineRule.objects.in_force_on(D(2019, 12, 31))) == []
    assert list(DeadlineRule.objects.in_force_on(D(2020, 1, 1))) == [old]
    assert list(DeadlineRule.objects.in_force_on(D(2026, 7, 15))) == [old]
    assert list(DeadlineRule.objects.in_force_on(D(2026, 7, 16))) == [new]
