"""Quality indicators of CMU No. 449 computed from what Turbota already holds, for a
provider's service over a period:

- complaints per 100 recipients: complaints about that service received in the period
  (the register) / distinct people with an episode of it running in the period × 100;
- share of applications satisfied: applications for it made in the period and decided
  "надавати" / all decided ones (awaiting a decision not counted; the waiting list counts
  as not satisfied);
- satisfaction %: answers to the survey questions tied to the provider (and service, or
  the provider as a whole) given in the period, that are one of the "satisfied" choices;
- share of staff trained: Turbota knows who works (the registry's staff actually working)
  but not who was trained — the number trained is entered.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from turbota.catalog.models import Service
from turbota.people.enums import Decision, EpisodeStatus
from turbota.people.models import Application, ServiceEpisode
from turbota.providers.models import ProvidedService, Provider, StaffPosition
from turbota.surveys.enums import ComplaintStatus, QualityIndicator
from turbota.surveys.models import Complaint, QualityAssessment, Response, SatisfactionLink

Key = tuple[int, int]  # provider, service


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


@dataclass(frozen=True)
class Fraction:
    numerator: int
    denominator: int
    note: str = ""

    @property
    def value(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.1"))


def recipients(providers: QuerySet[Provider], period: Period) -> Counter[Key]:
    rows = (
        ServiceEpisode.objects.filter(provider__in=providers, start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .exclude(status=EpisodeStatus.CANCELLED)
        .values_list("provider_id", "service_id")
        .annotate(people=Count("person_id", distinct=True))
    )
    return Counter({(p, s): n for p, s, n in rows})


def complaints(providers: QuerySet[Provider], period: Period) -> Counter[Key]:
    rows = (
        Complaint.objects.filter(
            provider__in=providers,
            service__isnull=False,
            received_on__range=(period.start, period.end),
        )
        .values_list("provider_id", "service_id")
        .annotate(n=Count("pk"))
    )
    return Counter({(p, s): n for p, s, n in rows})


def applications(providers: QuerySet[Provider], period: Period) -> dict[Key, tuple[int, int]]:
    """(granted, decided) per provider and service."""
    rows = (
        Application.objects.filter(
            provider__in=providers, applied_on__range=(period.start, period.end)
        )
        .exclude(decision=Decision.PENDING)
        .values_list("provider_id", "service_id")
        .annotate(decided=Count("pk"), granted=Count("pk", filter=Q(decision=Decision.GRANTED)))
    )
    return {(p, s): (granted, decided) for p, s, decided, granted in rows}


def staff_working(provider: Provider) -> int:
    total = StaffPosition.objects.filter(provider=provider).aggregate(n=Sum("filled"))["n"]
    return round(total or 0)


def satisfaction(provider: Provider, service: Service | None, period: Period) -> Fraction | None:
    """Satisfied / respondents over the survey questions tied to the provider and this
    service (or to the provider as a whole)."""
    links = SatisfactionLink.objects.filter(provider=provider).filter(
        Q(service=service) | Q(service__isnull=True)
    )
    satisfied = answered = 0
    titles = []
    for link in links.select_related("survey"):
        answers = Response.objects.filter(
            survey_id=link.survey_id,
            submitted_at__date__range=(period.start, period.end),
            answers__has_key=link.question,
        ).values_list("answers", flat=True)
        found = 0
        for item in answers.iterator(chunk_size=2000):
            found += 1
            satisfied += item.get(link.question) in link.satisfied_choices
        answered += found
        if found:
            titles.append(f"«{link.survey.title}»")
    if not answered:
        return None
    return Fraction(satisfied, answered, "опитування " + ", ".join(titles))


def computed(
    provider: Provider, service: Service, period: Period
) -> dict[QualityIndicator, Fraction]:
    """The indicators Turbota can compute for one provider's service, where it has data."""
    providers = Provider.objects.filter(pk=provider.pk)
    key = (provider.pk, service.pk)
    found: dict[QualityIndicator, Fraction] = {}
    people = recipients(providers, period)[key]
    if people:
        found[QualityIndicator.COMPLAINTS] = Fraction(
            complaints(providers, period)[key], people, "реєстр скарг / епізоди послуг"
        )
    granted, decided = applications(providers, period).get(key, (0, 0))
    if decided:
        found[QualityIndicator.APPLICATIONS] = Fraction(granted, decided, "звернення")
    rated = satisfaction(provider, service, period)
    if rated is not None:
        found[QualityIndicator.SATISFACTION] = rated
    return found


@dataclass(frozen=True)
class ServiceQuality:
    """A service of a provider with its indicators over a period."""

    provider: Provider
    service: Service
    recipients: int
    complaints: Fraction | None
    applications: Fraction | None
    satisfaction: Fraction | None
    latest: QualityAssessment | None


def service_quality(providers: QuerySet[Provider], period: Period) -> list[ServiceQuality]:
    people = recipients(providers, period)
    complained = complaints(providers, period)
    applied = applications(providers, period)
    offered = (
        ProvidedService.objects.filter(provider__in=providers)
        .select_related("provider", "service")
        .order_by("provider__sort_key", "service__code")
    )
    latest = _latest_assessments(providers)
    rows = []
    for item in offered:
        key = (item.provider_id, item.service_id)
        granted, decided = applied.get(key, (0, 0))
        rows.append(
            ServiceQuality(
                item.provider,
                item.service,
                people[key],
                Fraction(complained[key], people[key]) if people[key] else None,
                Fraction(granted, decided) if decided else None,
                satisfaction(item.provider, item.service, period),
                latest.get(key),
            )
        )
    return rows


def _latest_assessments(providers: QuerySet[Provider]) -> dict[Key, QualityAssessment]:
    found: dict[Key, QualityAssessment] = {}
    for assessment in QualityAssessment.objects.filter(provider__in=providers).order_by(
        "period_end", "pk"
    ):
        found[(assessment.provider_id, assessment.service_id)] = assessment
    return found


def complaint_counts(providers: QuerySet[Provider], period: Period) -> dict[str, int]:
    rows = (
        Complaint.objects.filter(
            provider__in=providers, received_on__range=(period.start, period.end)
        )
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = dict(rows)
    return {status.label: counts.get(status.value, 0) for status in ComplaintStatus} | {
        "усього": sum(counts.values())
    }
