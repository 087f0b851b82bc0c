"""Writes for the network: loading places and the programmes the seeds record, editing memberships."""

import csv
import tomllib
from datetime import date
from pathlib import Path

from django.db import transaction

from .models import Cohort, Membership, Place, Programme, WorkingGroup

APP_DIR = Path(__file__).resolve().parent
PLACES_CSV = APP_DIR / "data" / "mysociety_uk_local_authorities_past_current.csv"
NETWORK_TOML = APP_DIR / "demo" / "network.toml"
PLACES_SOURCE = "mySociety UK Local Authority Names and Codes v1.6.1 (CC BY 4.0), ONS codes (OGL v3)"


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@transaction.atomic
def places_load(*, path: Path = PLACES_CSV) -> tuple[int, int]:
    """Create or update every council in the mySociety file. Returns (created, updated)."""
    created = updated = 0
    existing = {p.code: p for p in Place.objects.all()}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["gss-code"].strip()
            if not code:
                continue
            values = {
                "name": row["nice-name"].strip() or row["official-name"].strip(),
                "official_name": row["official-name"].strip(),
                "country": "United Kingdom",
                "nation": row["nation"].strip(),
                "region": row["region"].strip(),
                "kind": row["local-authority-type"].strip(),
                "kind_name": row["local-authority-type-name"].strip(),
                "is_uk_local_authority": True,
                "is_lower_tier_or_unitary": row["lower-or-unitary"].strip() == "True",
                "is_current": not row["end-date"].strip(),
                "start_date": _date(row["start-date"].strip()),
                "end_date": _date(row["end-date"].strip()),
                "replaced_by": row["replaced-by"].strip(),
                "former_codes": row["former-gss-codes"].strip(),
                "latitude": _float(row["lat"]),
                "longitude": _float(row["long"]),
                "source": PLACES_SOURCE,
            }
            place = existing.get(code)
            if place is None:
                Place.objects.create(code=code, **values)
                created += 1
            elif any(getattr(place, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(place, key, value)
                place.save()
                updated += 1
    return created, updated


def international_place_code(name: str, country: str) -> str:
    from django.utils.text import slugify

    return f"INT-{slugify(country)[:20]}-{slugify(name)[:40]}".upper()


def place_for_demo(*, code: str, name: str, country: str) -> Place:
    """A UK place must already exist by its ONS code; a city elsewhere is created on first mention."""
    if code:
        return Place.objects.get(code=code)
    place, _ = Place.objects.get_or_create(
        code=international_place_code(name, country),
        defaults={"name": name, "official_name": name, "country": country, "is_current": True},
    )
    return place


@transaction.atomic
def network_load(*, path: Path = NETWORK_TOML) -> dict[str, int]:
    """Load the programmes, cohorts and memberships the seeds record. Idempotent: keyed by codes."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    counts = {"programmes": 0, "cohorts": 0, "memberships": 0}
    for prog in data.get("programmes", []):
        programme, _ = Programme.objects.update_or_create(
            code=prog["code"],
            defaults={
                "name": prog["name"],
                "description": prog.get("description", ""),
                "facilitator": prog.get("facilitator", ""),
                "start_year": prog.get("start_year") or None,
                "end_year": prog.get("end_year") or None,
                "source": prog.get("source", ""),
            },
        )
        counts["programmes"] += 1
        for group in prog.get("working_groups", []):
            WorkingGroup.objects.update_or_create(
                programme=programme,
                name=group["name"],
                defaults={"description": group.get("description", ""), "source": group.get("source", "")},
            )
        for coh in prog.get("cohorts", []):
            cohort, _ = Cohort.objects.update_or_create(
                code=coh["code"],
                defaults={
                    "programme": programme,
                    "name": coh["name"],
                    "start_year": coh.get("start_year") or None,
                    "end_year": coh.get("end_year") or None,
                    "description": coh.get("description", ""),
                    "source": coh.get("source", ""),
                },
            )
            counts["cohorts"] += 1
            for mem in coh.get("memberships", []):
                place = place_for_demo(
                    code=mem.get("place_code", ""), name=mem["place_name"], country=mem.get("country", "")
                )
                # Create only: a facilitator's later edits to a membership are kept on a second load.
                Membership.objects.get_or_create(
                    cohort=cohort,
                    place=place,
                    defaults={
                        "kind": mem.get("kind", "full"),
                        "joined_year": mem.get("joined_year") or None,
                        "left_year": mem.get("left_year") or None,
                        "left_note": mem.get("left_note", ""),
                        "hosting_department": mem.get("hosting_department", ""),
                        "sponsor_role": mem.get("sponsor_role", ""),
                        "signatory_role": mem.get("signatory_role", ""),
                        "source": mem.get("source", ""),
                    },
                )
                counts["memberships"] += 1
    return counts


@transaction.atomic
def membership_update(*, membership: Membership, by, **fields) -> Membership:
    for key, value in fields.items():
        setattr(membership, key, value)
    membership._change_reason = f"Edited by {by}"
    membership.save()
    return membership
