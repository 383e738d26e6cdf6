from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Administrators manage users, their roles and what each role is bound to."""

    ordering = ["email"]
    list_display = ["email", "full_name", "role", "member_state", "institution", "is_active"]
    list_filter = ["role", "is_active", "member_state"]
    search_fields = ["email", "full_name"]
    autocomplete_fields = ["member_state", "institution", "person"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Role"), {"fields": ["role", "member_state", "institution", "person"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "full_name",
                    "preferred_language",
                    "role",
                    "member_state",
                    "institution",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
