"""Optimistic locking of edited records (decision 0011): a save made from a form opened
before someone else's save is refused with this error, and the form is shown again with the
user's input kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError

STALE_MESSAGE = (
    "Цей запис змінив інший користувач, поки ви його редагували, тому ваші зміни не "
    "збережено. Ваші дані залишилися у формі: звірте їх з актуальною версією і збережіть ще "
    "раз — або перезавантажте сторінку, щоб почати з актуальної версії."
)


class StaleEditError(ValidationError):
    """The record was saved by someone else since the form was opened."""

    def __init__(self) -> None:
        super().__init__(STALE_MESSAGE, code="stale")
