"""Writes for the network: loading places and the programmes the seeds record, editing memberships."""

import csv
import tomllib
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Cohort, Membership, MembershipKind, Place, Programme, WorkingGroup

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


# --- Cohorts and members: the network's rules, in one place -------------------------------------------------


def _year_range_check(start, end, *, what: str) -> None:
    if start and end and end < start:
        raise ValidationError(_("%(what)s cannot end before it starts.") % {"what": what})
    for year in (start, end):
        if year and not (1990 <= year <= 2100):
            raise ValidationError(_("A year must be between 1990 and 2100 (got %(y)s).") % {"y": year})


@transaction.atomic
def cohort_create(
    *, programme: Programme, name: str, start_year=None, end_year=None, description: str = "", by
) -> Cohort:
    """A new cohort of a programme. Its code is made from the programme and the name, unique."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the cohort a name."))
    _year_range_check(start_year, end_year, what=_("A cohort"))
    if programme.cohorts.filter(name__iexact=name).exists():
        raise ValidationError(_("%(p)s already has a cohort called “%(n)s”.") % {"p": programme.name, "n": name})
    base = slugify(f"{programme.code}-{name}")[:55] or "cohort"
    code, n = base, 2
    while Cohort.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    cohort = Cohort(
        programme=programme,
        code=code,
        name=name,
        start_year=start_year,
        end_year=end_year,
        description=(description or "").strip(),
        source=_("Created on the platform by %(by)s") % {"by": by},
    )
    cohort._change_reason = f"Created by {by}"
    cohort.save()
    return cohort


@transaction.atomic
def membership_add(
    *,
    cohort: Cohort,
    place: Place,
    by,
    kind: str = MembershipKind.FULL,
    joined_year=None,
    hosting_department: str = "",
    sponsor_role: str = "",
    signatory_role: str = "",
    commitment_letter_date=None,
    operational_leads: str = "",
) -> Membership:
    """Add a place to a cohort. Rules: a current place (a former council cannot join), once per cohort, a known
    kind of membership, a joining year within the cohort's years."""
    if kind not in MembershipKind.values:
        raise ValidationError(_("“%(k)s” is not a kind of membership.") % {"k": str(kind)[:40]})
    if not place.is_current:
        raise ValidationError(_("%(p)s is a former council and cannot join a cohort.") % {"p": place.name})
    if Membership.objects.filter(cohort=cohort, place=place).exists():
        raise ValidationError(_("%(p)s is already a member of %(c)s.") % {"p": place.name, "c": cohort.name})
    if joined_year:
        _year_range_check(joined_year, None, what=_("A membership"))
        if (cohort.start_year and joined_year < cohort.start_year) or (
            cohort.end_year and joined_year > cohort.end_year
        ):
            raise ValidationError(
                _("%(y)s is outside the cohort’s years (%(s)s–%(e)s).")
                % {"y": joined_year, "s": cohort.start_year or "", "e": cohort.end_year or ""}
            )
    membership = Membership(
        cohort=cohort,
        place=place,
        kind=kind,
        joined_year=joined_year,
        hosting_department=hosting_department.strip(),
        sponsor_role=sponsor_role.strip(),
        signatory_role=signatory_role.strip(),
        commitment_letter_date=commitment_letter_date,
        operational_leads=operational_leads.strip(),
        source=_("Added on the platform by %(by)s") % {"by": by},
    )
    membership._change_reason = f"Added by {by}"
    membership.save()
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership, left_year: int, reason: str, by) -> Membership:
    """Record that a place left a cohort, with the year and why. The membership stays, so its history does."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the place left."))
    if not left_year:
        raise ValidationError(_("Give the year the place left."))
    _year_range_check(membership.joined_year, left_year, what=_("A membership"))
    if membership.left_year or membership.left_note:
        raise ValidationError(_("%(p)s has already left this cohort.") % {"p": membership.place.name})
    membership.left_year = left_year
    membership.left_note = reason
    membership._change_reason = f"Left, recorded by {by}"
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Remove a place added by mistake. The deletion is kept in the membership's history."""
    membership._change_reason = f"Removed by {by}"
    membership.delete()
