"""Writes for the taskforce. Each is one transaction; a problem raises ValidationError naming it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from inclusive_cities.network.models import Place

from .models import Meeting, Organisation, TaskforceMember

ORGANISATION_FIELDS = ("name", "sector", "website", "notes", "is_illustrative", "source")
MEMBER_FIELDS = (
    "organisation",
    "person_name",
    "email",
    "user",
    "role",
    "lived_experience",
    "lived_experience_consent",
    "lived_experience_consent_date",
    "notes",
    "is_illustrative",
    "source",
)
MEETING_FIELDS = ("date", "title", "decisions", "actions_arising", "is_illustrative", "source")
EARLIEST = date(2000, 1, 1)


def _check_organisation(*, place: Place, name: str, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the organisation’s name.")})
    clash = Organisation.objects.filter(place=place, name__iexact=name).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"name": _("“%(name)s” is already on %(place)s’s taskforce.") % {"name": name, "place": place.name}}
        )
    return name


def _apply(obj, fields: tuple[str, ...], values: dict) -> None:
    for field in fields:
        if field in values:
            setattr(obj, field, values[field])


@transaction.atomic
def organisation_create(*, place: Place, by, **values) -> Organisation:
    values["name"] = _check_organisation(place=place, name=values.get("name", ""))
    org = Organisation(place=place, created_by=by)
    _apply(org, ORGANISATION_FIELDS, values)
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, **values) -> Organisation:
    values["name"] = _check_organisation(
        place=organisation.place, name=values.get("name", organisation.name), exclude_pk=organisation.pk
    )
    _apply(organisation, ORGANISATION_FIELDS, values)
    organisation.full_clean()
    organisation.save()
    return organisation


def _check_member(member: TaskforceMember) -> None:
    errors = {}
    if member.organisation_id and member.organisation.place_id != member.place_id:
        errors["organisation"] = _("That organisation is not on this place’s taskforce.")
    if member.user_id and not member.user.place_roles.filter(place_id=member.place_id).exists():
        errors["user"] = _("That account has no role at this place: invite them to the place first.")
    if member.lived_experience and not member.lived_experience_consent:
        errors["lived_experience_consent"] = _(
            "Lived experience can only be recorded with the person’s explicit consent: tick the consent box."
        )
    if member.lived_experience_consent and not member.lived_experience_consent_date:
        errors["lived_experience_consent_date"] = _("Enter the date the person gave consent.")
    consent_date = member.lived_experience_consent_date
    if consent_date and not (EARLIEST <= consent_date <= date.today()):
        errors["lived_experience_consent_date"] = _("The consent date must be between 2000 and today.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def member_create(*, place: Place, by, **values) -> TaskforceMember:
    member = TaskforceMember(place=place, created_by=by)
    _apply(member, MEMBER_FIELDS, values)
    _check_member(member)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_update(*, member: TaskforceMember, by, **values) -> TaskforceMember:
    _apply(member, MEMBER_FIELDS, values)
    withdrawn = not member.lived_experience_consent
    if withdrawn:
        # Consent withdrawn (or never given): nothing may remain recorded.
        member.lived_experience = False
        member.lived_experience_consent_date = None
    _check_member(member)
    member.full_clean()
    member.save()
    if withdrawn:
        _scrub_lived_experience(member)
    return member


def _scrub_lived_experience(member: TaskforceMember) -> None:
    """Remove the flag from the member's audit history too: withdrawn consent leaves no trace of it."""
    member.history.filter(lived_experience=True).update(
        lived_experience=False, lived_experience_consent=False, lived_experience_consent_date=None
    )


@transaction.atomic
def member_remove(*, member: TaskforceMember, by) -> None:
    """Take a person off the taskforce and erase their personal record, audit history included."""
    history = member.history.model.objects.filter(id=member.pk)
    member.delete()
    history.delete()


@transaction.atomic
def organisation_remove(*, organisation: Organisation, by) -> None:
    """Remove an organisation that nobody belongs to (typos, duplicates, organisations that left)."""
    if organisation.members.exists():
        raise ValidationError(
            _("%(name)s still has members on the taskforce: move or remove them first.") % {"name": organisation.name}
        )
    # Anything else that points at it (plan actions it leads or partners, baseline activities it leads) would
    # silently lose it: refuse instead.
    for relation in organisation._meta.related_objects:
        if relation.related_model is TaskforceMember:
            continue
        if getattr(organisation, relation.get_accessor_name()).exists():
            raise ValidationError(
                _("%(name)s is used elsewhere (%(where)s), so it cannot be removed.")
                % {"name": organisation.name, "where": relation.related_model._meta.verbose_name_plural}
            )
    try:
        organisation.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("%(name)s is used elsewhere (for example as an action lead in a plan), so it cannot be removed.")
            % {"name": organisation.name}
        ) from error


def _check_meeting(meeting: Meeting, attendees, linked_actions=()) -> None:
    errors = {}
    if any(a.priority.plan.place_id != meeting.place_id for a in linked_actions):
        errors["linked_actions"] = _("Linked actions must belong to this place’s plans.")
    if meeting.date and not (EARLIEST <= meeting.date <= date(date.today().year + 2, 12, 31)):
        errors["date"] = _("The meeting date must be between 2000 and the end of next year.")
    strangers = [a for a in attendees if a.place_id != meeting.place_id]
    if strangers:
        errors["attendees"] = _("Attendees must be members of this place’s taskforce.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(*, place: Place, by, attendees=(), linked_actions=(), **values) -> Meeting:
    meeting = Meeting(place=place, created_by=by)
    _apply(meeting, MEETING_FIELDS, values)
    attendees, linked_actions = list(attendees), list(linked_actions)
    _check_meeting(meeting, attendees, linked_actions)
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.linked_actions.set(linked_actions)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, attendees=None, linked_actions=None, **values) -> Meeting:
    _apply(meeting, MEETING_FIELDS, values)
    attendees = list(meeting.attendees.all()) if attendees is None else list(attendees)
    linked_actions = list(meeting.linked_actions.all()) if linked_actions is None else list(linked_actions)
    _check_meeting(meeting, attendees, linked_actions)
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.linked_actions.set(linked_actions)
    return meeting
