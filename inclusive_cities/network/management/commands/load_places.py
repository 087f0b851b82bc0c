"""Create or update every UK local authority from the shipped mySociety/ONS file."""

from django.core.management.base import BaseCommand

from inclusive_cities.network import services


class Command(BaseCommand):
    help = "Load every UK local authority (current and former) as a Place. Idempotent."

    def handle(self, *args, **options):
        created, updated = services.places_load()
        self.stdout.write(f"{created} places created, {updated} updated.")
