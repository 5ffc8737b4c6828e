from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import QuerySet

from conftest import World
from turbota.catalog.enums import DeadlineKind
from turbota.catalog.models import DeadlineRule
from turbota.core.models import NonWorkingDay
from turbota.people import queries
from turbota.people.enums import Decision
from turbota.people.models import Person
from turbota.people.tests.factories import make_application, make_episode, make_person

D = datetime.date


@pytest.mark.parametrize(
    ("applied", "deadline"),
    [
        (D(2021, 3, 1), D(2021, 3, 8)),  # Monday → next Monday
        (D(2021, 3, 5), D(2021, 3, 12)),  # Friday → next Friday
        (D(2021, 3, 6), D(2021, 3, 12)),  # Saturday: counting starts on Monday
    ],
)
def test_the_assessment_is_due_five_working_days_after_the_application(
    world: World, applied: datetime.date, deadline: datetime.date
) -> None:
    application = make_application(make_person(world.village_a), applied_on=applied)
    assert queries.assessment_deadline(application) == deadline


def test_an_assessment_is_late_when_done_or_still_missing_after_the_deadline(
    world: World,
) -> None:
    person = make_person(world.village_a)
    on_time = make_application(person, applied_on=D(2021, 3, 1), assessed_on=D(2021, 3, 8))
    late = make_application(person, applied_on=D(2021, 3, 1), assessed_on=D(2021, 3, 9))
    waiting = make_application(person, applied_on=D(2021, 3, 1))
    refused = make_application(
        person, applied_on=D(2021, 3, 1), decision=Decision.REFUSED, decided_on=D(2021, 3, 2)
    )
    today = D(2021, 3, 10)
    assert not queries.is_assessment_late(on_time, today)
    assert queries.is_assessment_late(late, today)
    assert queries.is_assessment_late(waiting, today)
    assert not queries.is_assessment_late(waiting, D(2021, 3, 8))
    assert not queries.is_assessment_late(refused, today)


def test_people_visible_to_each_role(world: World) -> None:
    served = make_person(world.village_a, "Шевченко")
    make_episode(served, world.provider_a)
    unserved = make_person(world.village_a, "Коваль")

    def names(role: str) -> set[str]:
        user = world.users[role]
        assert user is not None
        people = queries.people_visible_to(user)
        return {p.identity.last_name for p in people.select_related("identity")}

    assert names("hromada_staff") == {"Шевченко", "Коваль"}
    assert names("provider_staff") == {"Шевченко"}
    for role in ("admin", "working_group", "oblast_analyst", "other_hromada_staff", "no_role"):
        assert names(role) == set(), role
    assert unserved.identity.last_name == "Коваль"


# --- pages of the register ----------------------------------------------------------------


def _register(world: World, names: list[str]) -> tuple[list[str], QuerySet[Person]]:
    for name in names:
        make_person(world.village_a, name)
    staff = world.users["hromada_staff"]
    assert staff is not None
    rows = queries.person_rows(queries.people_visible_to(staff))
    return [p.identity.last_name for p in rows], rows


def test_next_pages_walk_the_whole_register_once_in_order_with_positions(world: World) -> None:
    # given 130 people, ten of them of one name, so that a page ends inside the same name
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(120)] + ["Особа045"] * 10)
    seen: list[str] = []
    page = queries.register_page(rows, count=130)
    while True:
        assert page.start == len(seen) + 1
        seen += [p.identity.last_name for p in page.people]
        assert page.end == len(seen)
        if not page.has_next:
            break
        page = queries.register_page(rows, count=130, cursor=page.next)
    assert seen == everyone
    assert (page.start, page.end, page.has_previous) == (101, 130, True)


def test_previous_pages_walk_back_from_the_last_page_to_a_full_first_page(world: World) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(120)])
    last = queries.register_page(rows, count=120, last=True)
    assert ([p.identity.last_name for p in last.people], last.start) == (everyone[70:], 71)
    middle = queries.register_page(rows, count=120, cursor=last.previous)
    assert [p.identity.last_name for p in middle.people] == everyone[20:70]
    assert (middle.start, middle.end, middle.has_previous, middle.has_next) == (21, 70, True, True)
    # fewer than fifty people before: the first page, fifty people from the first
    first = queries.register_page(rows, count=120, cursor=middle.previous)
    assert [p.identity.last_name for p in first.people] == everyone[:50]
    assert (first.start, first.has_previous, first.has_next) == (1, False, True)


