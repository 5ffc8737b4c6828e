"""``generate_oblast`` and what ``load_demo`` adds for the oblast pages."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from turbota.core.demo import load_demo
from turbota.needs.models import NeedsStudy
from turbota.oblast.demo import DNIPROPETROVSK
from turbota.oblast.models import Assignment, Meeting
from turbota.oblast.tests.factories import many_hromadas
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import HromadaProfile, SettlementProfile, Territory
from turbota.territories.tests.factories import make_territory


def test_generate_oblast_fills_its_hromadas_and_says_what_it_skipped(catalog: None) -> None:
    oblast = make_territory("Тестова", TerritoryCategory.OBLAST)
    many_hromadas(oblast, 3)
    raion = Territory.objects.filter(oblast=oblast, category="P").first()
    make_territory("Порожня", TerritoryCategory.HROMADA, parent=raion)  # no settlements
    out = io.StringIO()
    call_command("generate_oblast", "--oblast", oblast.code, "--people", "4", stdout=out)
    assert "заповнено громад — 3, синтетичних осіб — 12" in out.getvalue()
    assert "Порожня територіальна громада: немає населених пунктів" in out.getvalue()
    assert NeedsStudy.objects.filter(hromada__oblast=oblast, status="published").count() == 3


def test_generate_oblast_refuses_an_unknown_oblast(db: None) -> None:
    with pytest.raises(CommandError, match="Спершу завантажте довідники"):
        call_command("generate_oblast", "--oblast", "UA00000000000000000")


def test_the_demo_fills_the_demo_oblast_but_leaves_the_demo_hromada_as_published(
    selydove: Territory,
) -> None:
    oblast = selydove.oblast
    assert oblast is not None
    many_hromadas(oblast, 2)
    result = load_demo()
    assert result.oblast is not None
    assert result.oblast.synthetic_hromadas == 2
    selydove_study = NeedsStudy.objects.get(hromada=selydove)
    assert selydove_study.status == "published"
    assert "Синтетичні" not in HromadaProfile.objects.get(hromada=selydove).data_note
    # its two cities are placed (approximately), its villages are not
    placed = SettlementProfile.objects.filter(hromada=selydove, latitude__isnull=False)
    assert sorted(p.settlement.name for p in placed) == ["Селидове", "Українськ"]
    # loading again adds nothing
    assert load_demo().oblast.synthetic_hromadas == 0  # type: ignore[union-attr]


def test_the_demo_enters_the_seed_003_protocol_when_the_codifier_has_dnipropetrovsk(
    selydove: Territory,
) -> None:
    make_territory("Дніпропетровська", TerritoryCategory.OBLAST, code=DNIPROPETROVSK)
    assert load_demo().oblast.protocol  # type: ignore[union-attr]
    meeting = Meeting.objects.get()
    assert (meeting.oblast.code, str(meeting)) == (DNIPROPETROVSK, "Протокол № 2 від 20.03.2024")
    assert Assignment.objects.filter(meeting=meeting).count() == 8
    assert not load_demo().oblast.protocol  # type: ignore[union-attr]
