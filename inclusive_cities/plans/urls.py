"""URLs for action plans: the network list, and each place's plans under /places/<ONS code>/plans/."""

from django.urls import path

from . import views

app_name = "plans"
P = "places/<str:code>/plans/<int:pk>/"
A = P + "actions/<int:action_pk>/"
urlpatterns = [
    path("plans/", views.index, name="index"),
    path("places/<str:code>/plans/", views.place_plans, name="place_plans"),
    path("places/<str:code>/plans/current/", views.place_current, name="place_current"),
    path("places/<str:code>/plans/new/", views.plan_create, name="plan_create"),
    path(P, views.plan_detail, name="plan_detail"),
    path(P + "edit/", views.plan_edit, name="plan_edit"),
    path(P + "step/<slug:step>/", views.plan_step, name="plan_step"),
    path(P + "dashboard/", views.dashboard, name="dashboard"),
    path(P + "compare/", views.compare, name="compare"),
    path(P + "comments/", views.comment_add, name="comment_add"),
    path(P + "comments/<int:comment_pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path(P + "priorities/add/", views.priority_form, name="priority_add"),
    path(P + "priorities/<int:priority_pk>/edit/", views.priority_form, name="priority_edit"),
    path(P + "priorities/<int:priority_pk>/actions/add/", views.action_add, name="action_add"),
    path(P + "<slug:kind>/<int:item_pk>/delete/", views.delete, name="delete"),
    path(A, views.action_detail, name="action_detail"),
    path(A + "edit/", views.action_edit, name="action_edit"),
    path(A + "measures/add/", views.measure_add, name="measure_add"),
    path(A + "measures/<int:measure_pk>/edit/", views.measure_edit, name="measure_edit"),
    path(A + "milestones/add/", views.milestone_add, name="milestone_add"),
    path(A + "milestones/<int:milestone_pk>/done/", views.milestone_done, name="milestone_done"),
    path(A + "progress/add/", views.progress_add, name="progress_add"),
    path(A + "progress/<int:update_pk>/evidence/", views.evidence_file, name="evidence_file"),
    path(P + "export/<slug:what>/", views.export, name="export"),
    path(P + "import/", views.import_file, name="import"),
    path(P + "pdf/<slug:kind>/", views.plan_pdf, name="pdf"),
]
