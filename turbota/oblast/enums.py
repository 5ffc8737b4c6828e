from django.db import models


class CooperationStatus(models.TextChoices):
    """Where a suggested purchase of services from a neighbouring hromada stands."""

    NEGOTIATING = "negotiating", "переговори"
    SIGNED = "signed", "угоду підписано"
    DROPPED = "dropped", "переговори припинено"


class AssignmentStatus(models.TextChoices):
    OPEN = "open", "на виконанні"
    DONE = "done", "виконано"
    WITHDRAWN = "withdrawn", "знято з контролю"


class AddresseeKind(models.TextChoices):
    """Whom an assignment (доручення) of the oblast working group is addressed to."""

    RAION_ADMINISTRATIONS = "raion_administrations", "усі районні (військові) адміністрації"
    HROMADAS = "hromadas", "усі територіальні громади (сільські, селищні, міські ради)"
    RAION = "raion", "районна (військова) адміністрація"
    HROMADA = "hromada", "територіальна громада"
    DEPARTMENT = "department", "структурний підрозділ облдержадміністрації"
    OTHER = "other", "інший виконавець"


# Kinds that name one territory, and the kinds that name one by its title.
TERRITORY_KINDS = (AddresseeKind.RAION, AddresseeKind.HROMADA)
NAMED_KINDS = (AddresseeKind.DEPARTMENT, AddresseeKind.OTHER)
