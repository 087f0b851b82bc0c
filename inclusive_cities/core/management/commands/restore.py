"""`manage.py restore ARCHIVE --yes`: replace the database and uploaded files with a backup's."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inclusive_cities.core.backup import restore


class Command(BaseCommand):
    help = "Restore the database and MEDIA_ROOT from a `backup` archive. Stop the web and task workers first."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="confirm; nothing is changed without it")

    def handle(self, archive, yes=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No backup archive at {archive}.")
        if not yes:
            raise CommandError("Restoring replaces the whole database and every uploaded file. Add --yes to confirm.")
        try:
            manifest = restore(path)
        except (ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        logging.getLogger("inclusive_cities.audit").warning("backup restored", extra={"archive": str(path)})
        self.stdout.write(f"Restored {archive} (made {manifest['created']}).")
