"""The subjects this app registers itself: the needs report (its items are the services
it gives figures for) and a document the hromada uploads (its items are the sections its
staff name). Registered from ``ConsultationsConfig.ready()``, so the needs app is
untouched."""

from __future__ import annotations

from django.urls import reverse

from turbota.consultations import subjects
from turbota.consultations.models import ConsultationDocument
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.queries import needs_table
from turbota.territories.models import Territory


def needs_study_items(study: NeedsStudy) -> list[subjects.Item]:
    """Services the report gives figures for (need, people served or capacity), keyed by
    the classifier code."""
    rows = needs_table(study=study).hromada_rows()
    return [
        (f"service:{row.service.code}", f"{row.service.code} {row.service.name}")
        for row in rows
        if row.sex == "total" and (row.need or row.served or row.capacity)
    ]


def _needs_study_url(study: NeedsStudy) -> str | None:
    if study.status != StudyStatus.PUBLISHED:
        return None
    return reverse("needs:study_detail", args=[study.pk])


def _studies_of(hromada: Territory) -> list[NeedsStudy]:
    return list(NeedsStudy.objects.filter(hromada=hromada).select_related("hromada"))


def _documents_of(hromada: Territory) -> list[ConsultationDocument]:
    return list(ConsultationDocument.objects.filter(hromada=hromada).select_related("hromada"))


def register_own_subjects() -> None:
    subjects.register(
        NeedsStudy,
        label="звіт про визначення потреб",
        hromada=lambda study: study.hromada,
        title=lambda study: f"{study} ({study.hromada.display_name})",
        public_url=_needs_study_url,
        items=needs_study_items,
        of_hromada=_studies_of,
    )
    subjects.register(
        ConsultationDocument,
        label="завантажений документ",
        hromada=lambda document: document.hromada,
        title=lambda document: document.title,
        public_url=lambda document: reverse("consultations:document_file", args=[document.pk]),
        items=lambda document: [(s.item_key, s.title) for s in document.sections.all()],
        of_hromada=_documents_of,
    )
