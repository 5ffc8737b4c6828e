"""The oblast pages as an analyst (and a hromada's staff) use them."""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import World
from turbota.catalog.models import Service
from turbota.needs.models import NeedsStudy
from turbota.needs.tests.factories import make_method
from turbota.oblast.models import (
    Addressee,
    Assignment,
    AssignmentReport,
    BoundaryLayer,
    Cooperation,
    Meeting,
    PlanningNote,
)
from turbota.oblast.tests.factories import (
    flag,
    groups_of,
    line_geography,
    many_hromadas,
    published,
    study_a,
    study_a2,
)
from turbota.territories.models import SettlementProfile


def _analyst(world: World) -> Client:
    return world.client_for("oblast_analyst")


def _url(name: str, *args: object) -> str:
    return reverse(f"oblast:{name}", args=args)


def test_the_dashboard_shows_no_data_for_a_hromada_without_a_study_and_totals_the_rest(
    world: World,
) -> None:
    study_a(world)
    page = _analyst(world).get(_url("dashboard", world.oblast_a.code)).content.decode()
    assert "Сусідня" in page
    assert "немає даних" in page
    assert "з чинним дослідженням потреб: 1" in page
    # the footer is hromada A's alone: population 4000; older people 100 / 60 / 160;
    # one provider; home care need 9 / 4 / 13, served 2 / 1 / 3, unmet 7 / 3 / 10
    footer = page.split("<tfoot>")[1].split("</tfoot>")[0]
    numbers = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', footer)]
    assert numbers == [4000, 100, 60, 160, 1, 9, 4, 13, 2, 1, 3, 7, 3, 10]


def test_the_dashboard_filters_by_raion_and_sorts_by_a_column(world: World) -> None:
    study_a(world)
    client = _analyst(world)
    raion = world.hromada_a2.parent
    assert raion is not None
    page = client.get(_url("dashboard", world.oblast_a.code), {"raion": raion.pk}).content.decode()
    assert "Сусідня" in page
    assert "Першанська" not in page.split("<tbody>")[1]
    sorted_page = client.get(
        _url("dashboard", world.oblast_a.code), {"sort": "unmet", "descending": "on"}
    ).content.decode()
    body = sorted_page.split("<tbody>")[1]
    assert body.index("Першанська") < body.index("Сусідня")  # no data goes last
    assert 'aria-sort="descending"' not in sorted_page  # a grouped column: no aria-sort
    by_name = client.get(_url("dashboard", world.oblast_a.code), {"sort": "name"}).content
    assert 'aria-sort="ascending"' in by_name.decode()


def test_the_dashboard_spreadsheet_has_every_hromada_with_no_data_in_words(world: World) -> None:
    study_a(world)
    response = _analyst(world).get(_url("dashboard_xlsx", world.oblast_a.code))
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    hromadas = list(book["Громади"].iter_rows(values_only=True))
    header, rows = hromadas[0], {row[1]: row for row in hromadas[1:]}
    study_column = header.index("Рік дослідження потреб")
    assert rows[world.hromada_a.display_name][study_column] == 2021
    assert rows[world.hromada_a2.display_name][study_column] == "немає даних"
    needs = list(book["Потреби"].iter_rows(values_only=True))[1:]
    home_care = [r for r in needs if r[0] == world.hromada_a.code and r[2] == "015.1"]
    assert [(r[4], r[5], r[6], r[7]) for r in home_care] == [
        ("жінки", 9, 2, 7),
        ("чоловіки", 4, 1, 3),
        ("разом", 13, 3, 10),
    ]
    assert [r[3] for r in needs if r[0] == world.hromada_a2.code] == ["немає даних"]


def test_an_analyst_adds_changes_and_deletes_a_planning_note_after_confirming(
    world: World,
) -> None:
    client = _analyst(world)
    palliative = Service.objects.get(code="015.4")
    response = client.post(
        _url("note_add", world.oblast_a.code),
        {"service": palliative.pk, "raion": world.hromada_a.parent_id, "what": "Хоспіс"},
    )
    assert response.status_code == 302
    note = PlanningNote.objects.get()
    assert (note.oblast, note.created_by) == (world.oblast_a, world.users["oblast_analyst"])
    client.post(
        _url("note_edit", world.oblast_a.code, note.pk),
        {"service": palliative.pk, "what": "Обласний хоспіс", "planned_volume": "20"},
    )
    note.refresh_from_db()
    assert (note.what, note.planned_volume, note.raion) == ("Обласний хоспіс", 20, None)
    confirm = client.get(_url("note_delete", world.oblast_a.code, note.pk))
    assert "Видалити нотатку планування?" in confirm.content.decode()
    assert PlanningNote.objects.exists()
    client.post(_url("note_delete", world.oblast_a.code, note.pk))
    assert not PlanningNote.objects.exists()


