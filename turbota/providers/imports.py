"""The provider registry in the shared upload → preview → confirm import flow.

The workbook's shape (sheet specs, parsers, template, export) is in ``workbook``; reading
a file into a plan of changes is in ``import_plan``.
"""

from __future__ import annotations

from typing import IO

from django.urls import reverse

from turbota.accounts.permissions import AnyUser
from turbota.core.imports import ImportPlan
from turbota.providers.import_plan import plan_import
from turbota.providers.permissions import can_manage_providers
from turbota.territories.models import Territory


class ProvidersImporter:
    kind = "providers"
    title = "Імпорт реєстру надавачів"

    def plan(self, source: IO[bytes], *, hromada: Territory) -> ImportPlan:
        return plan_import(source, hromada=hromada)

    def can_import(self, user: AnyUser, hromada: Territory) -> bool:
        return can_manage_providers(user, hromada)

    def done_url(self, hromada: Territory) -> str:
        return reverse("providers:hromada_list", kwargs={"code": hromada.code})


IMPORTER = ProvidersImporter()
