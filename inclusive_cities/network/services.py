"""Writes for the network: loading places and the programmes the seeds record, editing memberships, preparing the
report for funders as a PDF in the background."""

import csv
import logging
import tomllib
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from inclusive_cities.core.pagecache import content_version
from inclusive_cities.core.pdf import render_pdf

from .models import Cohort, Membership, MembershipKind, Place, Programme, ReportFile, ReportFileState, WorkingGroup
from .selectors import report_pdf_status

log = logging.getLogger(__name__)

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


# --- The report for funders as a PDF, prepared in the background -----------------------------------------------

REPORT_PDF_TEMPLATE = "network/funder_report_pdf.html"


def report_pdf_request(
    *, programme: Programme, start_year: int, end_year: int, by, language: str | None = None
) -> ReportFile:
    """The PDF of the report for funders for a programme and period, in `language` (the active one by default).

    A file prepared since the last write anywhere on the platform is handed out again; a request already waiting or
    being prepared for the same parameters is returned as it is (a double click, or two facilitators at once, make
    one file); otherwise a new request is recorded and `report_pdf_render` is queued once it is committed. With the
    immediate task backend (tests, `make run`) the file is ready when this returns: read the record again."""
    _year_range_check(start_year, end_year, what=_("The period"))
    params = {
        "programme": programme,
        "start_year": start_year,
        "end_year": end_year,
        "language": language or translation.get_language() or "en-gb",
    }
    status = report_pdf_status(**params)
    if status.current:
        return status.ready
    with transaction.atomic():
        pending = ReportFile.objects.filter(state__in=ReportFile.PENDING, **params).first()
        if pending is not None and not pending.is_stalled:
            return pending
        if pending is not None:
            ReportFile.objects.filter(pk=pending.pk, state=pending.state).update(
                state=ReportFileState.FAILED,
                error=_("It was not prepared within %(minutes)s minutes: the background worker may be stopped.")
                % {"minutes": int(ReportFile.STALLED_AFTER.total_seconds() // 60)},
                finished_at=timezone.now(),
            )
        try:
            with transaction.atomic():
                record = ReportFile.objects.create(requested_by=by, **params)
        except IntegrityError:  # another request for the same parameters was recorded just now: that one it is
            return ReportFile.objects.get(state__in=ReportFile.PENDING, **params)
        transaction.on_commit(lambda: report_pdf_render.enqueue(record.pk))
    return record


def _report_pdf_prune(record: ReportFile) -> None:
    """Older files and failures for the same parameters are not wanted once a newer file is ready."""
    older = ReportFile.objects.filter(
        programme_id=record.programme_id,
        start_year=record.start_year,
        end_year=record.end_year,
        language=record.language,
        state__in=[ReportFileState.READY, ReportFileState.FAILED],
        requested_at__lte=record.requested_at,
    ).exclude(pk=record.pk)
    for old in older:
        if old.file:
            old.file.delete(save=False)
        old.delete()


@task()
def report_pdf_render(report_file_id: int) -> str:
    """Prepare one requested PDF with the same template and figures as the page. Idempotent: the record is taken
    from "queued" to "running" in one conditional update, so a second run, or a second worker given the same
    record, does nothing. A failure is recorded on the record with a short message (the exception goes to the
    log) and leaves no file behind."""
    claimed = ReportFile.objects.filter(pk=report_file_id, state=ReportFileState.QUEUED).update(
        state=ReportFileState.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "nothing to do"
    from .report import funder_report

    record = ReportFile.objects.select_related("programme").get(pk=report_file_id)
    # Read before the figures are: a write while they are read or rendered makes this file out of date at once.
    version = content_version()
    try:
        with translation.override(record.language):
            report = funder_report(programme=record.programme, start_year=record.start_year, end_year=record.end_year)
            pdf = render_pdf(REPORT_PDF_TEMPLATE, {"report": report})
        record.file.save(record.download_name, ContentFile(pdf), save=False)
        finished = ReportFile.objects.filter(pk=record.pk, state=ReportFileState.RUNNING).update(
            state=ReportFileState.READY,
            file=record.file.name,
            content_version=version,
            finished_at=timezone.now(),
            error="",
        )
    except Exception as exc:  # noqa: BLE001 - any failure is shown on the page, never lost
        log.exception("the funder report PDF %s could not be prepared", report_file_id)
        if record.file:
            record.file.delete(save=False)
        ReportFile.objects.filter(pk=record.pk).update(
            state=ReportFileState.FAILED,
            file="",
            error=(str(exc) or type(exc).__name__)[:300],
            finished_at=timezone.now(),
        )
        return "failed"
    if not finished:  # given up on as stalled while it ran (and perhaps asked again): this file is not wanted
        record.file.delete(save=False)
        return "abandoned"
    _report_pdf_prune(record)
    return "ready"
