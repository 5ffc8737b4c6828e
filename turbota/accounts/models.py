from __future__ import annotations

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from turbota.accounts.enums import Role
from turbota.territories.enums import TerritoryCategory

TERRITORY_CATEGORY_OF_ROLE = {
    Role.HROMADA_STAFF: TerritoryCategory.HROMADA,
    Role.WORKING_GROUP: TerritoryCategory.HROMADA,
    Role.OBLAST_ANALYST: TerritoryCategory.OBLAST,
}


class User(AbstractUser):
    """A person who logs in. What they may see comes from their memberships."""

    position = models.CharField("посада", max_length=300, blank=True)

    class Meta:
        verbose_name = "користувач"
        verbose_name_plural = "користувачі"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A role of a user, bound to the territory or provider it applies to."""

    user = models.ForeignKey(
        User, verbose_name="користувач", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="територія",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="громада — для працівників громади і робочої групи; область — для аналітика",
    )
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name="надавач",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Meta:
        verbose_name = "роль користувача"
        verbose_name_plural = "ролі користувачів"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "territory", "provider"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        scope = self.provider or self.territory
        return f"{self.get_role_display()}" + (f": {scope}" if scope else "")

    def clean(self) -> None:
        if self.role == Role.PROVIDER_STAFF:
            if self.provider_id is None or self.territory_id is not None:
                raise ValidationError("Працівник надавача прив'язується до надавача.")
            return
        if self.provider_id is not None:
            raise ValidationError("Надавача вказують лише для працівника надавача.")
        expected = TERRITORY_CATEGORY_OF_ROLE.get(Role(self.role))
        if expected is None:
            if self.territory_id is not None:
                raise ValidationError("Адміністратор системи не прив'язується до території.")
            return
        if self.territory is None or self.territory.category != expected:
            raise ValidationError(
                {"territory": f"Для цієї ролі потрібна територія категорії «{expected.label}»."}
            )


auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Membership)
