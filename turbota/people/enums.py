from django.db import models


class DocumentType(models.TextChoices):
    """What identifies a person who has no РНОКПП (or refused it for religious reasons)."""

    PASSPORT_BOOK = "passport_book", "паспорт (книжечка)"
    ID_CARD = "id_card", "ID-картка"
    BIRTH_CERTIFICATE = "birth_certificate", "свідоцтво про народження"
    RESIDENCE_PERMIT = "residence_permit", "посвідка на проживання"
    OTHER = "other", "інший документ"


class HouseholdRelation(models.TextChoices):
    HEAD = "head", "голова домогосподарства"
    SPOUSE = "spouse", "чоловік / дружина"
    CHILD = "child", "дитина"
    PARENT = "parent", "батько / мати"
    OTHER_RELATIVE = "relative", "інший родич"
    OTHER = "other", "інше"


class EpisodeStatus(models.TextChoices):
    ACTIVE = "active", "надається"
    SUSPENDED = "suspended", "призупинено"
    COMPLETED = "completed", "завершено"
    CANCELLED = "cancelled", "скасовано"


class VolumeUnit(models.TextChoices):
    HOURS = "hours", "годин"
    VISITS = "visits", "відвідувань"
    DAYS = "days", "днів"
    SETS = "sets", "наборів"
    CONSULTATIONS = "consultations", "консультацій"


class Decision(models.TextChoices):
    """The decision on an application for a social service (art. 20 of the law)."""

    PENDING = "pending", "очікує рішення"
    GRANTED = "granted", "надавати"
    WAITING_LIST = "waiting_list", "у черзі (немає вільних місць)"
    REFUSED = "refused", "відмовлено"


class AccessAction(models.TextChoices):
    VIEWED = "viewed", "переглянуто"
    CHANGED = "changed", "змінено"
    EXPORTED = "exported", "вивантажено"
