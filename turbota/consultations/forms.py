"""Input of consultations: the announcement, meetings, the public forms (with the
anti-spam checks of ``antispam``), staff entry of proposals, moderation and decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model

from turbota.consultations import subjects
from turbota.consultations.antispam import HumanCheckForm
from turbota.consultations.enums import Channel, Decision
from turbota.consultations.models import Consultation, ConsultationRules, Meeting
from turbota.consultations.models.proposals import PROPOSAL_MAX_LENGTH
from turbota.consultations.uploads import check_document, max_bytes
from turbota.territories.models import Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WHOLE_DOCUMENT = ("", "документ загалом")
CONSENT = (
    "Я погоджуюся, щоб організатор обробляв моє ім'я та контакт лише для відповіді на "
    "пропозицію; їх не буде оприлюднено"
)


class ConsultationForm(forms.ModelForm[Consultation]):
    subject_ref = forms.ChoiceField(label="Документ для обговорення")

    class Meta:
        model = Consultation
        fields = [
            "topic",
            "description",
            "organiser",
            "starts_on",
            "ends_on",
            "accepts_web",
            "email",
            "postal_address",
            "responsible_person",
            "responsible_contacts",
            "enquiries",
        ]
        widgets = {
            "topic": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "organiser": forms.Textarea(attrs={"rows": 2}),
            "enquiries": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def __init__(self, *args: Any, hromada: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["subject_ref"]
        field.choices = [("", "— оберіть —")] + [  # type: ignore[attr-defined]
            (subject_type.label, [(subjects.reference(o), subject_type.title(o)) for o in found])
            for subject_type, found in subjects.candidates(hromada)
            if found
        ]
        subject = self.instance.subject if self.instance.pk else None
        if subject is not None and subjects.is_registered(subject):
            field.initial = subjects.reference(subject)

    def clean_subject_ref(self) -> Model:
        subject = subjects.resolve(self.cleaned_data["subject_ref"])
        if subject is None:
            raise ValidationError("Оберіть документ зі списку.")
        return subject

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Прийом пропозицій не може завершитися раніше, ніж почався.")
        return cleaned


class MeetingForm(forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = [
            "date",
            "starts_at",
            "address",
            "registration_info",
            "capacity",
            "online_registration",
            "participants",
        ]
        widgets = {
            "date": DATE,
            "starts_at": TIME,
            "registration_info": forms.Textarea(attrs={"rows": 2}),
        }


class RegistrationForm(HumanCheckForm):
    name = forms.CharField(label="Ваше ім'я", max_length=200)
    contact = forms.CharField(
        label="Телефон або електронна пошта", max_length=200, help_text="щоб повідомити про зміни"
    )
    consent = forms.BooleanField(label=CONSENT.replace("на пропозицію", "щодо обговорення"))


class StaffRegistrationForm(forms.Form):
    name = forms.CharField(label="Ім'я", max_length=200)
    contact = forms.CharField(label="Телефон або електронна пошта", max_length=200)
    channel = forms.ChoiceField(
        label="Як зареєструвався",
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.MEETING, Channel.EMAIL)],
    )


def _item_field(items: list[subjects.Item]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Про який пункт документа",
        choices=[WHOLE_DOCUMENT, *items],
        required=False,
        help_text="оберіть, якщо пропозиція стосується конкретного пункту",
    )


class ProposalForm(HumanCheckForm):
    text = forms.CharField(
        label="Ваша пропозиція або зауваження",
        max_length=PROPOSAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    author_name = forms.CharField(
        label="Ваше ім'я або назва організації",
        max_length=200,
        required=False,
        help_text="не обов'язково",
        widget=forms.TextInput(attrs={"size": 50, "autocomplete": "name"}),
    )
    contact = forms.CharField(
        label="Контакт для відповіді",
        max_length=200,
        help_text="електронна пошта, телефон або поштова адреса; його не буде оприлюднено",
        widget=forms.TextInput(attrs={"size": 50}),
    )
    consent = forms.BooleanField(label=CONSENT)

    field_order = ["item", "text", "author_name", "contact", "consent"]

    def __init__(self, *args: Any, items: list[subjects.Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"] = _item_field(items)
        self.order_fields(self.field_order)


class StaffProposalForm(forms.Form):
    channel = forms.ChoiceField(
        label="Як надійшла",
        choices=[(c.value, c.label) for c in (Channel.EMAIL, Channel.POST, Channel.MEETING)],
    )
    received_on = forms.DateField(label="Дата надходження", widget=DATE)
    text = forms.CharField(
        label="Зміст пропозиції",
        max_length=PROPOSAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    author_name = forms.CharField(
        label="Автор (ім'я або організація)", max_length=200, required=False
    )
    contact = forms.CharField(label="Контакт для відповіді", max_length=200)

    def __init__(self, *args: Any, items: list[subjects.Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"] = _item_field(items)
        self.order_fields(["channel", "received_on", "item", "text", "author_name", "contact"])


class ModerationForm(forms.Form):
    note = forms.CharField(
        label="Причина відхилення",
        max_length=300,
        required=False,
        help_text="спам, образи, не стосується теми",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Рішення", choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Обґрунтування",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="обов'язкове, якщо пропозицію враховано частково або не враховано",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision = cleaned.get("decision")
        if (
            decision in {Decision.PARTLY, Decision.REJECTED}
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", "Обґрунтуйте рішення.")
        return cleaned


class ResultsForm(forms.Form):
    decided_on = forms.DateField(label="Дата рішення", widget=DATE)
    decision_text = forms.CharField(
        label="Рішення за результатами обговорення",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="напр. «Стратегію доопрацьовано з урахуванням пропозицій; рішення "
        "виконавчого комітету № …»",
    )


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label="Назва документа", max_length=300)
    file = forms.FileField(label="Файл (PDF або DOCX)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = max_bytes() // (1024 * 1024)
        self.fields["file"].help_text = f"не більше {limit} МБ"
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx"

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        check_document(upload, name=upload.name or "", size=upload.size or 0)
        return upload


class SectionForm(forms.Form):
    section_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="Розділ", max_length=300, required=False)


SectionFormSet = forms.formset_factory(SectionForm, extra=3)


class RulesForm(forms.ModelForm[ConsultationRules]):
    class Meta:
        model = ConsultationRules
        fields = ["report_days", "min_discussion_days", "legal_basis"]
