"""Writes for people and roles: invitations, accepting them, granting roles."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inclusive_cities.core.language import in_language_of, supported

from .models import Invitation, NetworkRole, NetworkRoleAssignment, PlaceRole, PlaceRoleAssignment, User
from .roles import forget_roles, roles_of


class InvitationError(Exception):
    """A link that cannot be used, with a message the visitor can act on."""


@dataclass
class InvitationOutcome:
    invitation: Invitation | None
    token: str | None
    granted_to_existing_user: User | None = None


def role_grant(*, user: User, role: str, place=None) -> None:
    if role in PlaceRole.values:
        if place is None:
            raise ValidationError(_("A place role needs a place."))
        PlaceRoleAssignment.objects.get_or_create(user=user, place=place, role=role)
    elif role in NetworkRole.values:
        NetworkRoleAssignment.objects.get_or_create(user=user, role=role)
    else:
        raise ValidationError(_("Unknown role “%(role)s”.") % {"role": role})
    forget_roles(user)


@transaction.atomic
def invitation_create(
    *, email: str, role: str, place, invited_by: User, full_name: str = "", accept_url, language: str = ""
) -> InvitationOutcome:
    """Invite someone by email. If they already have an account, the role is granted at once instead."""
    email = email.strip().lower()
    if role in PlaceRole.values and place is None:
        raise ValidationError(_("Choose the place this person will work on."))
    if role in NetworkRole.values:
        place = None
        inviter = roles_of(invited_by) if invited_by is not None else None
        # The same rule as the form, for every caller: network staff grant network roles, administrators make
        # administrators (invited_by None is the operator's own command line).
        if inviter is not None and not (
            inviter.has_network(NetworkRole.ADMIN) or (inviter.is_network_staff and role != NetworkRole.ADMIN)
        ):
            raise ValidationError(_("Only an administrator can give this role."))
    if invited_by is not None and email == invited_by.email.lower():
        raise ValidationError(
            _("You cannot invite yourself. Ask a programme facilitator if your own roles need to change.")
        )
    existing = User.objects.filter(email__iexact=email).first()
    if existing:
        # A new person accepts a role by following the emailed link; an existing account gets it at once, so the
        # role that signs plans off is added to existing accounts by programme staff only.
        if role == PlaceRole.SPONSOR and not roles_of(invited_by).is_network_staff:
            raise ValidationError(
                _(
                    "%(email)s already has an account. A programme facilitator adds the senior sponsor role to "
                    "existing accounts."
                )
                % {"email": email}
            )
        role_grant(user=existing, role=role, place=place)
        return InvitationOutcome(invitation=None, token=None, granted_to_existing_user=existing)
    if Invitation.objects.filter(
        email__iexact=email,
        role=role,
        place=place,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError(
            _("%(email)s already has an open invitation for this role. It stays valid until it expires.")
            % {"email": email}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        role=role,
        place=place,
        invited_by=invited_by,
        token_hash=Invitation.hash_token(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        # The inviter's choice, else the language of the page they invited from.
        language=supported(language) or supported(translation.get_language()) or "",
    )
    _send_invitation(invitation, accept_url, token)
    return InvitationOutcome(invitation=invitation, token=token)


def _send_invitation(invitation: Invitation, accept_url, token: str) -> None:
    """The invitation email, in the invitation's language, its link to the sign-up page in that language too."""
    with in_language_of(invitation):
        body = render_to_string(
            "accounts/email/invitation.txt",
            {"invitation": invitation, "link": accept_url(token), "days": settings.INVITATION_VALID_DAYS},
        )
        subject = _("You are invited to the Inclusive Cities platform")
    email = invitation.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw an invitation that has not been accepted: its link stops working at once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted, so it cannot be withdrawn."))
    if invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        invitation.withdrawn_by = by
        invitation._change_reason = "withdrawn"
        invitation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User, accept_url) -> InvitationOutcome:
    """Send a fresh link for an invitation not yet accepted (open, expired or withdrawn): the old link stops
    working, and the new one is valid for the usual number of days."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted: there is nothing to resend."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("%(email)s has an account now. Invite them again to add the role to it.") % {"email": invitation.email}
        )
    token = secrets.token_urlsafe(32)
    invitation.token_hash = Invitation.hash_token(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.withdrawn_at = None
    invitation.withdrawn_by = None
    invitation._change_reason = f"resent by {by.email}" if by else "resent"
    invitation.save(update_fields=["token_hash", "expires_at", "withdrawn_at", "withdrawn_by"])
    _send_invitation(invitation, accept_url, token)
    return InvitationOutcome(invitation=invitation, token=token)


def invitation_for_token(token: str) -> Invitation:
    if not token or len(token) > 100:
        raise InvitationError(_("This invitation link is not valid. Check you copied the whole link from the email."))
    invitation = (
        Invitation.objects.select_related("place", "invited_by").filter(token_hash=Invitation.hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid. Check you copied the whole link from the email."))
    if invitation.accepted_at:
        raise InvitationError(_("This invitation has already been used. Sign in with the account it created."))
    if invitation.withdrawn_at:
        who = invitation.invited_by.display_name if invitation.invited_by else _("the person who invited you")
        raise InvitationError(_("This invitation was withdrawn. Ask %(who)s if you still need access.") % {"who": who})
    if invitation.is_expired:
        who = invitation.invited_by.display_name if invitation.invited_by else _("the person who invited you")
        raise InvitationError(
            _("This invitation expired on %(date)s. Ask %(who)s to send a new one.")
            % {"date": timezone.localtime(invitation.expires_at).strftime("%d %B %Y"), "who": who}
        )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, full_name: str, password: str) -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationError(_("This invitation has already been used. Sign in with the account it created."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(_("An account with this email address already exists. Sign in instead."))
    user = User.objects.create_user(invitation.email, password, full_name=full_name, language=invitation.language)
    role_grant(user=user, role=invitation.role, place=invitation.place)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user
