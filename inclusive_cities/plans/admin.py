from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, ActionPlan, Priority, ProgressUpdate, ReviewComment


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "place", "version", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "place__name", "place__code"]
    raw_id_fields = ["place", "previous", "signed_off_by", "published_by", "created_by"]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "order"]
    raw_id_fields = ["plan", "created_by"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "priority", "status", "rag"]
    raw_id_fields = ["priority", "lead_user", "lead_organisation", "created_by"]


admin.site.register(ProgressUpdate, SimpleHistoryAdmin)
admin.site.register(ReviewComment, SimpleHistoryAdmin)
