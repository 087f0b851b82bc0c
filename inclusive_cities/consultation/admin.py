"""Admin: the consultation's settings only. Responses and answers are deliberately not in the admin (their raw
comments are read only on the moderation page)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Consultation, Outcome


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "plan", "opens_on", "closes_on")
    raw_id_fields = ("plan",)


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = ("consultation", "priority")
    raw_id_fields = ("consultation", "priority")
