"""What a consultation may be about: a registry of consultable documents.

The subject of a consultation is a document of some app — a needs report, a draft strategy,
a monitoring report, or a file the hromada uploads. This app does not import those apps'
models; each app registers its model here from its ``AppConfig.ready()`` with five small
functions:

- ``hromada(obj)``: the hromada whose document it is (a consultation is on its own
  hromada's documents only);
- ``title(obj)``: the document's title as the public reads it;
- ``public_url(obj)``: where the public reads the document, or ``None`` while it is not
  public (a consultation cannot be announced on a document nobody can read);
- ``items(obj)``: the parts a proposal may be about, as ``(key, label)`` pairs. The key is
  stable (it must not change when the label is edited — use the code or the primary key,
  e.g. ``"measure:42"``), unique within the document and at most 100 characters;
- ``of_hromada(hromada)``: the hromada's documents that may be consulted on (for the form
  that starts a consultation).

A consultation stores its subject as a generic foreign key; a proposal stores the chosen
item's key and a snapshot of its label, so a renamed or deleted item never loses what the
proposal was about.

The shape of a registration, in an app's ``apps.py`` (the strategy app's real one is
``turbota/strategy/consultation_subject.py``: every node of the goals tree, keyed
``node:<pk>``, decision 0028)::

    class StrategyConfig(AppConfig):
        name = "turbota.strategy"

        def ready(self) -> None:
            from django.urls import reverse

            from turbota.consultations import subjects
            from turbota.strategy.models import MonitoringPeriod, Strategy

            subjects.register(
                Strategy,
                label="стратегія",
                hromada=lambda s: s.hromada,
                title=str,
                public_url=lambda s: reverse("strategy:detail", args=[s.pk]),
                items=lambda s: [
                    (f"goal:{g.pk}", f"{g.code} {g.title}") for g in s.goals.all()
                ] + [(f"measure:{m.pk}", f"{m.code} {m.title}") for m in s.measures.all()],
                of_hromada=lambda h: Strategy.objects.filter(hromada=h),
            )
            subjects.register(MonitoringPeriod, label="звіт про моніторинг", ...)

(the names of the strategy's own models, fields and URLs are whatever that app has.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

if TYPE_CHECKING:
    from turbota.territories.models import Territory

Item = tuple[str, str]
ITEM_KEY_MAX = 100


@dataclass(frozen=True)
class SubjectType:
    model: type[Model]
    label: str
    hromada: Callable[[Any], Territory]
    title: Callable[[Any], str]
    public_url: Callable[[Any], str | None]
    items: Callable[[Any], Iterable[Item]]
    of_hromada: Callable[[Territory], Iterable[Any]]

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


_REGISTRY: dict[str, SubjectType] = {}


def register(
    model: type[Model],
    *,
    label: str,
    hromada: Callable[[Any], Territory],
    title: Callable[[Any], str],
    public_url: Callable[[Any], str | None],
    items: Callable[[Any], Iterable[Item]],
    of_hromada: Callable[[Territory], Iterable[Any]],
) -> SubjectType:
    """Make ``model`` consultable. Registering the same model again replaces it (Django
    may run ``ready()`` more than once in tests)."""
    subject_type = SubjectType(model, label, hromada, title, public_url, items, of_hromada)
    _REGISTRY[subject_type.key] = subject_type
    return subject_type


def unregister(model: type[Model]) -> None:
    _REGISTRY.pop(model._meta.label_lower, None)


def registered() -> list[SubjectType]:
    return sorted(_REGISTRY.values(), key=lambda subject_type: subject_type.label)


def type_of(obj_or_model: Model | type[Model]) -> SubjectType:
    """The registration of an object's model; ``LookupError`` when it is not consultable."""
    key = obj_or_model._meta.label_lower
    if key not in _REGISTRY:
        raise LookupError(f"{key} is not registered as a consultation subject")
    return _REGISTRY[key]


def is_registered(obj_or_model: Model | type[Model]) -> bool:
    return obj_or_model._meta.label_lower in _REGISTRY


def items_of(obj: Model) -> list[Item]:
    """The document's items now, keys checked (stable, unique, short)."""
    found = [(str(key), str(label)) for key, label in type_of(obj).items(obj)]
    keys = [key for key, _ in found]
    if len(set(keys)) != len(keys) or any(not key or len(key) > ITEM_KEY_MAX for key in keys):
        raise ValueError(f"items of {obj._meta.label_lower} need unique keys of 1-100 characters")
    return found


def reference(obj: Model) -> str:
    """A value for a choice field that names one object of a registered model."""
    type_of(obj)
    content_type = ContentType.objects.get_for_model(obj)
    return f"{content_type.pk}:{obj.pk}"


def resolve(value: str) -> Model | None:
    """The object ``reference`` named, if its model is registered and it exists."""
    type_id, _, object_id = value.partition(":")
    if not (type_id.isdigit() and object_id.isdigit()):
        return None
    try:
        content_type = ContentType.objects.get_for_id(int(type_id))
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is None or not is_registered(model):
        return None
    found: Model | None = model._default_manager.filter(pk=int(object_id)).first()
    return found


def candidates(hromada: Territory) -> list[tuple[SubjectType, list[Model]]]:
    """Every registered type with the hromada's documents of that type."""
    return [(t, list(t.of_hromada(hromada))) for t in registered()]
