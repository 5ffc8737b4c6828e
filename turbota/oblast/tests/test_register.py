"""The unmet-demand register: what hromadas flagged, consolidated per service and raion."""

from __future__ import annotations

from conftest import World
from turbota.catalog.models import Service
from turbota.needs.models import NeedsStudy
from turbota.needs.tests.factories import make_method
from turbota.oblast.models import PlanningNote
from turbota.oblast.queries import unmet_register
from turbota.oblast.tests.factories import flag, groups_of, many_hromadas, published, study_a


def test_a_flagged_service_carries_its_reason_volume_and_the_studys_unmet_need_by_sex(
    world: World,
) -> None:
    study = study_a(world)
    flag(study, "015.1", "немає соціальних робітників у селах", volume=12)
    found = unmet_register(oblast=world.oblast_a, year=2021)
    (item,) = found.items
    assert (item.hromada, item.service.code, item.reason, item.volume) == (
        world.hromada_a,
        "015.1",
        "немає соціальних робітників у селах",
        12,
    )
    assert {sex: f.unmet for sex, f in item.unmet.items()} == {"female": 7, "male": 3, "total": 10}


def test_the_consolidated_table_sums_hromadas_per_raion_and_per_service(world: World) -> None:
    # given: hromada A (its own raion) and two hromadas of one new raion flag palliative care
    flag(study_a(world), "015.4", "немає лікаря паліативної допомоги", volume=None)
    method = make_method({("015.4", "older_persons"): "0.10"})
    others = many_hromadas(world.oblast_a, 2)
    for volume, hromada in zip((5, 8), others, strict=True):
        groups_of(hromada)  # 100 women, 60 men older: need 10 / 6
        study = published(
            NeedsStudy.objects.create(hromada=hromada, year=2021, method=method, groups_year=2021)
        )
        flag(study, "015.4", "замало отримувачів", volume=volume)
    # when
    rows = unmet_register(oblast=world.oblast_a, year=2021).rows
    # then: a row per raion in name order («Першанська…» before «Район 1»), then the oblast's
    assert [(r.raion, r.is_total, r.hromadas, r.volume, r.without_volume) for r in rows] == [
        (world.hromada_a.parent, False, 1, 0, 1),
        (others[0].parent, False, 2, 13, 0),
        (None, True, 3, 13, 1),
    ]
    total = rows[-1]
    assert {sex: f.unmet for sex, f in total.figures.items()} == {
        "female": 20,
        "male": 12,
        "total": 32,
    }
    for sex in ("female", "male", "total"):
        assert total.figures[sex].unmet == sum(r.figures[sex].unmet for r in rows[:-1])


def test_only_current_published_studies_of_the_oblast_count(world: World) -> None:
    study = study_a(world)
    flag(study, "015.4", "причина", volume=3)
    assert unmet_register(oblast=world.oblast_a, year=2024).items == []  # 2021 is too old
    assert unmet_register(oblast=world.oblast_b, year=2021).items == []
    NeedsStudy.objects.filter(pk=study.pk).update(status="approved")
    assert unmet_register(oblast=world.oblast_a, year=2021).items == []


def test_filters_by_raion_and_service_and_lists_the_planning_notes(world: World) -> None:
    study = study_a(world)
    flag(study, "015.4", "причина", volume=3)
    flag(study, "009.1", "причина", volume=2)
    palliative = Service.objects.get(code="015.4")
    PlanningNote.objects.create(
        oblast=world.oblast_a,
        service=palliative,
        raion=world.hromada_a.parent,
        hromada=world.hromada_a,
        what="Обласний хоспіс на 20 ліжок",
        planned_volume=20,
    )
    found = unmet_register(oblast=world.oblast_a, year=2021, service=palliative)
    assert [i.service.code for i in found.items] == ["015.4"]
    assert [n.what for n in found.notes] == ["Обласний хоспіс на 20 ліжок"]
    other_raion = many_hromadas(world.oblast_a, 1)[0].parent
    assert unmet_register(oblast=world.oblast_a, year=2021, raion=other_raion).items == []
