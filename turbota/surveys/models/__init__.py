"""Surveys (questionnaires read from XLSForm, their versions and responses) and the quality
of services (assessments with indicators, the complaints register)."""

from turbota.surveys.models.exports import ResponseExport
from turbota.surveys.models.quality import (
    Complaint,
    ComplaintAccess,
    IndicatorValue,
    QualityAssessment,
)
from turbota.surveys.models.responses import Response, ResponseWithdrawal, SubmissionImport
from turbota.surveys.models.surveys import (
    FormVersion,
    SatisfactionLink,
    Survey,
    SurveyTransition,
)

__all__ = [
    "Complaint",
    "ComplaintAccess",
    "FormVersion",
    "IndicatorValue",
    "QualityAssessment",
    "Response",
    "ResponseExport",
    "ResponseWithdrawal",
    "SatisfactionLink",
    "SubmissionImport",
    "Survey",
    "SurveyTransition",
]
