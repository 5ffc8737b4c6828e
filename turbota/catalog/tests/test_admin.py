import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from turbota.catalog.models import (
    AgeBand,
    BasicServiceList,
    BasicServiceListEntry,
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
