"""Optimistic locking of edited records (decision 0011): a save made from a form opened
before someone else's save is refused with this error, and the form is shown again with the
user's input kept."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models

STALE_MESSAGE = (
    "Цей запис змінив інший користувач, поки ви його редагували, тому ваші зміни не "
    "збережено. Ваші дані залишилися у формі: звірте їх з актуальною версією і збережіть ще "
    "раз — або перезавантажте сторінку, щоб почати з актуальної версії."
)


class StaleEditError(ValidationError):
    """The record was saved by someone else since the form was opened."""

    def __init__(self) -> None:
        super().__init__(STALE_MESSAGE, code="stale")


def next_version(
    record: models.Model,
    expected: int | None,
    *,
    error: Callable[[], ValidationError] = StaleEditError,
) -> int:
    """Lock ``record``'s row and give the version its save takes; refuse with ``error`` when
    the row is no longer at ``expected`` — someone saved it since the form was opened."""
    current = (
        type(record)
        ._default_manager.select_for_update()
        .values_list("version", flat=True)
        .get(pk=record.pk)
    )
    if current != expected:
        raise error()
    return int(current) + 1
