"""Writes for the evidence base. Every write keeps the search index (FTS row and embedding) in step."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from inclusive_cities.core.translated import writing_content
from inclusive_cities.framework.models import Domain, TargetGroup
from inclusive_cities.network.models import Place
from inclusive_cities.notifications.services import notify

from . import search
from .models import (
    NOTE_MAX_LENGTH,
    PRINCIPLE_CODES,
    THEME_CODES,
    CaseStudy,
    CaseStudyStatus,
    EvidenceRating,
    PinnedCaseStudy,
    codes_to_field,
)

EDITABLE_FIELDS = [
    "title",
    "title_cy",
    "summary_cy",
    "place_name",
    "country",
    "summary",
    "intervention_type",
    "source_document",
    "source_section",
    "source_url",
    "year",
    "year_note",
    "evidence_rating",
    "evidence_note",
    "outcomes",
]


def _unique_slug(title: str, wanted: str = "") -> str:
    base = slugify(wanted or title)[:100] or "case-study"
    slug, n = base, 2
    while CaseStudy.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check_codes(codes, allowed: list[str], what: str) -> list[str]:
    codes = [str(c).strip().upper() for c in codes or []]
    unknown = sorted(set(codes) - set(allowed))
    if unknown:
        raise ValidationError(_("Unknown %(what)s code: %(codes)s.") % {"what": what, "codes": ", ".join(unknown)})
    return codes


def _reindex(case_study: CaseStudy) -> None:
    search.fts_index([case_study])


def _save(case_study: CaseStudy, *, themes=None, principles=None, domains=None, target_groups=None) -> CaseStudy:
    if themes is not None:
        case_study.theme_codes = codes_to_field(_check_codes(themes, THEME_CODES, _("theme")))
    if principles is not None:
        case_study.principle_codes = codes_to_field(_check_codes(principles, PRINCIPLE_CODES, _("principle")))
    if case_study.evidence_rating not in EvidenceRating.values:
        raise ValidationError(_("The evidence rating must be a level from 1 to 5."))
    case_study.full_clean(exclude=["slug", "embedding"])
    with writing_content():
        # The English is what the embedding and the full-text index hold, and what the original column keeps.
        case_study.embedding = search.embedding_bytes(case_study.search_text())
        case_study.save()
    if domains is not None:
        case_study.domains.set(domains)
    if target_groups is not None:
        case_study.target_groups.set(target_groups)
    with writing_content():
        _reindex(case_study)
    return case_study


@transaction.atomic
def case_study_create(
    *, by, credited_place: Place | None, themes=(), principles=(), domains=(), target_groups=(), **fields
) -> CaseStudy:
    """A new draft contributed by `by` on behalf of `credited_place`."""
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"place", "slug"}
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    slug = _unique_slug(fields.get("title", ""), fields.pop("slug", ""))
    with writing_content():
        case_study = CaseStudy(
            slug=slug,
            status=CaseStudyStatus.DRAFT,
            submitted_by=by,
            credited_place=credited_place,
            created_by=by,
            **fields,
        )
    if credited_place is not None and not case_study.place_name:
        case_study.place_name = credited_place.name
    return _save(case_study, themes=themes, principles=principles, domains=domains, target_groups=target_groups)


@transaction.atomic
def case_study_update(
    *, case_study: CaseStudy, by, themes=None, principles=None, domains=None, target_groups=None, **fields
) -> CaseStudy:
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"place"}
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    with writing_content():
        for name, value in fields.items():
            setattr(case_study, name, value)
    return _save(case_study, themes=themes, principles=principles, domains=domains, target_groups=target_groups)


@transaction.atomic
def case_study_submit(*, case_study: CaseStudy, by) -> CaseStudy:
    if case_study.status not in {CaseStudyStatus.DRAFT, CaseStudyStatus.REJECTED}:
        raise ValidationError(_("Only a draft or a returned case study can be submitted for review."))
    case_study.status = CaseStudyStatus.SUBMITTED
    case_study.submitted_at = timezone.now()
    case_study.submitted_by = case_study.submitted_by or by
    case_study.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    notify("case_study_submitted", case_study, by)
    return case_study


@transaction.atomic
def case_study_publish(*, case_study: CaseStudy, by, note: str = "") -> CaseStudy:
    if case_study.status != CaseStudyStatus.SUBMITTED:
        raise ValidationError(_("Only a case study submitted for review can be published."))
    case_study.status = CaseStudyStatus.PUBLISHED
    case_study.reviewed_by = by
    case_study.reviewed_at = timezone.now()
    case_study.review_note = note.strip()
    case_study.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    notify("case_study_published", case_study, by)
    return case_study


def default_reason(level: int) -> str:
    """The reason a rating meets its level (and not the next), in the words of the standard's definitions."""
    reasons = {
        0: _(
            "Unrated: the source names the practice but does not say what it does and why it matters, which Level 1 "
            "asks for."
        ),
        1: _(
            "Level 1: the source describes what the practice does and why it matters; it gives no data showing "
            "change among the people it reaches, which Level 2 asks for."
        ),
        2: _(
            "Level 2: the source reports data showing change among the people it reaches; there is no comparison "
            "group to show the practice caused it, which Level 3 asks for."
        ),
        3: _("Level 3: a comparison group shows the practice causes the change."),
        4: _("Level 4: an independent, replicated evaluation shows impact."),
        5: _("Level 5: manuals and systems let others deliver it with the same impact."),
    }
    return str(reasons.get(int(level or 0), ""))


