"""The provider card form: the provider's own fields plus formsets for its addresses,
departments, staff and services, validated together. No writes here."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from django import forms
from django.db import models
from django.forms.models import BaseInlineFormSet, inlineformset_factory

from turbota.catalog.models import Service
from turbota.providers.actions import CardParts
from turbota.providers.models import (
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    StaffPosition,
)
from turbota.providers.queries import hromada_settlements
from turbota.territories.models import Territory

Choices = list[tuple[Any, str]]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIELD_GROUPS = (
    (
        "Основні відомості",
        (
            "full_name",
            "short_name",
            "registry_code",
            "ownership_sector",
            "legal_form",
            "parent_code",
            "is_potential",
            "activity",
        ),
    ),
    (
        "Контакти та юридична адреса",
        ("phone", "email", "website", "postcode", "legal_address", "legal_settlement"),
    ),
    (
        "Реєстр надавачів і перевірки",
        (
            "in_national_registry",
            "registry_status_date",
            "last_inspection_date",
            "last_inspection_body",
            "last_inspection_result",
        ),
    ),
)


FOREIGN_CHOICE = {
    "settlement": "Цей населений пункт не входить до громади.",
    "department": "Це відділення іншого надавача.",
}


class SettlementChoiceField(forms.ModelChoiceField[Territory]):
    def label_from_instance(self, obj: Territory) -> str:
        return obj.display_name


class ProviderForm(forms.ModelForm[Provider]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Provider
        fields = [name for _, names in FIELD_GROUPS for name in names]
        field_classes = {"legal_settlement": SettlementChoiceField}
        widgets = {
            "registry_status_date": DATE,
            "last_inspection_date": DATE,
            "activity": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "registry_code": "8 цифр коду ЄДРПОУ або 10 цифр РНОКПП фізичної особи; "
            "порожньо, якщо код невідомий",
            "legal_settlement": "якщо юридична адреса — у цій громаді",
        }

    def __init__(self, *args: Any, settlements: models.QuerySet[Territory], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["legal_settlement"].queryset = settlements  # type: ignore[attr-defined]
        self.fields["legal_settlement"].error_messages["invalid_choice"] = FOREIGN_CHOICE[
            "settlement"
        ]
        self.fields["version"].initial = self.instance.version

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in FIELD_GROUPS]

    def clean_registry_code(self) -> str | None:
        code = "".join(str(self.cleaned_data.get("registry_code") or "").split())
        if not code:
            return None
        owner = Provider.objects.filter(registry_code=code).exclude(pk=self.instance.pk).first()
        if owner is not None:
            where = (
                f"«{owner.full_name}»"
                if owner.hromada_id == self.instance.hromada_id
                else "надавач іншої громади"
            )
            raise forms.ValidationError(f"Цей код уже має інший надавач у реєстрі: {where}.")
        return code

    def clean_full_name(self) -> str:
        name = " ".join(str(self.cleaned_data.get("full_name") or "").split())
        taken = (
            Provider.objects.filter(hromada_id=self.instance.hromada_id, full_name=name)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise forms.ValidationError("У цій громаді вже є надавач з такою повною назвою.")
        return name


class _PartForm(forms.ModelForm[Any]):
    """A row of a formset. Selects offer only this hromada's settlements and this
    provider's departments; their options are built once per page, not once per row."""

    def __init__(
        self,
        *args: Any,
        querysets: dict[str, models.QuerySet[Any]],
        choices: dict[str, Choices],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in querysets.items():
            if name in self.fields:
                self.fields[name].queryset = queryset  # type: ignore[attr-defined]
                self.fields[name].widget.choices = choices[name]
                if name in FOREIGN_CHOICE:
                    self.fields[name].error_messages["invalid_choice"] = FOREIGN_CHOICE[name]


class AddressForm(_PartForm):
    class Meta:
        model = ProviderAddress
        fields = ["settlement", "address", "latitude", "longitude"]


class DepartmentForm(_PartForm):
    class Meta:
        model = Department
        fields = ["name", "settlement", "address"]


class StaffForm(_PartForm):
    class Meta:
        model = StaffPosition
        fields = ["department", "title", "established", "filled"]
        widgets = {
            "established": forms.NumberInput(attrs={"step": "any", "min": "0"}),
            "filled": forms.NumberInput(attrs={"step": "any", "min": "0"}),
        }


class ServiceForm(_PartForm):
    class Meta:
        model = ProvidedService
        fields = [
            "service",
            "department",
            "capacity",
            "capacity_unit",
            "free",
            "differentiated_fee",
            "paid",
        ]
        labels = {"differentiated_fee": "диференційована плата"}


class _PartFormSet(BaseInlineFormSet[Any, Provider, Any]):
    """A formset whose rows must differ in ``key``; a repeat is named in the message."""

    title = ""

    def key(self, form: forms.ModelForm[Any]) -> Hashable | None:
        return None

    def repeat_message(self, form: forms.ModelForm[Any]) -> str:
        return "Рядок повторюється."

    def live_forms(self) -> Iterable[forms.ModelForm[Any]]:
        for form in self.forms:
            wanted = form.has_changed() or form.instance.pk
            if wanted and form.is_valid() and not form.cleaned_data.get("DELETE"):
                yield form

    def clean(self) -> None:
        seen: set[Hashable] = set()
        for form in self.live_forms():
            key = self.key(form)
            if key is None:
                continue
            if key in seen:
                raise forms.ValidationError(self.repeat_message(form))
            seen.add(key)

    def validate_unique(self) -> None:
        """Repeats are reported by ``clean`` in plain words instead."""


class AddressFormSet(_PartFormSet):
    title = "Адреси надання послуг"

    def key(self, form: forms.ModelForm[Any]) -> Hashable | None:
        return " ".join(form.cleaned_data.get("address", "").split()).casefold() or None

    def repeat_message(self, form: forms.ModelForm[Any]) -> str:
        return f"Адресу «{form.cleaned_data['address']}» вказано двічі."


class DepartmentFormSet(_PartFormSet):
    title = "Відділення"

    def key(self, form: forms.ModelForm[Any]) -> Hashable | None:
        return " ".join(form.cleaned_data.get("name", "").split()).casefold() or None

    def repeat_message(self, form: forms.ModelForm[Any]) -> str:
        return f"Відділення «{form.cleaned_data['name']}» вказано двічі."


class StaffFormSet(_PartFormSet):
    title = "Штат"

    def key(self, form: forms.ModelForm[Any]) -> Hashable | None:
        department = form.cleaned_data.get("department")
        return (department.pk if department else None, form.cleaned_data.get("title"))

    def repeat_message(self, form: forms.ModelForm[Any]) -> str:
        department = form.cleaned_data.get("department")
        where = f" у відділенні «{department.name}»" if department else ""
        return f"Посаду «{form.cleaned_data['title']}»{where} вказано двічі."


class ServiceFormSet(_PartFormSet):
    title = "Послуги"

    def key(self, form: forms.ModelForm[Any]) -> Hashable | None:
        service = form.cleaned_data.get("service")
        return service.pk if service else None

    def repeat_message(self, form: forms.ModelForm[Any]) -> str:
        return f"Послугу «{form.cleaned_data['service']}» вказано двічі."


def _formset(model: type[models.Model], form: type[_PartForm], base: type[_PartFormSet]) -> Any:
    return inlineformset_factory(Provider, model, form=form, formset=base, extra=1, can_delete=True)


AddressFormSetFactory = _formset(ProviderAddress, AddressForm, AddressFormSet)
DepartmentFormSetFactory = _formset(Department, DepartmentForm, DepartmentFormSet)
StaffFormSetFactory = _formset(StaffPosition, StaffForm, StaffFormSet)
ServiceFormSetFactory = _formset(ProvidedService, ServiceForm, ServiceFormSet)


def _options(items: Iterable[Any], label: Any = str) -> Choices:
    return [("", "---------"), *((item.pk, label(item)) for item in items)]


class ProviderEditor:
    """The card form and its formsets, bound to the same data and saved together."""

    def __init__(self, data: Any, *, provider: Provider) -> None:
        settlements = hromada_settlements(provider.hromada)
        departments = provider.departments.all() if provider.pk else Department.objects.none()
        querysets: dict[str, models.QuerySet[Any]] = {
            "settlement": settlements,
            "department": departments,
            "service": Service.objects.all(),
        }
        choices: dict[str, Choices] = {
            "settlement": _options(settlements, lambda territory: territory.display_name),
            "department": _options(departments),
            "service": _options(querysets["service"]),
        }
        self.form = ProviderForm(data, instance=provider, settlements=settlements)
        kwargs = {
            "instance": provider,
            "form_kwargs": {"querysets": querysets, "choices": choices},
        }
        self.departments = DepartmentFormSetFactory(data, prefix="departments", **kwargs)
        self.addresses = AddressFormSetFactory(data, prefix="addresses", **kwargs)
        self.staff = StaffFormSetFactory(data, prefix="staff", **kwargs)
        self.services = ServiceFormSetFactory(data, prefix="services", **kwargs)

    @property
    def formsets(self) -> list[_PartFormSet]:
        return [self.departments, self.addresses, self.staff, self.services]

    @property
    def version(self) -> int:
        try:
            return int(self.form.data.get("version", ""))
        except ValueError:
            return -1

    def is_valid(self) -> bool:
        # Every part is checked, so that all mistakes show at once.
        results = [self.form.is_valid(), *(formset.is_valid() for formset in self.formsets)]
        return all(results) and self._departments_kept()

    def _departments_kept(self) -> bool:
        """A staff row or a service may not point at a department being removed."""
        removed = {form.instance.pk for form in self.departments.deleted_forms}
        for formset in (self.staff, self.services):
            for form in formset.live_forms():
                department = form.cleaned_data.get("department")
                if department is not None and department.pk in removed:
                    form.add_error(
                        "department",
                        f"Відділення «{department.name}» позначено до видалення: "
                        "оберіть інше або залиште порожнім.",
                    )
                    return False
        return True

    def parts(self) -> CardParts:
        """What to write besides the provider itself (call after ``is_valid``)."""
        parts = CardParts()
        for formset in self.formsets:
            parts.save += formset.save(commit=False)
            parts.delete += formset.deleted_objects
        return parts
