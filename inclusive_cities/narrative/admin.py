"""Admin for narratives."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Narrative


@admin.register(Narrative)
class NarrativeAdmin(SimpleHistoryAdmin):
    list_display = ["place", "campaign_name", "status", "is_illustrative"]
    list_filter = ["status", "is_illustrative"]
    search_fields = ["place__name", "campaign_name"]
