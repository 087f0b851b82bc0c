"""Site-wide pages: home, health check, about, audit history and error pages."""

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from inclusive_cities.core.permissions import require

from .audit import history_rows
from .sources import SOURCE_DOCUMENTS

# Models whose history may be shown, with the permission that guards it. The permission is checked
# against the object, so a place's officers see their own place's history and facilitators see all.
HISTORY_MODELS = {
    ("network", "membership"),
    ("network", "programme"),
    ("network", "cohort"),
    ("framework", "framework"),
    ("framework", "theme"),
    ("framework", "principle"),
    ("framework", "goal"),
}


def register_history_model(app_label: str, model_name: str) -> None:
    HISTORY_MODELS.add((app_label, model_name))


def home(request):
    if request.user.is_authenticated:  # a signed-in person's home: their places, tasks (and network)
        from inclusive_cities.home.views import home as personal_home

        return personal_home(request)
    from inclusive_cities.framework.selectors import framework_current
    from inclusive_cities.network.models import Place, Programme

    return render(
        request,
        "core/home.html",
        {
            "framework": framework_current(),
            "place_count": Place.objects.filter(
                is_uk_local_authority=True, is_current=True, is_lower_tier_or_unitary=True
            ).count(),
            "programmes": Programme.objects.all(),
        },
    )


def healthz(request):
    """200 once the database answers and the framework is loaded; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        from inclusive_cities.framework.models import Framework

        ready = Framework.objects.filter(status="published").exists()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable"}, status=503)
    if not ready:
        return JsonResponse({"status": "starting", "detail": "no framework loaded"}, status=503)
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: 200 when the database answers and the task queue keeps up (the oldest task ready to run has waited
    less than READY_MAX_QUEUE_LAG_SECONDS); 503 otherwise. The body gives the queue lag in seconds."""
    from django.conf import settings
    from django.utils import timezone

    limit = getattr(settings, "READY_MAX_QUEUE_LAG_SECONDS", 300)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        from django_tasks_db.models import DBTaskResult

        oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        waiting = DBTaskResult.objects.ready().count()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    lag = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    from .tasklease import lost_count

    body = {
        "status": "ok",
        "database": "ok",
        "queue_ready": waiting,
        "queue_lag_seconds": round(lag, 1),
        # Tasks left RUNNING by a worker that died: `manage.py tasks_lost` marks them failed (docs/deployment.md).
        "tasks_lost": lost_count(),
    }
    if lag > limit:
        body["status"] = "lagging"
        return JsonResponse(body, status=503)
    return JsonResponse(body)


def about(request):
    return render(request, "core/about.html", {"documents": SOURCE_DOCUMENTS.values()})


def accessibility(request):
    return render(request, "core/accessibility.html", {"contact_email": settings.SERVICE_CONTACT_EMAIL})


def privacy(request):
    return render(request, "core/privacy.html", {"contact_email": settings.SERVICE_CONTACT_EMAIL})


def history(request, app_label: str, model_name: str, pk: int):
    if (app_label, model_name) not in HISTORY_MODELS:
        raise Http404
    model = apps.get_model(app_label, model_name)
    obj = get_object_or_404(model, pk=pk)
    require(request.user, "core.view_history", obj)
    return render(request, "core/history.html", {"object": obj, "rows": history_rows(obj)})


def not_found(request, exception=None):
    message = ""
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "core/404.html", {"message": message}, status=404)


def forbidden(request, exception=None):
    return render(request, "core/403.html", status=403)


def server_error(request):
    return render(request, "core/500.html", {"message": _("Something went wrong.")}, status=500)


def switch_language(request, code: str):
    """The language switch on every page: remember the choice (Django's language cookie) and show the same page
    in that language. A plain link, so it works without JavaScript and keeps public pages cacheable."""
    from django.http import HttpResponseRedirect

    from . import language

    if not language.supported(code):
        raise Http404
    target = language.translated_path(language.safe_next(request, request.GET.get("next")), code)
    response = HttpResponseRedirect(target)
    language.remember(response, code, secure=request.is_secure())
    response["Cache-Control"] = "private, no-store"
    user = request.user
    if user.is_authenticated and user.language != code:  # remembered on the account too: for emails, other devices
        user.language = code
        user.save(update_fields=["language"])
    return response
