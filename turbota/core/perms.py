"""Registering permission functions with django-rules.

Each app's ``permissions.py`` holds plain typed functions ``can_<verb>_<object>(user, obj)``;
registering them makes ``user.has_perm("app.verb_object", obj)`` and the ``has_perm``
template tag answer with the same function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules


def register(name: str, check: Callable[[Any, Any], bool]) -> None:
    """Register ``check`` as the rule ``name``.

    Turbota's rules are about one object. Asked without one — as Django's admin asks for a
    model permission such as ``providers.view_provider`` — they grant nothing and leave the
    answer to the model permissions of the other authentication backend.
    """

    def about_one(user: Any, obj: Any = None) -> bool:
        return obj is not None and check(user, obj)

    rules.add_perm(name, rules.predicate(about_one))  # type: ignore[attr-defined, no-untyped-call]
