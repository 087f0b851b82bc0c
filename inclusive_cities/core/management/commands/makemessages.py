"""`makemessages` without gettext's fuzzy matching: its guesses at Welsh from similar strings were wrong each time.

Django documents overriding the command to change `msgmerge_options`; new strings then arrive empty and
`scripts/welsh_catalogue.py todo` lists them for a translator.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
