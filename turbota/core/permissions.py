"""Access to staged imports: a file someone uploaded is theirs until applied."""

from __future__ import annotations

from turbota.accounts.permissions import AnyUser, is_admin
from turbota.core.imports import importer_for
from turbota.core.models import ImportJob
from turbota.core.perms import register


def can_handle_import(user: AnyUser, job: ImportJob) -> bool:
    """The uploader (while still allowed to import into that hromada) or an administrator."""
    if is_admin(user):
        return True
    return (
        user.is_authenticated
        and job.created_by_id == user.pk
        and importer_for(job.kind).can_import(user, job.hromada)
    )


register("core.handle_import", can_handle_import)
