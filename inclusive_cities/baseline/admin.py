"""Admin for the baseline."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["what", "place", "status", "funding_status", "is_illustrative"]
    list_filter = ["status", "funding_status", "is_illustrative"]
    search_fields = ["what", "place__name"]
    raw_id_fields = ["place", "lead_organisation", "created_by"]
    filter_horizontal = ["themes", "principles", "target_groups"]
