from django.db import models


class Role(models.TextChoices):
    """What a user does in Turbota; each role is bound to a territory or a provider."""

    ADMIN = "admin", "адміністратор системи"
    HROMADA_STAFF = "hromada_staff", "працівник громади (соціальний захист)"
    PROVIDER_STAFF = "provider_staff", "працівник надавача"
    WORKING_GROUP = "working_group", "член робочої групи"
    OBLAST_ANALYST = "oblast_analyst", "аналітик області"
