"""Writes for narratives: save (creating on first save), publish and unpublish."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inclusive_cities.core.translated import writing_content

from .models import CHECKLIST_KEYS, Audience, Defensive, MessageTheme, Narrative, NarrativeStatus


def _only(values, allowed, what: str) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError(_("Unknown %(what)s: %(values)s.") % {"what": what, "values": ", ".join(unknown)[:100]})
    return values


@transaction.atomic
def narrative_save(
    *,
    place,
    by,
    statement: str,
    campaign_name: str = "",
    audiences=(),
    other_audiences: str = "",
    message_themes=(),
    defensive_approaches=(),
    defensive_notes: str = "",
    channels: str = "",
    carriers: str = "",
    checklist: dict | None = None,
    sources: str = "",
    is_illustrative: bool | None = None,
    actions=None,
    statement_cy: str = "",
    campaign_name_cy: str = "",
    defensive_notes_cy: str = "",
    channels_cy: str = "",
) -> Narrative:
    statement = (statement or "").strip()
    if not statement:
        raise ValidationError(_("Write the narrative statement: the story the place tells about itself."))
    checklist = checklist or {}
    unknown = [key for key in checklist if key not in CHECKLIST_KEYS]
    if unknown:
        raise ValidationError(_("Unknown checklist item: %(key)s.") % {"key": unknown[0][:40]})
    narrative = Narrative.objects.select_for_update().filter(place=place).first() or Narrative(
        place=place, created_by=by
    )
    with writing_content():
        # English active: `statement` is the English; the Welsh is set by name.
        narrative.statement = statement
        narrative.campaign_name = (campaign_name or "").strip()[:150]
        narrative.defensive_notes = (defensive_notes or "").strip()
        narrative.channels = (channels or "").strip()
    narrative.statement_cy = (statement_cy or "").strip()
    narrative.campaign_name_cy = (campaign_name_cy or "").strip()[:150]
    narrative.defensive_notes_cy = (defensive_notes_cy or "").strip()
    narrative.channels_cy = (channels_cy or "").strip()
    narrative.audiences = _only(audiences, Audience.values, _("audience"))
    narrative.other_audiences = (other_audiences or "").strip()[:300]
    narrative.message_themes = _only(message_themes, MessageTheme.values, _("message theme"))
    narrative.defensive_approaches = _only(defensive_approaches, Defensive.values, _("defensive approach"))
    narrative.carriers = (carriers or "").strip()
    narrative.checklist = {
        key: {"done": bool(value.get("done")), "note": (value.get("note") or "").strip()[:1000]}
        for key, value in checklist.items()
    }
    narrative.sources = (sources or "").strip()
    if is_illustrative is not None:
        narrative.is_illustrative = is_illustrative
    with writing_content():
        narrative.save()
    if actions is not None:
        actions = list(actions)
        for action in actions:
            if action.priority.plan.place_id != place.id:
                raise ValidationError(
                    _("The action “%(action)s” belongs to another place’s plan.") % {"action": action.title[:80]}
                )
        narrative.actions.set(actions)
    return narrative


@transaction.atomic
def narrative_publish(*, narrative: Narrative, by, publish: bool = True) -> Narrative:
    if publish:
        if not narrative.audiences and not narrative.other_audiences:
            raise ValidationError(_("Say who the narrative is for (at least one audience) before publishing it."))
        narrative.status = NarrativeStatus.PUBLISHED
        narrative.published_at = timezone.now()
    else:
        narrative.status = NarrativeStatus.DRAFT
    narrative.save(update_fields=["status", "published_at", "updated_at"])
    return narrative
