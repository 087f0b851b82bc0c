"""Load the real demo network: every app's `demodata.load()`, in dependency order. Safe to run again."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand

FIRST = ["inclusive_cities.network", "inclusive_cities.framework", "inclusive_cities.accounts"]


class Command(BaseCommand):
    help = "Load places, the framework, the programmes the sources record, demo accounts and each app's demo content."

    def handle(self, *args, **options):
        order = FIRST + [app for app in settings.DOMAIN_APPS if app not in FIRST]
        for app in order:
            if find_spec(f"{app}.demodata") is None:
                continue
            module = import_module(f"{app}.demodata")
            summary = module.load()
            self.stdout.write(f"{app.rsplit('.', 1)[-1]}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
