"""Import a publisher's file: `manage.py import_data <file> [--importer NAME] [--period P] [--accept-revisions]`
(`--area S12000049 --lookup OA_TO_HIGHER_AREAS.csv` for Scotland's Census output-area tables).

A file that would revise figures already published is not written unless `--accept-revisions` is given; the
revisions are listed either way."""

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
        parser.add_argument(
            "--period",
            default="",
            help="the period, for layouts that carry none (e.g. mid-2022); checked against the name",
        )
        parser.add_argument(
            "--area", default="", help="the council area, for Scotland's Census output-area tables (e.g. S12000049)"
        )
        parser.add_argument("--lookup", default="", help="NRS's output-area lookup CSV, with --area")
        parser.add_argument(
            "--accept-revisions", action="store_true", help="apply figures that revise ones already published"
        )

    def handle(self, *args, file, importer=None, period="", accept_revisions=False, area="", lookup="", **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if lookup and not Path(lookup).is_file():
            raise CommandError(f"No such lookup file: {lookup}")
        try:
            record = services.import_file(
                content=path.read_bytes(),
                file_name=path.name,
                importer_name=importer,
                period=period,
                accept_revisions=accept_revisions,
                area=area,
                lookup=Path(lookup).read_bytes() if lookup else b"",
                lookup_name=Path(lookup).name if lookup else "",
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for note in record.notes:
            self.stdout.write(f"note: {note}")
        for problem in record.problems:
            row = f"row {problem['row']}: " if problem.get("row") else ""
            self.stderr.write(f"{row}{problem['message']}")
        for r in record.revisions:
            self.stderr.write(
                f"revision, row {r['row']}: {r['area_code']} {r['area_name']} {r['period']} "
                f"{r['category'] or r['indicator']}: {r['old']} -> {r['new']}"
            )
        summary = f"{record.file_name}: {record.get_status_display()} ({record.format_label or 'no importer'}). {record.summary}"
        if record.status == ImportStatus.NEEDS_CONFIRMATION:
            raise CommandError(summary + " Run again with --accept-revisions to apply them.")
        if record.status == ImportStatus.REJECTED:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
