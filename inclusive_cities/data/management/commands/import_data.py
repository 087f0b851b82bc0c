"""Import a publisher's file: `manage.py import_data <file> [--importer NAME]`."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from inclusive_cities.data import services
from inclusive_cities.data.importers import IMPORTERS
from inclusive_cities.data.models import ImportStatus


class Command(BaseCommand):
    help = "Import a publisher's CSV/XLSX file (the whole file or nothing). Importers: " + ", ".join(
        i.name for i in IMPORTERS
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--importer", choices=[i.name for i in IMPORTERS], help="skip format recognition")

    def handle(self, *args, file, importer=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            record = services.import_file(content=path.read_bytes(), file_name=path.name, importer_name=importer)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for note in record.notes:
            self.stdout.write(f"note: {note}")
        for problem in record.problems:
            row = f"row {problem['row']}: " if problem.get("row") else ""
            self.stderr.write(f"{row}{problem['message']}")
        summary = (
            f"{record.file_name}: {record.get_status_display()} ({record.importer or 'no importer'}); "
            f"{record.rows_read} rows read, {record.rows_created} created, {record.rows_updated} updated, "
            f"{record.rows_unchanged} unchanged"
        )
        if record.status == ImportStatus.REJECTED:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
