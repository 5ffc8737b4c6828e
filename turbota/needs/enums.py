from django.db import models


class StudyStatus(models.TextChoices):
    DRAFT = "draft", "чернетка"
    APPROVED = "approved", "затверджено"
    PUBLISHED = "published", "оприлюднено"


class Scenario(models.TextChoices):
    INERTIAL = "inertial", "інерційний"
    REALISTIC = "realistic", "реалістичний"
    MODERNISATION = "modernisation", "модернізаційний"
