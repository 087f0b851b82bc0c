"""Strings of Django's own forms that Django's Welsh catalogue leaves untranslated, marked here so that `make messages`
puts them in ours (our LOCALE_PATHS catalogue is read before Django's own). The Welsh-page crawl finds any others."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    # django.contrib.auth's SetPasswordForm, on the password change and reset pages
    gettext_noop("Enter the same password as before, for verification."),
)
