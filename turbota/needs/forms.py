"""Input for needs studies: starting one, the method's rates, the services the hromada
cannot provide by itself."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from turbota.catalog.models import Service
from turbota.needs.enums import Scenario
from turbota.needs.models import NormativeRate, UnprovidableService
from turbota.people.forms import ServiceChoiceField
from turbota.territories.models import Territory


class StartStudyForm(forms.Form):
    year = forms.IntegerField(label="Рік", min_value=2000, max_value=2100)


class TableFilterForm(forms.Form):
    settlement = forms.ModelChoiceField(
        label="Територія",
        queryset=Territory.objects.none(),
        required=False,
        empty_label="громада загалом",
    )
    all_services = forms.BooleanField(label="Показати всі послуги класифікатора", required=False)

    def __init__(self, *args: Any, settlements: list[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["settlement"]
        field.queryset = Territory.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in settlements]
        ).order_by("sort_key")
        field.label_from_instance = lambda obj: obj.display_name  # type: ignore[attr-defined]


class RateForm(forms.ModelForm[NormativeRate]):
    class Meta:
        model = NormativeRate
        fields = ["service", "group", "rate", "source"]
        field_classes = {"service": ServiceChoiceField}


RateFormSet = forms.modelformset_factory(NormativeRate, form=RateForm, extra=2, can_delete=True)


class UnprovidableForm(forms.ModelForm[UnprovidableService]):
    class Meta:
        model = UnprovidableService
        fields = ["service", "volume", "reason"]
        field_classes = {"service": ServiceChoiceField}
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.order_by("code")  # type: ignore[attr-defined]


class ScenarioForm(forms.Form):
    """The extra yearly change of need, per scenario, in percent, with what the form was
    opened with (decision 0011)."""

    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, initial_changes: dict[str, Decimal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for scenario in Scenario:
            self.fields[scenario.value] = forms.DecimalField(
                label=f"Сценарій «{scenario.label}», % на рік понад зміну населення",
                max_digits=5,
                decimal_places=2,
                min_value=Decimal(-50),
                max_value=Decimal(100),
                initial=initial_changes.get(scenario.value),
                localize=True,
            )

    def changes(self) -> dict[str, Decimal]:
        return {scenario.value: self.cleaned_data[scenario.value] for scenario in Scenario}
