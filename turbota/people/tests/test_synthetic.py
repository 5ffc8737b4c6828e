from __future__ import annotations

import datetime
import hashlib
import io

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from conftest import World
from turbota.core.enums import Sex
from turbota.core.text import ukrainian_sort_key
from turbota.people import queries
from turbota.people.enums import Decision, DocumentType, EpisodeStatus
from turbota.people.models import (
    Application,
    GroupMembership,
    Person,
    PersonIdentity,
    ServiceEpisode,
)
from turbota.people.queries import search_people
from turbota.people.synthetic import SYNTHETIC_PROVIDER_NAME, generate_people
from turbota.people.tests.factories import make_episode, make_person, offer
from turbota.providers.models import ProvidedService, Provider
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory
from turbota.territories.tests.factories import (
    add_population,
    make_hromada,
    make_settlement_profile,
    make_territory,
)


@pytest.fixture
def hromada(world: World) -> Territory:
    """Hromada A with a city and a village and a provider offering three services."""
    for code in ("015.1", "002.0", "019.0"):
        offer(world.provider_a, code)
    return world.hromada_a


def _synthetic(hromada: Territory) -> list[Person]:
    return list(
        Person.objects.filter(hromada=hromada, is_synthetic=True)
        .select_related("settlement", "identity")
        .prefetch_related("episodes__service")
        .order_by("pk")
    )


