"""Project-wide conventions, checked so they stay true as the code grows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.utils import translation

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
ROOT = Path(settings.BASE_DIR)
# Templates Django or a library looks up by convention rather than by a name in our code.
TEMPLATES_FOUND_BY_CONVENTION = {"403.html", "404.html", "500.html"}


def _our_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("turbota.")]


def test_every_model_is_in_the_admin() -> None:
    missing = [m.__name__ for m in _our_models() if not admin.site.is_registered(m)]
    assert not missing, f"register in the app's admin.py: {missing}"


def test_every_model_and_field_is_named_in_ukrainian() -> None:
    unnamed = []
    with translation.override("uk"):
        for model in _our_models():
            if not CYRILLIC.search(str(model._meta.verbose_name)):
                unnamed.append(model.__name__)
            for field in model._meta.get_fields():
                if field.auto_created or not field.concrete:
                    continue
                if not CYRILLIC.search(str(field.verbose_name)):
                    unnamed.append(f"{model.__name__}.{field.name}")
    assert not unnamed, f"give these a Ukrainian verbose_name: {unnamed}"


@pytest.mark.django_db
def test_no_migration_is_missing() -> None:
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration (exit {exit_.code})")


def _template_names() -> list[str]:
    names = []
    for folder in [ROOT / "templates", *ROOT.glob("turbota/*/templates")]:
        names += [str(path.relative_to(folder)) for path in folder.rglob("*.html")]
    return names


def test_every_template_is_used_somewhere() -> None:
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for pattern in (
            "turbota/**/*.py",
            "turbota/**/*.html",
            "templates/**/*.html",
            "config/*.py",
        )
        for path in ROOT.glob(pattern)
        if "/tests/" not in str(path)
    )
    unused = [
        name
        for name in _template_names()
        if name not in TEMPLATES_FOUND_BY_CONVENTION
        and not name.startswith("registration/")
        and name not in sources
    ]
    assert not unused, f"unused templates: {unused}"


def _has_record_version(model: type[models.Model]) -> bool:
    return any(
        field.name == "version" and field.verbose_name == "версія запису"
        for field in model._meta.concrete_fields
    )


def test_the_audit_log_leaves_out_every_record_version() -> None:
    # a record's version (decision 0011) changes with every save: logging it adds noise to
    # every entry and nothing a person needs
    logged = [
        model.__name__
        for model in _our_models()
        if _has_record_version(model)
        and auditlog.contains(model)
        and "version" not in auditlog.get_model_fields(model)["exclude_fields"]
    ]
    assert not logged, f"register with exclude_fields=['version']: {logged}"
