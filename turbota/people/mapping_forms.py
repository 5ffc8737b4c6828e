"""Input of a saved column mapping: one line per column, «у файлі = у шаблоні»."""

from __future__ import annotations

from django import forms

from turbota.people.import_check import header_key
from turbota.people.import_columns import COLUMNS

TEMPLATE_HEADERS = {header_key(column.header): column.header for column in COLUMNS}


class ColumnMappingForm(forms.Form):
    name = forms.CharField(label="Назва", max_length=100, help_text="напр. «Вивантаження з ЄІССС»")
    lines = forms.CharField(
        label="Відповідність стовпців",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="По рядку на стовпець: заголовок у вашому файлі = заголовок шаблону, "
        "напр. «Прізвище отримувача = прізвище». Стовпці, названі як у шаблоні, "
        "зазначати не треба.",
    )

    def clean_lines(self) -> dict[str, str]:
        columns: dict[str, str] = {}
        errors = []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            theirs, sign, ours = line.partition("=")
            target = TEMPLATE_HEADERS.get(header_key(ours))
            if not sign or not header_key(theirs):
                errors.append(
                    f"Рядок {number}: очікується «заголовок у файлі = заголовок шаблону»."
                )
            elif target is None:
                errors.append(f"Рядок {number}: «{ours.strip()}» — такого стовпця в шаблоні немає.")
            elif header_key(theirs) in columns:
                errors.append(f"Рядок {number}: «{theirs.strip()}» уже зіставлено вище.")
            elif target in columns.values():
                errors.append(f"Рядок {number}: стовпець шаблону «{target}» уже зіставлено.")
            else:
                columns[header_key(theirs)] = target
        if errors:
            raise forms.ValidationError(errors)
        if not columns:
            raise forms.ValidationError("Зіставте хоча б один стовпець.")
        return columns
