"""Admin for case studies (history included)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import search
from .models import CaseStudy


@admin.register(CaseStudy)
class CaseStudyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "place_name", "country", "status", "evidence_rating", "year"]
    list_filter = ["status", "country", "intervention_type", "evidence_rating"]
    search_fields = ["title", "summary", "place_name"]
    filter_horizontal = ["domains", "target_groups"]
    raw_id_fields = ["place", "credited_place", "submitted_by", "reviewed_by"]
    readonly_fields = ["submitted_at", "reviewed_at"]

    def save_related(self, request, form, formsets, change):
        # Admin edits bypass services.py: keep the search index (FTS row and embedding) in step here too.
        super().save_related(request, form, formsets, change)
        case_study = form.instance
        CaseStudy.objects.filter(pk=case_study.pk).update(embedding=search.embedding_bytes(case_study.search_text()))
        search.fts_index([case_study])
