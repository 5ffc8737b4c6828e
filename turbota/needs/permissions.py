"""Access to needs studies: counts, never people, so wider than people's records."""

from __future__ import annotations

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.core.perms import register
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.territories.models import Territory


def can_view_full_study(user: AnyUser, study: NeedsStudy) -> bool:
    """Exact figures: administrators, the hromada's staff and working group, the analysts
    of its oblast."""
    hromada = study.hromada
    return (
        is_admin(user)
        or hromada.pk in staff_hromada_ids(user)
        or hromada.pk in working_group_hromada_ids(user)
        or hromada.oblast_id in analyst_oblast_ids(user)
    )


def can_view_study(user: AnyUser, study: NeedsStudy) -> bool:
    """A published study is open to everyone, with small counts hidden."""
    return study.status == StudyStatus.PUBLISHED or can_view_full_study(user, study)


def can_list_studies(user: AnyUser, hromada: Territory) -> bool:
    return (
        is_admin(user)
        or hromada.pk in staff_hromada_ids(user)
        or hromada.pk in working_group_hromada_ids(user)
        or hromada.oblast_id in analyst_oblast_ids(user)
    )


def can_edit_study(user: AnyUser, study: NeedsStudy) -> bool:
    """A draft's inputs (method, survey shares, services the hromada cannot provide): the
    hromada's staff and working group."""
    return study.status == StudyStatus.DRAFT and (
        study.hromada_id in staff_hromada_ids(user)
        or study.hromada_id in working_group_hromada_ids(user)
    )


def can_manage_studies(user: AnyUser, hromada: Territory) -> bool:
    """Starting a study, approving and publishing it: the hromada's staff."""
    return hromada.pk in staff_hromada_ids(user)


register("needs.view_study", can_view_study)
register("needs.view_full_study", can_view_full_study)
register("needs.edit_study", can_edit_study)
register("needs.manage_studies", can_manage_studies)
