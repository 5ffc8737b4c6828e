"""Input for a person's record, service episodes and applications (validation only)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from turbota.catalog.models import Service, VulnerableGroup
from turbota.people.models import Application, Person, PersonIdentity, ServiceEpisode
from turbota.providers.forms import DATE, SettlementChoiceField
from turbota.providers.models import Provider
from turbota.providers.queries import hromada_settlements
from turbota.territories.models import Territory

FOREIGN = "Оберіть значення зі списку: воно має належати до громади особи."


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.code} {obj.name}"


class PersonForm(forms.ModelForm[Person]):
    """Where the person lives and their sex; the birth year comes from the identity."""

    groups = forms.ModelMultipleChoiceField(
        label="Вразливі групи",
        queryset=VulnerableGroup.objects.order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = ["settlement", "sex"]
        field_classes = {"settlement": SettlementChoiceField}

    def __init__(self, *args: Any, hromada: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settlement = self.fields["settlement"]
        settlement.queryset = hromada_settlements(hromada)  # type: ignore[attr-defined]
        settlement.error_messages["invalid_choice"] = FOREIGN
        if self.instance.pk:
            self.fields["groups"].initial = list(
                self.instance.groups.values_list("group_id", flat=True)
            )


class IdentityForm(forms.ModelForm[PersonIdentity]):
    # Typed with spaces as often as without: checked after they are taken out.
    rnokpp = forms.CharField(
        label="РНОКПП",
        required=False,
        max_length=20,
        help_text="10 цифр; якщо РНОКПП немає — вкажіть документ нижче",
    )

    class Meta:
        model = PersonIdentity
        fields = [
            "last_name",
            "first_name",
            "patronymic",
            "birth_date",
            "rnokpp",
            "document_type",
            "document_number",
            "address",
            "phone",
        ]
        widgets = {"birth_date": DATE}

    def clean_rnokpp(self) -> str | None:
        code = "".join(str(self.cleaned_data.get("rnokpp") or "").split())
        if code and not (code.isascii() and code.isdigit() and len(code) == 10):
            raise forms.ValidationError("РНОКПП — 10 цифр.")
        return code or None

    def clean_birth_date(self) -> datetime.date:
        born: datetime.date = self.cleaned_data["birth_date"]
        if born > timezone.localdate():
            raise forms.ValidationError("Дата народження не може бути в майбутньому.")
        if born.year < 1900:
            raise forms.ValidationError("Перевірте рік народження.")
        return born


class EpisodeForm(forms.ModelForm[ServiceEpisode]):
    class Meta:
        model = ServiceEpisode
        fields = [
            "service",
            "provider",
            "settlement",
            "start_date",
            "end_date",
            "status",
            "payment_basis",
            "volume",
            "volume_unit",
        ]
        field_classes = {"service": ServiceChoiceField, "settlement": SettlementChoiceField}
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args: Any, hromada: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_to_hromada(self, hromada)
        settlement = self.fields["settlement"]
        settlement.queryset = hromada_settlements(hromada)  # type: ignore[attr-defined]
        settlement.error_messages["invalid_choice"] = FOREIGN


class ApplicationForm(forms.ModelForm[Application]):
    class Meta:
        model = Application
        fields = ["service", "provider", "applied_on", "assessed_on", "decision", "decided_on"]
        field_classes = {"service": ServiceChoiceField}
        widgets = {"applied_on": DATE, "assessed_on": DATE, "decided_on": DATE}
        help_texts = {"assessed_on": "оцінити потреби слід протягом 5 робочих днів"}

    def __init__(self, *args: Any, hromada: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_to_hromada(self, hromada)


def _limit_to_hromada(form: forms.ModelForm[Any], hromada: Territory) -> None:
    provider = form.fields["provider"]
    provider.queryset = Provider.objects.actual().in_hromada(hromada.pk)  # type: ignore[attr-defined]
    provider.error_messages["invalid_choice"] = FOREIGN
    form.fields["service"].queryset = Service.objects.order_by("code")  # type: ignore[attr-defined]
