"""Writes of consultations: preparing one (``setup``), its status (``status``), and the
proposals (``proposals``)."""

from turbota.consultations.actions.proposals import (
    accepts_web_proposals,
    decide,
    moderate,
    recommend,
    register_proposal,
    submit_proposal,
)
from turbota.consultations.actions.setup import (
    register_for_meeting,
    registration_problem,
    save_consultation,
    save_meeting,
    save_rules,
    set_sections,
    upload_document,
)
from turbota.consultations.actions.status import (
    announce,
    announcement_problems,
    close_proposals,
    decision_problems,
    open_for_proposals,
    publish_report,
    record_decision,
)

__all__ = [
    "accepts_web_proposals",
    "announce",
    "announcement_problems",
    "close_proposals",
    "decide",
    "decision_problems",
    "moderate",
    "open_for_proposals",
    "publish_report",
    "recommend",
    "record_decision",
    "register_for_meeting",
    "register_proposal",
    "registration_problem",
    "save_consultation",
    "save_meeting",
    "save_rules",
    "set_sections",
    "submit_proposal",
    "upload_document",
]
