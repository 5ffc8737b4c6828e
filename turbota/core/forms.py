from django import forms

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Файл Excel (.xlsx)",
        help_text="Заповнений шаблон або експорт із системи. Нічого не буде записано, "
        "доки ви не переглянете зміни й не підтвердите їх.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Файл завеликий: не більше 20 МБ.")
        return upload