def test_a_cursor_outside_the_rows_gives_the_first_page(world: World) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(60)])
    stranger = make_person(world.village_b, "Чужа")  # of another hromada
    cursor = queries.Cursor(stranger.pseudonym, 30)
    page = queries.register_page(rows, count=60, cursor=cursor)
    assert ([p.identity.last_name for p in page.people], page.start) == (everyone[:50], 1)


def test_a_wrong_position_in_a_cursor_stays_within_the_register(world: World) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(60)])
    first = queries.register_page(rows, count=60)
    cursor = queries.Cursor(first.next.pseudonym, 999_999)
    page = queries.register_page(rows, count=60, cursor=cursor)
    assert [p.identity.last_name for p in page.people] == everyone[50:]
    assert (page.start, page.end) == (51, 60)


# --- a search counted up to a limit, from its end -----------------------------------------


def _names(page: queries.RegisterPage) -> list[str]:
    return [p.identity.last_name for p in page.people]


def test_the_last_page_over_the_limit_is_read_from_the_end_without_counting(
    world: World, django_assert_num_queries: Any
) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(120)])
    with django_assert_num_queries(1):  # the last fifty-one rows, read in reverse
        last = queries.register_page(rows, count=60, more=True, last=True)
    assert _names(last) == everyone[70:]
    assert (last.start, last.end, last.from_end, last.more) == (1, 50, True, True)
    assert (last.has_previous, last.has_next) == (True, False)


def test_previous_pages_from_the_end_over_the_limit_count_from_the_end_to_a_full_first_page(
    world: World,
) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(120)])
    last = queries.register_page(rows, count=60, more=True, last=True)
    before = queries.register_page(rows, count=60, more=True, cursor=last.previous)
    assert _names(before) == everyone[20:70]
    assert (before.start, before.end, before.from_end) == (51, 100, True)
    assert (before.has_previous, before.has_next) == (True, True)
    # fewer than fifty people before: the first page, placed from the start again
    first = queries.register_page(rows, count=60, more=True, cursor=before.previous)
    assert _names(first) == everyone[:50]
    assert (first.start, first.from_end, first.has_previous) == (1, False, False)


def test_next_pages_from_the_end_over_the_limit_come_back_to_a_full_last_page(
    world: World,
) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(170)])
    last = queries.register_page(rows, count=60, more=True, last=True)
    before = queries.register_page(rows, count=60, more=True, cursor=last.previous)
    earlier = queries.register_page(rows, count=60, more=True, cursor=before.previous)
    assert (_names(earlier), earlier.start, earlier.end) == (everyone[20:70], 101, 150)
    forward = queries.register_page(rows, count=60, more=True, cursor=earlier.next)
    assert (_names(forward), forward.start, forward.from_end) == (everyone[70:120], 51, True)
    again = queries.register_page(rows, count=60, more=True, cursor=forward.next)
    assert (_names(again), again.start, again.has_next) == (everyone[120:], 1, False)


def test_walking_past_the_end_of_a_search_over_the_limit_shows_its_end_without_counting(
    world: World, django_assert_max_num_queries: Any
) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(70)])
    final = rows.last()
    assert final is not None
    with django_assert_max_num_queries(3) as captured:
        page = queries.register_page(
            rows, count=60, more=True, cursor=queries.Cursor(final.pseudonym, 60)
        )
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert (_names(page), page.from_end, page.start) == (everyone[20:], True, 1)


def test_a_place_from_the_end_is_placed_from_the_start_once_the_list_is_counted(
    world: World,
) -> None:
    # given a link from the end of a search that, opened again, matches no more than the limit
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(120)])
    last = queries.register_page(rows, count=60, more=True, last=True)
    page = queries.register_page(rows, count=120, cursor=last.previous)
    assert (_names(page), page.start, page.end, page.from_end) == (everyone[20:70], 21, 70, False)


@pytest.mark.parametrize("position", [-5, 0, 1, 10**12])
def test_a_wrong_place_from_the_end_stays_within_the_list(world: World, position: int) -> None:
    everyone, rows = _register(world, [f"Особа{n:03d}" for n in range(120)])
    last = queries.register_page(rows, count=60, more=True, last=True)
    cursor = queries.Cursor(last.previous.pseudonym, position, after=False, from_end=True)
    page = queries.register_page(rows, count=60, more=True, cursor=cursor)
    assert _names(page) == everyone[20:70]
    assert page.start >= 2  # the person of the cursor comes after them
    counted = queries.register_page(rows, count=120, cursor=cursor)
    assert _names(counted) == everyone[20:70]
    assert 2 <= counted.start <= counted.end < 120


