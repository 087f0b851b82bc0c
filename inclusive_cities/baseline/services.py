"""Writes for the baseline. Each is one transaction; a problem raises ValidationError naming it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from inclusive_cities.network.models import Place

from .models import Activity, FundingStatus

FIELDS = (
    "what",
    "description",
    "lead_organisation",
    "lead_text",
    "scale",
    "people_reached",
    "funding_amount",
    "funding_source",
    "funding_status",
    "status",
    "notes",
    "is_illustrative",
    "source",
)
M2M = ("themes", "principles", "target_groups")


def _check(activity: Activity, m2m: dict) -> None:
    errors = {}
    activity.what = (activity.what or "").strip()
    if not activity.what:
        errors["what"] = _("Describe the activity.")
    elif Activity.objects.filter(place=activity.place, what__iexact=activity.what).exclude(pk=activity.pk).exists():
        errors["what"] = _("“%(what)s” is already in this place’s baseline.") % {"what": activity.what}
    if activity.lead_organisation_id and activity.lead_organisation.place_id != activity.place_id:
        errors["lead_organisation"] = _("That organisation is not on this place’s taskforce.")
    if activity.funding_amount is not None and activity.funding_amount < 0:
        errors["funding_amount"] = _("Funding cannot be negative.")
    if activity.funding_amount is not None and activity.funding_status == FundingStatus.NONE:
        errors["funding_status"] = _("Say whether the funding is secured or sought.")
    themes = list(m2m.get("themes") or [])
    principles = list(m2m.get("principles") or [])
    versions = {t.framework_id for t in themes} | {p.framework_id for p in principles}
    if len(versions) > 1:
        errors["themes"] = _("Themes and principles must come from the same framework version.")
    if errors:
        raise ValidationError(errors)


def _save(activity: Activity, values: dict) -> Activity:
    for name in FIELDS:
        if name in values:
            setattr(activity, name, values[name])
    m2m = {name: values[name] for name in M2M if name in values}
    current = {name: list(getattr(activity, name).all()) for name in M2M if activity.pk and name not in m2m}
    _check(activity, {**current, **m2m})
    activity.full_clean(exclude=["place"])
    activity.save()
    for name, objs in m2m.items():
        getattr(activity, name).set(objs)
    return activity


@transaction.atomic
def activity_create(*, place: Place, by, **values) -> Activity:
    return _save(Activity(place=place, created_by=by), values)


@transaction.atomic
def activity_update(*, activity: Activity, by, **values) -> Activity:
    return _save(activity, values)


@transaction.atomic
def activity_remove(*, activity: Activity, by) -> None:
    """Remove an activity from the baseline (its audit history keeps the record of what it was)."""
    activity._change_reason = "removed from the baseline"
    activity.delete()
