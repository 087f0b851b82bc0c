"""Each person's home (`/` when signed in, `/home/`) and the facilitators' network dashboard."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from inclusive_cities.accounts.selectors import places_for
from inclusive_cities.plans.selectors import waiting_alert_days

from . import selectors


@login_required
def home(request):
    user = request.user
    context = {
        "rows": selectors.place_rows(places_for(user), user),
        "task_groups": selectors.tasks_for(user),
        "can_see_network": user.has_perm("home.view_network_dashboard"),
    }
    if context["can_see_network"]:
        context["dashboard"] = selectors.network_dashboard(user)
    return render(request, "home/home.html", context)


@login_required
def network_dashboard(request):
    if not request.user.has_perm("home.view_network_dashboard"):
        raise PermissionDenied
    alert = request.GET.get("alert", "")
    alert = alert if alert in selectors.ALERTS else ""
    dashboard = selectors.network_dashboard(request.user, alert=alert)
    return render(
        request,
        "home/network_dashboard.html",
        {
            "dashboard": dashboard,
            "page_obj": Paginator(dashboard.rows, 50).get_page(request.GET.get("page")),
            "alert": alert,
            "alert_label": selectors.ALERTS.get(alert, ""),
            "columns": selectors.DASHBOARD_COLUMNS,
            "waiting_days": waiting_alert_days(),
        },
    )
