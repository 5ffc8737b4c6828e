"""Which studies a reader finds: a hromada's, the published ones, and the hromadas a
user works with."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.territories.models import (
    Territory,
)


def studies_of(hromada: Territory) -> QuerySet[NeedsStudy]:
    return NeedsStudy.objects.filter(hromada=hromada).select_related("method").order_by("-year")


def hromadas_with_studies_for(user: AnyUser) -> QuerySet[Territory]:
    """Hromadas whose studies (drafts included) the user works with: their own as staff or
    working group, and those of their oblast with a study, for analysts."""
    own = staff_hromada_ids(user) | working_group_hromada_ids(user)
    with_studies = NeedsStudy.objects.values("hromada_id")
    rule = Q(pk__in=own) | Q(oblast_id__in=analyst_oblast_ids(user), pk__in=with_studies)
    if is_admin(user):
        rule |= Q(pk__in=with_studies)
    return Territory.objects.hromadas().filter(rule).order_by("sort_key")


def published_studies() -> QuerySet[NeedsStudy]:
    return (
        NeedsStudy.objects.filter(status=StudyStatus.PUBLISHED)
        .select_related("hromada")
        .order_by("hromada__sort_key", "-year")
    )
