from django.db import models


class ConsultationStatus(models.TextChoices):
    """The life of a consultation, in order; each step is one action in ``actions``."""

    DRAFT = "draft", "чернетка"
    ANNOUNCED = "announced", "оголошено"
    OPEN = "open", "триває прийом пропозицій"
    CLOSED = "closed", "прийом пропозицій завершено"
    DECIDED = "decided", "рішення прийнято"
    REPORT_PUBLISHED = "report_published", "звіт оприлюднено"


class Channel(models.TextChoices):
    """How a proposal or a registration reached the organiser."""

    WEB = "web", "вебформа"
    EMAIL = "email", "електронна пошта"
    POST = "post", "пошта"
    MEETING = "meeting", "на публічному обговоренні"
    PHONE = "phone", "телефон"


class Moderation(models.TextChoices):
    PENDING = "pending", "очікує модерації"
    APPROVED = "approved", "прийнято до розгляду"
    REJECTED = "rejected", "відхилено модератором"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "враховано"
    PARTLY = "partly", "враховано частково"
    REJECTED = "rejected", "не враховано"


class DocumentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
