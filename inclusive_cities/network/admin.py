"""Admin for the network."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cohort, Membership, Place, Programme, ReportFile, WorkingGroup


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "nation", "region", "kind_name", "is_current"]
    list_filter = ["nation", "is_current", "kind"]
    search_fields = ["code", "name"]


admin.site.register(Programme, SimpleHistoryAdmin)
admin.site.register(Cohort, SimpleHistoryAdmin)
admin.site.register(Membership, SimpleHistoryAdmin)
admin.site.register(WorkingGroup)


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    list_display = ["programme", "start_year", "end_year", "language", "state", "requested_at", "finished_at"]
    list_filter = ["state", "programme"]
    readonly_fields = ["content_version", "started_at", "finished_at"]
