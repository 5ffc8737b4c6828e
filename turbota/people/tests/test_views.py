from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from conftest import World
from turbota.catalog.models import VulnerableGroup
from turbota.people import queries
from turbota.people.enums import AccessAction, Decision, EpisodeStatus
from turbota.people.models import Person, PersonAccess, PersonIdentity, ServiceEpisode
from turbota.people.tests.factories import make_application, make_episode, make_person, offer


def _page(world: World, role: str, url: str) -> str:
    response = world.client_for(role).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _detail(person: Person) -> str:
    return reverse("people:detail", kwargs={"pseudonym": person.pseudonym})


# --- the access log ---------------------------------------------------------------------


def test_opening_a_record_is_logged_with_who_role_and_where(world: World) -> None:
    olena = make_person(world.village_a)
    _page(world, "hromada_staff", _detail(olena))
    (entry,) = PersonAccess.objects.filter(person=olena)
    assert (entry.username, entry.action, entry.via) == ("staff_a", "viewed", _detail(olena))
    assert entry.role == "hromada_staff"


def test_the_access_log_tells_who_opened_the_record(world: World) -> None:
    olena = make_person(world.village_a)
    make_episode(olena, world.provider_a)
    _page(world, "provider_staff", _detail(olena))
    log = _page(
        world, "hromada_staff", reverse("people:access_log", kwargs={"pseudonym": olena.pseudonym})
    )
    assert "provider_a" in log
    assert "переглянуто" in log
    assert "працівник надавача" in log  # the role as people read it, not its code
    assert "provider_staff" not in log


def test_a_refused_opening_is_not_logged_and_the_list_logs_nobody(world: World) -> None:
    olena = make_person(world.village_a, "Коваль", "Ірина")
    world.client_for("working_group").get(_detail(olena))
    assert "Коваль Ірина" in _page(world, "hromada_staff", reverse("people:list"))
    assert not PersonAccess.objects.exists()


def test_provider_staff_lose_the_record_once_the_service_ends(world: World) -> None:
    olena = make_person(world.village_a)
    episode = make_episode(olena, world.provider_a)
    assert world.client_for("provider_staff").get(_detail(olena)).status_code == 200
    episode.status = EpisodeStatus.COMPLETED
    episode.end_date = datetime.date(2021, 12, 31)
    episode.save()
    assert world.client_for("provider_staff").get(_detail(olena)).status_code == 404


def test_a_pending_application_to_a_provider_lets_its_staff_open_the_record(
    world: World,
) -> None:
    olena = make_person(world.village_a)
    make_application(olena, provider=world.provider_a)
    assert world.client_for("provider_staff").get(_detail(olena)).status_code == 200


# --- the list ---------------------------------------------------------------------------


def test_the_list_finds_by_any_word_of_the_name_in_any_case_or_by_rnokpp(world: World) -> None:
    make_person(world.village_a, "Мар'янович", "Їжак", rnokpp="3111111111")
    make_person(world.village_a, "Коваль", "Ірина", rnokpp="3222222222")
    url = reverse("people:list")
    by_name = _page(world, "hromada_staff", url + "?q=мар’янович")  # typographic apostrophe
    assert "Мар&#x27;янович Їжак" in by_name
    assert "Коваль" not in by_name
    assert "Коваль Ірина" in _page(world, "hromada_staff", url + "?q=3222")
    assert "Нікого не знайдено" in _page(world, "hromada_staff", url + "?q=немає")


def _link(html: str, rel: str) -> str:
    found: str
    (found,) = re.findall(
        rf'<a href="([^"]*)"[^>]*>[^<]*(?:<span[^>]*>[^<]*</span>)?[^<]*{rel}', html
    )
    return found.replace("&amp;", "&")


