"""Input of survey pages: questionnaire files, a survey's settings, the links of its
questions to providers, paper questionnaires (and the withdrawal of one entered by
mistake), submission files and the hand-over of a
share to a needs study. No writes here."""

from __future__ import annotations

from typing import Any

from django import forms

from turbota.catalog.models import Service, VulnerableGroup
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.people.forms import ServiceChoiceField
from turbota.providers.models import Provider
from turbota.surveys.enums import SurveyKind
from turbota.surveys.models import FormVersion, Survey
from turbota.surveys.xlsform.definition import FormDefinition, pick

MAX_FORM_BYTES = 5 * 1024 * 1024
MAX_SUBMISSIONS_BYTES = 50 * 1024 * 1024
XLSFORM_TYPES = ".xlsx,.xls,.csv"


class _FileForm(forms.Form):
    max_bytes = MAX_FORM_BYTES

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(f"Файл завеликий: не більше {self.max_bytes // 2**20} МБ.")
        return upload


class XLSFormForm(_FileForm):
    file = forms.FileField(
        label="Файл анкети XLSForm (.xlsx, .xls або .csv)",
        help_text="Формат KoboToolbox і ODK: аркуші survey, choices і (за бажанням) settings.",
        widget=forms.ClearableFileInput(attrs={"accept": XLSFORM_TYPES}),
    )


class NewSurveyForm(XLSFormForm):
    title = forms.CharField(
        label="Назва опитування",
        max_length=300,
        required=False,
        help_text="Порожньо — назва з файлу (form_title).",
    )
    kind = forms.ChoiceField(label="Вид опитування", choices=SurveyKind.choices)


def _select_one_choices(form: FormDefinition | None) -> list[tuple[str, str]]:
    if form is None:
        return []
    language = form.display_language
    return [
        (q.name, f"{q.name} — {pick(q.label, language)}")
        for q in form.questions()
        if q.type == "select_one"
    ]


def _age_choices(form: FormDefinition | None) -> list[tuple[str, str]]:
    """Select-one questions (an answer is a band) and whole numbers outside repeats (the
    answers are put in the survey's age bands)."""
    if form is None:
        return []
    language = form.display_language
    years = [
        (q.name, f"{q.name} — {pick(q.label, language)} (вік у роках, за групами)")
        for placed in form.placed()
        if (q := placed.question).type == "integer" and placed.repeat is None
    ]
    return [*_select_one_choices(form), *years]


class SettingsForm(forms.ModelForm[Survey]):
    class Meta:
        model = Survey
        fields = [
            "title",
            "description",
            "kind",
            "collected_from",
            "collected_to",
            "population",
            "population_note",
            "stated_margin",
            "sex_question",
            "age_question",
            "age_bands",
            "area_question",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "collected_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "collected_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, form: FormDefinition | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        none = ("", "— немає —")
        choices = [none, *_select_one_choices(form)]
        for name, offered in (
            ("sex_question", choices),
            ("age_question", [none, *_age_choices(form)]),
            ("area_question", choices),
        ):
            field = self.fields[name]
            self.fields[name] = forms.ChoiceField(
                label=field.label, help_text=field.help_text, choices=offered, required=False
            )
        self.fields["age_bands"].widget.attrs["placeholder"] = "18, 35, 60"
        self.fields["stated_margin"].localize = True
        self.fields["stated_margin"].widget.is_localized = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("collected_from"), data.get("collected_to")
        if start and end and end < start:
            self.add_error("collected_to", "Кінець збору не може бути раніше за початок.")
        return data


class SatisfactionLinkForm(forms.Form):
    question = forms.ChoiceField(label="Питання про задоволеність")
    provider = forms.ModelChoiceField(label="Надавач", queryset=Provider.objects.none())
    service = ServiceChoiceField(
        label="Послуга",
        queryset=Service.objects.order_by("code"),
        required=False,
        empty_label="надавач загалом",
    )
    satisfied = forms.MultipleChoiceField(
        label="Які відповіді означають «задоволені»", widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, survey: Survey, form: FormDefinition | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = _select_one_choices(form)  # type: ignore[attr-defined]
        self.fields["provider"].queryset = Provider.objects.filter(  # type: ignore[attr-defined]
            hromada=survey.hromada
        ).order_by("sort_key")
        options: dict[str, str] = {}
        for question in form.questions() if form else []:
            if question.type == "select_one":
                for choice in question.choices:
                    options.setdefault(
                        choice.name, pick(choice.label, form.display_language if form else "")
                    )
        self.fields["satisfied"].choices = [  # type: ignore[attr-defined]
            (name, f"{label} ({name})") for name, label in options.items()
        ]


class PaperForm(forms.Form):
    paper_number = forms.CharField(
        label="Номер паперової анкети",
        max_length=50,
        required=False,
        help_text="Якщо анкети пронумеровано: той самий номер двічі не буде внесено.",
    )


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label="Причина вилучення",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Наприклад: «анкету № 12 внесено двічі» чи «анкета іншого опитування». "
        "Не пишіть тут імен респондентів.",
        error_messages={"required": "Вкажіть причину вилучення."},
    )


class SubmissionsForm(_FileForm):
    max_bytes = MAX_SUBMISSIONS_BYTES
    file = forms.FileField(
        label="Файл відповідей (.xlsx або .csv)",
        help_text="Експорт KoboToolbox («XML values and headers») або ODK Central.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    version = forms.ModelChoiceField(
        label="Версія анкети, на яку відповідали", queryset=FormVersion.objects.none()
    )
    dry_run = forms.BooleanField(label="Лише перевірити (нічого не записувати)", required=False)

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = FormVersion.objects.filter(survey=survey).order_by("-number")
        field = self.fields["version"]
        field.queryset = versions  # type: ignore[attr-defined]
        field.initial = versions.first()
        field.label_from_instance = lambda v: f"версія {v.number} ({v.file_name})"  # type: ignore[attr-defined]


class NeedsFeedForm(forms.Form):
    answer = forms.ChoiceField(label="Питання і варіант відповіді")
    study = forms.ModelChoiceField(
        label="Визначення потреб (чернетка)", queryset=NeedsStudy.objects.none()
    )
    service = ServiceChoiceField(label="Послуга", queryset=Service.objects.order_by("code"))
    group = forms.ModelChoiceField(
        label="Вразлива група", queryset=VulnerableGroup.objects.order_by("position")
    )

    def __init__(
        self, *args: Any, survey: Survey, answers: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = answers  # type: ignore[attr-defined]
        self.fields["study"].queryset = NeedsStudy.objects.filter(  # type: ignore[attr-defined]
            hromada=survey.hromada, status=StudyStatus.DRAFT
        )
