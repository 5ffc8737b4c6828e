import datetime

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from turbota.catalog.models import (
    AgeBand,
    BasicServiceList,
    BasicServiceListEntry,
    DeadlineRule,
    LifeCircumstanceFactor,
    Service,
    ServiceGroup,
    VulnerableGroup,
)

pytestmark = pytest.mark.usefixtures("catalog")

MODELS = [
    ServiceGroup,
    Service,
    BasicServiceList,
    BasicServiceListEntry,
    AgeBand,
    VulnerableGroup,
    LifeCircumstanceFactor,
    DeadlineRule,
]


def admin_url(model: type[Model], action: str, *args: object) -> str:
    return reverse(f"admin:catalog_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_an_administrator_can_open_every_catalog_model_and_its_records(
    admin_client: Client, model: type[Model]
) -> None:
    record = model._default_manager.first()
    assert record is not None

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "change", record.pk)).status_code == 200


def test_an_administrator_corrects_a_placeholder_name_and_confirms_it(
    admin_client: Client,
) -> None:
    service = Service.objects.get(code="002.1")

    response = admin_client.post(
        admin_url(Service, "change", service.pk),
        {
            "code": "002.1",
            "name": "Консультування (уточнено)",
            "group": service.group_id,
            "purpose": "",
            "name_confirmed": "on",
            "note": "",
        },
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Консультування (уточнено)"
    assert service.name_confirmed


def test_a_basic_service_list_shows_its_entries_inline(admin_client: Client) -> None:
    basic_list = BasicServiceList.objects.get()

    html = admin_client.get(admin_url(BasicServiceList, "change", basic_list.pk)).content.decode()

    assert "соціальна профілактика" in html
    assert 'name="entries-TOTAL_FORMS" value="18"' in html  # 17 entries and one blank


def test_entries_without_a_code_can_be_found(admin_client: Client) -> None:
    html = admin_client.get(
        admin_url(BasicServiceListEntry, "changelist") + "?service__isempty=1"
    ).content.decode()

    assert "соціальна профілактика" in html
    assert "догляд вдома" not in html


def _rule_form(**fields: object) -> dict[str, object]:
    form: dict[str, object] = {
        "kind": "decision",
        "service_code": "015.1",
        "working_days": "1",
        "valid_from": "01.03.2025",
        "valid_to": "",
        "legal_basis": "ст. 20 Закону",
        "note": "",
    }
    return form | fields


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"working_days": "-1"}, "Кількість робочих днів не може бути від'ємною."),
        (
            {"valid_from": "01.03.2030", "valid_to": "01.02.2030"},
            "Дата «чинне до» раніша за дату «чинне з».",
        ),
        ({"service_code": "099.9"}, "Такого коду немає в класифікаторі послуг."),
        # the shipped martial-law rule for 015.1 runs from 24.02.2022 with no end
        ({}, "вже є правило, чинне в ці дати"),
    ],
    ids=["negative days", "ends before it starts", "unknown code", "overlaps"],
)
def test_an_administrator_is_told_in_ukrainian_what_is_wrong_with_a_deadline_rule(
    admin_client: Client, fields: dict[str, object], error: str
) -> None:
    before = DeadlineRule.objects.count()

    response = admin_client.post(admin_url(DeadlineRule, "add"), _rule_form(**fields))

    assert response.status_code == 200
    form = response.context["adminform"].form
    messages = [message for errors in form.errors.values() for message in errors]
    assert any(error in message for message in messages), messages
    assert DeadlineRule.objects.count() == before


def test_a_change_of_law_is_a_new_rule_after_the_old_one_is_closed(admin_client: Client) -> None:
    old = DeadlineRule.objects.get(kind="decision", service_code="015.1")

    closed = admin_client.post(
        admin_url(DeadlineRule, "change", old.pk),
        _rule_form(valid_from="24.02.2022", valid_to="28.02.2025", legal_basis=old.legal_basis),
    )
    added = admin_client.post(admin_url(DeadlineRule, "add"), _rule_form(working_days="2"))

    assert closed.status_code == added.status_code == 302
    rules = DeadlineRule.objects.filter(kind="decision", service_code="015.1")
    assert [(r.valid_from, r.valid_to, r.working_days) for r in rules] == [
        (datetime.date(2025, 3, 1), None, 2),
        (datetime.date(2022, 2, 24), datetime.date(2025, 2, 28), 1),
    ]
