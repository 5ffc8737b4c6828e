"""A consultation on a draft strategy from its pages to the report: the link on a goal or
measure opens the proposal form with it chosen, and the report lists every proposal with
its decision and the item's label."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pypdf
from django.urls import reverse

from conftest import World
from turbota.consultations import actions
from turbota.consultations.documents import PROPOSALS_TABLE, outline
from turbota.consultations.enums import Channel, ConsultationStatus, Decision
from turbota.consultations.models import Consultation
from turbota.consultations.tests.factories import (
    NOBODY,
    add_proposal,
    advance,
    filled_form,
    make_consultation,
)
from turbota.reports.tests.libreoffice import TEXT, converted
from turbota.strategy.models import Node, Strategy
from turbota.strategy.tests.factories import imported

Status = ConsultationStatus
DAY = datetime.timedelta(days=1)
PROPOSE = "Подати пропозицію до цього пункту"


def _measure(strategy: Strategy) -> Node:
    return strategy.nodes.get(number="1.1.2")


def _open(world: World) -> tuple[Strategy, Consultation]:
    strategy = imported(world.hromada_a)
    return strategy, make_consultation(world.hromada_a, Status.OPEN, document=strategy)


def test_the_strategy_page_links_each_node_to_the_proposal_form_while_proposals_are_taken(
    world: World,
) -> None:
    strategy, consultation = _open(world)
    anonymous = world.client_for("anonymous")
    page = anonymous.get(reverse("strategy:detail", args=[strategy.pk])).content.decode()
    propose = reverse("consultations:propose", args=[consultation.pk])
    assert page.count(PROPOSE) == strategy.nodes.count()
    for node in strategy.nodes.all():
        assert f'href="{propose}?item=node:{node.pk}"' in page
    assert consultation.topic in page


def test_a_measures_page_links_to_the_form_with_the_measure_chosen(world: World) -> None:
    # given an open consultation on a draft
    strategy, consultation = _open(world)
    measure = _measure(strategy)
    anonymous = world.client_for("anonymous")
    # when a resident opens the measure's page and follows the link
    page = anonymous.get(reverse("strategy:node", args=[measure.pk])).content.decode()
    link = f"{reverse('consultations:propose', args=[consultation.pk])}?item=node:{measure.pk}"
    assert f'href="{link}"' in page
    assert PROPOSE in page
    form = anonymous.get(link).content.decode()
    # then the form has the measure chosen, labelled with its number as written
    assert (
        f'<option value="node:{measure.pk}" selected>1.1.2 Придбати спецавтомобіль для '
        "соціального таксі</option>"
    ) in form


def test_an_unknown_item_in_the_link_leaves_the_whole_document_chosen(world: World) -> None:
    _, consultation = _open(world)
    url = reverse("consultations:propose", args=[consultation.pk])
    form = world.client_for("anonymous").get(f"{url}?item=node:999999").content.decode()
    assert '<option value="" selected>документ загалом</option>' in form


def test_no_link_to_propose_before_the_proposals_open_or_after_they_close(
    world: World,
) -> None:
    strategy = imported(world.hromada_a)
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED, document=strategy)
    anonymous = world.client_for("anonymous")
    url = reverse("strategy:node", args=[_measure(strategy).pk])
    page = anonymous.get(url).content.decode()
    assert consultation.topic in page
    assert PROPOSE not in page
    advance(consultation, Status.CLOSED)
    page = anonymous.get(url).content.decode()
    assert consultation.topic in page
    assert PROPOSE not in page


def _walked_to_the_report(world: World) -> tuple[Strategy, Consultation]:
    """A proposal on a measure from the web form, moderated; one by e-mail on a goal; one
    on the whole document; each decided; the report published."""
    strategy, consultation = _open(world)
    measure, goal = _measure(strategy), strategy.nodes.get(number="1.1")
    anonymous, staff = world.client_for("anonymous"), world.client_for("hromada_staff")
    sent = anonymous.post(
        reverse("consultations:propose", args=[consultation.pk]),
        filled_form(
            item=f"node:{measure.pk}", text="Два автомобілі замість одного", contact="a@x.example"
        ),
    )
    assert sent.status_code == 302
    (web,) = consultation.proposals.all()
    staff.post(reverse("consultations:moderate", args=[web.pk]), {"approve": "1"})
    add_proposal(consultation, "Денний догляд і в селах", item_key=f"node:{goal.pk}")
    add_proposal(consultation, "Оприлюднити проєкт у газеті", channel=Channel.POST)
    advance(consultation, Status.CLOSED)
    decisions = {
        "Два автомобілі замість одного": (Decision.PARTLY, "Другий — у 2023 році"),
        "Денний догляд і в селах": (Decision.ACCEPTED, ""),
        "Оприлюднити проєкт у газеті": (Decision.REJECTED, "Газети в громаді немає"),
    }
    for proposal in consultation.proposals.filter(moderation="approved"):
        decision, reason = decisions[proposal.text]
        actions.decide(proposal=proposal, decision=decision, reason=reason, by=NOBODY)
    measure.title = "Придбати два спецавтомобілі"  # the draft changes after the consultation
    measure.save()
    return strategy, advance(consultation, Status.REPORT_PUBLISHED)


def test_a_proposal_on_a_measure_goes_from_the_strategy_page_to_the_report(
    world: World,
) -> None:
    _, consultation = _walked_to_the_report(world)
    report = outline(consultation, today=consultation.ends_on + 10 * DAY)
    (table,) = [t for t in report.tables if t.title == PROPOSALS_TABLE]
    assert sorted((row[1], row[2], row[4], row[5]) for row in table.rows) == [
        ("1.1 Доступ до базових послуг", "Денний догляд і в селах", "враховано", "—"),
        (
            "1.1.2 Придбати спецавтомобіль для соціального таксі",
            "Два автомобілі замість одного",
            "враховано частково",
            "Другий — у 2023 році",
        ),
        (
            "документ загалом",
            "Оприлюднити проєкт у газеті",
            "не враховано",
            "Газети в громаді немає",
        ),
    ]


def test_the_docx_and_pdf_reports_list_every_proposal_with_its_decision_and_item(
    world: World, tmp_path: Path
) -> None:
    _, consultation = _walked_to_the_report(world)
    anonymous = world.client_for("anonymous")
    docx = anonymous.get(reverse("consultations:report", args=[consultation.pk, "docx"]))
    pdf = anonymous.get(reverse("consultations:report", args=[consultation.pk, "pdf"]))
    assert (docx.status_code, pdf.status_code) == (200, 200)
    (tmp_path / "report.docx").write_bytes(docx.content)
    docx_text = " ".join(converted(tmp_path / "report.docx", TEXT, tmp_path).split())
    pages = pypdf.PdfReader(io.BytesIO(pdf.content)).pages
    pdf_text = " ".join(" ".join(page.extract_text() for page in pages).split())
    for text in (docx_text, pdf_text):
        for expected in (
            "1.1.2 Придбати спецавтомобіль для соціального таксі",
            "Два автомобілі замість одного",
            "враховано частково",
            "1.1 Доступ до базових послуг",
            "Денний догляд і в селах",
            "Оприлюднити проєкт у газеті",
            "не враховано",
            "Газети в громаді немає",
        ):
            assert expected in text, expected
        assert "a@x.example" not in text


def test_the_pages_say_proposals_are_taken_while_open_and_were_taken_after(
    world: World,
) -> None:
    strategy, consultation = _open(world)
    url = reverse("strategy:node", args=[_measure(strategy).pk])
    anonymous = world.client_for("anonymous")
    assert "пропозиції приймаються з" in anonymous.get(url).content.decode()
    advance(consultation, Status.CLOSED)
    page = anonymous.get(url).content.decode()
    assert "пропозиції приймали з" in page
    assert PROPOSE not in page
