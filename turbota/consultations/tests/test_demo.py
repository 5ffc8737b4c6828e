"""The demo consultation of Selydove hromada, modelled on seed 000."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from turbota.consultations.demo import PROPOSALS
from turbota.consultations.documents import PROPOSALS_TABLE, outline
from turbota.consultations.enums import ConsultationStatus
from turbota.consultations.models import Consultation
from turbota.core.demo import load_demo
from turbota.strategy.models import Strategy
from turbota.territories.models import Territory

D = datetime.date


def test_the_demo_consultation_went_all_the_way_and_its_report_lists_every_proposal(
    selydove: Territory,
) -> None:
    # given the demo, loaded twice
    first, again = load_demo(), load_demo()
    # then one consultation, on the demo strategy, with its report published
    (consultation,) = Consultation.objects.filter(hromada=selydove)
    assert (first.consultation_created, again.consultation_created) == (True, False)
    assert consultation.is_demonstration
    strategy = Strategy.objects.get(hromada=selydove)
    assert consultation.subject == strategy
    # which was a draft when announced, and was adopted after the report
    assert strategy.transitions.filter(from_status="draft", to_status="adopted").exists()
    assert strategy.decided_on is not None
    assert strategy.decided_on > consultation.report_published_on  # type: ignore[operator]
    assert [t.to_status for t in consultation.transitions.all()] == [
        "announced",
        "open",
        "closed",
        "decided",
        "report_published",
    ]
    assert consultation.status == ConsultationStatus.REPORT_PUBLISHED
    assert (consultation.decided_on, consultation.report_due_on) == (D(2021, 2, 5), D(2021, 2, 15))
    assert consultation.report_published_on == D(2021, 2, 12)
    # and the report's table has every proposal taken into consideration, with its decision
    report = outline(consultation, today=D(2021, 3, 1))
    (table,) = [t for t in report.tables if t.title == PROPOSALS_TABLE]
    assert [(row[2], row[4]) for row in table.rows] == [
        (text, decision.label) for _, _, _, text, decision, _ in PROPOSALS
    ]
    assert table.rows[0][1] == "2.1.5 Запровадити послугу “ Соціальне таксі ”."
    assert [row[1].split(" ")[0] for row in table.rows] == [
        "2.1.5",
        "2.1",
        "1.3",
        "2.4.4",
        "документ",
        "3.2.4",
    ]
    assert consultation.proposals.filter(moderation="rejected").count() == 1  # the spam


def test_the_demo_consultation_is_marked_as_demonstration_on_its_public_page(
    selydove: Territory,
) -> None:
    load_demo()
    consultation = Consultation.objects.get(hromada=selydove)
    page = Client().get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Демонстраційні дані" in page
    assert "26.01.2021 о 14:00" in page
    assert "consult@selydove.example" in page
    assert "resident1@selydove.example" not in page
