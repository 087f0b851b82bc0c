"""App configuration for accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "inclusive_cities.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
