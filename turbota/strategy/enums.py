from django.db import models


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", "чернетка"
    ADOPTED = "adopted", "затверджено"
    AMENDED = "amended", "затверджено зі змінами"
    SUPERSEDED = "superseded", "замінено новою редакцією"


IN_FORCE = (StrategyStatus.ADOPTED, StrategyStatus.AMENDED)


class NodeKind(models.TextChoices):
    STRATEGIC_GOAL = "strategic", "стратегічна ціль"
    OPERATIONAL_GOAL = "operational", "операційна ціль"
    TASK = "task", "завдання"
    MEASURE = "measure", "захід"


class WorkingGroupRole(models.TextChoices):
    CHAIR = "chair", "голова робочої групи"
    DEPUTY_CHAIR = "deputy", "заступник голови робочої групи"
    SECRETARY = "secretary", "секретар робочої групи"
    MEMBER = "member", "член робочої групи"
    EXPERT = "expert", "експерт з підготовки стратегії"


class SwotQuadrant(models.TextChoices):
    STRENGTH = "strength", "сильні сторони"
    WEAKNESS = "weakness", "слабкі сторони"
    OPPORTUNITY = "opportunity", "можливості"
    THREAT = "threat", "загрози"


class ScenarioKind(models.TextChoices):
    INERTIAL = "inertial", "інерційний"
    REALISTIC = "realistic", "реалістичний"
    MODERNISATION = "modernisation", "модернізаційний"


class Direction(models.TextChoices):
    HIGHER = "higher", "що більше, то краще"
    LOWER = "lower", "що менше, то краще"


class Area(models.TextChoices):
    TOTAL = "total", "усього"
    URBAN = "urban", "міська місцевість"
    RURAL = "rural", "сільська місцевість"


class SexCut(models.TextChoices):
    TOTAL = "total", "обидві статі"
    FEMALE = "female", "жінки"
    MALE = "male", "чоловіки"


class PeriodStatus(models.TextChoices):
    OPEN = "open", "відкрито для внесення"
    SUBMITTED = "submitted", "подано на затвердження"
    APPROVED = "approved", "затверджено і заблоковано"


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", "не розпочато"
    IN_PROGRESS = "in_progress", "виконується"
    DONE = "done", "виконано"
    OVERDUE = "overdue", "прострочено"
    CANCELLED = "cancelled", "скасовано"


class Rag(models.TextChoices):
    GREEN = "green", "зелений: за планом"
    AMBER = "amber", "жовтий: є відхилення"
    RED = "red", "червоний: значне відхилення"
