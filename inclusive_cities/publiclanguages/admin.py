"""Admin for newcomers' languages (with history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import NarrativeTranslation, PlaceLanguage, PlanTranslation


@admin.register(PlaceLanguage)
class PlaceLanguageAdmin(SimpleHistoryAdmin):
    list_display = ["place", "code"]
    list_filter = ["code"]
    search_fields = ["place__name"]


@admin.register(PlanTranslation)
class PlanTranslationAdmin(SimpleHistoryAdmin):
    list_display = ["place", "line", "code", "plan", "translator", "translated_on"]
    list_filter = ["code"]
    search_fields = ["place__name", "title", "translator"]


@admin.register(NarrativeTranslation)
class NarrativeTranslationAdmin(SimpleHistoryAdmin):
    list_display = ["narrative", "code", "translator", "translated_on"]
    list_filter = ["code"]
    search_fields = ["narrative__place__name", "translator"]
