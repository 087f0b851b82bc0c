"""Admin for self-assessments (read-mostly; the pages are the way to work)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Answer, Assessment


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["goal", "principle", "theme", "level", "confidence"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "place", "status", "sharing", "confirmed_at", "is_illustrative"]
    list_filter = ["status", "sharing", "is_illustrative"]
    search_fields = ["title", "place__name", "place__code"]
    inlines = [AnswerInline]
