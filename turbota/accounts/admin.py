from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from turbota.accounts.models import Membership, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    autocomplete_fields = ["territory", "provider"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "position", "is_active", "is_staff"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Посада", {"fields": ["position"]}),
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "role", "territory", "provider"]
    list_filter = ["role"]
    search_fields = ["user__username", "territory__name", "provider__full_name"]
    autocomplete_fields = ["user", "territory", "provider"]
