from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from turbota.core.enums import ImportStatus


class HromadaAuditMixin:
    """Puts the hromada into every audit entry, so a hromada's history is one filter."""

    hromada_id: int

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.hromada_id}


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("створено", auto_now_add=True)
    updated_at = models.DateTimeField("змінено", auto_now=True)

    class Meta:
        abstract = True


class ReferenceLoad(models.Model):
    """One load of a reference data set: which file, which edition, what changed."""

    dataset = models.CharField("набір даних", max_length=60)
    checksum = models.CharField("контрольна сума файлу", max_length=64)
    edition = models.CharField("редакція", max_length=500, blank=True)
    summary = models.JSONField("результат", default=dict)
    loaded_at = models.DateTimeField("завантажено", auto_now_add=True)

    class Meta:
        verbose_name = "завантаження довідника"
        verbose_name_plural = "завантаження довідників"
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.dataset} {self.loaded_at:%d.%m.%Y %H:%M}"


class ImportJob(TimeStampedModel):
    """An uploaded file on its way in: checked, previewed, then applied or cancelled.

    The file is kept only while the job waits for confirmation; the summary and the list
    of problems stay as the record of what happened.
    """

    kind = models.CharField("вид імпорту", max_length=40)
    hromada = models.ForeignKey(
        "territories.Territory", verbose_name="громада", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="завантажив",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField("файл", upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField("назва файлу", max_length=255)
    status = models.CharField("стан", max_length=12, choices=ImportStatus.choices)
    problems = models.JSONField("помилки", default=list, blank=True)
    summary = models.JSONField("підсумок", default=dict, blank=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)

    class Meta:
        verbose_name = "імпорт файлу"
        verbose_name_plural = "імпорт файлів"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"


class NonWorkingDay(models.Model):
    """A weekday that is not a working day (a public holiday, a day moved by the
    government), for deadlines counted in working days. Saturdays and Sundays are days off
    without a row.

    Empty by default: under martial law the public holidays of art. 73 of the Labour Code
    are working days (Law of Ukraine No. 2136-IX of 15.03.2022 — verify), so the deadlines
    skip weekends only. When that ends, an administrator adds the holidays here."""

    date = models.DateField(
        "дата",
        unique=True,
        help_text="у будній день; під час воєнного стану святкові дні робочі (Закон України "
        "№ 2136-IX — перевірити), тож календар порожній, доки це так",
    )
    name = models.CharField("назва", max_length=200)

    class Meta:
        verbose_name = "неробочий день"
        verbose_name_plural = "календар неробочих днів"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.name}"


auditlog.register(ImportJob, exclude_fields=["file"])
auditlog.register(NonWorkingDay)
