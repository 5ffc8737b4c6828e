from django.db import models


class ReferenceDateType(models.TextChoices):
    """How annex 1 of order 130-Н dates a figure."""

    AS_OF_JANUARY_1 = "as_of_jan_1", "станом на 1 січня відповідного року"
    PREVIOUS_YEAR = "previous_year", "за попередній календарний рік"


class CountUnit(models.TextChoices):
    PERSONS = "persons", "осіб"
    FAMILIES = "families", "сімей"


class ServicePurpose(models.TextChoices):
    PREVENTION = "prevention", "профілактика"
    SUPPORT = "support", "підтримка"
    CARE = "care", "обслуговування"


class DeadlineKind(models.TextChoices):
    """What a deadline of art. 20 of the Law "Про соціальні послуги" is for; both are
    counted in working days from the date of the application."""

    ASSESSMENT = "assessment", "оцінювання потреб"
    DECISION = "decision", "рішення про надання послуги"
