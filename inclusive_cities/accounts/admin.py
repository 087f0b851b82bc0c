"""Admin for people and roles (for administrators; day-to-day work happens in the platform's own pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, NetworkRoleAssignment, PlaceRoleAssignment, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):
    list_display = ["email", "full_name", "is_active", "is_superuser"]
    search_fields = ["email", "full_name"]
    exclude = ["password"]


admin.site.register(NetworkRoleAssignment)
admin.site.register(PlaceRoleAssignment)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "place", "created_at", "expires_at", "accepted_at"]
    exclude = ["token_hash"]
