"""Reads about people: who may list whom, pages of the register, a person's card, the
access log, and the assessment deadline of applications."""

from __future__ import annotations

import datetime
import sys
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from turbota.accounts.permissions import AnyUser, provider_ids, staff_hromada_ids
from turbota.catalog.enums import DeadlineKind
from turbota.catalog.models import DeadlineRule
from turbota.core.text import normalize_text, ukrainian_sort_key
from turbota.core.working_days import add_working_days, days_off_from
from turbota.people.enums import Decision
from turbota.people.models import (
    Application,
    CircumstanceFactor,
    GroupMembership,
    Person,
    PersonAccess,
    PersonIdentity,
    PersonQuerySet,
    ServiceEpisode,
)
from turbota.people.permissions import serving_condition

# The deadlines of art. 20 (a needs assessment within 5 working days of the application;
# under martial law a decision within 1 for four services) are reference data, versioned by
# date: ``catalog.DeadlineRule``, with the calendar ``core.NonWorkingDay`` (decision 30).


def people_visible_to(user: AnyUser) -> PersonQuerySet:
    """The people of the hromadas where the user is staff, and those their provider serves.
    The same rule as ``permissions.can_view_person``, as a query."""
    hromadas = staff_hromada_ids(user)
    providers = provider_ids(user)
    if not hromadas and not providers:
        return Person.objects.none()
    scope = Q(hromada_id__in=hromadas)
    if providers:
        scope |= Q(pk__in=Person.objects.filter(serving_condition(providers)).values("pk"))
    return Person.objects.filter(scope)


def search_people(people: PersonQuerySet, text: str) -> PersonQuerySet:
    """By the start of the РНОКПП, or by every word of the name (any case, any apostrophe)."""
    text = normalize_text(text)
    if not text:
        return people
    if text.isdigit():
        return people.filter(identity__rnokpp__startswith=text)
    condition = Q()
    for word in text.split(" "):
        condition &= Q(identity__name_key__contains=ukrainian_sort_key(word))
    return people.filter(condition)


def person_rows(people: PersonQuerySet) -> QuerySet[Person]:
    """What a row of the people list shows, in alphabetical order of names (people of the
    same name by id, so the order is total and a page can start after any row).

    Every person has an identity (they are written together); saying so makes the join an
    inner one, so PostgreSQL walks the name index instead of sorting the whole register."""
    return (
        people.filter(identity__isnull=False)
        .select_related("identity", "settlement")
        .order_by("identity__name_key", "pk")
    )


PER_PAGE = 50
# A search is counted up to this many matches ("понад 10 000"): counting every match of a
# common name in a million people would cost more than the page.
COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class Cursor:
    """A page of the register next to a person already shown: the page ``after`` them or
    the one before them; ``position`` is where that person stands in the list (from 1), or
    with ``from_end`` where they stand counted from its end (the last person is 1)."""

    pseudonym: uuid.UUID
    position: int
    after: bool = True
    from_end: bool = False


@dataclass(frozen=True)
class RegisterPage:
    """Up to ``PER_PAGE`` people of the list, from ``start`` (1-based) of ``count`` (or of
    more than ``count``: a search counted up to ``COUNT_LIMIT`` only).

    A page of such a search reached from its end is ``from_end``: where it stands from the
    start is unknown without counting every match, so ``start`` … ``end`` count from the
    end — ``start`` is the bottom row's place from the end, ``end`` the top row's."""

    people: list[Person]
    count: int
    start: int
    has_previous: bool
    has_next: bool
    more: bool = False
    from_end: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.people) - 1

    @property
    def previous(self) -> Cursor:
        position = self.end if self.from_end else self.start
        return Cursor(self.people[0].pseudonym, position, after=False, from_end=self.from_end)

    @property
    def next(self) -> Cursor:
        position = self.start if self.from_end else self.end
        return Cursor(self.people[-1].pseudonym, position, from_end=self.from_end)


