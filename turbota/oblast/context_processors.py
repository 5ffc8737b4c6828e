from django.http import HttpRequest

from turbota.accounts.permissions import analyst_oblast_ids, is_admin


def oblast_menu(request: HttpRequest) -> dict[str, object]:
    """Whether the main menu offers the oblast pages: to oblast analysts (and administrators)."""
    return {"oblast_menu": bool(analyst_oblast_ids(request.user)) or is_admin(request.user)}
