"""Input of the strategy pages: import, a new draft and its text, adoption, goals, tasks and
measures with their money by year, links to needs, indicators with targets, SWOT, the
working group, scenarios, monitoring periods and entries. No writes here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from django import forms

from turbota.catalog.models import Service
from turbota.core.forms import MAX_UPLOAD_BYTES
from turbota.strategy.enums import Area, MeasureStatus, PeriodStatus, SexCut
from turbota.strategy.imports import ImportMode
from turbota.strategy.models import (
    FundingSource,
    Indicator,
    MeasureReport,
    Node,
    ScenarioNote,
    Strategy,
    SwotItem,
    WorkingGroupMember,
)
from turbota.strategy.parsing.tree import NUMBER
from turbota.territories.models import Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT = {"max_digits": 14, "decimal_places": 3, "min_value": Decimal(0), "required": False}
UNSPLIT = 0  # the form's key for "not split by source"
LONGEST_PERIOD = 15  # years: each one is a column of the plan and of the funding grid

_Part = TypeVar("_Part", SwotItem, WorkingGroupMember, ScenarioNote)


class AmountField(forms.DecimalField):
    """A number as Ukrainians type it: "1 234,5" as well as "1234.5"."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        result: Decimal | None = super().to_python(value)
        return result


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Файл стратегії (.docx або .txt)",
        help_text="Документ Word або текстовий експорт. Нічого не буде записано, доки ви не "
        "переглянете прочитане й зауваження та не підтвердите імпорт.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt,text/plain"}),
    )
    mode = forms.ChoiceField(
        label="Якщо стратегія громади на цей період уже є",
        choices=ImportMode.choices,
        initial=ImportMode.REFUSE,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Файл завеликий: не більше 20 МБ.")
        return upload


class StrategyTextForm(VersionMixin, forms.ModelForm[Strategy]):
    class Meta:
        model = Strategy
        fields = ["title", "mission", "vision", "values"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "mission": forms.Textarea(attrs={"rows": 4}),
            "vision": forms.Textarea(attrs={"rows": 4}),
            "values": forms.Textarea(attrs={"rows": 6}),
        }


class StrategyCreateForm(forms.ModelForm[Strategy]):
    """A new draft from scratch: its title and years; the text may come later."""

    class Meta:
        model = Strategy
        fields = ["title", "period_start", "period_end", "mission", "vision", "values"]
        widgets = StrategyTextForm.Meta.widgets

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Останній рік періоду раніший за перший.")
        elif start and end and end - start + 1 > LONGEST_PERIOD:
            self.add_error("period_end", f"Період стратегії — не довше {LONGEST_PERIOD} років.")
        return data


def clean_number(value: str) -> str:
    """A number as written, without the trailing dot documents put after it."""
    number = value.strip().rstrip(".").strip()
    if not NUMBER.fullmatch(number):
        raise forms.ValidationError(
            "Номер — це числа, розділені крапками, як у документі: «1», «1.2», «1.2.3»."
        )
    return number


class NodeAddForm(forms.Form):
    number = forms.CharField(
        label="номер, як у документі",
        max_length=30,
        help_text="Запропоновано наступний номер; можна вписати інший. Повтор чи пропуск "
        "номера не заборонено — на сторінці стратегії буде зауваження.",
    )
    title = forms.CharField(label="назва", widget=forms.Textarea(attrs={"rows": 2}))
    slogan = forms.CharField(label="гасло чи заголовок цілі", max_length=300, required=False)

    def clean_number(self) -> str:
        return clean_number(self.cleaned_data["number"])


class AdoptForm(forms.Form):
    decision_number = forms.CharField(label="номер рішення ради", max_length=60)
    decided_on = forms.DateField(label="дата рішення", widget=DATE)


def _years_of(strategy: Strategy) -> list[int]:
    return list(strategy.years)


class NodeForm(VersionMixin, forms.ModelForm[Node]):
    """A goal, task or measure; money by year and source as ``amount_<year>_<source>``."""

    class Meta:
        model = Node
        fields = [
            "number",
            "title",
            "slogan",
            "result_indicator",
            "period_text",
            "period_start",
            "period_end",
            "executors",
            "funding_sources",
            "implementation_mark",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "result_indicator": forms.Textarea(attrs={"rows": 2}),
            "executors": forms.Textarea(attrs={"rows": 3}),
            "implementation_mark": forms.Textarea(attrs={"rows": 2}),
            "funding_sources": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        node: Node = self.instance
        if node.source_line is not None:
            # an imported number stays as the document has it; the import's warnings say
            # what is odd about it
            del self.fields["number"]
        else:
            self.fields["number"].required = True
        self.sources = list(FundingSource.objects.filter(is_active=True))
        self.years = _years_of(node.strategy)
        self.fields["funding_sources"].queryset = FundingSource.objects.filter(is_active=True)  # type: ignore[attr-defined]
        existing = {(row.year, row.source_id or UNSPLIT): row.amount for row in node.planned.all()}
        if not self.is_bound:
            self.fields["version"].initial = node.version
        for source_id, source_name in [(UNSPLIT, "без розподілу за джерелами")] + [
            (s.pk, s.name) for s in self.sources
        ]:
            for year in self.years:
                self.fields[f"amount_{year}_{source_id}"] = AmountField(
                    label=f"{year}, {source_name}, тис. грн",
                    initial=existing.get((year, source_id)),
                    **AMOUNT,  # type: ignore[arg-type]
                )

    def clean_number(self) -> str:
        return clean_number(self.cleaned_data["number"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Рік завершення раніший за рік початку.")
        return data

    def grid(self) -> list[tuple[str, list[forms.BoundField]]]:
        rows = [(UNSPLIT, "без розподілу за джерелами")] + [(s.pk, s.name) for s in self.sources]
        return [(name, [self[f"amount_{y}_{pk}"] for y in self.years]) for pk, name in rows]

    def funding(self) -> dict[tuple[int | None, int | None], Decimal | None]:
        return {
            (year, source_id or None): self.cleaned_data.get(f"amount_{year}_{source_id}")
            for source_id in [UNSPLIT, *[s.pk for s in self.sources]]
            for year in self.years
        }

    def edited_fields(self) -> dict[str, object]:
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name != "funding_sources" and name in self.fields
        }


class NeedForm(forms.Form):
    service = forms.ModelChoiceField(
        label="послуга", queryset=Service.objects.order_by("code"), empty_label="— оберіть —"
    )
    settlement = forms.ModelChoiceField(
        label="населений пункт",
        queryset=Territory.objects.none(),
        required=False,
        empty_label="уся громада",
    )
    note = forms.CharField(label="як захід відповідає на потребу", max_length=300, required=False)

    def __init__(self, *args: Any, hromada: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = (  # type: ignore[attr-defined]
            Territory.objects.settlements()
            .current()
            .filter(hromada_id=hromada.pk)
            .order_by("sort_key")
        )


class IndicatorForm(VersionMixin, forms.ModelForm[Indicator]):
    """An indicator and its targets as ``target_<year>_<area>_<sex>``."""

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "data_source",
            "baseline_value",
            "baseline_year",
            "by_area",
            "by_sex",
        ]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator: Indicator = self.instance
        if not self.is_bound:
            self.fields["version"].initial = indicator.version
        self.years = list(indicator.strategy.years)
        existing = (
            {(t.year, t.area, t.sex): t.value for t in indicator.targets.all()}
            if indicator.pk
            else {}
        )
        for year in self.years:
            for area, sex in indicator.cuts():
                self.fields[f"target_{year}_{area}_{sex}"] = AmountField(
                    label=f"ціль {year}: {Area(area).label}, {SexCut(sex).label}",
                    max_digits=16,
                    decimal_places=3,
                    required=False,
                    initial=existing.get((year, area, sex)),
                )

    def targets(self) -> dict[tuple[int, str, str], Decimal | None]:
        return {
            (year, area, sex): self.cleaned_data.get(f"target_{year}_{area}_{sex}")
            for year in self.years
            for area, sex in self.instance.cuts()
        }

    def edited_fields(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewIndicatorForm(IndicatorForm):
    """A new indicator: targets for the whole (urban / rural and by sex once it is saved)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["version"]
        self.fields["by_area"].help_text = "цілі за місцевістю можна задати після збереження"
        self.fields["by_sex"].help_text = "цілі за статтю можна задати після збереження"

    def targets(self) -> dict[tuple[int, str, str], Decimal | None]:
        return {
            (year, area, sex): self.cleaned_data.get(f"target_{year}_{area}_{sex}")
            for year in self.years
            for area, sex in [(Area.TOTAL.value, SexCut.TOTAL.value)]
        }


class PartForm(VersionMixin, forms.ModelForm[_Part]):
    """A SWOT item, a working-group member or a scenario: a changed one carries the version
    it was opened with (decision 0011); a new one has none to carry."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["version"]
        elif not self.is_bound:
            self.fields["version"].initial = self.instance.version


class SwotItemForm(PartForm[SwotItem]):
    class Meta:
        model = SwotItem
        fields = ["quadrant", "number", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class MemberForm(PartForm[WorkingGroupMember]):
    class Meta:
        model = WorkingGroupMember
        fields = ["full_name", "position", "role", "position_in_list"]
        widgets = {"position": forms.Textarea(attrs={"rows": 2})}
        labels = {"position_in_list": "порядок у списку"}


class ScenarioForm(PartForm[ScenarioNote]):
    class Meta:
        model = ScenarioNote
        fields = ["kind", "assumptions"]
        widgets = {"assumptions": forms.Textarea(attrs={"rows": 6})}


class PeriodForm(forms.Form):
    year = forms.IntegerField(label="рік", min_value=1991, max_value=2100)
    quarter = forms.TypedChoiceField(
        label="квартал",
        choices=[("", "увесь рік"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )


class PeriodStatusForm(forms.Form):
    to = forms.ChoiceField(choices=PeriodStatus.choices)
    reason = forms.CharField(label="причина", required=False, max_length=2000)


class ReportForm(forms.ModelForm[MeasureReport]):
    """A row of the monitoring form; actual money per source as ``spent_<source>``."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MeasureReport
        fields = ["status", "done", "started_on", "planned_end_on", "finished_on", "comment"]
        widgets = {
            "done": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 2}),
            "started_on": DATE,
            "planned_end_on": DATE,
            "finished_on": DATE,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        report: MeasureReport = self.instance
        if not self.is_bound:
            self.fields["version"].initial = report.version if report.pk else None
        existing = (
            {row.source_id or UNSPLIT: row.amount for row in report.funding.all()}
            if report.pk
            else {}
        )
        self.sources = [(UNSPLIT, "без розподілу за джерелами")] + [
            (s.pk, s.name) for s in FundingSource.objects.filter(is_active=True)
        ]
        for pk, name in self.sources:
            self.fields[f"spent_{pk}"] = AmountField(
                label=f"фактично профінансовано: {name}, тис. грн",
                initial=existing.get(pk),
                **AMOUNT,  # type: ignore[arg-type]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, finished = data.get("started_on"), data.get("finished_on")
        if started and finished and finished < started:
            self.add_error("finished_on", "Дата завершення раніша за дату початку.")
        if data.get("status") == MeasureStatus.DONE and not finished:
            self.add_error("finished_on", "Для виконаного заходу вкажіть фактичну дату завершення.")
        return data

    def funding(self) -> dict[int | None, Decimal | None]:
        return {pk or None: self.cleaned_data.get(f"spent_{pk}") for pk, _ in self.sources}

    def money_fields(self) -> list[forms.BoundField]:
        return [self[f"spent_{pk}"] for pk, _ in self.sources]

    def edited_fields(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ActualsForm(forms.Form):
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label="коментар", max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        indicator: Indicator,
        current: dict[tuple[str, str], Decimal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cuts = indicator.cuts()
        for area, sex in self.cuts:
            self.fields[f"value_{area}_{sex}"] = AmountField(
                label=f"факт: {Area(area).label}, {SexCut(sex).label}",
                max_digits=16,
                decimal_places=3,
                required=False,
                initial=current.get((area, sex)),
            )

    def values(self) -> dict[tuple[str, str], Decimal | None]:
        return {(a, s): self.cleaned_data.get(f"value_{a}_{s}") for a, s in self.cuts}
