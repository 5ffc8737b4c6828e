"""Drafts of providers read from a file, compared with the database: the list of changes
the preview shows and the function that writes them, one model save at a time so that
django-auditlog records each change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db import models

from turbota.catalog.models import Service
from turbota.core.imports import Change, ImportPlan
from turbota.providers.enums import CapacityUnit
from turbota.providers.models import (
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    StaffPosition,
)
from turbota.providers.tables import staff_figure
from turbota.reports.xlsx import Row, format_yes_no
from turbota.territories.models import Territory


@dataclass(frozen=True)
class DepartmentDraft:
    name: str
    settlement: Territory | None
    address: str


@dataclass(frozen=True)
class AddressDraft:
    address: str
    settlement: Territory | None


@dataclass(frozen=True)
class StaffDraft:
    department: str
    title: str
    established: Decimal
    filled: Decimal


@dataclass(frozen=True)
class ServiceDraft:
    service: Service
    capacity: int | None = None
    unit: str = CapacityUnit.RECIPIENTS_PER_YEAR
    free: bool = True
    differentiated_fee: bool = False
    paid: bool = False
    department: str = ""

    @classmethod
    def of(cls, provided: ProvidedService) -> ServiceDraft:
        return cls(
            service=provided.service,
            capacity=provided.capacity,
            unit=provided.capacity_unit,
            free=provided.free,
            differentiated_fee=provided.differentiated_fee,
            paid=provided.paid,
            department=provided.department.name if provided.department else "",
        )

    def as_model(self) -> ProvidedService:
        return ProvidedService(
            capacity=self.capacity,
            capacity_unit=self.unit,
            free=self.free,
            differentiated_fee=self.differentiated_fee,
            paid=self.paid,
        )


@dataclass
class Draft:
    """One provider as the file describes it. A part left ``None`` is not in the file and
    stays as it is; ``managed_services`` limits which services the file decides on."""

    row: Row
    existing: Provider | None
    provider: Provider
    answers: dict[str, bool | None]
    departments: dict[str, DepartmentDraft] | None = None
    addresses: dict[str, AddressDraft] | None = None
    staff: dict[tuple[str, str], StaffDraft] | None = None
    services: dict[str, ServiceDraft] | None = None
    managed_services: set[str] | None = None

    def existing_parts(self, related: str) -> list[Any]:
        return list(getattr(self.existing, related).all()) if self.existing else []

    def department_names(self) -> set[str]:
        if self.departments is not None:
            return set(self.departments)
        return {department.name.casefold() for department in self.existing_parts("departments")}


State = dict[str, object]
D = TypeVar("D")


class Kind(Generic[D]):
    """How one kind of part is matched by key, compared, described and filled in."""

    label = ""
    related = ""
    model: type[models.Model]

    def key(self, obj: Any) -> Hashable:
        raise NotImplementedError

    def name(self, draft: D) -> str:
        raise NotImplementedError

    def obj_name(self, obj: Any) -> str:
        raise NotImplementedError

    def state(self, obj: Any) -> State:
        raise NotImplementedError

    def draft_state(self, draft: D) -> State:
        raise NotImplementedError

    def fill(self, obj: Any, draft: D) -> None:
        raise NotImplementedError

    def department(self, draft: D) -> str | None:
        """The department to link before saving, by name; None: no department field."""
        return None


def _settlement_id(settlement: Territory | None) -> int | None:
    return settlement.pk if settlement else None


class DepartmentKind(Kind[DepartmentDraft]):
    label, related, model = "відділення", "departments", Department

    def key(self, obj: Department) -> Hashable:
        return obj.name.casefold()

    def name(self, draft: DepartmentDraft) -> str:
        return draft.name

    def obj_name(self, obj: Department) -> str:
        return obj.name

    def state(self, obj: Department) -> State:
        return {"назва": obj.name, "населений пункт": obj.settlement, "адреса": obj.address}

    def draft_state(self, draft: DepartmentDraft) -> State:
        return {"назва": draft.name, "населений пункт": draft.settlement, "адреса": draft.address}

    def fill(self, obj: Department, draft: DepartmentDraft) -> None:
        obj.name, obj.settlement, obj.address = draft.name, draft.settlement, draft.address


class AddressKind(Kind[AddressDraft]):
    label, related, model = "адреса", "addresses", ProviderAddress

    def key(self, obj: ProviderAddress) -> Hashable:
        return obj.address.casefold()

    def name(self, draft: AddressDraft) -> str:
        return draft.address

    def obj_name(self, obj: ProviderAddress) -> str:
        return obj.address

    def state(self, obj: ProviderAddress) -> State:
        return {"адреса": obj.address, "населений пункт": obj.settlement}

    def draft_state(self, draft: AddressDraft) -> State:
        return {"адреса": draft.address, "населений пункт": draft.settlement}

    def fill(self, obj: ProviderAddress, draft: AddressDraft) -> None:
        obj.address, obj.settlement = draft.address, draft.settlement


class StaffKind(Kind[StaffDraft]):
    label, related, model = "посада", "staff", StaffPosition

    def key(self, obj: StaffPosition) -> Hashable:
        department = obj.department.name if obj.department else ""
        return (department.casefold(), obj.title.casefold())

    def name(self, draft: StaffDraft) -> str:
        return draft.title + (f" ({draft.department})" if draft.department else "")

    def obj_name(self, obj: StaffPosition) -> str:
        return obj.title + (f" ({obj.department.name})" if obj.department else "")

    def state(self, obj: StaffPosition) -> State:
        return {
            "посада": obj.title,
            "штатних одиниць": obj.established,
            "фактично працює": obj.filled,
        }

    def draft_state(self, draft: StaffDraft) -> State:
        return {
            "посада": draft.title,
            "штатних одиниць": draft.established,
            "фактично працює": draft.filled,
        }

    def fill(self, obj: StaffPosition, draft: StaffDraft) -> None:
        obj.title, obj.established, obj.filled = draft.title, draft.established, draft.filled

    def department(self, draft: StaffDraft) -> str | None:
        return draft.department


class ServiceKind(Kind[ServiceDraft]):
    label, related, model = "послуга", "services", ProvidedService

    def key(self, obj: ProvidedService) -> Hashable:
        return obj.service.code

    def name(self, draft: ServiceDraft) -> str:
        return str(draft.service)

    def obj_name(self, obj: ProvidedService) -> str:
        return str(obj.service)

    def state(self, obj: ProvidedService) -> State:
        return self.draft_state(ServiceDraft.of(obj))

    def draft_state(self, draft: ServiceDraft) -> State:
        return {
            "потужність": draft.capacity,
            "одиниця": CapacityUnit(draft.unit).label,
            "безоплатно": draft.free,
            "диференційована плата": draft.differentiated_fee,
            "платно": draft.paid,
            "відділення": draft.department.casefold(),
        }

    def fill(self, obj: ProvidedService, draft: ServiceDraft) -> None:
        obj.service, obj.capacity, obj.capacity_unit = draft.service, draft.capacity, draft.unit
        obj.free, obj.differentiated_fee, obj.paid = (
            draft.free,
            draft.differentiated_fee,
            draft.paid,
        )

    def department(self, draft: ServiceDraft) -> str | None:
        return draft.department


KINDS: tuple[Kind[Any], ...] = (DepartmentKind(), AddressKind(), StaffKind(), ServiceKind())


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return format_yes_no(value)
    if isinstance(value, Decimal):
        return staff_figure(value)
    if isinstance(value, Territory):
        return value.display_name
    return str(value)


def _text(state: State) -> str:
    return "; ".join(f"{label}: {_shown(value)}" for label, value in state.items())


@dataclass
class Op:
    """A part to save (after linking its department by name) or to delete."""

    obj: Any
    delete: bool = False
    department: str | None = None


@dataclass
class ProviderWrite:
    draft: Draft
    changes: list[Change] = field(default_factory=list)
    provider_changed: bool = False
    ops: list[Op] = field(default_factory=list)

    def apply(self) -> None:
        provider, existing = self.draft.provider, self.draft.existing
        if existing is None or self.provider_changed or self.ops:
            provider.version = existing.version + 1 if existing else 1
            provider.save()
        departments = {d.name.casefold(): d for d in self.draft.existing_parts("departments")}
        deletes = [op.obj for op in self.ops if op.delete]
        for obj in sorted(deletes, key=lambda obj: isinstance(obj, Department)):
            departments = {k: d for k, d in departments.items() if d is not obj}
            obj.delete()
        for op in sorted(self.ops, key=lambda op: not isinstance(op.obj, Department)):
            if op.delete:
                continue
            op.obj.provider = provider
            if op.department is not None:
                op.obj.department = departments.get(op.department.casefold())
            op.obj.save()
            if isinstance(op.obj, Department):
                departments[op.obj.name.casefold()] = op.obj


_COMPARED = [
    model_field
    for model_field in Provider._meta.concrete_fields
    if model_field.editable and model_field.name not in {"id", "hromada"}
]


def _provider_changes(draft: Draft) -> tuple[Change, bool]:
    provider, existing = draft.provider, draft.existing
    what = f"Надавач «{provider.full_name}»"
    if existing is None:
        return Change("create", what, new=provider.registry_code or "без коду"), True
    old, new = [], []
    for model_field in _COMPARED:
        before, after = getattr(existing, model_field.name), getattr(provider, model_field.name)
        if before != after:
            label = str(model_field.verbose_name)
            choices = dict(model_field.choices or ())
            old.append(f"{label}: {_shown(choices.get(before, before))}")
            new.append(f"{label}: {_shown(choices.get(after, after))}")
    if not old:
        return Change("unchanged", what), False
    return Change("update", what, old="; ".join(old), new="; ".join(new)), True


def _sync(kind: Kind[Any], draft: Draft, wanted: dict[Hashable, Any], write: ProviderWrite) -> None:
    """Match the provider's parts of one kind to the file's by key."""
    owner = draft.provider.full_name
    managed = draft.managed_services if kind.related == "services" else None
    pool: dict[Hashable, list[Any]] = defaultdict(list)
    for obj in draft.existing_parts(kind.related):
        if managed is None or kind.key(obj) in managed:
            pool[kind.key(obj)].append(obj)
    for key, wish in wanted.items():
        matches = pool.pop(key, [])
        pool[("extra", key)] = matches[1:]
        obj = matches[0] if matches else kind.model()
        what = f"{owner}: {kind.label} «{kind.name(wish)}»"
        new = kind.draft_state(wish)
        if obj.pk is None:
            write.changes.append(Change("create", what, new=_text(new)))
        elif kind.state(obj) != new:
            write.changes.append(Change("update", what, old=_text(kind.state(obj)), new=_text(new)))
        else:
            write.changes.append(Change("unchanged", what))
            continue
        kind.fill(obj, wish)
        write.ops.append(Op(obj, department=kind.department(wish)))
    for obj in (obj for objs in pool.values() for obj in objs):
        what = f"{owner}: {kind.label} «{kind.obj_name(obj)}»"
        write.changes.append(Change("update", what, old=_text(kind.state(obj)), new="вилучено"))
        write.ops.append(Op(obj, delete=True))


def plan_changes(drafts: list[Draft]) -> ImportPlan:
    writes = []
    for draft in drafts:
        change, changed = _provider_changes(draft)
        write = ProviderWrite(draft=draft, changes=[change], provider_changed=changed)
        for kind in KINDS:
            wanted = getattr(draft, kind.related)
            if wanted is not None:
                _sync(kind, draft, wanted, write)
        writes.append(write)

    def write_all() -> None:
        for write in writes:
            write.apply()

    return ImportPlan(changes=[c for w in writes for c in w.changes], write=write_all)
