import datetime

import pytest

from turbota.catalog.models import BasicServiceList, BasicServiceListEntry, Service
from turbota.catalog.queries import basic_service_lists, catalog_summary, services_with_basic_flag

pytestmark = pytest.mark.usefixtures("catalog")

DAY = datetime.date(2026, 11, 23)


def basic_flags(day: datetime.date) -> dict[str, bool]:
    services = services_with_basic_flag(day)
    return {service.code: service.is_basic for service in services}  # type: ignore[attr-defined]


def basic_codes(day: datetime.date) -> set[str]:
    return {code for code, is_basic in basic_flags(day).items() if is_basic}


def test_the_classifier_lists_37_services_in_code_order() -> None:
    codes = [service.code for service in services_with_basic_flag(DAY)]

    assert len(codes) == 37
    assert codes[:3] == ["001.0", "002.0", "002.1"]
    assert codes[-1] == "023.0"


def test_a_service_on_the_list_in_force_is_basic_and_others_are_not() -> None:
    is_basic = basic_flags(DAY)

    assert is_basic["015.1"]  # догляд вдома
    assert is_basic["022.0"]  # переклад жестовою мовою
    assert not is_basic["015.2"]  # догляд стаціонарний
    assert not is_basic["002.1"]


def test_sixteen_codes_are_basic_because_one_of_17_entries_has_no_code() -> None:
    assert len(basic_codes(DAY)) == 16
    assert services_with_basic_flag(DAY, basic=True).count() == 16
    assert services_with_basic_flag(DAY, basic=False).count() == 21


def test_nothing_is_basic_before_the_law_came_into_force() -> None:
    assert basic_codes(datetime.date(2019, 12, 31)) == set()


def test_a_list_that_ended_yesterday_does_not_make_a_service_basic() -> None:
    # given: stationary care was basic on a list that ended yesterday
    ended = BasicServiceList.objects.create(
        title="Старий перелік",
        legal_act="Закон (стара редакція)",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=DAY - datetime.timedelta(days=1),
    )
    BasicServiceListEntry.objects.create(
        basic_list=ended, name="догляд стаціонарний", service=Service.objects.get(code="015.2")
    )

    # then
    assert "015.2" in basic_codes(DAY - datetime.timedelta(days=1))
    assert "015.2" not in basic_codes(DAY)


def test_an_entry_without_a_code_is_listed_with_no_service() -> None:
    (basic_list,) = basic_service_lists(DAY)

    entries = list(basic_list.entries.all())
    without_code = [entry.name for entry in entries if entry.service is None]

    assert len(entries) == 17
    assert without_code == ["соціальна профілактика"]


def test_a_list_is_in_force_from_its_first_day() -> None:
    def in_force(day: datetime.date) -> list[bool]:
        return [basic_list.is_in_force for basic_list in basic_service_lists(day)]  # type: ignore[attr-defined]

    assert in_force(datetime.date(2019, 12, 31)) == [False]
    assert in_force(datetime.date(2020, 1, 1)) == [True]


def test_basic_service_lists_read_entries_and_codes_in_two_queries(
    django_assert_num_queries,
) -> None:
    with django_assert_num_queries(2):
        codes = [
            e.service and e.service.code
            for lst in basic_service_lists(DAY)
            for e in lst.entries.all()
        ]

    assert codes[0] == "015.1"


def test_the_summary_counts_the_shipped_reference_data() -> None:
    summary = catalog_summary(DAY)

    assert summary.services == 37
    assert summary.unconfirmed_services == 18
    assert summary.basic_services == 16
    assert summary.basic_service_lists == 1
    assert summary.vulnerable_groups == 14
    assert summary.age_bands == 5
    assert summary.life_circumstances == 16
