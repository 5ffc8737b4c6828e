from __future__ import annotations

import datetime
import io

from django.core.management import call_command

from turbota.accounts.enums import Role
from turbota.accounts.models import Membership, User
from turbota.core.demo import CENTRE_CODE, load_demo
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.queries import deadline_compliance, needs_table
from turbota.people.models import Person, ServiceEpisode
from turbota.providers.models import ProvidedService, Provider
from turbota.territories.models import (
    PopulationCount,
    SettlementProfile,
    Territory,
    VulnerableGroupCount,
)


def _table_1(hromada: Territory) -> dict[str, tuple[int, int]]:
    rows: dict[str, dict[str, int]] = {}
    for count in VulnerableGroupCount.objects.filter(hromada=hromada, year=2021).select_related(
        "group"
    ):
        rows.setdefault(count.group.name, {})[count.sex] = count.count
    return {name: (row["female"], row["male"]) for name, row in rows.items()}


def test_demo_loads_table_1_of_the_selydove_strategy_exactly(selydove: Territory) -> None:
    load_demo()
    table = _table_1(selydove)
    assert table["Внутрішньо переміщені особи"] == (8522, 5448)
    assert table["Люди з інвалідністю"] == (1512, 1026)
    assert table["Люди похилого віку"] == (6843, 3685)
    assert table["Самотні матері"] == (463, 0)
    assert table["Люди, які мають статус учасника бойових дій, ветерани Другої світової війни"] == (
        0,
        2,
    )
    assert len(table) == 14
    assert not VulnerableGroupCount.objects.filter(is_estimated=True).exists()


def test_demo_population_adds_up_to_the_published_total_and_urban_share(
    selydove: Territory,
) -> None:
    load_demo()
    settlements = SettlementProfile.objects.filter(hromada=selydove)
    total = sum(s.population or 0 for s in settlements)
    urban = sum(s.population or 0 for s in settlements if s.is_urban)
    assert total == 35620
    assert round(100 * urban / total, 2) == 92.47
    assert all(s.is_estimated for s in settlements)
    by_age = PopulationCount.objects.filter(hromada=selydove, year=2021)
    assert sum(c.count for c in by_age) == 35620
    assert all(c.is_estimated for c in by_age)


def test_demo_creates_a_user_for_every_role_with_a_printed_random_password(
    selydove: Territory,
) -> None:
    result = load_demo()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {role.value for role in Role}
    assert set(result.passwords) == set(User.objects.values_list("username", flat=True))
    for username, password in result.passwords.items():
        assert User.objects.get(username=username).check_password(password)
    assert len(set(result.passwords.values())) == len(result.passwords)


def test_running_the_demo_again_changes_nothing_and_keeps_a_users_edits(
    selydove: Territory,
) -> None:
    load_demo()
    edited = VulnerableGroupCount.objects.filter(group__code="single_mothers").first()
    assert edited is not None
    edited.count = 470
    edited.save()
    counts_before = (
        Provider.objects.count(),
        VulnerableGroupCount.objects.count(),
        Person.objects.count(),
        ServiceEpisode.objects.count(),
    )
    again = load_demo()
    assert not again.profile_created
    assert again.providers_created == 0
    assert again.synthetic_people == 0
    assert again.passwords == {}
    assert (
        Provider.objects.count(),
        VulnerableGroupCount.objects.count(),
        Person.objects.count(),
        ServiceEpisode.objects.count(),
    ) == counts_before
    edited.refresh_from_db()
    assert edited.count == 470


def test_load_demo_command_prints_each_password_once(selydove: Territory) -> None:
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    assert "demo-hromada" in first.getvalue()
    assert "Додано синтетичних отримувачів (вигадані особи): 600" in first.getvalue()
    assert "синтетичних" not in second.getvalue()
    assert "паролі не змінено" in second.getvalue()


def test_demo_providers_follow_table_2_and_the_ngos_are_potential(selydove: Territory) -> None:
    load_demo()
    providers = Provider.objects.filter(hromada=selydove)
    assert providers.filter(is_potential=False).count() == 6
    assert providers.filter(is_potential=True).count() == 3
    centre = providers.get(full_name__startswith="Територіальний центр")
    assert sorted(centre.services.values_list("service__code", flat=True)) == [
        "013.0",
        "015.1",
        "019.0",
    ]
    assert centre.addresses.get().settlement is not None


def test_the_demo_register_holds_synthetic_people_served_by_the_demo_providers(
    selydove: Territory,
) -> None:
    result = load_demo()
    people = Person.objects.filter(hromada=selydove)
    assert result.synthetic_people == people.count() == 600
    assert not people.filter(is_synthetic=False).exists()
    # Селидове holds 21,120 of 35,620 residents, so most people live there.
    assert people.filter(settlement__code=CENTRE_CODE).count() > 300
    episodes = ServiceEpisode.objects.filter(person__hromada=selydove)
    assert result.synthetic_episodes == episodes.count() > 300
    offered = set(
        ProvidedService.objects.filter(provider__hromada=selydove).values_list(
            "provider_id", "service_id"
        )
    )
    assert set(episodes.values_list("provider_id", "service_id")) <= offered
    assert episodes.filter(service__code="015.1").exists()


def test_the_demo_has_its_published_2021_needs_study(selydove: Territory) -> None:
    # given the demo, once and then again
    first = load_demo()
    again = load_demo()
    # then one published study, whose table shows home care needed and given
    (study,) = NeedsStudy.objects.filter(hromada=selydove)
    assert (first.study_created, again.study_created) == (True, False)
    assert (study.year, study.status, study.groups_year) == (2021, StudyStatus.PUBLISHED, 2021)
    home_care = next(
        row
        for row in needs_table(study=study).hromada_rows()
        if row.service.code == "015.1" and row.sex == "total"
    )
    # 5 % of the 10,528 older people and 8 % of the 2,538 people with disabilities, at least
    assert home_care.need > 700
    assert home_care.served > 0
    assert [t.to_status for t in study.transitions.all()] == ["approved", "published"]


def test_the_demo_study_of_2021_shows_deadlines_kept_and_broken(selydove: Territory) -> None:
    load_demo()
    study = NeedsStudy.objects.get(hromada=selydove, year=2021)

    *services, total = deadline_compliance(study=study, today=datetime.date(2026, 1, 1))

    assert services
    assert total.counts.applications > 100
    assert 0 < total.counts.assessed_late < total.counts.assessed_on_time
    assert total.counts.not_assessed_overdue > 0
