"""Print the demo accounts and their shared password (for `make run`)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from inclusive_cities.accounts.demodata import describe


class Command(BaseCommand):
    help = "List the demo accounts, one per role."

    def handle(self, *args, **options):
        self.stdout.write("Demo accounts (password: %s):" % settings.DEMO_PASSWORD)
        for email, role in describe():
            self.stdout.write(f"  {email:48} {role}")
