"""Admin for framework reference data."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Domain, DomainTaxonomy, Framework, Goal, Principle, TargetGroup, Theme

for model in (Framework, Principle, Theme, Goal, DomainTaxonomy, Domain, TargetGroup):
    admin.site.register(model, SimpleHistoryAdmin)
