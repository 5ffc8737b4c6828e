"""Reads of consultations: lists, the rules in force, the report deadline, participation,
and the oblast's aggregates."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Q, QuerySet

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.consultations import subjects
from turbota.consultations.enums import Channel, Decision, Moderation
from turbota.consultations.models import Consultation, ConsultationRules, Meeting, Proposal
from turbota.consultations.models.consultations import PUBLIC_STATUSES
from turbota.territories.models import Territory


def rules_for(hromada: Territory) -> ConsultationRules:
    """The hromada's own rules, else the default row, else the shipped defaults (10 days
    for the report, 15 for the discussion) unsaved."""
    own = ConsultationRules.objects.filter(hromada=hromada).first()
    default = ConsultationRules.objects.filter(hromada__isnull=True).order_by("pk").first()
    return own or default or ConsultationRules(hromada=None)


def public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.public().select_related("hromada").order_by("-starts_on", "-pk")


def public_consultations_on(subject: Model) -> QuerySet[Consultation]:
    """Consultations on the document, announced or later, of the document's own hromada;
    the latest first. What the document's app asks to let the public read a draft."""
    return (
        Consultation.objects.public()
        .filter(
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=subject.pk,
            hromada_id=subjects.type_of(subject).hromada(subject).pk,
        )
        .order_by("-starts_on", "-pk")
    )


def subjects_in_public(
    model: type[Model], hromada: Territory | None = None
) -> QuerySet[Consultation, int]:
    """Ids of the documents of ``model`` (of one hromada, or of all) that a consultation
    announced (or later) is on, as a subquery."""
    found = Consultation.objects.public().filter(
        subject_type=ContentType.objects.get_for_model(model)
    )
    if hromada is not None:
        found = found.filter(hromada=hromada)
    return found.values_list("subject_id", flat=True)


def consultations_of(hromada: Territory) -> QuerySet[Consultation]:
    return Consultation.objects.filter(hromada=hromada).order_by("-starts_on", "-pk")


def hromadas_for(user: AnyUser) -> QuerySet[Territory]:
    """Hromadas whose consultations (drafts included) the user works with."""
    own = staff_hromada_ids(user) | working_group_hromada_ids(user)
    rule = Q(pk__in=own)
    if is_admin(user):
        rule |= Q(pk__in=Consultation.objects.values("hromada_id"))
    return Territory.objects.hromadas().filter(rule).order_by("sort_key")


@dataclass(frozen=True)
class MeetingCount:
    meeting: Meeting
    registered: int


def oblasts_for(user: AnyUser) -> QuerySet[Territory]:
    """Oblasts whose summary of consultations the user reads."""
    if is_admin(user):
        ids = Consultation.objects.values("hromada__oblast_id")
        return Territory.objects.oblasts().filter(pk__in=ids).order_by("sort_key")
    return Territory.objects.oblasts().filter(pk__in=analyst_oblast_ids(user)).order_by("sort_key")


def meetings_with_counts(consultation: Consultation) -> list[MeetingCount]:
    """Meetings in order, each with how many registered for it (one query)."""
    meetings = consultation.meetings.annotate(n_registered=Count("registrations"))
    return [MeetingCount(m, m.n_registered) for m in meetings]


def approved_proposals(consultation: Consultation) -> QuerySet[Proposal]:
    return consultation.proposals.filter(moderation=Moderation.APPROVED).order_by(
        "received_on", "pk"
    )


def pending_proposals(consultation: Consultation) -> QuerySet[Proposal]:
    return consultation.proposals.filter(moderation=Moderation.PENDING).order_by("created_at", "pk")


def current_items(consultation: Consultation) -> list[subjects.Item]:
    """The subject's items now; none when the document is gone or no longer registered."""
    subject = consultation.subject
    if subject is None or not subjects.is_registered(subject):
        return []
    return subjects.items_of(subject)


