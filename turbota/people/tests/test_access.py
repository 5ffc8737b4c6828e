"""Every page of the people register × every role of ``conftest.World``.

Olena lives in hromada A and receives home care from provider A. Only hromada A's staff and
provider A's staff may open her record — never the working group, the oblast analysts, the
administrator, another hromada's staff or the public."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from conftest import ROLES, World
from turbota.core.enums import ImportStatus
from turbota.core.models import ImportJob
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.people.models import ColumnMapping, Person
from turbota.people.tests.factories import make_episode, make_person

STAFF_A = frozenset({"hromada_staff"})
OPENS_OLENA = frozenset({"hromada_staff", "provider_staff"})
LISTS_PEOPLE = frozenset({"hromada_staff", "provider_staff", "other_hromada_staff"})
NAME = "Шевченко Олена"


def _olena(world: World) -> Person:
    if "olena" not in world.extra:
        person = make_person(world.village_a)
        make_episode(person, world.provider_a)
        world.extra["olena"] = person
    olena: Person = world.extra["olena"]
    return olena


def _served(world: World) -> None:
    _olena(world)


def _unserved(world: World) -> None:
    world.extra["olena"] = make_person(world.village_a)


def _of_olena(world: World) -> dict[str, object]:
    return {"pseudonym": _olena(world).pseudonym}


def _a_job(world: World) -> dict[str, object]:
    """A rejected import of hromada A, with its report on disk."""
    if "job" not in world.extra:
        folder = Path(settings.MEDIA_ROOT) / "import-reports"
        folder.mkdir(parents=True, exist_ok=True)
        report = folder / "bad-errors.csv"
        report.write_text("Рядок;Що не так\n2;такого коду немає\n", encoding="utf-8")
        world.extra["job"] = ImportJob.objects.create(
            kind="episodes",
            hromada=world.hromada_a,
            original_name="bad.csv",
            status=ImportStatus.REJECTED,
            summary={"problem_count": 1, "report": str(report)},
        )
    return {"pk": world.extra["job"].pk}


def _a_mapping(world: World) -> dict[str, object]:
    if "mapping" not in world.extra:
        world.extra["mapping"] = ColumnMapping.objects.create(
            hromada=world.hromada_a, name="Експорт", columns={"прізвище особи": "прізвище"}
        )
    return {"pk": world.extra["mapping"].pk}


PAGES = [
    Page(
        "people:list",
        LISTS_PEOPLE,
        setup=_served,
        reveals=lambda world: NAME,
        revealed_to=OPENS_OLENA,
    ),
    Page("people:create", STAFF_A, kwargs=lambda world: {"code": world.hromada_a.code}),
    Page("people:import", STAFF_A, kwargs=lambda world: {"code": world.hromada_a.code}),
    Page("people:import_template", STAFF_A, kwargs=lambda world: {"code": world.hromada_a.code}),
    Page("people:import_job", STAFF_A, kwargs=_a_job),
    Page("people:mappings", STAFF_A, kwargs=lambda world: {"code": world.hromada_a.code}),
    Page(
        "people:mapping_delete",
        STAFF_A,
        kwargs=_a_mapping,
        method="post",
        ok_status=302,
    ),
    Page("people:import_report", STAFF_A, kwargs=_a_job),
    Page("people:detail", OPENS_OLENA, kwargs=_of_olena),
    Page(
        "people:detail",
        STAFF_A,
        kwargs=_of_olena,
        setup=_unserved,
        label="a person the provider does not serve",
    ),
    Page("people:access_log", OPENS_OLENA, kwargs=_of_olena),
    Page("people:edit", STAFF_A, kwargs=_of_olena),
    Page("people:episode_create", STAFF_A, kwargs=_of_olena),
    Page("people:application_create", STAFF_A, kwargs=_of_olena),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)


@pytest.mark.parametrize("role", sorted(EVERYONE - OPENS_OLENA - {"anonymous"}))
def test_those_who_may_not_open_a_record_cannot_tell_it_exists(world: World, role: str) -> None:
    olena = _olena(world)
    response = world.client_for(role).get(f"/people/{olena.pseudonym}/")
    missing = world.client_for(role).get("/people/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == missing.status_code == 404
