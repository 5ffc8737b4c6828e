"""Pages of the provider registry: scoped object → permission → form → action → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_tables2 import RequestConfig

from turbota.core import views as core_views
from turbota.core.http import deny
from turbota.providers import actions, queries
from turbota.providers.filters import ProviderFilter
from turbota.providers.forms import ProviderEditor
from turbota.providers.imports import IMPORTER
from turbota.providers.models import Provider
from turbota.providers.permissions import (
    can_edit_provider,
    can_manage_providers,
    can_open_hromada_registry,
    can_view_provider,
    can_view_provider_identifiers,
)
from turbota.providers.tables import PotentialProviderTable, ProviderTable
from turbota.providers.workbook import write_export, write_template
from turbota.territories.models import Territory

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _hromada(code: str) -> Territory:
    return get_object_or_404(Territory.objects.hromadas(), code=code)


def _provider(pk: int) -> Provider:
    return get_object_or_404(Provider.objects.select_related("hromada", "legal_settlement"), pk=pk)


def _managed_hromada(request: HttpRequest, code: str) -> Territory:
    hromada = _hromada(code)
    if not can_manage_providers(request.user, hromada):
        raise PermissionDenied
    return hromada


def provider_list(request: HttpRequest) -> HttpResponse:
    filterset = ProviderFilter(request.GET, queryset=queries.providers_visible_to(request.user))
    table = ProviderTable(queries.provider_rows(filterset.qs), caption="Надавачі соціальних послуг")
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(
        request,
        "providers/list.html",
        {"nav": "providers", "filter": filterset, "table": table},
    )


def hromada_list(request: HttpRequest, code: str) -> HttpResponse:
    hromada = _hromada(code)
    if not can_open_hromada_registry(request.user, hromada):
        return deny(request)
    registry = queries.hromada_registry(request.user, hromada)
    providers = ProviderTable(
        registry.providers, caption="Надавачі", exclude=("hromada",), prefix="p-"
    )
    potential = PotentialProviderTable(
        registry.potential, caption="Потенційні надавачі", prefix="n-"
    )
    config = RequestConfig(request, paginate={"per_page": PER_PAGE})
    config.configure(providers)
    config.configure(potential)
    return render(
        request,
        "providers/hromada_list.html",
        {
            "nav": "providers",
            "hromada": hromada,
            "providers": providers,
            "potential": potential,
            "can_manage": can_manage_providers(request.user, hromada),
        },
    )


def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider(pk)
    user = request.user
    if not can_view_provider(user, provider):
        return deny(request)
    can_edit = can_edit_provider(user, provider)
    may_see_codes = can_view_provider_identifiers(user, provider)
    return render(
        request,
        "providers/detail.html",
        {
            "nav": "providers",
            "provider": provider,
            "card": queries.provider_card(provider),
            "show_code": not provider.has_personal_code or may_see_codes,
            "show_parent_code": not provider.has_personal_parent_code or may_see_codes,
            "can_edit": can_edit,
            "can_manage": can_manage_providers(user, provider.hromada),
            "can_open_registry": can_open_hromada_registry(user, provider.hromada),
            "history": queries.provider_history(provider=provider) if can_edit else None,
        },
    )


def _form_page(
    request: HttpRequest, editor: ProviderEditor, *, stale: bool = False, status: int = 200
) -> HttpResponse:
    provider = editor.form.instance
    cancel = (
        reverse("providers:detail", kwargs={"pk": provider.pk})
        if provider.pk
        else reverse("providers:hromada_list", kwargs={"code": provider.hromada.code})
    )
    context: dict[str, Any] = {
        "nav": "providers",
        "editor": editor,
        "provider": provider,
        "hromada": provider.hromada,
        "stale": stale,
        "cancel_url": cancel,
    }
    return render(request, "providers/form.html", context, status=status)


def _saved(request: HttpRequest, provider: Provider, message: str) -> HttpResponse:
    messages.success(request, message)
    for position in queries.overstaffed_positions(provider):
        where = f" ({position.department.name})" if position.department else ""
        messages.warning(
            request,
            f"Посада «{position.title}»{where}: фактично працює більше, ніж штатних одиниць "
            "(так буває із сумісниками, але перевірте дані).",
        )
    return redirect("providers:detail", pk=provider.pk)


@login_required
def provider_create(request: HttpRequest, code: str) -> HttpResponse:
    hromada = _managed_hromada(request, code)
    editor = ProviderEditor(request.POST or None, provider=Provider(hromada=hromada))
    if request.method == "POST" and editor.is_valid():
        provider = actions.create_provider(
            hromada=hromada, provider=editor.form.instance, parts=editor.parts()
        )
        return _saved(request, provider, "Надавача додано до реєстру.")
    return _form_page(request, editor)


@login_required
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider(pk)
    if not can_edit_provider(request.user, provider):
        raise PermissionDenied
    editor = ProviderEditor(request.POST or None, provider=provider)
    if request.method != "POST":
        return _form_page(request, editor)
    if editor.version != provider.version:
        return _stale(request, pk)
    if not editor.is_valid():
        return _form_page(request, editor)
    try:
        actions.update_provider(
            provider=provider, expected_version=editor.version, parts=editor.parts()
        )
    except actions.StaleProviderError:
        return _stale(request, pk)
    return _saved(request, provider, "Зміни збережено.")


def _stale(request: HttpRequest, pk: int) -> HttpResponse:
    """Someone saved the card meanwhile: show the user's input again over the current
    version, so a second save is a deliberate choice and nothing typed is lost."""
    provider = _provider(pk)
    data = request.POST.copy()
    data["version"] = str(provider.version)
    return _form_page(request, ProviderEditor(data, provider=provider), stale=True, status=409)


@login_required
def provider_delete(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider(pk)
    if not can_manage_providers(request.user, provider.hromada):
        raise PermissionDenied
    refusal = ""
    if request.method == "POST":
        try:
            actions.delete_provider(provider=provider)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, f"Надавача «{provider.full_name}» видалено з реєстру.")
            return redirect("providers:hromada_list", code=provider.hromada.code)
    return render(
        request,
        "providers/confirm_delete.html",
        {
            "nav": "providers",
            "provider": provider,
            "card": queries.provider_card(provider),
            "accounts": provider.memberships.count(),
            "refusal": refusal,
        },
        status=409 if refusal else 200,
    )


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def provider_export(request: HttpRequest, code: str) -> HttpResponse:
    hromada = _managed_hromada(request, code)
    return _xlsx(write_export(hromada), f"providers-{hromada.code}.xlsx")


@login_required
def provider_template(request: HttpRequest, code: str) -> HttpResponse:
    hromada = _managed_hromada(request, code)
    return _xlsx(write_template(hromada), f"providers-template-{hromada.code}.xlsx")


@login_required
def provider_import(request: HttpRequest, code: str) -> HttpResponse:
    return core_views.upload(request, importer=IMPORTER, hromada=_hromada(code))
