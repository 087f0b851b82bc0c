"""`manage.py person_erase EMAIL --by ADMIN_EMAIL --yes`: anonymise a person, keeping history without identity."""

from django.core.management.base import BaseCommand, CommandError

from inclusive_cities.core.management.commands.person_export import administrator, person
from inclusive_cities.core.persondata import person_erase


class Command(BaseCommand):
    help = "Erase a person: account and personal fields anonymised, history kept without identity. Audited."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--by", required=True, help="the administrator's email address (recorded)")
        parser.add_argument("--yes", action="store_true", help="confirm; nothing is changed without it")

    def handle(self, email, by, yes=False, **options):
        admin = administrator(by)
        user = person(email)
        if user.pk == admin.pk:
            raise CommandError("An administrator cannot erase their own account.")
        if not yes:
            raise CommandError(f"This anonymises {email} for good. Run again with --yes to confirm.")
        person_erase(user=user, by=admin.email)
        self.stdout.write(f"Erased account {user.pk}; history kept without identity.")
