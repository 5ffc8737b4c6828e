"""Input of the oblast pages: what to show, planning notes, cooperation, uploads, meetings,
assignments and reports. Validation only; writes are in ``actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from turbota.catalog.models import Service, VulnerableGroup
from turbota.oblast.actions import AddresseeSpec
from turbota.oblast.enums import AddresseeKind, CooperationStatus
from turbota.oblast.models import Meeting, PlanningNote
from turbota.oblast.queries import SORT_KEYS, hromadas_of, raions_of
from turbota.people.forms import ServiceChoiceField
from turbota.territories.models import Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEX_CHOICES = [("total", "разом"), ("female", "жінки"), ("male", "чоловіки")]


class TerritoryChoiceField(forms.ModelChoiceField[Territory]):
    def label_from_instance(self, obj: Territory) -> str:
        return obj.display_name


class TerritoriesField(forms.ModelMultipleChoiceField[Territory]):
    def label_from_instance(self, obj: Territory) -> str:
        return obj.display_name


class DashboardForm(forms.Form):
    """What the dashboard shows; every field may be left out."""

    raion = TerritoryChoiceField(
        label="Район", queryset=Territory.objects.none(), required=False, empty_label="усі"
    )
    year = forms.IntegerField(
        label="Рік потреб",
        min_value=1991,
        max_value=2100,
        required=False,
        help_text="дослідження цього року або двох попередніх (цикл наказу 130-Н)",
    )
    service = ServiceChoiceField(
        label="Послуга", queryset=Service.objects.none(), required=False, empty_label=None
    )
    group = forms.ModelChoiceField(
        label="Вразлива група",
        queryset=VulnerableGroup.objects.none(),
        required=False,
        empty_label=None,
    )
    sort = forms.ChoiceField(label="Упорядкувати за", choices=SORT_KEYS.items(), required=False)
    sex = forms.ChoiceField(label="Стать (для впорядкування)", choices=SEX_CHOICES, required=False)
    descending = forms.BooleanField(label="за спаданням", required=False)

    def __init__(self, *args: Any, oblast: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["raion"].queryset = raions_of(oblast)  # type: ignore[attr-defined]
        self.fields["service"].queryset = Service.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["group"].queryset = VulnerableGroup.objects.order_by("position", "name")  # type: ignore[attr-defined]


class RegisterForm(forms.Form):
    raion = TerritoryChoiceField(
        label="Район", queryset=Territory.objects.none(), required=False, empty_label="усі"
    )
    service = ServiceChoiceField(
        label="Послуга", queryset=Service.objects.none(), required=False, empty_label="усі"
    )
    year = forms.IntegerField(label="Рік потреб", min_value=1991, max_value=2100, required=False)

    def __init__(self, *args: Any, oblast: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["raion"].queryset = raions_of(oblast)  # type: ignore[attr-defined]
        self.fields["service"].queryset = Service.objects.order_by("code")  # type: ignore[attr-defined]


class PlanningNoteForm(forms.ModelForm[PlanningNote]):
    class Meta:
        model = PlanningNote
        fields = ["service", "raion", "hromada", "what", "planned_volume", "start_year"]
        field_classes = {
            "service": ServiceChoiceField,
            "raion": TerritoryChoiceField,
            "hromada": TerritoryChoiceField,
        }
        widgets = {"what": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, oblast: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.oblast = oblast
        self.fields["service"].queryset = Service.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["raion"].queryset = raions_of(oblast)  # type: ignore[attr-defined]
        self.fields["hromada"].queryset = hromadas_of(oblast)  # type: ignore[attr-defined]


class CooperationForm(forms.Form):
    seller = forms.ModelChoiceField(label="Громада-надавач", queryset=Territory.objects.none())
    service = forms.ModelChoiceField(label="Послуга", queryset=Service.objects.none())
    volume = forms.IntegerField(label="Обсяг, осіб на рік", min_value=0, max_value=10_000_000)
    to = forms.ChoiceField(label="Новий стан", choices=CooperationStatus.choices)
    note = forms.CharField(label="Примітка", required=False, max_length=2000)

    def __init__(self, *args: Any, oblast: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seller"].queryset = hromadas_of(oblast)  # type: ignore[attr-defined]
        self.fields["service"].queryset = Service.objects.all()  # type: ignore[attr-defined]


class UploadForm(forms.Form):
    file = forms.FileField(label="Файл")

    def __init__(self, *args: Any, limit: int, accept: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.fields["file"].widget.attrs["accept"] = accept

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if (upload.size or 0) > self.limit:
            megabytes = f"{self.limit / 1_000_000:g}".replace(".", ",")
            raise forms.ValidationError(f"Файл завеликий: дозволено до {megabytes} МБ.")
        return upload


class MeetingForm(forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = ["body", "number", "held_on", "place", "chair", "attendees", "agenda"]
        widgets = {
            "held_on": DATE,
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, oblast: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.oblast = oblast


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class AssignmentForm(forms.Form):
    number = forms.CharField(label="Номер", max_length=20, help_text="як у протоколі, напр. 1.3")
    text = forms.CharField(label="Зміст доручення", widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label="Термін (до)", required=False, widget=DATE)
    is_permanent = forms.BooleanField(label="Постійно", required=False)
    to_raion_administrations = forms.BooleanField(
        label=AddresseeKind.RAION_ADMINISTRATIONS.label.capitalize(), required=False
    )
    to_hromadas = forms.BooleanField(
        label=AddresseeKind.HROMADAS.label.capitalize(), required=False
    )
    raions = TerritoriesField(
        label="Окремі райони", queryset=Territory.objects.none(), required=False
    )
    hromadas = TerritoriesField(
        label="Окремі громади", queryset=Territory.objects.none(), required=False
    )
    departments = forms.CharField(
        label="Структурні підрозділи облдержадміністрації",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="по одному в рядку",
    )
    others = forms.CharField(
        label="Інші виконавці",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="по одному в рядку",
    )

    def __init__(self, *args: Any, oblast: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["raions"].queryset = raions_of(oblast)  # type: ignore[attr-defined]
        self.fields["hromadas"].queryset = hromadas_of(oblast)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("deadline") and data.get("is_permanent"):
            raise forms.ValidationError("Вкажіть термін або «постійно», не обидва.")
        if not self.errors and not self.addressees():
            raise forms.ValidationError("Вкажіть хоча б одного виконавця.")
        return data

    def addressees(self) -> list[AddresseeSpec]:
        data = self.cleaned_data
        specs = []
        if data.get("to_raion_administrations"):
            specs.append(AddresseeSpec(AddresseeKind.RAION_ADMINISTRATIONS))
        if data.get("to_hromadas"):
            specs.append(AddresseeSpec(AddresseeKind.HROMADAS))
        specs += [AddresseeSpec(AddresseeKind.RAION, r) for r in data.get("raions") or []]
        specs += [AddresseeSpec(AddresseeKind.HROMADA, h) for h in data.get("hromadas") or []]
        specs += [
            AddresseeSpec(AddresseeKind.DEPARTMENT, name=name)
            for name in _lines(data.get("departments") or "")
        ]
        specs += [
            AddresseeSpec(AddresseeKind.OTHER, name=name)
            for name in _lines(data.get("others") or "")
        ]
        return specs


class ReportForm(forms.Form):
    territory = TerritoryChoiceField(
        label="Хто звітує: громада чи район",
        queryset=Territory.objects.none(),
        required=False,
        empty_label="інший виконавець (вказати нижче)",
    )
    reporter = forms.CharField(label="Інший виконавець", max_length=500, required=False)
    submitted_on = forms.DateField(label="Дата звіту", widget=DATE)
    text = forms.CharField(label="Що зроблено", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, places: Any, allow_other: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["territory"]
        field.queryset = places  # type: ignore[attr-defined]
        if not allow_other:
            field.required = True
            field.empty_label = None  # type: ignore[attr-defined]
            del self.fields["reporter"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("territory") and not (data.get("reporter") or "").strip():
            raise forms.ValidationError("Вкажіть, хто звітує.")
        return data
