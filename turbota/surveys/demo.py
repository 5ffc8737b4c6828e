"""The demo survey of the demo hromada: the shipped satisfaction questionnaire with 234
invented responses (``is_synthetic``) shaped on what seed 004 reports of the survey of
July 2020 — 26,5 % men and 67,9 % women; 51,2 % turned to the social-protection
department (94 % of them satisfied or rather satisfied), 41 % to the territorial centre
(86 %), 25 % to the employment centre (64 %), 13 % to NGOs; 56,8 % got services without
difficulty and 39,7 % with some; 36,3 % say services do not fully fit their needs; 88 %
need material aid; 52,6 % think the state should provide services, 12,8 % that it does
not matter who. The report's "maximum error 7 %" is the survey's stated margin, which the
results page checks. Everything else (age, settlement type) is invented.
"""

from __future__ import annotations

import datetime
import random
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from turbota.providers.models import Provider
from turbota.surveys import actions
from turbota.surveys.enums import ResponseChannel, SurveyKind, SurveyStatus
from turbota.surveys.models import Response, SatisfactionLink, Survey
from turbota.surveys.shipped import TEMPLATES
from turbota.surveys.xlsform.answers import check_answers
from turbota.territories.models import Territory

TITLE = "ДЕМО: Оцінка задоволеності отримувачів соціальних послуг (липень 2020)"
RESPONDENTS = 234
SEED = 2020
PROVIDERS = {"uszn": 120, "terr_centre": 96, "employment": 59, "ngo": 30, "social_services": 23}
# provider → satisfied, rather satisfied, rather not, not satisfied
SATISFACTION = {
    "uszn": (70, 43, 3, 4),
    "terr_centre": (50, 33, 4, 9),
    "employment": (20, 18, 12, 9),
    "ngo": (15, 9, 3, 3),
    "social_services": (12, 7, 2, 2),
}
SINGLE = {
    "sex": {"female": 159, "male": 62},
    "difficulty": {"easy": 133, "some_difficulty": 93, "very_difficult": 6, "dont_know": 2},
    "fit": {"fully": 130, "partly": 85, "not_at_all": 9, "dont_know": 10},
    "who_should_provide": {"state": 123, "communal": 50, "ngo": 20, "private": 11, "no_matter": 30},
    "age_band": {"18_34": 25, "35_59": 70, "60_79": 105, "80_plus": 30},
    "settlement_type": {"urban": 205, "rural": 25},
}
MISSING = {
    "material_aid": 206,
    "social_taxi": 55,
    "leisure_elderly": 45,
    "rehab_children": 40,
    "hairdresser": 30,
    "autism_centre": 25,
    "other": 10,
}
NOTHING_MISSING = 20
OTHER_TEXTS = ("Послуги психолога", "Доставка ліків додому", "Юридична консультація")
# the question → the demo provider it rates
LINKS = {
    "sat_uszn": "Управління соціального захисту населення Селидівської міської ради",
    "sat_terr_centre": "Територіальний центр соціального обслуговування (надання соціальних "
    "послуг) Селидівської міської ради",
    "sat_employment": "Міський центр зайнятості",
    "sat_social_services": "Селидівський міський центр соціальних служб",
}


def _spread(rng: random.Random, counts: dict[str, int], people: int) -> list[str | None]:
    """Exactly ``counts`` of each value over ``people`` respondents (the rest unanswered)."""
    values: list[str | None] = [v for v, n in counts.items() for _ in range(n)]
    values += [None] * (people - len(values))
    rng.shuffle(values)
    return values


def _answers(rng: random.Random) -> list[dict[str, Any]]:
    people = [dict[str, Any]() for _ in range(RESPONDENTS)]
    for provider, count in PROVIDERS.items():
        for person in rng.sample(people, count):
            person.setdefault("providers", []).append(provider)
    for person in people:
        person.setdefault("providers", ["other"])
    names = ("satisfied", "rather_satisfied", "rather_not", "not_satisfied")
    for provider, rated in SATISFACTION.items():
        chosen = [p for p in people if provider in p["providers"]]
        spread = _spread(rng, dict(zip(names, rated, strict=True)), len(chosen))
        for person, value in zip(chosen, spread, strict=True):
            person[f"sat_{provider}"] = value
    for question, counts in SINGLE.items():
        for person, value in zip(people, _spread(rng, counts, RESPONDENTS), strict=True):
            if value is not None:
                person[question] = value
    content = rng.sample(people, NOTHING_MISSING)
    for person in content:
        person["missing_services"] = ["nothing"]
    rest = [p for p in people if "missing_services" not in p]
    for service, count in MISSING.items():
        for person in rng.sample(rest, count):
            person.setdefault("missing_services", []).append(service)
            if service == "other":
                person["missing_other"] = rng.choice(OTHER_TEXTS)
    return people


def load_demo_survey(hromada: Territory) -> bool:
    """The published demo survey, once (False when the hromada already has it)."""
    if Survey.objects.filter(hromada=hromada, title=TITLE).exists():
        return False
    template = TEMPLATES["satisfaction"]
    nobody = AnonymousUser()
    with transaction.atomic():
        survey = actions.import_survey(
            hromada=hromada,
            content=template.path.read_bytes(),
            file_name=template.path.name,
            by=nobody,
            title=TITLE,
            kind=SurveyKind.SATISFACTION,
        )
        survey.is_demo = True
        survey.stated_margin = Decimal(7)
        survey.collected_from = datetime.date(2020, 7, 1)
        survey.collected_to = datetime.date(2020, 7, 31)
        survey.description = "Демонстраційне опитування за питаннями анкетування 2020 року."
        survey.save()
        _responses(survey)
        _links(survey, hromada)
        for status in (SurveyStatus.OPEN, SurveyStatus.CLOSED, SurveyStatus.PUBLISHED):
            actions.change_status(survey=survey, to=status, by=nobody)
    return True


def _responses(survey: Survey) -> None:
    version = survey.current_version
    assert version is not None
    rng = random.Random(SEED)  # noqa: S311 (invented demonstration answers)
    rows = []
    for number, raw in enumerate(_answers(rng), start=1):
        checked = check_answers(version.form, raw, today=datetime.date(2020, 7, 31))
        assert checked.is_valid, checked.errors
        day = datetime.date(2020, 7, 1 + (number - 1) % 31)
        moment = datetime.datetime.combine(day, datetime.time(10, number % 60))
        rows.append(
            Response(
                survey=survey,
                version=version,
                channel=ResponseChannel.PAPER,
                submission_uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                paper_number=str(number),
                answers=checked.answers,
                submitted_at=timezone.make_aware(moment),
                is_synthetic=True,
            )
        )
    Response.objects.bulk_create(rows)


def _links(survey: Survey, hromada: Territory) -> None:
    for question, name in LINKS.items():
        provider = Provider.objects.filter(hromada=hromada, full_name=name).first()
        if provider is not None:
            SatisfactionLink.objects.create(
                survey=survey,
                question=question,
                provider=provider,
                satisfied_choices=["satisfied", "rather_satisfied"],
            )
