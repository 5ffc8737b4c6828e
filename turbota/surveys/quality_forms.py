"""Input of the quality pages: starting an assessment, its indicators, a complaint."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from turbota.catalog.models import Service
from turbota.people.forms import ServiceChoiceField
from turbota.providers.models import Provider
from turbota.surveys.enums import AssessmentKind, QualityIndicator
from turbota.surveys.models import Complaint, IndicatorValue

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearForm(forms.Form):
    year = forms.IntegerField(label="Рік", min_value=2000, max_value=2100)


class AssessmentStartForm(forms.Form):
    service = ServiceChoiceField(label="Послуга", queryset=Service.objects.none())
    kind = forms.ChoiceField(label="Вид оцінювання")
    period_start = forms.DateField(label="Період з", widget=DATE)
    period_end = forms.DateField(label="Період до", widget=DATE)

    def __init__(
        self, *args: Any, provider: Provider, kinds: list[AssessmentKind], **kwargs: Any
    ) -> None:
        last_year = datetime.date.today().year - 1  # noqa: DTZ011 (a date)
        kwargs.setdefault(
            "initial",
            {
                "period_start": datetime.date(last_year, 1, 1),
                "period_end": datetime.date(last_year, 12, 31),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(  # type: ignore[attr-defined]
            provided_by__provider=provider
        ).order_by("code")
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Кінець періоду не може бути раніше за початок.")
        return data


class IndicatorsForm(forms.Form):
    """A numerator, a denominator and a note for each indicator, then the conclusions."""

    assessors = forms.CharField(
        label="Хто оцінював", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    conclusion = forms.CharField(
        label="Висновки і рекомендації", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    PARTS = {
        QualityIndicator.COMPLAINTS: ("скарг", "отримувачів"),
        QualityIndicator.APPLICATIONS: ("задоволено звернень", "розглянуто звернень"),
        QualityIndicator.STAFF_TRAINED: ("пройшли навчання", "працює"),
        QualityIndicator.SATISFACTION: ("задоволені", "відповіли"),
    }

    def __init__(self, *args: Any, values: list[IndicatorValue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value in values:
            top, bottom = self.PARTS[QualityIndicator(value.indicator)]
            name = value.indicator
            self.fields[f"{name}_numerator"] = forms.IntegerField(
                label=f"{value.get_indicator_display()}: {top}",
                min_value=0,
                required=False,
                initial=value.numerator,
            )
            self.fields[f"{name}_denominator"] = forms.IntegerField(
                label=f"{value.get_indicator_display()}: {bottom}",
                min_value=0,
                required=False,
                initial=value.denominator,
            )
            self.fields[f"{name}_note"] = forms.CharField(
                label=f"{value.get_indicator_display()}: джерело, пояснення",
                max_length=300,
                required=False,
                initial=value.note,
            )


class ComplaintForm(forms.ModelForm[Complaint]):
    class Meta:
        model = Complaint
        fields = [
            "provider",
            "service",
            "received_on",
            "channel",
            "summary",
            "complainant_name",
            "complainant_contact",
            "names_person",
            "status",
            "outcome",
            "resolved_on",
        ]
        field_classes = {"service": ServiceChoiceField}
        widgets = {
            "received_on": DATE,
            "resolved_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["service"].queryset = Service.objects.order_by("code")  # type: ignore[attr-defined]
