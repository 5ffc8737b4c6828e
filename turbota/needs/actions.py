"""Writes of needs studies: starting one, its method's versions, its status."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from turbota.accounts.permissions import AnyUser
from turbota.catalog.models import Service, VulnerableGroup
from turbota.core.locking import StaleEditError
from turbota.needs.enums import StudyStatus
from turbota.needs.models import (
    NeedsMethod,
    NeedsStudy,
    NormativeRate,
    ScenarioAssumption,
    StudyTransition,
)
from turbota.needs.queries import scenarios_stamp
from turbota.territories.models import Territory, VulnerableGroupCount

EXAMPLE_METHOD = "Нормативи за вразливими групами"
EXAMPLE_DESCRIPTION = (
    "Потреба в послузі = сума за вразливими групами (частка групи, якій потрібна послуга × "
    "чисельність групи) + особи, що чекають на послугу. Частки цієї методики — ПРИКЛАД для "
    "початку роботи, а не затверджені нормативи: робоча група має переглянути їх за даними "
    "громади (реєстри отримувачів, опитування) і зберегти як нову версію."
)
# (service code, vulnerable group code, share): illustrative starting values only.
EXAMPLE_RATES = [
    ("015.1", "older_persons", "0.0500"),
    ("015.1", "persons_with_disabilities", "0.0800"),
    ("015.1", "nominally_single_60_plus", "0.5000"),
    ("015.3", "persons_with_disabilities", "0.0300"),
    ("015.3", "children_with_mental_illness", "0.2000"),
    ("015.4", "palliative_care_needed", "1.0000"),
    ("009.1", "nominally_single_60_plus", "0.1000"),
    ("002.0", "internally_displaced", "0.1000"),
    ("002.0", "families_in_difficult_circumstances", "1.0000"),
    ("007.0", "families_in_difficult_circumstances", "0.8000"),
    ("019.0", "internally_displaced", "0.0500"),
    ("019.0", "families_in_difficult_circumstances", "0.5000"),
    ("013.0", "ato_participants", "0.1000"),
    ("017.1", "persons_with_mental_illness", "0.1000"),
    ("018.1", "families_with_disabled_children", "0.2000"),
    ("010.2", "orphans_without_parental_care", "1.0000"),
]


def example_method() -> NeedsMethod:
    """The method shipped as an example (idempotent; rates for unknown codes are skipped)."""
    with transaction.atomic():
        method, created = NeedsMethod.objects.get_or_create(
            hromada=None,
            name=EXAMPLE_METHOD,
            version=1,
            defaults={"description": EXAMPLE_DESCRIPTION},
        )
        if created:
            services = {s.code: s for s in Service.objects.all()}
            groups = {g.code: g for g in VulnerableGroup.objects.all()}
            NormativeRate.objects.bulk_create(
                NormativeRate(
                    method=method,
                    service=services[service],
                    group=groups[group],
                    rate=Decimal(rate),
                    source="приклад, перегляньте",
                )
                for service, group, rate in EXAMPLE_RATES
                if service in services and group in groups
            )
    return method


def start_study(
    *, hromada: Territory, year: int, method: NeedsMethod | None = None, by: AnyUser
) -> NeedsStudy:
    """A draft study of ``year``, on the latest vulnerable-group data up to that year."""
    if NeedsStudy.objects.filter(hromada=hromada, year=year).exists():
        raise ValidationError(f"Визначення потреб на {year} рік уже є.")
    groups_year = (
        VulnerableGroupCount.objects.filter(hromada=hromada, year__lte=year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    with transaction.atomic():
        return NeedsStudy.objects.create(
            hromada=hromada,
            year=year,
            method=method or example_method(),
            groups_year=groups_year or year,
        )


def new_method_version(*, study: NeedsStudy) -> NeedsMethod:
    """Copy the study's method into a new version owned by the hromada and use it, so the
    working group can change rates without touching figures of other studies."""
    if study.status != StudyStatus.DRAFT:
        raise ValidationError("Змінити методику можна лише в чернетці.")
    old = study.method
    with transaction.atomic():
        latest = (
            NeedsMethod.objects.filter(hromada=study.hromada, name=old.name)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        method = NeedsMethod.objects.create(
            hromada=study.hromada,
            name=old.name,
            version=max(latest or 0, old.version) + 1,
            description=old.description,
            based_on=old,
        )
        NormativeRate.objects.bulk_create(
            NormativeRate(
                method=method,
                service_id=rate.service_id,
                group_id=rate.group_id,
                rate=rate.rate,
                source=rate.source,
            )
            for rate in old.rates.all()
        )
        study.method = method
        study.save(update_fields=["method", "updated_at"])
    return method


ALLOWED = {
    (StudyStatus.DRAFT, StudyStatus.APPROVED),
    (StudyStatus.APPROVED, StudyStatus.PUBLISHED),
    (StudyStatus.APPROVED, StudyStatus.DRAFT),
}


def change_status(*, study: NeedsStudy, to: StudyStatus, by: AnyUser) -> NeedsStudy:
    """Move a study draft → approved → published (or back from approved to draft), with
    the transition logged."""
    if (study.status, to) not in ALLOWED:
        raise ValidationError(
            f"Не можна перевести зі стану «{study.get_status_display()}» "
            f"у «{StudyStatus(to).label}»."
        )
    with transaction.atomic():
        StudyTransition.objects.create(
            study=study,
            from_status=study.status,
            to_status=to,
            by=by if by.is_authenticated else None,
        )
        study.status = to
        study.save(update_fields=["status", "updated_at"])
    return study


def set_scenarios(*, study: NeedsStudy, expected_stamp: str, changes: dict[str, Decimal]) -> None:
    """The working group's assumptions for the forecast, one per scenario; refused when
    someone saved them since the form was opened (decision 0011)."""
    if study.status != StudyStatus.DRAFT:
        raise ValidationError("Змінити припущення можна лише в чернетці.")
    with transaction.atomic():
        # the study's row too: before the first save there is no assumption row to lock
        NeedsStudy.objects.select_for_update().values_list("pk", flat=True).get(pk=study.pk)
        rows = ScenarioAssumption.objects.select_for_update().filter(study=study)
        existing = {row.scenario: row for row in rows}
        if scenarios_stamp(study) != expected_stamp:
            raise StaleEditError
        for scenario, change in changes.items():
            row = existing.get(scenario)
            if row is None:
                ScenarioAssumption.objects.create(
                    study=study, scenario=scenario, extra_change_percent=change
                )
            elif row.extra_change_percent != change:
                row.extra_change_percent = change
                row.version += 1
                row.save(update_fields=["extra_change_percent", "version"])
