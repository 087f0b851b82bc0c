"""Mark failed the background tasks whose worker died (`core.tasklease`); run before starting workers."""

from django.core.management.base import BaseCommand

from inclusive_cities.core.tasklease import mark_lost


class Command(BaseCommand):
    help = "Mark failed every RUNNING background task whose worker is gone (killed, restarted, out of memory)."

    def handle(self, *args, **options):
        marked = mark_lost()
        self.stdout.write(f"{marked} task(s) whose worker was gone marked failed.")
