"""`manage.py backup [--output FILE]`: the database and uploaded files in one tar.gz (see core/backup.py)."""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from inclusive_cities.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and MEDIA_ROOT into one tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="archive to write (default var/backups/backup-<time>.tar.gz)")

    def handle(self, output=None, **options):
        if not output:
            folder = Path(settings.BASE_DIR) / "var" / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            output = folder / f"backup-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%SZ}.tar.gz"
        manifest = backup(Path(output))
        logging.getLogger("inclusive_cities.audit").info("backup written", extra={"archive": str(output)})
        self.stdout.write(f"Wrote {output} ({manifest['vendor']}, {manifest['media_files']} uploaded files)")