def register_page(
    rows: QuerySet[Person],
    *,
    count: int,
    more: bool = False,
    cursor: Cursor | None = None,
    last: bool = False,
) -> RegisterPage:
    """The first page, the last one, or the page next to ``cursor`` — each read by the sort
    key from the person it starts at (keyset pagination), never past a large OFFSET.

    ``count`` is the number of ``rows`` (the caller may count a cheaper equal query), or
    with ``more`` a lower bound of it: then the last page and the pages before it count
    from the end, so nothing counts every row. A cursor not among ``rows`` (another
    user's, or removed since) gives the first page; the positions carried in cursors are
    corrected to stay within 1 … ``count``."""
    if cursor is not None and cursor.from_end and not more:  # counted: place it from the start
        cursor = Cursor(cursor.pseudonym, count + 1 - cursor.position, cursor.after)
    key = None if last or cursor is None else _sort_key(rows, cursor)
    if last:
        return _tail_page(rows, count) if more else _last_page(rows, count)
    if cursor is None or key is None:
        return _first_page(rows, count, more)
    if cursor.from_end:
        return _page_from_end(rows, key, cursor, count)
    bound = sys.maxsize if more else count
    if cursor.after:
        found = list(_after(rows, key)[: PER_PAGE + 1])
        if not found:  # the cursor was the last row: show the last page
            return _tail_page(rows, count) if more else _last_page(rows, count)
        shown = found[:PER_PAGE]
        start = max(min(cursor.position + 1, bound - len(shown) + 1), 2)
        return RegisterPage(shown, count, start, True, len(found) > PER_PAGE, more)
    found = list(_before(rows, key)[: PER_PAGE + 1])
    if len(found) <= PER_PAGE:  # nothing before these: the first page, full
        return _first_page(rows, count, more)
    start = min(max(cursor.position - PER_PAGE, 2), bound - PER_PAGE)
    return RegisterPage(found[:PER_PAGE][::-1], count, start, True, True, more)


SortKey = tuple[str, int]  # the name key and the id of a person


def _sort_key(rows: QuerySet[Person], cursor: Cursor) -> SortKey | None:
    return rows.filter(pseudonym=cursor.pseudonym).values_list("identity__name_key", "pk").first()


def _after(rows: QuerySet[Person], key: SortKey) -> QuerySet[Person]:
    # ">= name" bounds the index scan; the rest skips the same name's earlier ids.
    name, pk = key
    return rows.filter(
        Q(identity__name_key__gt=name) | Q(identity__name_key=name, pk__gt=pk),
        identity__name_key__gte=name,
    )


def _before(rows: QuerySet[Person], key: SortKey) -> QuerySet[Person]:
    name, pk = key
    return rows.filter(
        Q(identity__name_key__lt=name) | Q(identity__name_key=name, pk__lt=pk),
        identity__name_key__lte=name,
    ).reverse()


def _first_page(rows: QuerySet[Person], count: int, more: bool) -> RegisterPage:
    found = list(rows[: PER_PAGE + 1])
    return RegisterPage(found[:PER_PAGE], count, 1, False, len(found) > PER_PAGE, more)


def _last_page(rows: QuerySet[Person], count: int) -> RegisterPage:
    shown = list(rows.reverse()[:PER_PAGE])[::-1]
    start = max(count - len(shown) + 1, 1)
    return RegisterPage(shown, count, start, start > 1, False)


def _tail_page(rows: QuerySet[Person], count: int) -> RegisterPage:
    """The last page of a search of more than ``count`` matches, placed from the end."""
    found = list(rows.reverse()[: PER_PAGE + 1])
    shown = found[:PER_PAGE][::-1]
    return RegisterPage(shown, count, 1, len(found) > PER_PAGE, False, more=True, from_end=True)


def _page_from_end(
    rows: QuerySet[Person], key: SortKey, cursor: Cursor, count: int
) -> RegisterPage:
    """The page next to a person placed from the end; the end page and the first page are
    read full, as from the start. A place from the end is at least 2 on a page with a row
    after it."""
    if cursor.after:
        found = list(_after(rows, key)[: PER_PAGE + 1])
        if len(found) <= PER_PAGE:  # nothing after these: the last page, full
            return _tail_page(rows, count)
        start = max(cursor.position - PER_PAGE, 2)
        return RegisterPage(found[:PER_PAGE], count, start, True, True, more=True, from_end=True)
    found = list(_before(rows, key)[: PER_PAGE + 1])
    if len(found) <= PER_PAGE:  # nothing before these: the first page, full
        return _first_page(rows, count, True)
    start = max(cursor.position + 1, 2)
    return RegisterPage(found[:PER_PAGE][::-1], count, start, True, True, more=True, from_end=True)


@dataclass(frozen=True)
class PersonCard:
    person: Person
    identity: PersonIdentity | None
    groups: list[GroupMembership]
    factors: list[CircumstanceFactor]
    episodes: list[ServiceEpisode]
    applications: list[Application]
    household: list[Person]


