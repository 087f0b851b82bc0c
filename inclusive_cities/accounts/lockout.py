"""Limits on guessing and flooding: sign-in lockout (django-axes) and rate limits on emails we send.

A locked-out account gets its way back by a password reset (which lifts the lock for that address) or an
administrator (Django admin, "Access attempts", or `manage.py axes_reset_username EMAIL`).
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def username_of(request, credentials) -> str:
    """The address a sign-in attempt names, lower-cased so that case changes do not reset the count."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value).strip().lower()[:254]


def unlock(email: str) -> None:
    """Lift a sign-in lockout for one address (after a password reset, or by an administrator)."""
    from axes.utils import reset

    reset(username=email.strip().lower())


def too_many(request, *, group: str, address: str, per_address: str, per_client: str) -> bool:
    """Count one more request for `group`; True when the email address or the client went over its rate."""
    address = (address or "").strip().lower()
    over_address = bool(address) and is_ratelimited(
        request, group=f"{group}:address", key=lambda _g, _r: address, rate=per_address, increment=True
    )
    over_client = is_ratelimited(request, group=f"{group}:client", key="ip", rate=per_client, increment=True)
    return over_address or over_client


def reset_too_many(request, email: str) -> bool:
    return too_many(
        request,
        group="password-reset",
        address=email,
        per_address=settings.RATELIMIT_RESET_PER_ADDRESS,
        per_client=settings.RATELIMIT_RESET_PER_CLIENT,
    )


def invite_too_many(request, email: str) -> bool:
    return too_many(
        request,
        group="invitation",
        address=email,
        per_address=settings.RATELIMIT_INVITE_PER_ADDRESS,
        per_client=settings.RATELIMIT_INVITE_PER_CLIENT,
    )


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: why, for how long, and the way back (HTTP 429)."""
    from django.shortcuts import render

    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "accounts/locked_out.html", {"lockout_minutes": minutes}, status=429)
