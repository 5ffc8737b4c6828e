"""Pages of the territories app: the community profile, its editing and files, the codifier."""

from turbota.territories.views.codifier import territory_detail, territory_list
from turbota.territories.views.editing import (
    disability_edit,
    population_edit,
    profile_create,
    profile_edit,
    settlements_edit,
    vital_edit,
    vulnerable_edit,
)
from turbota.territories.views.files import profile_export, profile_import, profile_template
from turbota.territories.views.pages import history, home, hromada_list, profile

__all__ = [
    "disability_edit",
    "history",
    "home",
    "hromada_list",
    "population_edit",
    "profile",
    "profile_create",
    "profile_edit",
    "profile_export",
    "profile_import",
    "profile_template",
    "settlements_edit",
    "territory_detail",
    "territory_list",
    "vital_edit",
    "vulnerable_edit",
]
