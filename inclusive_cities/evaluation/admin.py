from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, Result


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "design", "visibility", "registered_at"]
    list_filter = ["design", "visibility"]
    search_fields = ["title", "question"]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "method", "status", "created_at"]
    readonly_fields = ["output", "spec", "versions"]
