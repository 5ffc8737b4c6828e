"""The registry of consultable documents, and the needs report registered in it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from turbota.consultations import actions, subjects
from turbota.consultations.models import Consultation, ConsultationDocument
from turbota.consultations.tests.factories import NOBODY, make_consultation, make_document
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.tests.factories import hand_computed
from turbota.providers.models import Provider


def test_the_strategy_the_needs_report_and_uploaded_documents_are_registered() -> None:
    labels = {t.key: t.label for t in subjects.registered()}
    assert labels == {
        "strategy.strategy": "стратегія",  # by the strategy app itself
        "strategy.monitoringperiod": "звіт про моніторинг стратегії",
        "needs.needsstudy": "звіт про визначення потреб",
        "consultations.consultationdocument": "завантажений документ",
    }


def test_a_needs_reports_items_are_the_services_it_gives_figures_for(world: World) -> None:
    study = hand_computed(world)
    assert subjects.items_of(study) == [("service:015.1", "015.1 Догляд вдома")]
    assert subjects.type_of(study).hromada(study) == world.hromada_a


def test_a_needs_report_is_public_to_consult_on_only_once_published(world: World) -> None:
    study = hand_computed(world)
    consultation = Consultation(
        hromada=world.hromada_a,
        topic="Звіт про потреби",
        organiser="УСЗН",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 1, 31),
        responsible_person="Особа",
        responsible_contacts="тел.",
    )
    actions.save_consultation(consultation=consultation, subject=study, by=NOBODY)
    with pytest.raises(ValidationError, match="ще не оприлюднено"):
        actions.announce(consultation=consultation, by=NOBODY)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    study.refresh_from_db()
    assert subjects.type_of(study).public_url(study) == reverse(
        "needs:study_detail", args=[study.pk]
    )
    actions.announce(consultation=consultation, by=NOBODY)
    consultation.refresh_from_db()
    assert consultation.subject == study
    assert (
        consultation.subject_title
        == "Визначення потреб на 2021 рік (Першанська територіальна громада)"
    )


def test_an_uploaded_documents_items_are_its_sections_keyed_by_their_id(world: World) -> None:
    document = make_document(world.hromada_a)
    keys = [f"section:{s.pk}" for s in document.sections.all()]
    assert [key for key, _ in subjects.items_of(document)] == keys
    assert subjects.type_of(document).public_url(document) == reverse(
        "consultations:document_file", args=[document.pk]
    )


def test_a_model_that_is_not_registered_is_refused_as_a_subject(world: World) -> None:
    with pytest.raises(LookupError):
        subjects.type_of(Provider)
    consultation = make_consultation(world.hromada_a)
    with pytest.raises(ValidationError, match="не можна обговорювати"):
        actions.save_consultation(consultation=consultation, subject=world.provider_a, by=NOBODY)


def test_a_reference_names_one_registered_object_and_anything_else_resolves_to_nothing(
    world: World,
) -> None:
    document = make_document(world.hromada_a)
    assert subjects.resolve(subjects.reference(document)) == document
    provider_type = subjects.reference(document).split(":")[0]
    for value in ("", "x:y", f"{provider_type}:999999", "999999:1"):
        assert subjects.resolve(value) is None


def test_items_with_duplicate_or_empty_keys_are_a_programming_error(world: World) -> None:
    document = make_document(world.hromada_a)
    saved = subjects.type_of(document)
    try:
        subjects.register(
            ConsultationDocument,
            label=saved.label,
            hromada=saved.hromada,
            title=saved.title,
            public_url=saved.public_url,
            items=lambda document: [("a", "Перший"), ("a", "Другий")],
            of_hromada=saved.of_hromada,
        )
        with pytest.raises(ValueError, match="unique keys"):
            subjects.items_of(document)
    finally:
        subjects.register(
            ConsultationDocument,
            label=saved.label,
            hromada=saved.hromada,
            title=saved.title,
            public_url=saved.public_url,
            items=saved.items,
            of_hromada=saved.of_hromada,
        )


def test_a_consultation_whose_document_was_deleted_keeps_its_title_and_proposals(
    world: World,
) -> None:
    document = make_document(world.hromada_a, title="Проєкт, який видалили")
    consultation = make_consultation(world.hromada_a, document=document)
    ConsultationDocument.objects.filter(pk=document.pk).delete()
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert consultation.subject is None
    assert consultation.subject_title == "Проєкт, який видалили"
    with pytest.raises(ValidationError, match="не знайдено"):
        actions.announce(consultation=consultation, by=NOBODY)