# --- deadlines of applications ------------------------------------------------------------


def _assessment_rule(
    days: int, start: datetime.date, end: datetime.date | None = None
) -> DeadlineRule:
    return DeadlineRule.objects.create(
        kind=DeadlineKind.ASSESSMENT,
        working_days=days,
        valid_from=start,
        valid_to=end,
        legal_basis="ст. 20",
    )


def test_an_application_keeps_the_deadline_of_the_rule_in_force_on_its_date(
    world: World,
) -> None:
    # given the shipped 5 days closed on 15.07.2026 and 3 days from 16.07.2026
    DeadlineRule.objects.filter(kind=DeadlineKind.ASSESSMENT).update(valid_to=D(2026, 7, 15))
    _assessment_rule(3, D(2026, 7, 16))
    person = make_person(world.village_a)
    # when: Wednesday 15.07 under the old rule, Thursday 16.07 under the new one
    old = make_application(person, applied_on=D(2026, 7, 15))
    new = make_application(person, applied_on=D(2026, 7, 16))
    before_the_law = make_application(person, applied_on=D(2019, 12, 20))
    # then
    assert queries.assessment_deadline(old) == D(2026, 7, 22)
    assert queries.assessment_deadline(new) == D(2026, 7, 21)
    assert queries.assessment_deadline(before_the_law) is None
    assert not queries.is_assessment_late(before_the_law, D(2021, 1, 1))


def test_a_rule_for_a_service_wins_over_the_rule_for_every_service(world: World) -> None:
    DeadlineRule.objects.create(
        kind=DeadlineKind.ASSESSMENT,
        service_code="015.1",
        working_days=2,
        valid_from=D(2021, 1, 1),
        legal_basis="приклад",
    )
    person = make_person(world.village_a)

    home_care = make_application(person, "015.1", applied_on=D(2021, 3, 1))
    counselling = make_application(person, "002.0", applied_on=D(2021, 3, 1))

    assert queries.assessment_deadline(home_care) == D(2021, 3, 3)
    assert queries.assessment_deadline(counselling) == D(2021, 3, 8)


def test_days_of_the_calendar_of_non_working_days_are_not_counted(world: World) -> None:
    NonWorkingDay.objects.create(date=D(2021, 3, 8), name="Міжнародний жіночий день")
    application = make_application(make_person(world.village_a), applied_on=D(2021, 3, 1))

    assert queries.assessment_deadline(application) == D(2021, 3, 9)
    assert not queries.is_assessment_late(application, D(2021, 3, 9))
    assert queries.is_assessment_late(application, D(2021, 3, 10))


@pytest.mark.parametrize(
    ("code", "has_decision_deadline"),
    [
        ("015.1", True),  # догляд вдома
        ("015.3", True),  # денний догляд
        ("015.4", True),  # паліативний догляд
        ("009.1", True),  # підтримане проживання
        ("002.0", False),
        ("015.2", False),
    ],
)
def test_the_martial_law_decision_deadline_is_for_its_four_services_only(
    world: World, code: str, has_decision_deadline: bool
) -> None:
    # given an application on Friday 04.03.2022, under martial law
    application = make_application(make_person(world.village_a), code, applied_on=D(2022, 3, 4))

    due = queries.application_deadlines(application, D(2022, 3, 10))

    assert due.assessment_due == D(2022, 3, 11)
    assert due.decision_due == (D(2022, 3, 7) if has_decision_deadline else None)
    assert due.decision_late is has_decision_deadline  # still pending on 10.03


def test_there_is_no_decision_deadline_before_martial_law(world: World) -> None:
    application = make_application(make_person(world.village_a), applied_on=D(2022, 2, 23))

    assert queries.application_deadlines(application, D(2022, 3, 10)).decision_due is None


def test_a_decision_is_late_when_made_or_still_pending_after_its_deadline(world: World) -> None:
    person = make_person(world.village_a)
    applied = D(2022, 3, 4)  # Friday: the decision is due on Monday 07.03
    on_time = make_application(
        person, applied_on=applied, decision=Decision.GRANTED, decided_on=D(2022, 3, 7)
    )
    late = make_application(
        person, applied_on=applied, decision=Decision.REFUSED, decided_on=D(2022, 3, 8)
    )
    pending = make_application(person, applied_on=applied)
    today = D(2022, 3, 9)

    lateness = [
        queries.application_deadlines(a, today).decision_late for a in (on_time, late, pending)
    ]
    assert lateness == [False, True, True]
    assert not queries.application_deadlines(pending, D(2022, 3, 7)).decision_late