def test_a_note_refuses_a_hromada_of_another_raion_or_oblast(world: World) -> None:
    response = _analyst(world).post(
        _url("note_add", world.oblast_a.code),
        {
            "service": Service.objects.get(code="015.4").pk,
            "hromada": world.hromada_b.pk,
            "what": "Хоспіс",
        },
    )
    assert response.status_code == 400
    assert not PlanningNote.objects.exists()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_coordinates_are_checked_first_and_written_only_when_asked(world: World) -> None:
    client = _analyst(world)
    data = f"code,latitude,longitude\n{world.city_a.code},48.1,35.2\n".encode()
    checked = client.post(
        _url("coordinates_import", world.oblast_a.code), {"file": _upload("p.csv", data)}
    )
    assert checked.status_code == 200
    assert "Нових: 1" in checked.content.decode()
    assert not SettlementProfile.objects.exists()
    applied = client.post(
        _url("coordinates_import", world.oblast_a.code),
        {"file": _upload("p.csv", data), "apply": "1"},
    )
    assert applied.status_code == 302
    assert SettlementProfile.objects.get().settlement == world.city_a


def test_a_coordinates_file_with_an_error_writes_nothing_and_says_where(world: World) -> None:
    data = f"code,latitude,longitude\n{world.city_a.code},48.1,35.2\nUA1,1,1\n".encode()
    response = _analyst(world).post(
        _url("coordinates_import", world.oblast_a.code),
        {"file": _upload("p.csv", data), "apply": "1"},
    )
    assert response.status_code == 400
    assert "Рядок 3" in response.content.decode()
    assert not SettlementProfile.objects.exists()


def test_boundaries_upload_replaces_the_old_ones_and_reach_the_map(world: World) -> None:
    client = _analyst(world)
    square = [[35.0, 48.0], [35.1, 48.0], [35.1, 48.1], [35.0, 48.1], [35.0, 48.0]]
    geojson = json.dumps({"type": "Polygon", "coordinates": [square]}).encode()
    for _ in range(2):
        response = client.post(
            _url("boundaries_upload", world.oblast_a.code),
            {"file": _upload("межі.geojson", geojson)},
        )
        assert response.status_code == 302
    assert BoundaryLayer.objects.get().features == 1
    data = client.get(_url("map_data", world.oblast_a.code)).json()
    assert data["boundaries"]["features"][0]["geometry"]["type"] == "Polygon"
    bad = client.post(
        _url("boundaries_upload", world.oblast_a.code), {"file": _upload("x.geojson", b"{")}
    )
    assert bad.status_code == 400
    assert "Це не JSON" in bad.content.decode()
    client.post(_url("boundaries_delete", world.oblast_a.code))
    assert not BoundaryLayer.objects.exists()


def test_the_map_and_the_distances_use_the_asked_distance(world: World) -> None:
    line_geography(world)
    client = _analyst(world)
    at_30 = client.get(_url("map_data", world.oblast_a.code), {"km": "30"}).json()
    assert at_30["km"] == 30
    assert at_30["deserts"]["015.1"] == [
        s["code"] for s in at_30["settlements"] if s["name"] == "с. Далеке"
    ]
    nonsense = client.get(_url("map_data", world.oblast_a.code), {"km": "-3"}).json()
    assert nonsense["km"] == 20  # the default (decision 0024)
    page = client.get(_url("distances", world.oblast_a.code), {"km": "20"}).content.decode()
    assert '<td class="num desert">33,4<' in page  # Далеке to home care, 33.36 km
    assert "далі за 20" in page


def test_a_protocol_with_assignments_statuses_and_reports(world: World) -> None:
    # given: an analyst enters a meeting and an assignment to every hromada and a department
    client = _analyst(world)
    response = client.post(
        _url("meeting_add", world.oblast_a.code),
        {"body": "обласна робоча група", "number": "2", "held_on": "2024-03-20",
         "attendees": "голова робочої групи\nначальники районних адміністрацій"},
    )  # fmt: skip
    meeting = Meeting.objects.get()
    assert response["Location"] == _url("meeting_detail", meeting.pk)
    client.post(
        _url("assignment_add", meeting.pk),
        {"number": "1.3", "text": "Надати інформацію", "deadline": "2024-03-25",
         "to_hromadas": "on", "departments": "Департамент соціального захисту\n"},
    )  # fmt: skip
    assignment = Assignment.objects.get()
    assert [str(a) for a in Addressee.objects.all()] == [
        "усі територіальні громади (сільські, селищні, міські ради)",
        "Департамент соціального захисту",
    ]
    # when: hromada A's staff report, and the analyst closes it
    staff = world.client_for("hromada_staff")
    form = staff.get(_url("report_add", assignment.pk)).content.decode()
    assert world.hromada_b.name not in form  # only hromada A, the one they work for
    assert "Сусідня" not in form
    staff.post(
        _url("report_add", assignment.pk),
        {"territory": world.hromada_a.pk, "submitted_on": "2024-03-22", "text": "Надано"},
    )
    client.post(_url("assignment_status", assignment.pk), {"to": "done"})
    # then
    report = AssignmentReport.objects.get()
    assert (report.territory, report.submitted_by) == (
        world.hromada_a,
        world.users["hromada_staff"],
    )
    assignment.refresh_from_db()
    assert assignment.status == "done"
    page = staff.get(reverse("oblast:hromada_assignments", args=[world.hromada_a.code]))
    assert "Надано" in page.content.decode()


