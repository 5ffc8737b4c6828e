"""A synthetic oblast of sixty hromadas: the dashboard, the unmet-demand register and the
map give the same figures, and the oblast total is the sum of its hromadas for every
service and sex."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.urls import reverse

from turbota.accounts.enums import Role
from turbota.accounts.tests.factories import make_user
from turbota.catalog.models import VulnerableGroup
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.queries import needs_table
from turbota.oblast import queries
from turbota.oblast.queries import SEXES
from turbota.oblast.synthetic import fill_oblast
from turbota.oblast.tests.factories import many_hromadas
from turbota.people.models import Person
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import SettlementProfile, Territory, VulnerableGroupCount
from turbota.territories.tests.factories import make_territory

HROMADAS = 60


@pytest.fixture
def oblast(catalog: None) -> Territory:
    oblast = make_territory("Синтетична", TerritoryCategory.OBLAST)
    many_hromadas(oblast, HROMADAS, settlements=3)
    summary = fill_oblast(oblast=oblast, people=6, seed=7, year=2021)
    assert len(summary.filled) == HROMADAS
    return oblast


@pytest.fixture
def analyst(oblast: Territory) -> object:
    return make_user("synthetic_analyst", Role.OBLAST_ANALYST, territory=oblast)


def test_every_hromada_gets_a_published_study_providers_coordinates_and_people(
    oblast: Territory,
) -> None:
    hromadas = Territory.objects.hromadas().filter(oblast=oblast)
    assert (
        NeedsStudy.objects.filter(
            hromada__in=hromadas, year=2021, status=StudyStatus.PUBLISHED
        ).count()
        == HROMADAS
    )
    assert not SettlementProfile.objects.filter(hromada__in=hromadas, latitude__isnull=True)
    assert SettlementProfile.objects.filter(hromada__in=hromadas).count() == HROMADAS * 3
    assert Person.objects.filter(hromada__in=hromadas, is_synthetic=True).count() == HROMADAS * 6
    # filling again leaves every hromada as it is
    assert fill_oblast(oblast=oblast, people=6, seed=7, year=2021).filled == []


def test_the_oblast_total_is_the_sum_of_its_hromadas_own_tables_for_every_service_and_sex(
    oblast: Territory, analyst: object
) -> None:
    board = queries.dashboard(user=analyst, oblast=oblast, year=2021)  # type: ignore[arg-type]
    assert board.with_study == HROMADAS
    expected: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for study in NeedsStudy.objects.filter(hromada__oblast=oblast):
        for row in needs_table(study=study).hromada_rows():
            sums = expected[(row.service.pk, row.sex)]
            sums[0], sums[1], sums[2] = (
                sums[0] + row.need,
                sums[1] + row.served,
                sums[2] + row.unmet,
            )
    for service in board.services:
        for sex in SEXES:
            total = board.total_figures(service.pk, sex)
            assert [total.need, total.served, total.unmet] == expected[(service.pk, sex)], (
                service.code,
                sex,
            )
    assert (
        sum(total.need for total in (board.total_figures(s.pk, "total") for s in board.services))
        > 0
    )


def test_the_vulnerable_groups_total_is_the_sum_of_the_hromadas_counts_by_sex(
    oblast: Territory, analyst: object
) -> None:
    board = queries.dashboard(user=analyst, oblast=oblast, year=2021)  # type: ignore[arg-type]
    for group in VulnerableGroup.objects.all():
        counts = VulnerableGroupCount.objects.filter(hromada__oblast=oblast, group=group)
        women = sum(c.count for c in counts if c.sex == "female")
        men = sum(c.count for c in counts if c.sex == "male")
        total = board.total_group(group.pk)
        assert (total.female, total.male) == (women, men), group.code


def test_the_register_and_the_dashboard_agree_hromada_by_hromada_and_in_total(
    oblast: Territory, analyst: object
) -> None:
    board = queries.dashboard(user=analyst, oblast=oblast, year=2021)  # type: ignore[arg-type]
    lines = {line.hromada.pk: line for line in board.lines}
    register = queries.unmet_register(oblast=oblast, year=2021)
    assert register.items, "the generator flags some services as impossible alone"
    for item in register.items:
        for sex in SEXES:
            on_board = lines[item.hromada.pk].figures(item.service.pk, sex)
            assert on_board is not None
            assert item.unmet[sex].unmet == on_board.unmet
    for total in register.totals():
        flagged = [i for i in register.items if i.service == total.service]
        assert total.hromadas == len(flagged)
        assert total.volume == sum(i.volume or 0 for i in flagged)
        for sex in SEXES:
            assert total.figures[sex].unmet == sum(i.unmet[sex].unmet for i in flagged)
            raions = [r for r in register.rows if r.service == total.service and not r.is_total]
            assert total.figures[sex].unmet == sum(r.figures[sex].unmet for r in raions)


def test_the_map_shows_every_hromada_with_the_dashboards_figures(
    client: object, oblast: Territory, analyst: object
) -> None:
    client.force_login(analyst)  # type: ignore[attr-defined]
    data = client.get(reverse("oblast:map_data", args=[oblast.code])).json()  # type: ignore[attr-defined]
    board = queries.dashboard(user=analyst, oblast=oblast, year=2021)  # type: ignore[arg-type]
    assert len(data["hromadas"]) == HROMADAS
    assert len(data["settlements"]) == HROMADAS * 3
    for service in board.services:
        for sex in SEXES:
            on_map = sum(h["unmet"].get(service.code, {}).get(sex, 0) for h in data["hromadas"])
            assert on_map == board.total_figures(service.pk, sex).unmet, (service.code, sex)
    api = client.get(reverse("oblast-dashboard", args=[oblast.code])).json()  # type: ignore[attr-defined]
    for entry in api["totals"]:
        service = next(s for s in board.services if s.code == entry["service"])
        total = board.total_figures(service.pk, entry["sex"])
        assert entry["figures"]["unmet"] == total.unmet
        assert entry["figures"]["need"] == total.need