def person_card(person: Person) -> PersonCard:
    """Everything a person's page shows, in a fixed number of queries."""
    household = list(
        Person.objects.filter(household_id=person.household_id)
        .exclude(pk=person.pk)
        .select_related("identity")
        .order_by("identity__name_key")
        if person.household_id
        else Person.objects.none()
    )
    return PersonCard(
        person=person,
        identity=PersonIdentity.objects.filter(person=person).first(),
        groups=list(person.groups.select_related("group").order_by("group__position")),
        factors=list(person.factors.select_related("factor").order_by("factor__position")),
        episodes=list(
            person.episodes.select_related("service", "provider", "settlement").order_by(
                "-start_date", "pk"
            )
        ),
        applications=list(
            person.applications.select_related("service", "provider").order_by("-applied_on")
        ),
        household=household,
    )


def access_entries(person: Person) -> QuerySet[PersonAccess]:
    return PersonAccess.objects.filter(person=person).order_by("-at", "-pk")


@dataclass(frozen=True)
class DeadlineBook:
    """The deadline rules and the calendar's days off, read once, to judge any number of
    applications without a query each (``deadline_book``)."""

    rules: list[DeadlineRule]
    days_off: frozenset[datetime.date]

    def deadline(
        self, kind: DeadlineKind, code: str, applied_on: datetime.date
    ) -> datetime.date | None:
        """The last day allowed by the rule in force on ``applied_on`` for the service's
        code (a rule for the code wins over the rule for every service); None without one."""
        rule = self.rule(kind, code, applied_on)
        if rule is None:
            return None
        return add_working_days(applied_on, rule.working_days, self.days_off)

    def rule(self, kind: DeadlineKind, code: str, applied_on: datetime.date) -> DeadlineRule | None:
        in_force = [
            r
            for r in self.rules
            if r.kind == kind and r.service_code in (code, "") and r.is_in_force_on(applied_on)
        ]
        # "" sorts first: the rule for the code, where there is one, comes last.
        return max(in_force, key=lambda r: r.service_code, default=None)


def deadline_book(since: datetime.date) -> DeadlineBook:
    """Every deadline rule (a handful of rows) and the days off from ``since`` on: two
    queries for a page or a report."""
    return DeadlineBook(rules=list(DeadlineRule.objects.all()), days_off=days_off_from(since))


@dataclass(frozen=True)
class ApplicationDeadlines:
    assessment_due: datetime.date | None
    assessment_late: bool
    decision_due: datetime.date | None  # only services with a decision rule have one
    decision_late: bool


def is_late(
    due: datetime.date | None, done_on: datetime.date | None, waiting: bool, today: datetime.date
) -> bool:
    """Done after ``due``, or not done and still ``waiting`` for it once ``due`` has passed."""
    if due is None:
        return False
    if done_on is not None:
        return done_on > due
    return waiting and today > due


def application_deadlines(
    application: Application, today: datetime.date, book: DeadlineBook | None = None
) -> ApplicationDeadlines:
    return deadlines_for(
        book or deadline_book(application.applied_on),
        code=application.service.code,
        applied_on=application.applied_on,
        assessed_on=application.assessed_on,
        decision=application.decision,
        decided_on=application.decided_on,
        today=today,
    )


def deadlines_for(
    book: DeadlineBook,
    *,
    code: str,
    applied_on: datetime.date,
    assessed_on: datetime.date | None,
    decision: str,
    decided_on: datetime.date | None,
    today: datetime.date,
) -> ApplicationDeadlines:
    """Both deadlines of an application (given by its values, as a report reads them) and
    whether each was broken. A refused application waits for no assessment; one with a
    decision (even without its date) waits for no decision."""
    assessment_due = book.deadline(DeadlineKind.ASSESSMENT, code, applied_on)
    decision_due = book.deadline(DeadlineKind.DECISION, code, applied_on)
    return ApplicationDeadlines(
        assessment_due=assessment_due,
        assessment_late=is_late(assessment_due, assessed_on, decision != Decision.REFUSED, today),
        decision_due=decision_due,
        decision_late=is_late(decision_due, decided_on, decision == Decision.PENDING, today),
    )


def deadlines_of(
    applications: list[Application], *, today: datetime.date
) -> list[tuple[Application, ApplicationDeadlines]]:
    """A person's applications with their deadlines, for the person's page: two queries."""
    if not applications:
        return []
    book = deadline_book(min(a.applied_on for a in applications))
    return [(a, application_deadlines(a, today, book)) for a in applications]


def assessment_deadline(
    application: Application, book: DeadlineBook | None = None
) -> datetime.date | None:
    book = book or deadline_book(application.applied_on)
    return book.deadline(DeadlineKind.ASSESSMENT, application.service.code, application.applied_on)


def is_assessment_late(
    application: Application, today: datetime.date, book: DeadlineBook | None = None
) -> bool:
    """Assessed after the deadline, or still not assessed once it has passed."""
    return application_deadlines(application, today, book).assessment_late
