from django.http import HttpRequest

from turbota.people.permissions import can_list_people


def people_menu(request: HttpRequest) -> dict[str, object]:
    """Whether the main menu offers the people register (it is not for every role)."""
    return {"people_menu": can_list_people(request.user)}
