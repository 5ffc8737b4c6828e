from django.db import models


class OwnershipSector(models.TextChoices):
    STATE = "state", "державний"
    COMMUNAL = "communal", "комунальний"
    NON_STATE = "non_state", "недержавний"
    NATURAL_PERSON = "natural_person", "фізична особа"


class CapacityUnit(models.TextChoices):
    PLACES = "places", "місць"
    RECIPIENTS_PER_YEAR = "recipients_per_year", "отримувачів на рік"


class PaymentBasis(models.TextChoices):
    """Art. 28 of the law: who pays for a service."""

    FREE = "free", "безоплатно"
    DIFFERENTIATED_FEE = "differentiated_fee", "з установленням диференційованої плати"
    PAID = "paid", "платно"
