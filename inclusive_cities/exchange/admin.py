"""Admin for peer learning. The anonymous survey answers are deliberately not registered: the admin log would
tie the person who opens or saves one to it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Barrier, Convening, LearningReport, Partnership, Position, Survey


@admin.register(Convening)
class ConveningAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "kind", "host", "start_date"]
    list_filter = ["kind", "programme"]
    search_fields = ["title", "location"]
    raw_id_fields = ["host", "created_by"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["place_a", "place_b", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["place_a", "place_b", "created_by"]


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "cohort", "state", "closes_on"]
    list_filter = ["state"]
    exclude = ["link_key"]


@admin.register(LearningReport)
class LearningReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "state", "period_start", "period_end"]


@admin.register(Barrier)
class BarrierAdmin(SimpleHistoryAdmin):
    list_display = ["title", "place", "kind", "may_be_named"]
    list_filter = ["kind"]
    raw_id_fields = ["place", "created_by"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "state", "published_at"]
