"""App configuration for notifications: telling people that something happened, in the app and by email."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "inclusive_cities.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
