"""The columns of an episode import file (one row = one service episode of one person):
their Ukrainian headers, how each cell is read, and the XLSX template built from them.

docs/imports-episodes.md describes the same columns for the people who fill them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from turbota.core.enums import Sex
from turbota.core.text import normalize_text
from turbota.people.enums import DocumentType, EpisodeStatus, VolumeUnit
from turbota.providers.enums import PaymentBasis
from turbota.reports.xlsx import (
    CellValueError,
    Column,
    SheetSpec,
    parse_decimal,
    parse_text,
    write_workbook,
)

EARLIEST_BIRTH = datetime.date(1900, 1, 1)
MAX_VOLUME = Decimal("9999999.99")  # ServiceEpisode.volume: 9 digits, 2 after the point
TEXT = "@"  # codes stay text in the template: Excel would drop leading zeros


def _words(choices: Mapping[str, str], *extra: tuple[str, str]) -> dict[str, str]:
    """Accepted spellings (value or Ukrainian label, any case) → stored value."""
    words = {label.casefold(): value for value, label in choices.items()}
    words |= {value.casefold(): value for value in choices}
    return words | {word.casefold(): value for word, value in extra}


def _choice(words: dict[str, str], shown: list[str]) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        text = normalize_text(parse_text(raw)).casefold().rstrip(".")
        if text not in words:
            raise CellValueError("допустимі значення: " + ", ".join(f"«{s}»" for s in shown))
        return words[text]

    return parse


_SEX_WORDS = _words(
    dict(Sex.choices),
    ("ж", Sex.FEMALE),
    ("жін", Sex.FEMALE),
    ("жінка", Sex.FEMALE),
    ("жіноча", Sex.FEMALE),
    ("ч", Sex.MALE),
    ("чол", Sex.MALE),
    ("чоловік", Sex.MALE),
    ("чоловіча", Sex.MALE),
)
_DOCUMENT_WORDS = _words(dict(DocumentType.choices), ("паспорт", DocumentType.PASSPORT_BOOK))
_PAYMENT_WORDS = _words(
    dict(PaymentBasis.choices),
    ("безкоштовно", PaymentBasis.FREE),
    ("диференційована плата", PaymentBasis.DIFFERENTIATED_FEE),
)
_UNIT_WORDS = _words(
    dict(VolumeUnit.choices),
    ("години", VolumeUnit.HOURS),
    ("год", VolumeUnit.HOURS),
    ("відвідування", VolumeUnit.VISITS),
    ("дні", VolumeUnit.DAYS),
    ("набори", VolumeUnit.SETS),
    ("консультації", VolumeUnit.CONSULTATIONS),
)
_STATUS_WORDS = _words(dict(EpisodeStatus.choices))
# Each choice column's accepted spellings, as ``_choice`` compares them: for the set-based
# import on PostgreSQL, which looks the words up in SQL.
CHOICE_WORDS = {
    "document_type": _DOCUMENT_WORDS,
    "sex": _SEX_WORDS,
    "payment_basis": _PAYMENT_WORDS,
    "volume_unit": _UNIT_WORDS,
    "status": _STATUS_WORDS,
}


def _name(max_length: int) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        text = normalize_text(parse_text(raw))
        if len(text) > max_length:
            raise CellValueError(f"не довше {max_length} символів")
        return text

    return parse


def parse_rnokpp(raw: object) -> str:
    """Ten digits. A number cell of Excel drops a leading zero; it is put back."""
    text = parse_text(raw).replace(" ", "")
    if isinstance(raw, int | float) and len(text) == 9:
        text = text.zfill(10)
    if not re.fullmatch(r"\d{10}", text):
        raise CellValueError("РНОКПП — 10 цифр")
    return text


def parse_document_number(raw: object) -> str:
    text = re.sub(r"\s+", "", parse_text(raw)).upper()
    if len(text) > 30:
        raise CellValueError("не довше 30 символів")
    return text


def parse_day(raw: object) -> datetime.date:
    """A calendar date: a date cell, ДД.ММ.РРРР or РРРР-ММ-ДД."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = parse_text(raw)
    for pattern, order in (
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", (3, 2, 1)),
        (r"(\d{4})-(\d{2})-(\d{2})", (1, 2, 3)),
    ):
        found = re.fullmatch(pattern, text)
        if found:
            year, month, day = (int(found.group(i)) for i in order)
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise CellValueError("такої дати в календарі немає") from None
    raise CellValueError("очікується дата у вигляді ДД.ММ.РРРР")


def parse_settlement_code(raw: object) -> str:
    text = parse_text(raw).replace(" ", "").upper()
    if not re.fullmatch(r"UA\d{17}", text):
        raise CellValueError("код КАТОТТГ має вигляд UA і 17 цифр")
    return text