def test_the_other_hromadas_staff_cannot_report_for_hromada_a(world: World) -> None:
    meeting = Meeting.objects.create(
        oblast=world.oblast_a, number="1", held_on=datetime.date(2024, 1, 1)
    )
    assignment = Assignment.objects.create(meeting=meeting, number="1", text="Зробити")
    Addressee.objects.create(assignment=assignment, kind="hromada", territory=world.hromada_a2)
    response = world.client_for("hromada_staff").post(
        _url("report_add", assignment.pk),
        {"territory": world.hromada_a.pk, "submitted_on": "2024-03-22", "text": "Надано"},
    )
    assert response.status_code == 403  # hromada A is not an addressee
    assert not AssignmentReport.objects.exists()


def test_an_analyst_marks_a_suggestion_as_in_negotiation(world: World) -> None:
    study_a(world)
    study_a2(world, capacity=30)
    client = _analyst(world)
    page = client.get(reverse("oblast:cooperation", args=[world.hromada_a.code])).content.decode()
    assert "Сусідня" in page
    client.post(
        reverse("oblast:cooperation_mark", args=[world.hromada_a.code]),
        {"seller": world.hromada_a2.pk, "service": Service.objects.get(code="015.1").pk,
         "volume": "10", "to": "negotiating"},
    )  # fmt: skip
    deal = Cooperation.objects.get()
    assert (deal.buyer, deal.seller, deal.volume, deal.status) == (
        world.hromada_a,
        world.hromada_a2,
        10,
        "negotiating",
    )
    again = client.get(reverse("oblast:cooperation", args=[world.hromada_a.code]))
    assert "переговори" in again.content.decode()


def test_the_cooperation_page_shows_how_the_spare_is_made_and_signs_at_the_negotiated_volume(
    world: World,
) -> None:
    # given: hromada A (unmet 10) negotiates 4 of A2's 30 places
    study_a(world)
    study_a2(world, capacity=30, served_people=2)
    client = _analyst(world)
    url = reverse("oblast:cooperation_mark", args=[world.hromada_a.code])
    service = Service.objects.get(code="015.1").pk
    client.post(url, {"seller": world.hromada_a2.pk, "service": service, "volume": "4",
                      "to": "negotiating"})  # fmt: skip
    # when
    page = client.get(reverse("oblast:cooperation", args=[world.hromada_a.code])).content.decode()
    # then: capacity 30, served 2, nothing agreed with others, spare 28, 10 could be bought
    row = re.search(r"<th scope=\"row\">Сусідня.*?</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r'<td class="num">(\d+)</td>', row.group(0))
    assert cells == ["30", "2", "0", "28", "10"]
    assert "Узгоджено з іншими" in page
    # and signing posts the negotiated 4, not the 10 that could be bought
    assert re.search(r'name="volume" value="4"', row.group(0))


def test_the_protocol_downloads_as_a_word_document_with_its_assignments(world: World) -> None:
    import docx

    meeting = Meeting.objects.create(
        oblast=world.oblast_a, number="2", held_on=datetime.date(2024, 3, 20), place="м. Дніпро"
    )
    Assignment.objects.create(
        meeting=meeting, number="1.1", text="Тримати на контролі", is_permanent=True
    )
    response = _analyst(world).get(_url("meeting_docx", meeting.pk))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Протокол № 2 засідання від 20.03.2024" in text
    assert "Тримати на контролі" in cells
    assert "постійно" in cells


def _queries_of(client: Client, url: str) -> int:
    executed: list[str] = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        executed.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    return len(executed)


def test_the_dashboard_page_and_its_files_take_as_many_queries_for_thirty_hromadas_as_two(
    world: World,
) -> None:
    study_a(world)
    client = _analyst(world)
    urls = [
        _url("dashboard", world.oblast_a.code) + "?sort=unmet",
        _url("dashboard_xlsx", world.oblast_a.code),
        _url("register", world.oblast_a.code),
        _url("map_data", world.oblast_a.code),
        reverse("oblast-dashboard", args=[world.oblast_a.code]),
    ]
    few = [_queries_of(client, url) for url in urls]
    method = make_method({("015.1", "older_persons"): "0.05"})
    for hromada in many_hromadas(world.oblast_a, 28):
        groups_of(hromada)
        flag(
            published(
                NeedsStudy.objects.create(
                    hromada=hromada, year=2021, method=method, groups_year=2021
                )
            ),
            "015.4",
            "причина",
            volume=2,
        )
    assert [_queries_of(client, url) for url in urls] == few


def test_the_main_menu_offers_the_oblast_to_analysts_and_administrators_only(world: World) -> None:
    link = f'href="{_url("index")}"'
    for role in ("oblast_analyst", "other_oblast_analyst", "admin"):
        assert link in world.client_for(role).get("/").content.decode(), role
    for role in ("anonymous", "hromada_staff", "working_group", "provider_staff", "no_role"):
        assert link not in world.client_for(role).get("/").content.decode(), role
