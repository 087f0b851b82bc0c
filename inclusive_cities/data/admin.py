from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Import, Indicator


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "publisher", "period_covered"]
    search_fields = ["code", "name", "definition"]
    filter_horizontal = ["domains"]


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "file_name", "importer", "status", "rows_read", "rows_created", "user"]
    list_filter = ["status", "importer"]
    readonly_fields = [f.name for f in Import._meta.fields]
