"""`manage.py evaluate_search`: recall@5 and MRR of full-text, semantic and hybrid search on our query set."""

from django.core.management.base import BaseCommand

from ...quality import evaluate


class Command(BaseCommand):
    help = (
        "Measure search quality (recall@5, MRR) on evidence/tests/search_queries.toml. Needs the case studies loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--misses", action="store_true", help="list the queries whose answer is not in the top 5")

    def handle(self, *args, **options):
        for mode in ("text", "semantic", "hybrid"):
            result = evaluate(mode=mode)
            self.stdout.write(
                f"{mode:>9}: recall@5 {result['recall_at_5']:.3f}  MRR {result['mrr']:.3f}  ({result['queries']} queries)"
            )
            if options["misses"]:
                for q in result["misses"]:
                    self.stdout.write(f"           miss: {q}")
