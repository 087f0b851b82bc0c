"""URLs for notifications."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/mark/", views.mark, name="mark"),
    path("notifications/<int:pk>/open/", views.open_notification, name="open"),
    path("notifications/preferences/", views.preferences, name="preferences"),
]
