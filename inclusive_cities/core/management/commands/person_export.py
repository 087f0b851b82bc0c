"""`manage.py person_export EMAIL --by ADMIN_EMAIL [--output FILE]`: everything held about a person, as JSON."""

import json
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from inclusive_cities.core.persondata import person_export


def administrator(email: str):
    admin = get_user_model().objects.filter(email__iexact=email).first()
    from inclusive_cities.accounts.rules import is_admin

    if admin is None or not (admin.is_superuser or is_admin(admin)):
        raise CommandError(f"--by {email!r} is not an administrator's account.")
    return admin


def person(email: str):
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        raise CommandError(f"No account has the email address {email!r}.")
    return user


class Command(BaseCommand):
    help = "Export everything held about a person (JSON). Administrators only; audited."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--by", required=True, help="the administrator's email address (recorded)")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, email, by, output=None, **options):
        admin = administrator(by)
        data = person_export(user=person(email), by=admin.email)
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stdout.write(f"Wrote {output}")
        else:
            sys.stdout.write(text + "\n")
