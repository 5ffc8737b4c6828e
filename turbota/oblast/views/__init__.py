"""Pages of the oblast app: aggregates of its hromadas, never a person."""

from turbota.oblast.views.assignments import (
    assignment_add,
    assignment_status,
    hromada_assignments,
    meeting_add,
    meeting_detail,
    meeting_docx,
    meetings,
    report_add,
)
from turbota.oblast.views.cooperation import cooperation, cooperation_mark
from turbota.oblast.views.dashboard import dashboard, dashboard_xlsx, index
from turbota.oblast.views.maps import (
    boundaries_delete,
    boundaries_upload,
    coordinates_import,
    distances,
    map_data,
    map_page,
)
from turbota.oblast.views.register import note_delete, note_edit, register

__all__ = [
    "assignment_add",
    "assignment_status",
    "boundaries_delete",
    "boundaries_upload",
    "cooperation",
    "cooperation_mark",
    "coordinates_import",
    "dashboard",
    "dashboard_xlsx",
    "distances",
    "hromada_assignments",
    "index",
    "map_data",
    "map_page",
    "meeting_add",
    "meeting_detail",
    "meeting_docx",
    "meetings",
    "note_delete",
    "note_edit",
    "register",
    "report_add",
]
