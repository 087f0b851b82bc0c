"""Demo accounts, one per role, so that every part of the platform can be tried. Illustrative people."""

from django.conf import settings

from inclusive_cities.network.models import Place

from .models import NetworkRole, PlaceRole, User
from .services import role_grant

BRISTOL = "E06000023"
LIVERPOOL = "E08000012"

# (email, name, role, place code or None)
DEMO_ACCOUNTS = [
    ("facilitator@demo.inclusive-cities.test", "Demo Facilitator", NetworkRole.FACILITATOR, None),
    ("researcher@demo.inclusive-cities.test", "Demo Researcher", NetworkRole.RESEARCHER, None),
    ("admin@demo.inclusive-cities.test", "Demo Administrator", NetworkRole.ADMIN, None),
    ("officer.bristol@demo.inclusive-cities.test", "Demo Officer (Bristol)", PlaceRole.OFFICER, BRISTOL),
    ("sponsor.bristol@demo.inclusive-cities.test", "Demo Sponsor (Bristol)", PlaceRole.SPONSOR, BRISTOL),
    ("partner.bristol@demo.inclusive-cities.test", "Demo Partner (Bristol)", PlaceRole.PARTNER, BRISTOL),
    ("officer.liverpool@demo.inclusive-cities.test", "Demo Officer (Liverpool)", PlaceRole.OFFICER, LIVERPOOL),
]


def load() -> str:
    created = 0
    for email, name, role, code in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, settings.DEMO_PASSWORD, full_name=name)
            if role == NetworkRole.ADMIN:
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            created += 1
        role_grant(user=user, role=role, place=Place.objects.get(code=code) if code else None)
    return f"{created} demo accounts created"


def describe() -> list[tuple[str, str]]:
    return [(email, role.label + (f", {code}" if code else "")) for email, _n, role, code in DEMO_ACCOUNTS]
