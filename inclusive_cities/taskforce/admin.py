"""Admin for the taskforce (lived experience is shown: the admin is network staff)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting, Organisation, TaskforceMember


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "place", "sector", "is_illustrative"]
    list_filter = ["sector", "is_illustrative"]
    search_fields = ["name", "place__name"]
    raw_id_fields = ["place", "created_by"]


@admin.register(TaskforceMember)
class TaskforceMemberAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "place", "organisation", "role"]
    search_fields = ["person_name", "place__name"]
    raw_id_fields = ["place", "organisation", "user", "created_by"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "place", "date"]
    raw_id_fields = ["place", "created_by"]
    filter_horizontal = ["attendees"]
