"""Writes of surveys: importing a questionnaire and its new versions, moving a survey
through its states, keeping a response (or withdrawing one entered by mistake), tying a
question to a provider, and handing a share to a needs study."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from turbota.accounts.permissions import AnyUser
from turbota.catalog.models import Service, VulnerableGroup
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy, SurveyShare
from turbota.providers.models import Provider
from turbota.surveys.enums import ResponseChannel, SurveyKind, SurveyStatus
from turbota.surveys.models import (
    FormVersion,
    Response,
    ResponseWithdrawal,
    SatisfactionLink,
    Survey,
    SurveyTransition,
)
from turbota.surveys.statistics import wilson
from turbota.surveys.xlsform.reading import ImportedForm, read_xlsform
from turbota.territories.models import Territory

# Question names Turbota recognises as the breakdowns of cross-tables.
BREAKDOWN_NAMES = {
    "sex_question": ("sex", "gender", "stat"),
    "age_question": ("age_band", "age_group", "age"),
    "area_question": ("settlement_type", "area", "locality"),
}


class UnsupportedFormError(ValueError):
    """The form uses features Turbota does not support; ``imported.unsupported`` lists
    them. Nothing was written."""

    def __init__(self, imported: ImportedForm) -> None:
        count = len(imported.unsupported)
        super().__init__(f"Форма використовує можливості, яких Турбота не підтримує: {count}.")
        self.imported = imported


class DuplicateSubmissionError(ValueError):
    """This questionnaire was already received (same submission token or paper number)."""


def _actor(user: AnyUser) -> Any:
    return user if user.is_authenticated else None


def read_supported(content: bytes, file_name: str) -> ImportedForm:
    """The form in ``content``; ``MalformedFormError`` or ``UnsupportedFormError``."""
    imported = read_xlsform(content, fallback_title=file_name.rsplit(".", 1)[0])
    if not imported.is_supported:
        raise UnsupportedFormError(imported)
    return imported


def _breakdowns(imported: ImportedForm) -> dict[str, str]:
    questions = imported.definition.questions()
    selects = {q.name for q in questions if q.type == "select_one"}
    # age asked in years is cross-tabulated by the survey's age bands
    ages = selects | {
        placed.question.name
        for placed in imported.definition.placed()
        if placed.question.type == "integer" and placed.repeat is None
    }
    found: dict[str, str] = {}
    for field, names in BREAKDOWN_NAMES.items():
        candidates = ages if field == "age_question" else selects
        match = next((name for name in names if name in candidates), "")
        if match:
            found[field] = match
    return found


def import_survey(
    *,
    hromada: Territory,
    content: bytes,
    file_name: str,
    by: AnyUser,
    title: str = "",
    kind: str = SurveyKind.GENERAL,
) -> Survey:
    """A new draft survey with version 1 of its questionnaire."""
    imported = read_supported(content, file_name)
    with transaction.atomic():
        survey = Survey.objects.create(
            hromada=hromada,
            title=title or imported.definition.title,
            kind=kind,
            created_by=_actor(by),
            **_breakdowns(imported),
        )
        _save_version(survey, 1, imported, content, file_name, by)
    return survey


def add_version(*, survey: Survey, content: bytes, file_name: str, by: AnyUser) -> FormVersion:
    """A changed questionnaire becomes the next version; responses keep theirs."""
    imported = read_supported(content, file_name)
    latest = survey.current_version
    if latest is not None and latest.checksum == _checksum(content):
        raise ValidationError(
            f"Файл не змінився: це версія {latest.number}. Нову версію не створено."
        )
    with transaction.atomic():
        return _save_version(
            survey, (latest.number if latest else 0) + 1, imported, content, file_name, by
        )


def _checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _save_version(
    survey: Survey,
    number: int,
    imported: ImportedForm,
    content: bytes,
    file_name: str,
    by: AnyUser,
) -> FormVersion:
    form = imported.definition
    return FormVersion.objects.create(
        survey=survey,
        number=number,
        file_name=file_name[:255],
        xlsform=content,
        checksum=_checksum(content),
        form_id=form.form_id[:200],
        form_version=form.version[:200],
        definition=form.to_json(),
        created_by=_actor(by),
    )


ALLOWED = {
    (SurveyStatus.DRAFT, SurveyStatus.OPEN),
    (SurveyStatus.OPEN, SurveyStatus.CLOSED),
    (SurveyStatus.CLOSED, SurveyStatus.OPEN),
    (SurveyStatus.CLOSED, SurveyStatus.PUBLISHED),
    (SurveyStatus.PUBLISHED, SurveyStatus.CLOSED),
}


def change_status(*, survey: Survey, to: SurveyStatus, by: AnyUser) -> Survey:
    """Open a survey for responses, close it, publish its results (or withdraw them), with
    the transition logged. Opening dates the start of collection, closing its end."""
    if (survey.status, to) not in ALLOWED:
        raise ValidationError(
            f"Не можна перевести опитування зі стану «{survey.get_status_display()}» "
            f"у «{SurveyStatus(to).label}»."
        )
    if to == SurveyStatus.OPEN and survey.current_version is None:
        raise ValidationError("Спершу завантажте анкету.")
    today = timezone.localdate()
    with transaction.atomic():
        SurveyTransition.objects.create(
            survey=survey, from_status=survey.status, to_status=to, by=_actor(by)
        )
        survey.status = to
        if to == SurveyStatus.OPEN and survey.collected_from is None:
            survey.collected_from = today
        if to == SurveyStatus.CLOSED and survey.collected_to is None:
            survey.collected_to = today
        survey.save(update_fields=["status", "collected_from", "collected_to", "updated_at"])
    return survey


def new_token() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True)
class Submission:
    """A checked questionnaire on its way in."""

    version: FormVersion
    answers: dict[str, Any]
    channel: ResponseChannel
    language: str = ""
    token: str | None = None
    paper_number: str = ""


def record_response(*, survey: Survey, submission: Submission, by: AnyUser) -> Response:
    """Keep one checked questionnaire. The same submission token (a form sent twice) or
    paper number (a questionnaire entered twice) is refused and nothing is written."""
    if submission.version.survey_id != survey.pk:
        raise ValidationError("Ця версія анкети належить іншому опитуванню.")
    try:
        with transaction.atomic():
            return Response.objects.create(
                survey=survey,
                version=submission.version,
                channel=submission.channel,
                submission_uuid=str(uuid.uuid4()),
                token=submission.token,
                paper_number=submission.paper_number,
                language=submission.language[:100],
                answers=submission.answers,
                submitted_at=timezone.now(),
                entered_by=_actor(by),
            )
    except IntegrityError:
        raise DuplicateSubmissionError("Цю анкету вже отримано.") from None


PUBLISHED_REFUSAL = (
    "Результати цього опитування оприлюднено, тож відповідь не можна вилучити: оприлюднені "
    "цифри змінилися б без пояснення. Спершу зніміть результати з оприлюднення (поверніть "
    "опитування у стан «збір завершено»), вилучіть відповідь і оприлюдніть результати знову."
)


def withdraw_response(*, response: Response, reason: str, by: AnyUser) -> ResponseWithdrawal:
    """Delete a response entered by mistake, keeping a record of what it was and why it
    went (not its answers). Its paper number and submission token are free again. Refused
    once the survey's results are published (decision 0029)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Вкажіть причину вилучення.")
    with transaction.atomic():
        # Locked so that the survey is not published, nor the response withdrawn twice,
        # between the check and the delete.
        survey = Survey.objects.select_for_update().get(pk=response.survey_id)
        if survey.status == SurveyStatus.PUBLISHED:
            raise ValidationError(PUBLISHED_REFUSAL)
        current = Response.objects.select_for_update().filter(pk=response.pk).first()
        if current is None:
            raise ValidationError("Цю відповідь уже вилучено.")
        withdrawal = ResponseWithdrawal.objects.create(
            survey=survey,
            response_number=current.pk,
            channel=current.channel,
            paper_number=current.paper_number,
            submitted_at=current.submitted_at,
            withdrawn_by=_actor(by),
            reason=reason,
        )
        current.delete()
    return withdrawal


