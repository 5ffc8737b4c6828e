"""The consultation pages in real Chromium: axe finds no WCAG 2.1 AA violations, and a
resident sends a proposal with the keyboard-reachable form."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from conftest import World
from turbota.consultations.enums import ConsultationStatus, Moderation
from turbota.consultations.models import Proposal
from turbota.consultations.tests.factories import (
    add_proposal,
    make_consultation,
    make_document,
    section_key,
)
from turbota.core.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_page_and_the_proposal_form_pass_axe_and_a_proposal_is_sent(
    live_server: Any, page: Page, world: World, settings: Any
) -> None:
    # given an open consultation with one public proposal; the browser fills in at once
    settings.TURBOTA_PUBLIC_FORM_MIN_SECONDS = 0
    document = make_document(world.hromada_a)
    consultation = make_consultation(world.hromada_a, ConsultationStatus.OPEN, document=document)
    add_proposal(consultation, "Соціальне таксі для сіл")
    for url in (
        reverse("consultations:list"),
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:propose", args=[consultation.pk]),
    ):
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
    # when a resident fills in the form on the page, by its labels
    page.get_by_label("Про який пункт документа").select_option(section_key(document, 2))
    page.get_by_label("Ваша пропозиція або зауваження").fill("Більше соціальних робітників")
    page.get_by_label("Контакт для відповіді").fill("resident@example.org")
    page.get_by_label("Я погоджуюся").check()
    assert not page.get_by_label("Не заповнюйте це поле").is_visible()  # the honeypot
    page.get_by_role("button", name="Надіслати пропозицію").click()
    # then it is thanked for and waits for moderation
    assert "Пропозицію отримано" in page.content()
    assert axe_violations(page) == []
    sent = Proposal.objects.get(text="Більше соціальних робітників")
    assert (sent.moderation, sent.item_label) == (Moderation.PENDING, "2. Догляд вдома")


def test_the_staff_pages_pass_axe(live_server: Any, page: Page, world: World) -> None:
    consultation = make_consultation(world.hromada_a, ConsultationStatus.OPEN)
    add_proposal(consultation)
    user = world.users["hromada_staff"]
    assert user is not None
    sign_in(page, user, live_server)
    for url in (
        reverse("consultations:hromada_list", args=[world.hromada_a.code]),
        reverse("consultations:create", args=[world.hromada_a.code]),
        reverse("consultations:manage", args=[consultation.pk]),
        reverse("consultations:moderation", args=[consultation.pk]),
        reverse("consultations:proposal_add", args=[consultation.pk]),
        reverse("consultations:documents", args=[world.hromada_a.code]),
    ):
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
