import pytest

from turbota.core.disclosure import sex_row, single


def _shown(cells: tuple[object, ...]) -> list[str]:
    return [str(cell) for cell in cells]


def test_unsuppressed_row_shows_exact_figures_and_their_total() -> None:
    assert _shown(sex_row(8522, 5448, suppress=False)) == ["8522", "5448", "13970"]


def test_small_counts_show_exactly_to_those_allowed_to_see_them() -> None:
    assert _shown(sex_row(0, 2, suppress=False)) == ["0", "2", "2"]


def test_published_row_without_small_cells_is_unchanged() -> None:
    assert _shown(sex_row(7, 13, suppress=True)) == ["7", "13", "20"]


def test_zero_is_published_because_it_identifies_nobody() -> None:
    assert _shown(sex_row(463, 0, suppress=True)) == ["463", "0", "463"]


def test_a_small_total_hides_its_small_part() -> None:
    assert _shown(sex_row(0, 2, suppress=True)) == ["0", "<5", "<5"]


def test_one_small_part_also_hides_the_total_so_it_cannot_be_subtracted_back() -> None:
    female, male, total = sex_row(3, 100, suppress=True)
    assert _shown((female, male, total)) == ["<5", "100", "приховано"]
    assert female.value is None
    assert total.value is None


@pytest.mark.parametrize(
    ("value", "expected"), [(None, ""), (0, "0"), (1, "<5"), (4, "<5"), (5, "5")]
)
def test_single_count_is_hidden_between_one_and_four(value: int | None, expected: str) -> None:
    assert str(single(value, suppress=True)) == expected
