"""Strings of Django's own forms that Django's Welsh catalogue leaves untranslated, marked here so that `make messages`
puts them in ours (our LOCALE_PATHS catalogue is read before Django's own). The Welsh-page crawl finds any others."""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_STRINGS = (
    # django.contrib.auth's SetPasswordForm, on the password change and reset pages
    gettext_noop("Enter the same password as before, for verification."),
    # django.contrib.auth.password_validation: the validators in AUTH_PASSWORD_VALIDATORS (their messages and help)
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)
# The plural ones, as Django asks for them (ngettext: makemessages reads the pair).
DJANGO_PLURALS = (
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
)
