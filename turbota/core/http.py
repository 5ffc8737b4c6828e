"""Small pieces every app's views share: the submitted data, and a refusal."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, even if empty (an empty form is still a submission to check)."""
    return request.POST if request.method == "POST" else None


def deny(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors are asked to log in; signed-in users are refused (403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