def test_the_list_pages_by_fifty_in_a_fixed_number_of_queries_and_never_by_offset(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(120):
        make_person(world.village_a, f"Особа{number:03d}")
    client = world.client_for("hromada_staff")
    url = reverse("people:list")
    with django_assert_max_num_queries(8) as first_queries:
        first = client.get(url).content.decode()
    sql = [q["sql"].upper() for q in first_queries.captured_queries]  # before the next request
    assert "Знайдено: 120" in first
    assert "Особи 1–50 з 120" in first
    with django_assert_max_num_queries(8) as next_queries:
        second = client.get(url + _link(first, "Наступна")).content.decode()
    sql += [q["sql"].upper() for q in next_queries.captured_queries]
    assert "Особи 51–100 з 120" in second
    assert "Особа050 Олена" in second
    assert "Особа049" not in second
    last = client.get(url + _link(second, "Остання")).content.decode()
    assert "Особи 71–120 з 120" in last
    assert "Наступна" not in last
    back = client.get(url + _link(last, "Попередня")).content.decode()
    assert "Особи 21–70 з 120" in back
    assert "Особи 1–50 з 120" in client.get(url + _link(back, "Перша")).content.decode()
    assert not [q for q in sql if "OFFSET" in q]
    # the register is counted once, on the first page; the links carry the count on
    assert len([q for q in sql if "COUNT(" in q]) == 1


def test_the_pages_of_a_search_stay_within_it(world: World) -> None:
    for number in range(60):
        make_person(world.village_a, f"Бондар{number:02d}", "Ганна")
        make_person(world.village_a, f"Коваль{number:02d}", "Ірина")
    url = reverse("people:list")
    first = _page(world, "hromada_staff", url + "?q=ганна")
    assert "Особи 1–50 з 60" in first
    second = _page(world, "hromada_staff", url + _link(first, "Наступна"))
    assert "Особи 51–60 з 60" in second
    assert "Бондар59 Ганна" in second
    assert "Коваль" not in second


def test_a_malformed_page_address_shows_the_first_page(world: World) -> None:
    make_person(world.village_a, "Коваль", "Ірина")
    url = reverse("people:list")
    for query in ("?after=nonsense&at=1", "?before=" + str(uuid.uuid4()) + "&at=x", "?page=9"):
        html = _page(world, "hromada_staff", url + query)
        assert "Коваль Ірина" in html
        assert "Знайдено: 1" in html


# --- adding and editing -------------------------------------------------------------------


def _person_data(world: World, **changes: str) -> dict[str, Any]:
    groups = VulnerableGroup.objects.filter(code="older_persons").values_list("pk", flat=True)
    data: dict[str, Any] = {
        "identity-last_name": "Бондар",
        "identity-first_name": "Галина",
        "identity-birth_date": "1948-05-02",
        "identity-rnokpp": "3 123 456 789",
        "person-settlement": str(world.village_a.pk),
        "person-sex": "female",
        "person-groups": [str(pk) for pk in groups],
    }
    return data | changes


def test_staff_add_a_person_with_identity_and_groups(world: World) -> None:
    url = reverse("people:create", kwargs={"code": world.hromada_a.code})
    response = world.client_for("hromada_staff").post(url, _person_data(world))
    assert response.status_code == 302, response.content.decode()[-3000:]
    identity = PersonIdentity.objects.get(rnokpp="3123456789")
    person = identity.person
    assert (person.hromada, person.birth_year, person.sex) == (world.hromada_a, 1948, "female")
    assert [m.group.code for m in person.groups.all()] == ["older_persons"]
    assert PersonAccess.objects.get(person=person).action == AccessAction.CHANGED


def test_a_person_without_rnokpp_or_document_is_refused_and_nothing_is_written(
    world: World,
) -> None:
    url = reverse("people:create", kwargs={"code": world.hromada_a.code})
    response = world.client_for("hromada_staff").post(
        url, _person_data(world, **{"identity-rnokpp": ""})
    )
    assert response.status_code == 400
    assert "Вкажіть РНОКПП або документ" in response.content.decode()
    assert not Person.objects.exists()


def test_a_settlement_of_another_hromada_is_refused(world: World) -> None:
    url = reverse("people:create", kwargs={"code": world.hromada_a.code})
    response = world.client_for("hromada_staff").post(
        url, _person_data(world, **{"person-settlement": str(world.hromada_b.pk)})
    )
    assert response.status_code == 400
    assert "має належати до громади особи" in response.content.decode()
    assert not Person.objects.exists()


def test_the_audit_trail_holds_no_identity(world: World) -> None:
    olena = make_person(world.village_a, "Ґонтаренко", "Зоряна", rnokpp="3012345678")
    entry = LogEntry.objects.get_for_object(olena.identity).get()
    recorded = f"{entry.changes} {entry.object_repr} {entry.serialized_data}"
    for secret in ("3012345678", "Ґонтаренко", "Зоряна", "1950-03-08", "ґонтаренко"):
        assert secret not in recorded, secret
    assert entry.object_repr.startswith("Дані: Особа ")


# --- episodes and applications --------------------------------------------------------------


def _episode_data(world: World, **changes: str) -> dict[str, str]:
    data = {
        "service": "",
        "provider": str(world.provider_a.pk),
        "settlement": str(world.village_a.pk),
        "start_date": "2021-02-01",
        "status": "active",
        "payment_basis": "free",
    }
    return data | changes


def test_staff_add_an_episode_of_a_service_the_provider_offers(world: World) -> None:
    olena = make_person(world.village_a)
    service = offer(world.provider_a, "015.1")
    url = reverse("people:episode_create", kwargs={"pseudonym": olena.pseudonym})
    data = _episode_data(world, service=str(service.pk), volume="120", volume_unit="hours")
    response = world.client_for("hromada_staff").post(url, data)
    assert response.status_code == 302
    episode = ServiceEpisode.objects.get()
    assert (episode.service.code, str(episode.volume)) == ("015.1", "120.00")


def test_an_episode_of_a_service_the_provider_does_not_offer_is_refused(world: World) -> None:
    olena = make_person(world.village_a)
    offer(world.provider_a, "015.1")
    other = offer(world.provider_b, "019.0")  # offered elsewhere, not by provider A
    url = reverse("people:episode_create", kwargs={"pseudonym": olena.pseudonym})
    response = world.client_for("hromada_staff").post(
        url, _episode_data(world, service=str(other.pk))
    )
    assert response.status_code == 400
    assert "не надає послугу 019.0" in response.content.decode()
    assert not ServiceEpisode.objects.exists()


def test_an_episode_ending_before_it_starts_is_refused(world: World) -> None:
    olena = make_person(world.village_a)
    service = offer(world.provider_a, "015.1")
    url = reverse("people:episode_create", kwargs={"pseudonym": olena.pseudonym})
    response = world.client_for("hromada_staff").post(
        url, _episode_data(world, service=str(service.pk), end_date="2021-01-31")
    )
    assert response.status_code == 400
    assert "Завершення не може бути раніше за початок" in response.content.decode()
    assert not ServiceEpisode.objects.exists()


def test_a_late_assessment_is_flagged_on_the_record(world: World) -> None:
    # given an application on Friday 5 March 2021: 5 working days end on Friday 12 March
    olena = make_person(world.village_a)
    make_application(
        olena,
        applied_on=datetime.date(2021, 3, 5),
        assessed_on=datetime.date(2021, 3, 15),
        decision=Decision.GRANTED,
        decided_on=datetime.date(2021, 3, 16),
    )
    html = _page(world, "hromada_staff", _detail(olena))
    assert '12.03.2021 <span class="badge badge-bad">строк порушено</span>' in html


def test_staff_register_an_application(world: World) -> None:
    olena = make_person(world.village_a)
    service = offer(world.provider_a, "015.1")
    url = reverse("people:application_create", kwargs={"pseudonym": olena.pseudonym})
    response = world.client_for("hromada_staff").post(
        url,
        {
            "service": str(service.pk),
            "provider": str(world.provider_a.pk),
            "applied_on": "2021-03-05",
            "decision": "waiting_list",
            "decided_on": "2021-03-10",
        },
    )
    assert response.status_code == 302
    assert olena.applications.get().decision == Decision.WAITING_LIST


def test_opening_the_edit_form_is_logged_as_viewing_the_record(world: World) -> None:
    olena = make_person(world.village_a)
    _page(world, "hromada_staff", reverse("people:edit", kwargs={"pseudonym": olena.pseudonym}))
    assert [a.action for a in PersonAccess.objects.filter(person=olena)] == ["viewed"]


def test_household_members_are_named_only_to_those_who_may_open_them_and_logged(
    world: World,
) -> None:
    from turbota.people.models import Household

    household = Household.objects.create(hromada=world.hromada_a)
    olena = make_person(world.village_a, "Шевченко", "Олена")
    neighbour = make_person(world.village_a, "Сусідка", "Марія")
    Person.objects.filter(pk__in=[olena.pk, neighbour.pk]).update(household=household)
    make_episode(olena, world.provider_a)  # provider A serves Olena, not her neighbour
    provider_page = _page(world, "provider_staff", _detail(olena))
    assert "Сусідка" not in provider_page
    assert str(neighbour) in provider_page
    assert not PersonAccess.objects.filter(person=neighbour).exists()
    assert "Сусідка Марія" in _page(world, "hromada_staff", _detail(olena))
    assert PersonAccess.objects.filter(person=neighbour, username="staff_a").count() == 1


def test_the_admin_does_not_show_an_imports_problems(world: World) -> None:
    from django.test import Client

    from turbota.accounts.models import User
    from turbota.core.models import ImportJob

    job = ImportJob.objects.create(
        kind="episodes",
        hromada=world.hromada_a,
        original_name="bad.csv",
        status="rejected",
        problems=["Рядок 2, стовпець A («прізвище»): «Ґонтаренко…» задовге"],
    )
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="x"))
    page = client.get(f"/admin/core/importjob/{job.pk}/change/").content.decode()
    assert "bad.csv" in page
    assert "Ґонтаренко" not in page


