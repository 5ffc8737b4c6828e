"""Writes to the provider registry. Every save goes through the model, so django-auditlog
records it with the provider in ``additional_data``; every change of a card bumps its
version, which is how a second editor's stale form is refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from turbota.core.locking import next_version
from turbota.providers.models import Department, Provider
from turbota.territories.models import Territory

STALE_MESSAGE = (
    "Картку змінив інший користувач, поки ви її редагували, тому ваші зміни не збережено. "
    "Ваші дані залишилися у формі: звірте їх з актуальною карткою і збережіть ще раз — "
    "або перезавантажте сторінку, щоб почати з актуальної версії."
)


class StaleProviderError(ValidationError):
    """The card was saved by someone else since the form was opened."""

    def __init__(self) -> None:
        super().__init__(STALE_MESSAGE, code="stale")


@dataclass
class CardParts:
    """Addresses, departments, staff and services to save or delete with a card."""

    save: list[models.Model] = field(default_factory=list)
    delete: list[models.Model] = field(default_factory=list)


def create_provider(*, hromada: Territory, provider: Provider, parts: CardParts) -> Provider:
    """Add a provider to the hromada's registry with its addresses, departments, staff and
    services."""
    with transaction.atomic():
        provider.hromada = hromada
        provider.version = 1
        provider.save()
        _write_parts(provider, parts)
    return provider


def update_provider(*, provider: Provider, expected_version: int, parts: CardParts) -> Provider:
    """Save a card edited from ``expected_version``; refuse if it has changed since."""
    with transaction.atomic():
        provider.version = next_version(provider, expected_version, error=StaleProviderError)
        provider.save()
        _write_parts(provider, parts)
    return provider


def _write_parts(provider: Provider, parts: CardParts) -> None:
    # Rows before the departments they belong to, so nothing is deleted twice.
    for part in sorted(parts.delete, key=lambda obj: isinstance(obj, Department)):
        if part.pk is not None:
            part.delete()
    for part in sorted(parts.save, key=lambda obj: not isinstance(obj, Department)):
        part.provider = provider  # type: ignore[attr-defined]
        part.save()


def delete_provider(*, provider: Provider) -> None:
    """Remove a provider with its addresses, departments, staff and services. Refused while
    user accounts are bound to it or other records depend on it."""
    accounts = provider.memberships.count()
    if accounts:
        raise ValidationError(
            f"До надавача прив'язано облікових записів працівників: {accounts}. "
            "Спершу зніміть з них роль «працівник надавача» (в адмініструванні)."
        )
    try:
        with transaction.atomic():
            provider.delete()
    except (ProtectedError, RestrictedError) as error:
        blockers = sorted({str(obj._meta.verbose_name) for obj in error.args[1]})
        raise ValidationError(
            "Надавача не можна видалити: на нього посилаються інші записи ("
            + ", ".join(blockers)
            + "). Спершу змініть або видаліть їх."
        ) from error
