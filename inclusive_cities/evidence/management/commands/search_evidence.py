"""`manage.py search_evidence "query" --format json`: the same ranked list as the search API (published only)."""

import json

from django.core.management.base import BaseCommand, CommandError

from ...api import MAX_LIMIT, search_payload
from ...models import PRINCIPLE_CODES, THEME_CODES


class Command(BaseCommand):
    help = "Search published case studies by words and by meaning; prints a ranked list."

    def add_arguments(self, parser):
        parser.add_argument("query", help="what to look for, in everyday words")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--mode", choices=["hybrid", "text", "semantic"], default="hybrid")
        parser.add_argument("--theme", choices=THEME_CODES, default="")
        parser.add_argument("--principle", choices=PRINCIPLE_CODES, default="")
        parser.add_argument("--country", default="")
        parser.add_argument("--domain", default="", help="integration domain code, e.g. ho-work")
        parser.add_argument("--target-group", default="", help="target group code")
        parser.add_argument("--type", default="", help="type of intervention")
        parser.add_argument("--evidence-min", type=int, choices=[1, 2, 3, 4, 5], default=None)
        parser.add_argument("--limit", type=int, default=20, help="as the API (1-100, default 20)")

    def handle(self, *args, **options):
        if not 1 <= options["limit"] <= MAX_LIMIT:
            raise CommandError(f"--limit must be between 1 and {MAX_LIMIT}.")
        payload = search_payload(
            user=None,
            q=options["query"],
            mode=options["mode"],
            filters={
                "theme": options["theme"],
                "principle": options["principle"],
                "country": options["country"],
                "domain": options["domain"],
                "target_group": options["target_group"],
                "intervention_type": options["type"],
                "evidence_min": options["evidence_min"],
            },
            limit=options["limit"],
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not payload["results"]:
            self.stdout.write("No case studies match.")
        for item in payload["results"]:
            self.stdout.write(
                f"{item['rank']:>3}. {item['title']} ({item['place']}, {item['country']}) "
                f"score {item['score']:.4f}: {'; '.join(item['reasons'])}"
            )
