"""Scheduled notifications: progress-update reminders (daily) and the weekly digest. Idempotent: run it twice and
each reminder and digest goes once. See docs/deployment.md for the timers."""

from django.core.management.base import BaseCommand

from inclusive_cities.notifications import services


class Command(BaseCommand):
    help = "Send progress-update reminders (--reminders) and the weekly digest (--digest); both when neither is given."

    def add_arguments(self, parser):
        parser.add_argument("--reminders", action="store_true", help="Progress updates due and overdue.")
        parser.add_argument("--digest", action="store_true", help="The weekly digest email.")

    def handle(self, *args, **options):
        both = not options["reminders"] and not options["digest"]
        if options["reminders"] or both:
            n = services.send_reminders()
            self.stdout.write(f"Reminders: {n} people told.")
        if options["digest"] or both:
            n = services.send_digests()
            self.stdout.write(f"Digests: {n} emails sent.")
