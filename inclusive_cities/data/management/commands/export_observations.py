"""Export every observation of a place: `manage.py export_observations --place CODE --format csv|json`."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from inclusive_cities.data import selectors


class Command(BaseCommand):
    help = "Write every observation of a place (as the API serves them) to stdout or a file, as CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument("--place", required=True, help="ONS code, e.g. E06000023")
        parser.add_argument("--indicator", default="", help="indicator code(s), comma-separated")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", help="file to write (default: stdout)")

    def handle(self, *args, place, indicator, format, output=None, **options):
        if not selectors.known_area_code(place):
            raise CommandError(f"Unknown place code {place!r}: use an ONS code such as E06000023.")
        rows = selectors.observation_rows(
            selectors.observation_values(selectors.observations_for(area_code=place, indicator=indicator)).iterator(
                chunk_size=2000
            )
        )
        out = open(output, "w", newline="", encoding="utf-8") if output else self.stdout  # noqa: SIM115
        try:
            if format == "json":
                out.write(json.dumps(rows, ensure_ascii=False, indent=1))
                out.write("\n")
            else:
                fields = selectors.OBSERVATION_FIELDS
                writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
        finally:
            if output:
                out.close()
        if output:
            self.stderr.write(f"{len(rows)} observations written to {output}")