def link_satisfaction(
    *,
    survey: Survey,
    question: str,
    provider: Provider,
    service: Service | None,
    satisfied: list[str],
) -> SatisfactionLink:
    """Tie a select-one question of the survey to a provider (and service) it rates."""
    version = survey.current_version
    found = version.form.question(question) if version else None
    if found is None or found.type != "select_one":
        raise ValidationError("Оберіть питання з одним варіантом відповіді з цієї анкети.")
    if provider.hromada_id != survey.hromada_id:
        raise ValidationError("Надавач має бути з громади опитування.")
    names = {choice.name for choice in found.choices}
    if not satisfied or set(satisfied) - names:
        raise ValidationError("Оберіть варіанти відповіді, що означають «задоволені».")
    with transaction.atomic():
        link, _created = SatisfactionLink.objects.update_or_create(
            survey=survey,
            question=question,
            provider=provider,
            defaults={"service": service, "satisfied_choices": satisfied},
        )
    return link


def feed_needs_share(
    *,
    survey: Survey,
    question: str,
    choice: str,
    counts: tuple[int, int],
    study: NeedsStudy,
    service: Service,
    group: VulnerableGroup,
) -> SurveyShare:
    """Use the share of respondents who chose ``choice`` (``counts`` = chosen, answered)
    in place of the needs method's rate for ``service`` × ``group`` in a draft study.
    django-auditlog records the share with who set it."""
    chosen, answered = counts
    if study.status != StudyStatus.DRAFT:
        raise ValidationError("Частку можна додати лише до чернетки визначення потреб.")
    if study.hromada_id != survey.hromada_id:
        raise ValidationError("Визначення потреб має бути тієї ж громади, що й опитування.")
    if answered <= 0 or not 0 <= chosen <= answered:
        raise ValidationError("На це питання ще немає відповідей.")
    interval = wilson(chosen, answered)
    assert interval is not None
    low, high = (f"{bound * 100:.1f}".replace(".", ",") for bound in (interval.low, interval.high))
    source = (
        f"Опитування «{survey.title}», питання {question}, варіант {choice}: {chosen} з "
        f"{answered} (95 % ДІ {low}–{high} %)"
    )
    with transaction.atomic():
        share, _created = SurveyShare.objects.update_or_create(
            study=study,
            service=service,
            group=group,
            defaults={
                "share": (Decimal(chosen) / Decimal(answered)).quantize(Decimal("0.0001")),
                "source": source[:300],
            },
        )
    return share