@dataclass(frozen=True)
class ReportDeadline:
    """When the report on results is due (N calendar days after the decision) and whether
    it was, or is being, missed — as of ``today``."""

    decided_on: datetime.date
    due_on: datetime.date
    published_on: datetime.date | None
    today: datetime.date

    @property
    def is_overdue(self) -> bool:
        return self.published_on is None and self.today > self.due_on

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def days_overdue(self) -> int:
        end = self.published_on or self.today
        return max((end - self.due_on).days, 0)

    @property
    def published_late(self) -> bool:
        return self.published_on is not None and self.published_on > self.due_on


def report_deadline(consultation: Consultation, *, today: datetime.date) -> ReportDeadline | None:
    """None until the decision on results is taken."""
    due = consultation.report_due_on
    if due is None or consultation.decided_on is None:
        return None
    return ReportDeadline(consultation.decided_on, due, consultation.report_published_on, today)


@dataclass(frozen=True)
class Participation:
    """Who took part, in counts only: never a name or a contact."""

    meeting_participants: int
    meetings_with_attendance: int
    meetings: int
    registered: int
    proposals: int
    proposers: int
    by_channel: dict[str, int]
    by_decision: dict[str, int]


def participation(consultation: Consultation) -> Participation:
    """Meeting participants as recorded from the sign-in sheets; proposers are the distinct
    contacts (case and spaces ignored) of the proposals taken into consideration."""
    meetings = meetings_with_counts(consultation)
    proposals = list(approved_proposals(consultation).values("contact", "channel", "decision"))
    contacts = {" ".join(p["contact"].split()).casefold() for p in proposals}
    channels = Counter(p["channel"] for p in proposals)
    decisions = Counter(p["decision"] for p in proposals if p["decision"])
    return Participation(
        meeting_participants=sum(m.meeting.participants or 0 for m in meetings),
        meetings_with_attendance=sum(1 for m in meetings if m.meeting.participants is not None),
        meetings=len(meetings),
        registered=sum(m.registered for m in meetings),
        proposals=len(proposals),
        proposers=len(contacts),
        by_channel={c.value: channels[c.value] for c in Channel if channels[c.value]},
        by_decision={d.value: decisions[d.value] for d in Decision},
    )


@dataclass(frozen=True)
class HromadaSummary:
    hromada: Territory
    total: int
    by_status: dict[str, int]
    proposals: int
    accepted: int
    partly: int
    rejected: int
    reports_overdue: int

    @property
    def status_cells(self) -> list[int]:
        return [self.by_status.get(status.value, 0) for status in PUBLIC_STATUSES]


def oblast_summary(oblast: Territory, *, today: datetime.date) -> list[HromadaSummary]:
    """Per hromada of the oblast with a public consultation: counts of consultations by
    status, of proposals by decision, and of reports overdue. No proposal text, no people."""
    consultations = (
        Consultation.objects.public()
        .filter(hromada__oblast=oblast)
        .select_related("hromada")
        .annotate(
            n_proposals=Count("proposals", filter=Q(proposals__moderation=Moderation.APPROVED)),
            **{
                f"n_{d.value}": Count("proposals", filter=Q(proposals__decision=d.value))
                for d in Decision
            },
        )
        .order_by("hromada__sort_key")
    )
    rows: dict[int, HromadaSummary] = {}
    for c in consultations:
        row = rows.get(c.hromada_id) or HromadaSummary(c.hromada, 0, {}, 0, 0, 0, 0, 0)
        deadline = report_deadline(c, today=today)
        rows[c.hromada_id] = HromadaSummary(
            hromada=c.hromada,
            total=row.total + 1,
            by_status=dict(Counter(row.by_status) + Counter({c.status: 1})),
            proposals=row.proposals + c.n_proposals,  # type: ignore[attr-defined]
            accepted=row.accepted + c.n_accepted,  # type: ignore[attr-defined]
            partly=row.partly + c.n_partly,  # type: ignore[attr-defined]
            rejected=row.rejected + c.n_rejected,  # type: ignore[attr-defined]
            reports_overdue=row.reports_overdue + int(bool(deadline and deadline.is_overdue)),
        )
    return list(rows.values())
