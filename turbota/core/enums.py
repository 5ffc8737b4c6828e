from django.db import models


class Sex(models.TextChoices):
    """Sex as counted in every disaggregated figure (statistics use these two)."""

    FEMALE = "female", "жінки"
    MALE = "male", "чоловіки"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "у черзі"
    RUNNING = "running", "виконується"
    VALIDATED = "validated", "перевірено, чекає підтвердження"
    REJECTED = "rejected", "відхилено: у файлі є помилки"
    APPLIED = "applied", "застосовано"
    CANCELLED = "cancelled", "скасовано"