def _digest(hromada: Territory) -> str:
    rows = [
        (
            person.settlement.code,
            person.sex,
            person.birth_year,
            person.identity.full_name,
            sorted(
                (e.service.code, e.start_date.isoformat(), e.status) for e in person.episodes.all()
            ),
        )
        for person in _synthetic(hromada)
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_synthetic", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_same_seed_gives_the_same_people_and_episodes(hromada: Territory) -> None:
    generate_people(hromada=hromada, people=80, seed=7)
    first = _digest(hromada)
    generate_people(hromada=hromada, people=80, seed=7, replace=True)
    assert _digest(hromada) == first
    assert len(_synthetic(hromada)) == 80


def test_another_seed_gives_other_people(hromada: Territory) -> None:
    generate_people(hromada=hromada, people=80, seed=7)
    first = _digest(hromada)
    generate_people(hromada=hromada, people=80, seed=8, replace=True)
    assert _digest(hromada) != first


def test_every_generated_person_is_synthetic_and_lives_in_the_hromada(
    hromada: Territory, world: World
) -> None:
    summary = generate_people(hromada=hromada, people=60)
    people = Person.objects.filter(hromada=hromada)
    assert summary.people == people.count() == 60
    assert all(person.is_synthetic for person in people)
    assert {person.settlement_id for person in people} == {world.city_a.pk, world.village_a.pk}
    assert all(1925 <= person.birth_year <= 2021 for person in people)


def test_each_episode_has_an_application_before_it_some_assessed_late_all_decided(
    hromada: Territory,
) -> None:
    # given
    summary = generate_people(hromada=hromada, people=300, seed=7)
    applications = list(
        Application.objects.filter(person__hromada=hromada).select_related("service")
    )
    episodes = ServiceEpisode.objects.filter(person__hromada=hromada)
    # then: one per episode, on or before it starts, plus a few refused
    granted = [a for a in applications if a.decision == Decision.GRANTED]
    assert summary.applications == len(applications) > len(granted) == episodes.count()
    assert {a.decision for a in applications} == {Decision.GRANTED, Decision.REFUSED}
    assert all(a.note.startswith("Синтетичне") and a.provider_id is None for a in applications)
    book = queries.deadline_book(datetime.date(2019, 1, 1))
    lateness = [queries.is_assessment_late(a, datetime.date(2022, 1, 31), book) for a in granted]
    assert 0.05 < sum(lateness) / len(lateness) < 0.3
    # and the same seed draws them again the same
    first = sorted((a.service.code, a.applied_on, str(a.assessed_on)) for a in applications)
    generate_people(hromada=hromada, people=300, seed=7, replace=True)
    again = Application.objects.filter(person__hromada=hromada).select_related("service")
    assert sorted((a.service.code, a.applied_on, str(a.assessed_on)) for a in again) == first


def test_identities_are_fictitious_and_carry_no_rnokpp(hromada: Territory) -> None:
    generate_people(hromada=hromada, people=40)
    identities = PersonIdentity.objects.filter(person__hromada=hromada).select_related("person")
    assert len(identities) == 40
    for identity in identities:
        assert identity.rnokpp is None
        assert identity.document_type == DocumentType.OTHER
        assert identity.document_number.startswith("SYN-")
        expected = "Синтетична" if identity.person.sex == Sex.FEMALE else "Синтетичний"
        assert identity.patronymic == expected
        assert "вул. Вигадана" in identity.address
        assert identity.birth_date.year == identity.person.birth_year
        assert identity.name_key == ukrainian_sort_key(identity.full_name)
    numbers = {identity.document_number for identity in identities}
    assert len(numbers) == 40
    found = search_people(Person.objects.all(), identities[0].last_name.lower())
    assert identities[0].person in found


def test_episodes_are_only_for_services_the_provider_offers_and_end_after_they_start(
    hromada: Territory,
) -> None:
    summary = generate_people(hromada=hromada, people=200, year=2021)
    episodes = ServiceEpisode.objects.filter(person__hromada=hromada).select_related("person")
    assert summary.episodes == episodes.count() > 100
    offered = set(ProvidedService.objects.values_list("provider_id", "service_id"))
    statuses = set()
    for episode in episodes:
        assert (episode.provider_id, episode.service_id) in offered
        assert episode.settlement_id == episode.person.settlement_id
        assert datetime.date(2019, 1, 1) <= episode.start_date <= datetime.date(2021, 12, 31)
        if episode.status == EpisodeStatus.COMPLETED:
            assert episode.end_date is not None
            assert episode.start_date <= episode.end_date <= datetime.date(2021, 12, 31)
        elif episode.status in (EpisodeStatus.ACTIVE, EpisodeStatus.SUSPENDED):
            assert episode.end_date is None
        statuses.add(episode.status)
    assert statuses == set(EpisodeStatus)
    per_person = {p.pk: p.episodes.count() for p in Person.objects.filter(hromada=hromada)}
    assert set(per_person.values()) == {0, 1, 2}


def test_settlements_are_drawn_by_their_population(hromada: Territory, world: World) -> None:
    make_settlement_profile(world.city_a, population=9000)
    make_settlement_profile(world.village_a, population=1000)
    generate_people(hromada=hromada, people=500)
    in_city = Person.objects.filter(settlement=world.city_a).count()
    assert 400 < in_city < 500


def test_sex_and_age_follow_the_hromadas_population(hromada: Territory) -> None:
    # given a hromada whose population for 2021 is only women aged 60-79
    add_population(hromada, 2021, {"60-79": (300, 0)})
    # when
    generate_people(hromada=hromada, people=50, year=2021)
    # then
    people = Person.objects.filter(hromada=hromada)
    assert {person.sex for person in people} == {Sex.FEMALE}
    assert all(1942 <= person.birth_year <= 1961 for person in people)


def test_without_population_data_recipients_are_mostly_older_people(hromada: Territory) -> None:
    generate_people(hromada=hromada, people=400, year=2021)
    older = Person.objects.filter(hromada=hromada, birth_year__lte=1961).count()
    assert 0.45 < older / 400 < 0.8


def test_older_persons_and_only_they_are_in_the_older_persons_group(hromada: Territory) -> None:
    generate_people(hromada=hromada, people=200, year=2021)
    older = set(
        GroupMembership.objects.filter(group__code="older_persons").values_list(
            "person__birth_year", flat=True
        )
    )
    assert max(older) <= 1961
    people_60_plus = Person.objects.filter(birth_year__lte=1961)
    assert all(p.groups.filter(group__code="older_persons").exists() for p in people_60_plus)
    displaced = GroupMembership.objects.filter(group__code="internally_displaced").count()
    assert 10 < displaced < 60  # about 15 %


def test_running_again_adds_no_one(hromada: Territory) -> None:
    generate_people(hromada=hromada, people=30)
    again = generate_people(hromada=hromada, people=30, seed=99)
    assert again.skipped
    assert again.people == 0
    assert Person.objects.filter(hromada=hromada).count() == 30


def test_replace_replaces_only_the_synthetic_people(hromada: Territory, world: World) -> None:
    # given a real person of the hromada with an episode, and synthetic people
    real = make_person(world.village_a, "Шевченко", "Олена")
    episode = make_episode(real, world.provider_a, "015.1")
    generate_people(hromada=hromada, people=30, seed=1)
    # when
    summary = generate_people(hromada=hromada, people=20, seed=2, replace=True)
    # then
    assert summary.removed == 30
    assert Person.objects.filter(hromada=hromada, is_synthetic=True).count() == 20
    real.refresh_from_db()
    assert not real.is_synthetic
    assert real.identity.full_name == "Шевченко Олена"
    assert list(real.episodes.all()) == [episode]


def test_other_hromadas_synthetic_people_are_left_alone(hromada: Territory, world: World) -> None:
    offer(world.provider_b, "002.0")
    generate_people(hromada=world.hromada_b, people=10)
    generate_people(hromada=hromada, people=10)
    generate_people(hromada=hromada, people=5, replace=True)
    assert Person.objects.filter(hromada=world.hromada_b).count() == 10


def test_without_offered_services_people_get_no_episodes(world: World) -> None:
    summary = generate_people(hromada=world.hromada_b, people=20)
    assert summary.people == 20
    assert summary.episodes == 0


def test_a_hromada_without_settlements_is_refused(world: World) -> None:
    with pytest.raises(ValueError, match="немає населених пунктів"):
        generate_people(hromada=world.hromada_a2, people=5)
    assert not Person.objects.exists()


def test_the_command_fills_one_hromada_and_prints_a_summary(hromada: Territory) -> None:
    out, _ = _run("--hromada", hromada.code, "--people", "25", "--seed", "3")
    assert Person.objects.filter(hromada=hromada, is_synthetic=True).count() == 25
    assert "Першанська територіальна громада: осіб — 25, епізодів —" in out
    assert "Разом створено: синтетичних осіб — 25" in out
    again, _ = _run("--hromada", hromada.code, "--people", "25")
    assert "синтетичні особи вже є — пропущено" in again
    replaced, _ = _run("--hromada", hromada.code, "--people", "10", "--replace")
    assert "видалено попередніх — 25" in replaced
    assert Person.objects.filter(hromada=hromada).count() == 10


def test_the_command_fills_the_first_hromadas_in_alphabetical_order(world: World) -> None:
    # Другівська, Першанська, Сусідня: the last has no settlements and is skipped.
    out, err = _run("--hromadas", "3", "--people", "5")
    filled = set(Person.objects.values_list("hromada__name", flat=True))
    assert filled == {"Другівська", "Першанська"}
    assert "Сусідня територіальна громада: У кодифікаторі немає населених пунктів" in err
    assert "(громад: 3," in out
    _run("--hromadas", "1", "--people", "5", "--replace")
    assert Person.objects.filter(hromada=world.hromada_b).count() == 5


def test_a_hromada_without_providers_gets_one_synthetic_provider(world: World) -> None:
    lonely = make_hromada("Безнадавчанська")
    make_territory("Тихе", TerritoryCategory.VILLAGE, parent=lonely)
    out, _ = _run("--hromada", lonely.code, "--people", "40")
    provider = Provider.objects.get(hromada=lonely)
    assert provider.full_name == SYNTHETIC_PROVIDER_NAME
    assert provider.services.count() == 5
    assert ServiceEpisode.objects.filter(provider=provider).exists()
    assert "надавачів не було — додано синтетичного" in out
    _run("--hromada", lonely.code, "--people", "40", "--replace")
    assert Provider.objects.filter(hromada=lonely).count() == 1


def test_the_command_refuses_an_unknown_code_a_wrong_count_and_a_future_year(world: World) -> None:
    with pytest.raises(CommandError, match="Громади з кодом UA00000000000000000 немає"):
        _run("--hromada", "UA00000000000000000", "--people", "5")
    assert not Person.objects.exists()
    with pytest.raises(CommandError, match="більше за нуль, а не «0»"):
        _run("--hromada", world.hromada_a.code, "--people", "0")
    with pytest.raises(CommandError, match="Рік 2999"):
        _run("--hromada", world.hromada_a.code, "--people", "5", "--year", "2999")


def test_the_command_exits_non_zero_on_an_unknown_code(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    utility = ManagementUtility(
        ["turbota", "generate_synthetic", "--hromada", "UA00000000000000000", "--people", "5"]
    )
    with pytest.raises(SystemExit) as exit_:
        utility.execute()
    assert exit_.value.code == 1
    assert "Громади з кодом UA00000000000000000 немає." in capsys.readouterr().err
    # (Django closes the connections after a command run from argv: no queries here.)