def test_a_search_matching_very_many_is_counted_up_to_a_limit(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "COUNT_LIMIT", 60)
    for number in range(120):
        make_person(world.village_a, f"Бондар{number:03d}", "Ганна")
    url = reverse("people:list")
    first = _page(world, "hromada_staff", url + "?q=ганна")
    assert "Знайдено: понад 60" in first
    assert "Особи 1–50 з понад 60" in first
    second = _page(world, "hromada_staff", url + _link(first, "Наступна"))
    assert "Особи 51–100 з понад 60" in second
    last = _page(world, "hromada_staff", url + _link(second, "Остання"))
    assert "Останні 50 з понад 60" in last
    assert "Бондар119 Ганна" in last


def _search_over_the_limit(world: World, monkeypatch: pytest.MonkeyPatch) -> str:
    """120 people found by «ганна» while a search is counted up to 60; the search's address."""
    monkeypatch.setattr(queries, "COUNT_LIMIT", 60)
    for number in range(120):
        make_person(world.village_a, f"Бондар{number:03d}", "Ганна")
    return reverse("people:list") + "?q=ганна"


def test_the_last_page_of_a_search_over_the_limit_never_counts_every_match(
    world: World, monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries: Any
) -> None:
    url = _search_over_the_limit(world, monkeypatch)
    first = _page(world, "hromada_staff", url)
    client = world.client_for("hromada_staff")
    with django_assert_max_num_queries(8) as captured:
        last = client.get(reverse("people:list") + _link(first, "Остання")).content.decode()
    counts = [q["sql"].upper() for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert "LIMIT 61" in counts[0]  # up to the limit and one more, as on the first page
    assert "Знайдено: понад 60" in last
    assert "Останні 50 з понад 60" in last
    assert "Бондар070 Ганна" in last
    assert "Бондар069" not in last
    assert "Наступна" not in last
    assert "« Перша" in last


def test_previous_pages_from_the_end_of_a_search_over_the_limit_count_from_the_end(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _search_over_the_limit(world, monkeypatch)
    people = reverse("people:list")
    last = _page(world, "hromada_staff", url + "&last=1")
    before = _page(world, "hromada_staff", people + _link(last, "Попередня"))
    assert "Особи 51–100 з кінця, усього понад 60" in before
    assert "Бондар020 Ганна" in before
    assert "Бондар069 Ганна" in before
    assert "Бондар019" not in before
    assert "Бондар070" not in before
    # back to the end by «Наступна», and on to the first page, full, by «Попередня»
    assert "Останні 50 з понад 60" in _page(
        world, "hromada_staff", people + _link(before, "Наступна")
    )
    first = _page(world, "hromada_staff", people + _link(before, "Попередня"))
    assert "Особи 1–50 з понад 60" in first
    assert "Бондар000 Ганна" in first


@pytest.mark.parametrize(
    "tampered",
    [
        "&before={stranger}&from_end=51",  # not among the matches
        "&before={someone}&from_end=x",
        "&before={someone}&from_end=-7",
        "&after={someone}&from_end=999999999999999999999",
        "&before={someone}&from_end=51&at=3",
        "&before={someone}&from_end=51&of=120",  # a count carried in: placed from the start
        "&after={someone}&from_end=51&of=nonsense",
        "&last=1&of=x",
    ],
)
def test_a_tampered_address_of_a_search_over_the_limit_gives_a_page(
    world: World, monkeypatch: pytest.MonkeyPatch, tampered: str
) -> None:
    url = _search_over_the_limit(world, monkeypatch)
    someone = Person.objects.get(identity__last_name="Бондар070").pseudonym
    stranger = make_person(world.village_b, "Чужа", "Ганна").pseudonym
    html = _page(world, "hromada_staff", url + tampered.format(someone=someone, stranger=stranger))
    assert "Знайдено: понад 60" in html or "Знайдено: 120" in html
    assert html.count("Ганна</a>") == 50
