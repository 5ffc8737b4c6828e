"""Input validation for the community profile's edit pages and the codifier search."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms

from turbota.territories.actions import SettlementData, VitalData
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import HromadaProfile, SettlementProfile, Territory

YEAR_MIN, YEAR_MAX = 1991, 2100


def _decimal(
    label: str, *, digits: int, places: int, bounds: tuple[Decimal, Decimal] | None = None
) -> forms.DecimalField:
    if bounds is None:
        return forms.DecimalField(
            label=label,
            required=False,
            max_digits=digits,
            decimal_places=places,
            min_value=Decimal(0),
            localize=True,
            error_messages={"min_value": "Значення не може бути від’ємним."},
        )
    low, high = bounds
    outside = f"{label} має бути між {low} і {high} (межі України).".replace(".5", ",5")
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=digits,
        decimal_places=places,
        min_value=low,
        max_value=high,
        localize=True,
        error_messages={"min_value": outside, "max_value": outside},
    )


def _count(label: str, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        error_messages={"min_value": "Кількість не може бути від’ємною."},
    )


def _year(label: str = "Рік", *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=required, min_value=YEAR_MIN, max_value=YEAR_MAX
    )


class ProfileForm(forms.Form):
    area_km2 = _decimal("Площа громади, км²", digits=9, places=2)
    administrative_centre = forms.ModelChoiceField(
        label="Адміністративний центр громади",
        queryset=Territory.objects.none(),
        required=False,
        empty_label="— не вказано —",
        error_messages={"invalid_choice": "Виберіть населений пункт цієї громади."},
    )
    distance_to_oblast_centre_km = _decimal("Відстань до обласного центру, км", digits=7, places=2)
    oblast_centre_name = forms.CharField(
        label="Обласний (адміністративний) центр",
        max_length=200,
        required=False,
        help_text="Наприклад: м. Краматорськ.",
    )
    description = forms.CharField(
        label="Загальні відомості", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    data_note = forms.CharField(
        label="Примітка про дані",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Джерела, дата, що саме оцінено, а не взято з документа.",
    )
    is_published = forms.BooleanField(
        label="Опублікувати профіль",
        required=False,
        help_text="Опублікований профіль бачать усі; значення, менші за 5, приховано.",
    )

    def __init__(self, *args: Any, hromada: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["administrative_centre"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Territory.objects.settlements().filter(hromada=hromada)

    @staticmethod
    def initial_for(profile: HromadaProfile) -> dict[str, object]:
        return {name: getattr(profile, name) for name in ProfileForm.base_fields}


class SettlementForm(forms.Form):
    # The row's settlement, so a list that changed since the page opened is not misread.
    code = forms.CharField(widget=forms.HiddenInput)
    population = _count("Населення, осіб")
    population_year = _year("Рік (на 1 січня)", required=False)
    area_km2 = _decimal("Площа, км²", digits=9, places=2)
    is_urban = forms.BooleanField(label="Міська місцевість", required=False)
    distance_to_centre_km = _decimal("Відстань до центру громади, км", digits=7, places=2)
    latitude = _decimal("Широта", digits=9, places=6, bounds=(Decimal(44), Decimal("52.5")))
    longitude = _decimal("Довгота", digits=9, places=6, bounds=(Decimal(22), Decimal("40.5")))
    is_estimated = forms.BooleanField(label="Оцінка", required=False)

    def __init__(self, *args: Any, settlement: Territory, **kwargs: Any) -> None:
        self.settlement = settlement
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if code != self.settlement.code:
            raise forms.ValidationError(
                "Перелік населених пунктів змінився: відкрийте сторінку знову."
            )
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("population") is not None and not data.get("population_year"):
            self.add_error("population_year", "Вкажіть рік, на який наведено населення.")
        return data

    def to_data(self) -> SettlementData:
        data = dict(self.cleaned_data)
        del data["code"]
        if data["is_urban"] == self.settlement.is_urban_by_category:
            data["is_urban"] = None  # the codifier's default: a blank row stays blank
        return SettlementData(**data)

    @staticmethod
    def initial_for(settlement: Territory) -> dict[str, object]:
        profile: SettlementProfile | None = getattr(settlement, "settlement_profile", None)
        if profile is None:
            return {"code": settlement.code, "is_urban": settlement.is_urban_by_category}
        fields = [name for name in SettlementForm.base_fields if name != "code"]
        return {"code": settlement.code} | {name: getattr(profile, name) for name in fields}


class BaseSettlementFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """One form per settlement of the hromada, however many forms the browser reports."""

    def __init__(self, *args: Any, settlements: Sequence[Territory], **kwargs: Any) -> None:
        self.settlements = list(settlements)
        kwargs.setdefault("initial", [SettlementForm.initial_for(s) for s in self.settlements])
        super().__init__(*args, **kwargs)

    def total_form_count(self) -> int:
        return len(self.settlements)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        assert index is not None
        return {"settlement": self.settlements[index]}

    def rows(self) -> list[tuple[Territory, SettlementData]]:
        return [(form.settlement, form.to_data()) for form in self.forms]


SettlementFormSet = cast(
    type[BaseSettlementFormSet],
    forms.formset_factory(SettlementForm, formset=BaseSettlementFormSet, extra=0),
)


class SexGridForm(forms.Form):
    """A women / men table for one year: one pair of inputs per age band or group."""

    year = _year()
    is_estimated = forms.BooleanField(
        label="Значення оцінені, а не взяті з офіційного джерела", required=False
    )
    source = forms.CharField(label="Джерело даних", max_length=300, required=False)

    def __init__(self, *args: Any, rows: Sequence[tuple[object, str, str]], **kwargs: Any) -> None:
        """``rows``: (key, field suffix, label) for each row of the table."""
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for _key, suffix, label in self.rows:
            self.fields[f"female_{suffix}"] = _count(f"{label} — жінки")
            self.fields[f"male_{suffix}"] = _count(f"{label} — чоловіки")

    def grid(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (label, self[f"female_{suffix}"], self[f"male_{suffix}"])
            for _key, suffix, label in self.rows
        ]

    def values(self) -> dict[object, tuple[int | None, int | None]]:
        data = self.cleaned_data
        return {
            key: (data.get(f"female_{suffix}"), data.get(f"male_{suffix}"))
            for key, suffix, _label in self.rows
        }


class VitalForm(forms.Form):
    year = _year()
    births = _count("Народилося, осіб", required=True)
    deaths = _count("Померло, осіб", required=True)
    is_estimated = forms.BooleanField(label="Оцінка", required=False)
    source = forms.CharField(label="Джерело", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("year"):
            self.fields["year"].disabled = True  # a stored year is deleted, not renamed

    def to_data(self) -> VitalData:
        data = self.cleaned_data
        return VitalData(
            year=data["year"],
            births=data["births"],
            deaths=data["deaths"],
            is_estimated=data["is_estimated"],
            source=data["source"],
        )


def _marked_for_deletion(form: forms.Form) -> bool:
    return bool(getattr(form, "cleaned_data", {}).get("DELETE"))


class BaseVitalFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        seen: set[int] = set()
        for form in self.forms:
            year = form.cleaned_data.get("year") if form.is_valid() else None
            if year is None or _marked_for_deletion(form):
                continue
            if year in seen:
                form.add_error("year", f"Рік {year} уже є в таблиці.")
            seen.add(year)

    def rows(self) -> list[VitalData]:
        return [
            form.to_data()
            for form in self.forms
            if form.has_changed() and not _marked_for_deletion(form)
        ]

    def deleted_years(self) -> list[int]:
        return [form.initial["year"] for form in self.deleted_forms if form.initial.get("year")]


VitalFormSet = cast(
    type[BaseVitalFormSet],
    forms.formset_factory(VitalForm, formset=BaseVitalFormSet, extra=2, can_delete=True),
)


class TerritorySearchForm(forms.Form):
    q = forms.CharField(label="Назва або код КАТОТТГ", required=False, max_length=100)
    category = forms.ChoiceField(
        label="Категорія",
        required=False,
        choices=[("", "усі категорії"), *TerritoryCategory.choices],
    )
    oblast = forms.ModelChoiceField(
        label="Область",
        required=False,
        queryset=Territory.objects.oblasts(),
        empty_label="усі області",
        to_field_name="code",
    )
    include_crimea = forms.BooleanField(label="разом з АР Крим і Севастополем", required=False)
