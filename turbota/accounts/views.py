from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from turbota.accounts.permissions import is_admin, memberships


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {"memberships": memberships(request.user), "is_admin": is_admin(request.user)},
    )
