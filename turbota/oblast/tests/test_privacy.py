"""Nobody at oblast level reaches a person: not by opening a record, not through any page,
file or endpoint of the oblast app."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.urls import reverse

from conftest import World
from turbota.oblast.tests.factories import line_geography, study_a
from turbota.people.models import Person, PersonIdentity
from turbota.territories.models import Territory

OBLAST_ROLES = ("oblast_analyst", "other_oblast_analyst", "admin")


@pytest.mark.parametrize("role", OBLAST_ROLES)
def test_no_oblast_role_opens_a_persons_record_or_its_access_log(world: World, role: str) -> None:
    study_a(world)
    client = world.client_for(role)
    for person in Person.objects.filter(hromada=world.hromada_a):
        for name in ("people:detail", "people:edit", "people:access_log"):
            response = client.get(reverse(name, args=[person.pseudonym]))
            assert response.status_code in (403, 404), (role, name)
    assert client.get(reverse("people:list")).status_code in (403, 404)


def _text(response: object) -> str:
    content: bytes = response.content  # type: ignore[attr-defined]
    if content[:2] == b"PK":  # a spreadsheet or a document: read every part of it
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode()


def test_no_oblast_page_file_or_endpoint_carries_anything_of_a_person(world: World) -> None:
    # given: hromada A's people served (with names, РНОКПП, pseudonyms) on the map
    study_a(world)
    line_geography(world)
    secrets = set()
    for identity in PersonIdentity.objects.filter(person__hromada=world.hromada_a):
        secrets |= {identity.last_name, identity.rnokpp or "", str(identity.person.pseudonym)}
    secrets.discard("")
    # the world's oblasts are «Перша» and «Друга», as two of the people: those are places
    secrets -= set(Territory.objects.values_list("name", flat=True))
    assert len(secrets) > 10
    code = world.oblast_a.code
    urls = [
        reverse("oblast:dashboard", args=[code]),
        reverse("oblast:dashboard_xlsx", args=[code]),
        reverse("oblast:register", args=[code]),
        reverse("oblast:map", args=[code]),
        reverse("oblast:map_data", args=[code]),
        reverse("oblast:distances", args=[code]),
        reverse("oblast:cooperation", args=[world.hromada_a.code]),
        reverse("oblast-dashboard", args=[code]),
        reverse("oblast-unmet-demand", args=[code]),
        reverse("oblast-map", args=[code]),
    ]
    client = world.client_for("oblast_analyst")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        # whole words: «Перша» is a person's name here, «Першанська» the hromada's
        found = [s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        assert not found, f"{url} shows {found}"
