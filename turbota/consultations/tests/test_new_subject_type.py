"""A newly registered kind of document works end to end — what the strategy app gets by
registering its strategy. The stand-in app (``tests/standin``: a plan with goals) is
installed for this test only and registers itself from its ``AppConfig.ready()``."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import World
from turbota.consultations import actions, subjects
from turbota.consultations.documents import PROPOSALS_TABLE, outline
from turbota.consultations.models import Consultation
from turbota.consultations.tests.factories import NOBODY, filled_form
from turbota.consultations.tests.standin.models import DraftPlan, PlanGoal

pytestmark = pytest.mark.django_db(transaction=True)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def standin(settings: Any) -> Iterator[None]:
    registry = dict(subjects._REGISTRY)
    apps = [*settings.INSTALLED_APPS, "turbota.consultations.tests.standin"]
    with override_settings(INSTALLED_APPS=apps):
        with connection.schema_editor() as editor:
            editor.create_model(DraftPlan)
            editor.create_model(PlanGoal)
        try:
            yield
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(PlanGoal)
                editor.delete_model(DraftPlan)
            subjects._REGISTRY.clear()
            subjects._REGISTRY.update(registry)


def test_a_newly_registered_document_type_goes_from_announcement_to_report(
    standin: None, world: World
) -> None:
    # given a plan of hromada A with two goals, registered by its app's ready()
    plan = DraftPlan.objects.create(hromada=world.hromada_a, title="Проєкт плану розвитку")
    access = PlanGoal.objects.create(plan=plan, code="1.1", title="Доступність послуг")
    PlanGoal.objects.create(plan=plan, code="1.2", title="Догляд вдома")
    staff, public = world.client_for("hromada_staff"), world.client_for("anonymous")
    today = timezone.localdate()
    # when the staff start a consultation on it: the plan is offered as a document
    form_page = staff.get(reverse("consultations:create", args=[world.hromada_a.code]))
    assert "проєкт плану" in form_page.content.decode()
    assert "Проєкт плану розвитку" in form_page.content.decode()
    created = staff.post(
        reverse("consultations:create", args=[world.hromada_a.code]),
        {
            "topic": "Обговорення проєкту плану",
            "organiser": "УСЗН",
            "subject_ref": subjects.reference(plan),
            "starts_on": f"{today:%Y-%m-%d}",
            "ends_on": f"{today + 20 * DAY:%Y-%m-%d}",
            "accepts_web": "on",
            "responsible_person": "Особа",
            "responsible_contacts": "тел.",
        },
    )
    assert created.status_code == 302, created.content.decode()
    consultation = Consultation.objects.get()
    assert consultation.subject == plan
    # and announce it and open the proposals
    for step in ("announced", "open"):
        staff.post(reverse("consultations:transition", args=[consultation.pk]), {"to": step})
    consultation.refresh_from_db()
    assert consultation.status == "open"
    # then a resident proposes on goal 1.1, chosen among the plan's goals
    proposal_page = public.get(reverse("consultations:propose", args=[consultation.pk]))
    assert "1.2 Догляд вдома" in proposal_page.content.decode()
    sent = public.post(
        reverse("consultations:propose", args=[consultation.pk]),
        filled_form(item=f"goal:{access.pk}", text="Пандус у старостаті", contact="a@x.example"),
    )
    assert sent.status_code == 302
    (proposal,) = consultation.proposals.all()
    assert (proposal.item_key, proposal.item_label) == (
        f"goal:{access.pk}",
        "1.1 Доступність послуг",
    )
    # and after moderation, closing, the decision and the report, the goal is in its table
    staff.post(reverse("consultations:moderate", args=[proposal.pk]), {"approve": "1"})
    actions.close_proposals(consultation=consultation, by=NOBODY, today=consultation.ends_on + DAY)
    staff.post(reverse("consultations:decide", args=[proposal.pk]), {"decision": "accepted"})
    access.title = "Доступність"  # the plan changes later
    access.save()
    actions.record_decision(
        consultation=consultation,
        decided_on=consultation.ends_on + 2 * DAY,
        decision_text="План доопрацьовано",
        by=NOBODY,
        today=consultation.ends_on + 2 * DAY,
    )
    actions.publish_report(
        consultation=consultation, by=NOBODY, today=consultation.ends_on + 3 * DAY
    )
    consultation.refresh_from_db()
    report = outline(consultation, today=consultation.ends_on + 3 * DAY)
    (table,) = [t for t in report.tables if t.title == PROPOSALS_TABLE]
    assert [row[1:3] + row[4:5] for row in table.rows] == [
        ["1.1 Доступність послуг", "Пандус у старостаті", "враховано"]
    ]
    page = public.get(reverse("consultations:detail", args=[consultation.pk]))
    assert 'href="/plans/' in page.content.decode()
