"""A person's notifications: the list (read and unread), marking them, and their email choices per kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Kind, Mode, Notification, Preference

FILTERS = {"all", "unread"}


@login_required
def notification_list(request):
    show = request.GET.get("show", "all")
    show = show if show in FILTERS else "all"
    qs = Notification.objects.filter(recipient=request.user).select_related("place")
    unread = qs.filter(read_at__isnull=True).count()
    if show == "unread":
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page, "show": show, "unread": unread})


def _ids(request) -> list[int] | None:
    raw = request.POST.get("id", "")
    if raw == "all":
        return None
    if not raw.isdigit():
        return []
    return [int(raw)]


@login_required
@require_POST
def mark(request):
    """Mark one notification (id=<pk>) or all (id=all) read (read=1) or unread (read=0); only one's own."""
    ids = _ids(request)
    read = request.POST.get("read", "1") == "1"
    if ids == []:
        messages.error(request, _("Choose a notification to mark."))
    else:
        n = services.mark_read(user=request.user, ids=ids, read=read)
        if ids is None:
            messages.success(request, _("All notifications marked as read."))
        elif n:
            messages.success(request, _("Marked as read.") if read else _("Marked as unread."))
    return redirect("notifications:list")


@login_required
def open_notification(request, pk: int):
    """Follow a notification's link, marking it read on the way."""
    n = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if n is None:
        return redirect("notifications:list")
    services.mark_read(user=request.user, ids=[n.pk])
    target = n.url if url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host()}) else "/"
    return redirect(target)


@login_required
def preferences(request):
    current = dict(Preference.objects.filter(user=request.user).values_list("kind", "mode"))
    error = None
    if request.method == "POST":
        modes = {kind: request.POST.get(kind, "") for kind in Kind.values}
        try:
            services.preferences_save(user=request.user, modes=modes)
        except ValidationError as exc:
            error = " ".join(exc.messages)
            current.update({k: v for k, v in modes.items() if v in Mode.values})
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notifications:preferences")
    rows = [(kind, label, current.get(kind, Mode.IMMEDIATE)) for kind, label in Kind.choices]
    return render(
        request,
        "notifications/preferences.html",
        {"rows": rows, "modes": Mode.choices, "error": error},
        status=400 if error else 200,
    )
