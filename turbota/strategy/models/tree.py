"""The goals tree exactly as the document numbers it, and what each task or measure
plans: result indicator, period, executors, funding sources and money by year.

A node's ``number`` is kept as written ("1.3.4" after "1.3.2", two "2.1.11"): the tree is
held together by ``parent``, never by the numbers, so a gap or a duplicate in a real
document stays visible instead of being "fixed" (decision 0017)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator

from turbota.strategy.enums import NodeKind
from turbota.strategy.models.strategy import YEARS, Strategy

TITLE_IN_NAME = 120
# A node added under another is one level below it; a measure holds sub-measures.
CHILD_KIND = {
    NodeKind.STRATEGIC_GOAL: NodeKind.OPERATIONAL_GOAL,
    NodeKind.OPERATIONAL_GOAL: NodeKind.TASK,
    NodeKind.TASK: NodeKind.MEASURE,
    NodeKind.MEASURE: NodeKind.MEASURE,
}


class FundingSource(models.Model):
    """A source of funding (local budget, state budget, international technical assistance,
    …): editable reference data; ``aliases`` are the words documents use for it."""

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("назва", max_length=200)
    aliases = models.TextField(
        "як його називають у документах (по одному в рядку, малими літерами)", blank=True
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)
    is_active = models.BooleanField("чинне", default=True)

    class Meta:
        verbose_name = "джерело фінансування"
        verbose_name_plural = "джерела фінансування"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        words = [self.name.lower(), *self.aliases.lower().splitlines()]
        return [word.strip() for word in words if word.strip()]


class NodeQuerySet(models.QuerySet["Node"]):
    def in_order(self) -> NodeQuerySet:
        return self.order_by("position", "pk")


class Node(models.Model):
    """A strategic goal, operational goal, task or measure (a measure may hold sub-measures)."""

    strategy = models.ForeignKey(
        Strategy, verbose_name="стратегія", on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="вища ціль чи завдання",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField("рівень", max_length=12, choices=NodeKind.choices)
    number = models.CharField("номер, як у документі", max_length=30, blank=True)
    title = models.TextField("назва")
    slogan = models.CharField("гасло чи заголовок цілі", max_length=300, blank=True)
    position = models.PositiveIntegerField("порядок у документі", default=0)
    source_line = models.PositiveIntegerField("рядок у файлі імпорту", null=True, blank=True)
    result_indicator = models.TextField("індикатор результату", blank=True)
    period_text = models.CharField("термін виконання, як написано", max_length=100, blank=True)
    period_start = models.PositiveSmallIntegerField(
        "термін: з року", null=True, blank=True, validators=YEARS
    )
    period_end = models.PositiveSmallIntegerField(
        "термін: до року", null=True, blank=True, validators=YEARS
    )
    executors = models.TextField("відповідальні виконавці (по одному в рядку)", blank=True)
    funding_sources = models.ManyToManyField(
        FundingSource, verbose_name="джерела фінансування", blank=True, related_name="+"
    )
    funding_sources_text = models.CharField(
        "джерела фінансування, як написано", max_length=300, blank=True
    )
    implementation_mark = models.TextField("відмітка про виконання", blank=True)
    version = models.PositiveIntegerField("версія запису", default=1)

    objects = NodeQuerySet.as_manager()

    class Meta:
        verbose_name = "ціль, завдання чи захід"
        verbose_name_plural = "дерево цілей"
        ordering = ["strategy", "position", "pk"]
        indexes = [models.Index(fields=["strategy", "position"])]

    def __str__(self) -> str:
        title = Truncator(self.title).chars(TITLE_IN_NAME)
        return f"{self.number} {title}" if self.number else title

    def get_absolute_url(self) -> str:
        return reverse("strategy:node", kwargs={"pk": self.pk})

    @property
    def is_goal(self) -> bool:
        return self.kind in (NodeKind.STRATEGIC_GOAL, NodeKind.OPERATIONAL_GOAL)

    @property
    def child_kind(self) -> NodeKind:
        return CHILD_KIND[NodeKind(self.kind)]

    @property
    def child_label(self) -> str:
        """What a node added under this one is called on the page."""
        return "підзахід" if self.kind == NodeKind.MEASURE else str(self.child_kind.label)

    @property
    def period_label(self) -> str:
        if self.period_text:
            return self.period_text
        if self.period_start and self.period_end and self.period_start != self.period_end:
            return f"{self.period_start}-{self.period_end}"
        return str(self.period_start or self.period_end or "")

    def executor_list(self) -> list[str]:
        return [line.strip() for line in self.executors.splitlines() if line.strip()]


class PlannedFunding(models.Model):
    """Expected funding of a task or measure in thousands of UAH: for one year (or, where the
    document gives no split, for the whole period: ``year`` empty) and one source (empty when
    the document names several sources without splitting the amount)."""

    node = models.ForeignKey(
        Node, verbose_name="захід", on_delete=models.CASCADE, related_name="planned"
    )
    year = models.PositiveSmallIntegerField("рік", null=True, blank=True, validators=YEARS)
    source = models.ForeignKey(
        FundingSource,
        verbose_name="джерело",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.DecimalField("сума, тис. грн", max_digits=14, decimal_places=3)
    note = models.CharField("примітка", max_length=200, blank=True)

    class Meta:
        verbose_name = "плановий обсяг фінансування"
        verbose_name_plural = "плановий обсяг фінансування"
        ordering = ["node", "year", "source"]

    def __str__(self) -> str:
        return f"{self.node.number} {self.year or 'усього'}: {self.amount}"


class NodeNeed(models.Model):
    """A need (service × settlement, or the whole hromada) that a task or measure answers."""

    node = models.ForeignKey(
        Node, verbose_name="захід", on_delete=models.CASCADE, related_name="needs"
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    settlement = models.ForeignKey(
        "territories.Territory",
        verbose_name="населений пункт",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="порожньо — уся громада",
    )
    note = models.CharField("як захід відповідає на потребу", max_length=300, blank=True)

    class Meta:
        verbose_name = "потреба, на яку відповідає захід"
        verbose_name_plural = "потреби, на які відповідають заходи"
        ordering = ["node", "service__code"]

    def __str__(self) -> str:
        where = self.settlement.display_name if self.settlement else "уся громада"
        return f"{self.service.code} {self.service.name} — {where}"


for _model in (Node, PlannedFunding, NodeNeed, FundingSource):
    auditlog.register(_model, exclude_fields=["version"])
