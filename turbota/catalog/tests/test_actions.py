import pytest

from turbota.catalog.actions import load_catalog
from turbota.catalog.models import (
    AgeBand,
    BasicServiceList,
    BasicServiceListEntry,
    LifeCircumstanceFactor,
    Service,
    ServiceGroup,
    VulnerableGroup,
)

pytestmark = pytest.mark.django_db

CATALOG_MODELS = (
    ServiceGroup,
    Service,
    BasicServiceList,
    BasicServiceListEntry,
    AgeBand,
    VulnerableGroup,
    LifeCircumstanceFactor,
)


def test_the_first_load_creates_the_shipped_reference_data() -> None:
    result = load_catalog()

    assert result.created == {
        "service_groups": 23,
        "services": 37,
        "basic_service_lists": 1,
        "basic_services": 17,
        "age_bands": 5,
        "vulnerable_groups": 14,
        "life_circumstance_factors": 16,
    }


def test_a_code_without_a_known_name_gets_a_placeholder_to_confirm() -> None:
    load_catalog()

    service = Service.objects.get(code="002.1")

    assert service.name == "Послуга 002.1 (назву потрібно уточнити)"
    assert not service.name_confirmed
    assert service.group.code == "002"


def test_a_second_load_creates_nothing() -> None:
    load_catalog()
    counts = [model.objects.count() for model in CATALOG_MODELS]

    result = load_catalog()

    assert result.created == {}
    assert sum(result.kept.values()) == sum(counts)
    assert [model.objects.count() for model in CATALOG_MODELS] == counts


def test_a_second_load_keeps_an_administrators_corrections() -> None:
    # given: an administrator named a placeholder, confirmed a group and linked an entry
    load_catalog()
    Service.objects.filter(code="002.1").update(
        name="Консультування (уточнена назва)", name_confirmed=True
    )
    VulnerableGroup.objects.filter(code="older_persons").update(is_confirmed=True)
    BasicServiceListEntry.objects.filter(name="соціальна профілактика").update(
        service=Service.objects.get(code="016.0")
    )

    # when
    load_catalog()

    # then
    service = Service.objects.get(code="002.1")
    assert service.name == "Консультування (уточнена назва)"
    assert service.name_confirmed
    assert VulnerableGroup.objects.get(code="older_persons").is_confirmed
    entry = BasicServiceListEntry.objects.get(name="соціальна профілактика")
    assert entry.service is not None
    assert entry.service.code == "016.0"
