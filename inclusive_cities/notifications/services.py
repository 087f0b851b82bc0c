"""The one service other apps call: `notify(event, obj, actor)`. It decides who is told from the event's
candidates and the view permission on the object, writes the in-app notifications, and queues the emails of
those who want them straight away (`tasks.send_notification_email`, after the transaction commits).

Scheduled work, for `manage.py send_notifications` (cron or a systemd timer): `send_reminders` (progress
updates due and overdue) and `send_digests` (the weekly digest). Both are idempotent: a reminder carries a key
unique per person, and an email marks what it sent.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inclusive_cities.core.language import in_language_of, language_of

from .events import EVENTS
from .models import Kind, Mode, Notification, Preference

log = logging.getLogger(__name__)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def recipients(event: str, obj, actor=None, candidates=None) -> list:
    """Who is told: the event's candidates (or those the caller names) who may see the object (its view
    permission), never the actor."""
    spec = EVENTS[event]
    target = spec.target(obj)
    people = spec.candidates(obj) if candidates is None else candidates
    return [
        user
        for user in {u.pk: u for u in people if u is not None}.values()
        if user.is_active and (actor is None or user.pk != actor.pk) and user.has_perm(spec.perm, target)
    ]


def modes_for(users, kind: str) -> dict[int, str]:
    chosen = dict(Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "mode"))
    return {u.pk: chosen.get(u.pk, Mode.IMMEDIATE) for u in users}


def notify(event: str, obj, actor=None, *, key: str = "", candidates=None) -> list[Notification]:
    """Tell the people `event` concerns that it happened to `obj`. Safe to call inside a service's transaction:
    emails are queued only once it commits. With a `key`, a person already told under that key is not told
    again (scheduled reminders). `candidates` replaces the event's own list where the calling service knows who is
    concerned (the permission check still applies)."""
    spec = EVENTS[event]
    people = recipients(event, obj, actor, candidates)
    if not people:
        return []
    if key:
        already = set(Notification.objects.filter(key=key, recipient__in=people).values_list("recipient_id", flat=True))
        people = [u for u in people if u.pk not in already]
    # Each person is told in their own language (the words and the link's /cy/ address), whoever acted in which.
    worded: dict[str, tuple[str, str]] = {}
    for code in {language_of(user) for user in people}:
        with translation.override(code):
            worded[code] = (str(spec.message(obj))[:500], spec.url(obj))
    place = spec.place(obj)
    target = spec.target(obj)
    target_type = ContentType.objects.get_for_model(target)
    created = []
    for user in people:
        message, url = worded[language_of(user)]
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        recipient=user,
                        kind=spec.kind,
                        message=message,
                        url=url,
                        place=place,
                        actor=actor if actor is not None and actor.is_authenticated else None,
                        key=key,
                        target_type=target_type,
                        target_id=target.pk,
                    )
                )
        except IntegrityError:  # told under this key by a run at the same moment
            continue
    modes = modes_for(people, spec.kind)
    immediate = [n.pk for n in created if modes[n.recipient_id] == Mode.IMMEDIATE]
    if immediate:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: [send_notification_email.enqueue(pk) for pk in immediate])
    return created


def _visible(n: Notification) -> bool:
    try:
        return n.still_visible()
    except ObjectDoesNotExist:  # the object is gone: nothing to tell by email
        return False


def email_notification(notification_id: int) -> bool:
    """Send one notification by email unless it already went (a retried task sends nothing twice)."""
    with transaction.atomic():
        n = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if n is None or not n.recipient.email or not n.recipient.is_active or not _visible(n):
            return False
        with in_language_of(n.recipient):
            body = render_to_string("notifications/email.txt", {"notification": n, "link": site_url(n.url)})
        send_mail(n.message[:150], body, None, [n.recipient.email])
        n.emailed_at = timezone.now()
        n.save(update_fields=["emailed_at"])
    return True


@transaction.atomic
def mark_read(*, user, ids=None, read: bool = True) -> int:
    qs = Notification.objects.filter(recipient=user)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now() if read else None)


@transaction.atomic
def preferences_save(*, user, modes: dict[str, str]) -> None:
    """`modes`: kind -> mode, every kind named and every mode one of Mode; anything else is refused whole."""
    from django.core.exceptions import ValidationError

    for kind, mode in modes.items():
        if kind not in Kind.values:
            raise ValidationError(_("There is no kind of notification “%(kind)s”.") % {"kind": str(kind)[:40]})
        if mode not in Mode.values:
            raise ValidationError(_("Choose how to be told for “%(kind)s”.") % {"kind": Kind(kind).label})
    for kind, mode in modes.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Tell the leads of open actions on published plans that a progress update is due (within
    plans.selectors.UPDATE_DUE_WARNING_DAYS) or overdue. The key (action, due date, kind) makes a second run
    tell no one again; a new update moves the due date and so starts a new reminder."""
    from inclusive_cities.plans.models import Action, PlanStatus
    from inclusive_cities.plans.selectors import CLOSED_STATUSES, UPDATE_DUE_WARNING_DAYS, update_due_date

    today = today or timezone.localdate()
    told = 0
    actions = (
        Action.objects.filter(priority__plan__status=PlanStatus.PUBLISHED)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("priority__plan__place", "lead_user")
        .annotate(last=Max("updates__date"))
    )
    for action in actions.iterator(chunk_size=2000):
        due = update_due_date(last=action.last, plan=action.priority.plan, action_start=action.start_date)
        if due < today:
            kind = Kind.UPDATE_OVERDUE
        elif (due - today).days <= UPDATE_DUE_WARNING_DAYS:
            kind = Kind.UPDATE_DUE
        else:
            continue
        with transaction.atomic():
            told += len(notify(kind, action, None, key=f"{kind}:{action.pk}:{due.isoformat()}"))
    return told


def send_digests() -> int:
    """One email per person with every notification of the kinds they chose as a weekly digest that has not
    gone by email yet; each is marked as sent, so a second run sends nothing."""
    digest_kinds: dict[int, set[str]] = {}
    for user_id, kind in Preference.objects.filter(mode=Mode.DIGEST).values_list("user_id", "kind"):
        digest_kinds.setdefault(user_id, set()).add(kind)
    sent = 0
    for user_id, kinds in digest_kinds.items():
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update()
                .filter(recipient_id=user_id, kind__in=kinds, emailed_at__isnull=True)
                .select_related("recipient")
                .order_by("created_at", "pk")
            )
            if not pending or not pending[0].recipient.email or not pending[0].recipient.is_active:
                continue
            # Marked as handled either way; only what the person may still see goes in the email.
            handled = [n.pk for n in pending]
            pending = [n for n in pending if _visible(n)]
            if not pending:
                Notification.objects.filter(pk__in=handled).update(emailed_at=timezone.now())
                continue
            recipient = pending[0].recipient
            with in_language_of(recipient):
                body = render_to_string(
                    "notifications/digest.txt",
                    {
                        "items": [(n, site_url(n.url)) for n in pending],
                        "settings_link": site_url(reverse("notifications:list")),
                    },
                )
                subject = _("Your weekly digest from the Inclusive Cities platform")
            send_mail(subject, body, None, [recipient.email])
            Notification.objects.filter(pk__in=handled).update(emailed_at=timezone.now())
            sent += 1
    return sent