@transaction.atomic
def case_study_set_rating(*, case_study: CaseStudy, by, rating: int, reason: str) -> CaseStudy:
    """A facilitator changes a case study's evidence level; the reason is kept on it and in its history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the evidence level changes, against the standard's definitions."))
    if int(rating) not in EvidenceRating.values:
        raise ValidationError(_("Choose an evidence level from the scale."))
    old = case_study.get_evidence_rating_display()
    case_study.evidence_rating = int(rating)
    case_study.rating_reason = reason
    case_study._change_reason = f"{old} → {case_study.get_evidence_rating_display()}: {reason}"[:100]
    case_study.save(update_fields=["evidence_rating", "rating_reason", "updated_at"])
    return case_study


@transaction.atomic
def case_study_reject(*, case_study: CaseStudy, by, note: str) -> CaseStudy:
    if case_study.status != CaseStudyStatus.SUBMITTED:
        raise ValidationError(_("Only a case study submitted for review can be returned."))
    if not (note or "").strip():
        raise ValidationError(_("Say why the case study is returned, so that the contributor can improve it."))
    case_study.status = CaseStudyStatus.REJECTED
    case_study.reviewed_by = by
    case_study.reviewed_at = timezone.now()
    case_study.review_note = note.strip()
    case_study.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    return case_study


@transaction.atomic
def case_studies_import(*, items: list[dict], status: str = CaseStudyStatus.PUBLISHED) -> tuple[int, int]:
    """Create the case studies in `items` (dicts in the demo TOML schema) that do not exist yet, by slug.

    Existing ones are left exactly as they are, so edits made in the platform survive a second run.
    Unknown domain or target-group codes raise ValidationError naming the item. Returns (created, kept).
    """
    domains = {d.code: d for d in Domain.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    places = {
        p.code: p for p in Place.objects.filter(code__in=[i.get("place_code") for i in items if i.get("place_code")])
    }
    existing = set(CaseStudy.objects.filter(slug__in=[i["slug"] for i in items]).values_list("slug", flat=True))
    created = []
    for item in items:
        if item["slug"] in existing:
            continue
        missing_d = [c for c in item.get("domains", []) if c not in domains]
        missing_g = [c for c in item.get("target_groups", []) if c not in groups]
        if missing_d or missing_g:
            raise ValidationError(
                _("Case study “%(slug)s”: unknown domain or target group code %(codes)s.")
                % {"slug": item["slug"], "codes": ", ".join(missing_d + missing_g)}
            )
        case_study = CaseStudy(
            slug=item["slug"],
            title=item["title"],
            place=places.get(item.get("place_code") or ""),
            place_name=item["place_name"],
            country=item["country"],
            summary=item["summary"].strip(),
            intervention_type=item.get("intervention_type", "other"),
            source_document=item.get("source_document", ""),
            source_section=item.get("source_section", ""),
            source_url=item.get("source_url", ""),
            year=item.get("year") or None,
            year_note=item.get("year_note", ""),
            evidence_rating=item.get("evidence_rating", EvidenceRating.UNRATED),
            rating_reason=item.get("rating_reason", "").strip() or default_reason(item.get("evidence_rating", 0)),
            evidence_note=item.get("evidence_note", "").strip(),
            outcomes=item.get("outcomes", "").strip(),
            is_illustrative=item.get("illustrative", False),
            status=status,
        )
        try:
            _save(
                case_study,
                themes=item.get("themes", []),
                principles=item.get("principles", []),
                domains=[domains[c] for c in item.get("domains", [])],
                target_groups=[groups[c] for c in item.get("target_groups", [])],
            )
        except ValidationError as error:
            raise ValidationError(
                _("Case study “%(slug)s”: %(error)s") % {"slug": item["slug"], "error": "; ".join(error.messages)}
            ) from error
        created.append(case_study)
    return len(created), len(existing)


def index_rebuild() -> int:
    """Recompute every embedding and FTS row (after changing the model or restoring a database)."""
    count = 0
    for case_study in CaseStudy.objects.iterator(chunk_size=500):
        CaseStudy.objects.filter(pk=case_study.pk).update(
            embedding=search.embedding_bytes(case_study.search_text()), updated_at=timezone.now()
        )
        search.fts_index([case_study])
        count += 1
    return count


# --- Evidence pinned to a plan's priorities and actions ----------------------------------------------------------


def _pin_plan(priority, action):
    if (priority is None) == (action is None):
        raise ValueError("A pin goes on exactly one priority or one action.")
    return priority.plan if priority is not None else action.priority.plan


@transaction.atomic
def pin_add(*, by, case_study: CaseStudy, note: str, priority=None, action=None) -> PinnedCaseStudy:
    """Pin a published case study to one priority or one action of a plan that can still be edited, with a note
    on why. The caller has checked evidence.pin_casestudy on the plan."""
    plan = _pin_plan(priority, action)
    if not plan.is_editable:
        raise ValidationError(_("Evidence can only be pinned while the plan is a draft or in review."))
    if case_study.status != CaseStudyStatus.PUBLISHED:
        raise ValidationError(
            {
                "case_study": _("Only published case studies can be pinned: “%(title)s” is not published.")
                % {"title": case_study.title}
            }
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Enter why this case study matters to the plan.")})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("The note must be %(n)s characters or fewer.") % {"n": f"{NOTE_MAX_LENGTH:,}"}}
        )
    target = {"priority": priority} if priority is not None else {"action": action}
    if PinnedCaseStudy.objects.filter(case_study=case_study, **target).exists():
        raise ValidationError({"case_study": _("“%(title)s” is already pinned here.") % {"title": case_study.title}})
    return PinnedCaseStudy.objects.create(case_study=case_study, note=note, pinned_by=by, **target)


@transaction.atomic
def pin_remove(*, pin: PinnedCaseStudy, by) -> None:
    plan = _pin_plan(pin.priority, pin.action)
    if not plan.is_editable:
        raise ValidationError(_("Evidence can only be unpinned while the plan is a draft or in review."))
    pin.delete()


def pins_copy(*, priorities: dict, actions: dict) -> int:
    """Carry pins to a new version of a plan: `priorities` and `actions` map each old object's pk to its copy.
    Called by the plans app's new-version service, inside its transaction."""
    pins = PinnedCaseStudy.objects.filter(
        models.Q(priority_id__in=list(priorities)) | models.Q(action_id__in=list(actions))
    )
    copies = [
        PinnedCaseStudy(
            case_study_id=pin.case_study_id,
            priority=priorities.get(pin.priority_id) if pin.priority_id else None,
            action=actions.get(pin.action_id) if pin.action_id else None,
            note=pin.note,
            pinned_by_id=pin.pinned_by_id,
        )
        for pin in pins
    ]
    bulk_create_with_history(copies, PinnedCaseStudy)
    return len(copies)
