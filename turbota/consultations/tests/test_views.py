"""The pages as people use them: the public proposal form and its anti-spam checks,
moderation, decisions, uploads, registrations — and that a contact is never public."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from turbota.consultations import actions
from turbota.consultations.antispam import SUBMISSIONS_PER_HOUR, issue_stamp
from turbota.consultations.enums import ConsultationStatus, Decision, Moderation
from turbota.consultations.models import ConsultationDocument, ConsultationRules, Meeting, Proposal
from turbota.consultations.tests.factories import (
    NOBODY,
    PDF_BYTES,
    add_proposal,
    advance,
    docx_bytes,
    filled_form,
    make_consultation,
    make_document,
    section_key,
)

Status = ConsultationStatus
CONTACT = "olena.private@resident.example"


def _propose(client: Client, pk: int, **fields: Any) -> Any:
    data = filled_form(text="Соціальне таксі для сіл", contact=CONTACT) | fields
    return client.post(reverse("consultations:propose", args=[pk]), data)


def test_a_residents_proposal_waits_for_moderation_and_is_not_public_until_approved(
    world: World,
) -> None:
    # given an open consultation
    document = make_document(world.hromada_a)
    consultation = make_consultation(world.hromada_a, Status.OPEN, document=document)
    public = Client()
    # when a resident sends a proposal on section 2 without a name
    response = _propose(public, consultation.pk, item=section_key(document, 2))
    # then it is thanked for and waits; the public page does not show it yet
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.moderation, proposal.author_name, proposal.item_label) == (
        Moderation.PENDING,
        "",
        "2. Догляд вдома",
    )
    page = public.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Пропозицію отримано" in page
    assert "Соціальне таксі для сіл" not in page
    # when the staff approve it in the moderation queue (where they see the contact)
    staff = world.client_for("hromada_staff")
    queue = staff.get(reverse("consultations:moderation", args=[consultation.pk]))
    assert CONTACT in queue.content.decode()
    staff.post(reverse("consultations:moderate", args=[proposal.pk]), {"approve": "1"})
    # then it is public, without its contact, on the page and in the report
    page = public.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Соціальне таксі для сіл" in page
    assert CONTACT not in page
    advance(consultation, Status.REPORT_PUBLISHED)
    report = public.get(reverse("consultations:report", args=[consultation.pk, "docx"]))
    assert report.status_code == 200
    assert CONTACT.encode() not in report.content


def test_a_filled_honeypot_is_answered_as_accepted_and_nothing_is_kept(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    response = _propose(Client(), consultation.pk, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:detail", args=[consultation.pk])
    assert not Proposal.objects.exists()


def test_a_form_sent_sooner_than_a_person_could_fill_it_is_shown_again(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    response = _propose(Client(), consultation.pk, started=issue_stamp(time.time() - 1))
    assert response.status_code == 400
    assert "надто швидко" in response.content.decode()
    assert "Соціальне таксі для сіл" in response.content.decode()  # what they wrote is kept
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("stamp", ["", "forged:value", issue_stamp(time.time() - 3 * 24 * 3600)])
def test_a_missing_forged_or_day_old_stamp_is_refused(world: World, stamp: str) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    response = _propose(Client(), consultation.pk, started=stamp)
    assert response.status_code == 400
    assert "Сторінка застаріла" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_visitor_sending_too_often_is_refused_with_429_and_others_are_not(
    world: World,
) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    visitor = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(SUBMISSIONS_PER_HOUR):
        assert _propose(visitor, consultation.pk).status_code == 302
    refused = _propose(visitor, consultation.pk)
    assert refused.status_code == 429
    assert "Забагато надсилань" in refused.content.decode()
    assert Proposal.objects.count() == SUBMISSIONS_PER_HOUR
    assert _propose(Client(REMOTE_ADDR="203.0.113.6"), consultation.pk).status_code == 302


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"contact": ""}, "contact"),
        ({"consent": ""}, "consent"),
        ({"text": ""}, "text"),
        ({"item": "section:0"}, "item"),
    ],
)
def test_a_proposal_needs_a_text_a_contact_and_consent_but_not_a_name(
    world: World, fields: dict[str, str], error: str
) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    response = _propose(Client(), consultation.pk, **fields)
    assert response.status_code == 400
    assert error in response.context["form"].errors
    assert not Proposal.objects.exists()


def test_the_proposal_form_is_closed_outside_the_period(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED)
    page = Client().get(reverse("consultations:propose", args=[consultation.pk]))
    assert "зараз не триває" in page.content.decode()
    assert _propose(Client(), consultation.pk).status_code == 400
    assert not Proposal.objects.exists()


def _closed_with_a_proposal(world: World) -> Proposal:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    proposal = add_proposal(consultation, contact=CONTACT)
    advance(consultation, Status.CLOSED)
    return proposal


def test_staff_must_give_a_reason_to_reject_a_proposal(world: World) -> None:
    proposal = _closed_with_a_proposal(world)
    staff = world.client_for("hromada_staff")
    url = reverse("consultations:decide", args=[proposal.pk])
    assert CONTACT in staff.get(url).content.decode()  # to reply
    refused = staff.post(url, {"decision": Decision.REJECTED, "reason": ""})
    assert refused.status_code == 400
    assert "Обґрунтуйте" in refused.content.decode()
    staff.post(url, {"decision": Decision.REJECTED, "reason": "Немає коштів"})
    proposal.refresh_from_db()
    assert (proposal.decision, proposal.decision_reason) == ("rejected", "Немає коштів")


def test_the_working_group_recommends_without_seeing_the_contact_and_staff_decide(
    world: World,
) -> None:
    proposal = _closed_with_a_proposal(world)
    group = world.client_for("working_group")
    url = reverse("consultations:recommend", args=[proposal.pk])
    assert CONTACT not in group.get(url).content.decode()
    group.post(url, {"decision": Decision.PARTLY, "reason": "Лише в місті"})
    proposal.refresh_from_db()
    assert (proposal.recommended_decision, proposal.decision) == ("partly", "")
    # the staff's decision page starts from the recommendation
    form = world.client_for("hromada_staff").get(
        reverse("consultations:decide", args=[proposal.pk])
    )
    assert form.context["form"].initial == {"decision": "partly", "reason": "Лише в місті"}


def test_staff_register_a_posted_proposal_which_is_public_at_once(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    staff = world.client_for("hromada_staff")
    response = staff.post(
        reverse("consultations:proposal_add", args=[consultation.pk]),
        {
            "channel": "post",
            "received_on": f"{consultation.starts_on:%Y-%m-%d}",
            "item": "",
            "text": "Лист від ради ветеранів",
            "author_name": "Рада ветеранів",
            "contact": "вул. Миру, 2",
        },
    )
    assert response.status_code == 302
    page = Client().get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Лист від ради ветеранів" in page
    assert "Рада ветеранів" not in page
    assert "вул. Миру, 2" not in page


def test_the_steps_on_the_working_page_say_why_a_draft_cannot_be_announced(
    world: World,
) -> None:
    ConsultationRules.objects.create(report_days=10, min_discussion_days=60, legal_basis="—")
    consultation = make_consultation(world.hromada_a)
    staff = world.client_for("hromada_staff")
    url = reverse("consultations:transition", args=[consultation.pk])
    response = staff.post(url, {"to": "announced"}, follow=True)
    assert "щонайменше 60 календарних днів" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == Status.DRAFT


def test_the_decision_on_results_is_recorded_on_its_page(world: World) -> None:
    # given proposals that closed 20 days ago, each decided
    consultation = make_consultation(world.hromada_a, Status.CLOSED)
    proposal = add_proposal(consultation)
    actions.decide(proposal=proposal, decision=Decision.ACCEPTED, reason="", by=NOBODY)
    staff = world.client_for("hromada_staff")
    url = reverse("consultations:results", args=[consultation.pk])
    # when the decision is dated the last day of proposals, then it is refused
    last_day = {"decided_on": f"{consultation.ends_on:%Y-%m-%d}", "decision_text": "Доопрацьовано"}
    response = staff.post(url, last_day)
    assert response.status_code == 400
    assert "після завершення прийому" in response.content.decode()
    # when dated the day after, then it is recorded and the report is due in 10 days
    next_day = consultation.ends_on + datetime.timedelta(days=1)
    staff.post(url, {"decided_on": f"{next_day:%Y-%m-%d}", "decision_text": "Доопрацьовано"})
    consultation.refresh_from_db()
    assert (consultation.status, consultation.decision_text) == ("decided", "Доопрацьовано")
    assert consultation.report_due_on == next_day + datetime.timedelta(days=10)


def _upload(client: Client, world: World, name: str, content: bytes) -> Any:
    return client.post(
        reverse("consultations:documents", args=[world.hromada_a.code]),
        {"title": "Проєкт", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("proekt.pdf", b"not a pdf at all", "не є документом PDF чи DOCX"),
        ("tablytsia.docx", b"PK\x03\x04 not really a zip", "не є документом PDF чи DOCX"),
        ("proekt.txt", b"text", "у форматі PDF або DOCX"),
        ("proekt.docx", PDF_BYTES, "за вмістом це PDF"),
        ("proekt.pdf", b"", "порожній"),
    ],
)
def test_an_upload_that_is_not_a_real_pdf_or_docx_is_refused_with_a_reason(
    world: World, name: str, content: bytes, message: str
) -> None:
    response = _upload(world.client_for("hromada_staff"), world, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationDocument.objects.exists()


def test_a_renamed_spreadsheet_is_not_taken_for_a_word_document(world: World) -> None:
    from turbota.reports.documents import Outline, write_document

    xlsx = write_document(Outline(title="Таблиця"), "xlsx")
    response = _upload(world.client_for("hromada_staff"), world, "proekt.docx", xlsx)
    assert response.status_code == 400
    assert not ConsultationDocument.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(world: World, settings: Any) -> None:
    settings.TURBOTA_CONSULTATION_UPLOAD_MAX_BYTES = 1024
    response = _upload(world.client_for("hromada_staff"), world, "proekt.pdf", PDF_BYTES * 40)
    assert response.status_code == 400
    assert "Файл завеликий" in response.content.decode()


def test_an_uploaded_document_is_public_once_its_consultation_is_announced(
    world: World,
) -> None:
    staff = world.client_for("hromada_staff")
    uploaded = docx_bytes()  # made once: a DOCX carries the time it was written
    assert _upload(staff, world, "proekt.docx", uploaded).status_code == 302
    document = ConsultationDocument.objects.get()
    url = reverse("consultations:document_file", args=[document.pk])
    assert Client().get(url).status_code == 302  # to log in
    make_consultation(world.hromada_a, Status.ANNOUNCED, document=document)
    response = Client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == uploaded  # type: ignore[attr-defined]
    assert 'filename="proekt.docx"' in response["Content-Disposition"]


def test_staff_rename_and_remove_sections(world: World) -> None:
    document = make_document(world.hromada_a)
    first, second, third = document.sections.all()
    data = {
        "sections-TOTAL_FORMS": "4",
        "sections-INITIAL_FORMS": "3",
        "sections-0-section_id": str(first.pk),
        "sections-0-title": "1. Доступність",
        "sections-1-section_id": str(second.pk),
        "sections-1-title": "",
        "sections-2-section_id": str(third.pk),
        "sections-2-title": third.title,
        "sections-3-title": "4. Новий розділ",
    }
    staff = world.client_for("hromada_staff")
    staff.post(reverse("consultations:document_sections", args=[document.pk]), data)
    assert [(s.pk, s.title) for s in document.sections.all()][:2] == [
        (first.pk, "1. Доступність"),
        (third.pk, third.title),
    ]
    assert document.sections.last().title == "4. Новий розділ"  # type: ignore[union-attr]


def test_the_public_registers_for_a_meeting_until_it_is_full(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED)
    meeting = actions.save_meeting(
        meeting=Meeting(
            consultation=consultation,
            date=consultation.ends_on,
            starts_at=datetime.time(14),
            address="Зала",
            capacity=1,
            online_registration=True,
        )
    )
    url = reverse("consultations:register", args=[consultation.pk, meeting.pk])
    data = filled_form(name="Олена", contact=CONTACT)
    assert Client().post(url, data).status_code == 302
    full = Client(REMOTE_ADDR="203.0.113.9").post(url, data)
    assert full.status_code == 400
    assert "Усі місця" in full.content.decode()
    page = Client().get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Зареєструвалося: 1 з 1 місць" in page
    assert "Олена" not in page


def test_the_hromadas_own_rules_are_saved_from_its_page(world: World) -> None:
    staff = world.client_for("hromada_staff")
    staff.post(
        reverse("consultations:rules", args=[world.hromada_a.code]),
        {"report_days": "7", "min_discussion_days": "20", "legal_basis": "Положення № 5"},
    )
    rules = ConsultationRules.objects.get()
    assert (rules.hromada, rules.report_days, rules.min_discussion_days) == (
        world.hromada_a,
        7,
        20,
    )


def test_the_list_pages_take_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for _ in range(6):
        consultation = make_consultation(world.hromada_a, Status.REPORT_PUBLISHED)
    client = world.client_for("hromada_staff")
    with django_assert_max_num_queries(12):
        client.get(reverse("consultations:list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("consultations:hromada_list", args=[world.hromada_a.code]))
    with django_assert_max_num_queries(25):
        client.get(reverse("consultations:detail", args=[consultation.pk]))


def test_many_proposals_are_shown_fifty_a_page_numbered_on(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    for number in range(1, 53):
        add_proposal(consultation, f"Пропозиція номер {number}.")
    url = reverse("consultations:detail", args=[consultation.pk])
    first = Client().get(url).content.decode()
    second = Client().get(url + "?page=2").content.decode()
    assert "Пропозиції (52)" in first
    assert "Сторінка 1 з 2" in first
    assert "Пропозиція номер 50." in first
    assert "Пропозиція номер 51." not in first
    assert "№ 51 ·" in second