def parse_service_code(raw: object) -> str:
    """NNN.N or NNN.N.N; a number cell (15.1) is read as 015.1."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return f"{float(raw):05.1f}"
    text = parse_text(raw).replace(" ", "")
    if not re.fullmatch(r"\d{3}\.\d(\.\d)?", text):
        raise CellValueError("код послуги має вигляд NNN.N, наприклад 015.1")
    return text


def parse_provider(raw: object) -> str:
    text = parse_text(raw).replace(" ", "")
    if not re.fullmatch(r"\d{1,10}", text):
        raise CellValueError("очікується код ЄДРПОУ (8 цифр), РНОКПП (10 цифр) або номер надавача")
    return text


def parse_volume(raw: object) -> Decimal:
    volume = parse_decimal(raw)
    # The size is checked first: quantize() of a huge number (1e30) raises instead of
    # answering.
    if abs(volume) > MAX_VOLUME or volume != volume.quantize(Decimal("0.01")):
        raise CellValueError("не більше 9 999 999,99 і не більше двох знаків після коми")
    return volume


COLUMNS = (
    Column("last_name", "прізвище", _name(100), required=True, width=18),
    Column("first_name", "ім'я", _name(100), required=True, width=14),
    Column("patronymic", "по батькові", _name(100), width=16),
    Column(
        "rnokpp", "РНОКПП", parse_rnokpp, width=13, help="10 цифр; або документ", number_format=TEXT
    ),
    Column(
        "document_type",
        "вид документа",
        _choice(_DOCUMENT_WORDS, [label for _, label in DocumentType.choices]),
        width=18,
        help="якщо немає РНОКПП: " + "; ".join(label for _, label in DocumentType.choices),
    ),
    Column(
        "document_number",
        "номер документа",
        parse_document_number,
        width=16,
        help="серія і номер",
        number_format=TEXT,
    ),
    Column("birth_date", "дата народження", parse_day, required=True, width=14, help="ДД.ММ.РРРР"),
    Column(
        "sex",
        "стать",
        _choice(_SEX_WORDS, ["ж", "ч", "жінка", "чоловік"]),
        required=True,
        width=8,
        help="ж або ч",
    ),
    Column(
        "settlement",
        "код населеного пункту КАТОТТГ",
        parse_settlement_code,
        required=True,
        width=22,
        help="населений пункт громади, де надають послугу (для нової особи — і де вона живе)",
        number_format=TEXT,
    ),
    Column(
        "service",
        "код послуги",
        parse_service_code,
        required=True,
        width=10,
        help="за класифікатором, наприклад 015.1",
        number_format=TEXT,
    ),
    Column(
        "provider",
        "ЄДРПОУ надавача",
        parse_provider,
        required=True,
        width=14,
        help="ЄДРПОУ або РНОКПП надавача з реєстру громади; "
        "для надавача без коду — його номер у системі",
        number_format=TEXT,
    ),
    Column("start_date", "дата початку", parse_day, required=True, width=13, help="ДД.ММ.РРРР"),
    Column(
        "end_date", "дата завершення", parse_day, width=13, help="ДД.ММ.РРРР; порожньо, якщо триває"
    ),
    Column(
        "payment_basis",
        "умови оплати",
        _choice(_PAYMENT_WORDS, [label for _, label in PaymentBasis.choices]),
        width=18,
        help="порожньо — безоплатно",
    ),
    Column("volume", "обсяг", parse_volume, width=9),
    Column(
        "volume_unit",
        "одиниця обсягу",
        _choice(_UNIT_WORDS, [label for _, label in VolumeUnit.choices]),
        width=14,
        help="; ".join(label for _, label in VolumeUnit.choices),
    ),
    Column(
        "status",
        "стан",
        _choice(_STATUS_WORDS, [label for _, label in EpisodeStatus.choices]),
        width=12,
        help="порожньо — «завершено», якщо дата завершення минула, інакше «надається»",
    ),
)
SHEET = SheetSpec(
    name="Епізоди",
    columns=COLUMNS,
    description="Один рядок — один епізод надання послуги одній особі.",
)
INSTRUCTIONS = (
    "Імпорт отримувачів і епізодів надання послуг. Один рядок — один епізод.",
    "Особу шукають за РНОКПП, інакше за видом і номером документа, інакше за прізвищем, "
    "ім'ям, по батькові й датою народження в громаді; якщо не знайдено — додають нову.",
    "Дані вже відомої особи імпорт не змінює. Той самий рядок, імпортований удруге, пропускають.",
    "Файл записують лише цілком: якщо хоч один рядок має помилку, не записують нічого, "
    "а всі помилки показують у звіті.",
    "Можна завантажити і CSV (роздільник «;» або «,», кодування UTF-8 або Windows-1251) "
    "з тими самими назвами стовпців у першому рядку.",
)


def write_template() -> bytes:
    """An empty XLSX template with the instructions sheet."""
    return write_workbook([SHEET], {}, instructions=INSTRUCTIONS)
