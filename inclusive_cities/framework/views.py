"""Views for browsing the framework and for facilitators' drafts. Thin: look up, check, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.core.permissions import require

from . import selectors, services
from .forms import GoalForm, PrincipleForm, PublishForm, ThemeForm
from .models import Goal


def _version_page(request, framework):
    return render(
        request,
        "framework/index.html",
        {
            "framework": framework,
            **selectors.framework_full(framework),
            "taxonomies": selectors.taxonomies(),
            "target_groups": selectors.target_groups(),
            "can_edit": request.user.has_perm("framework.change_framework", framework),
            "can_add": request.user.has_perm("framework.add_framework"),
            "draft": selectors.framework_draft() if request.user.has_perm("framework.add_framework") else None,
        },
    )


def index(request):
    framework = selectors.framework_current()
    if framework is None:
        raise Http404(_("No framework has been published yet."))
    return _version_page(request, framework)


def version_detail(request, version: str):
    return _version_page(request, selectors.framework_get(user=request.user, version=version))


def version_list(request):
    return render(
        request,
        "framework/version_list.html",
        {
            "versions": selectors.framework_versions(user=request.user),
            "can_add": request.user.has_perm("framework.add_framework"),
            "current": selectors.framework_current(),
        },
    )


def theme_detail(request, version: str, code: str):
    framework = selectors.framework_get(user=request.user, version=version)
    theme = selectors.theme_get(framework=framework, code=code)
    return render(
        request,
        "framework/theme_detail.html",
        {
            "framework": framework,
            "theme": theme,
            "can_edit": request.user.has_perm("framework.change_framework", framework),
        },
    )


@login_required
@require_POST
def draft_create(request):
    require(request.user, "framework.add_framework")
    current = selectors.framework_current()
    try:
        draft = services.framework_draft_create(source=current, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("framework:version_list")
    messages.success(request, _("Draft version %(v)s started from %(s)s.") % {"v": draft.version, "s": current.version})
    return redirect(draft.get_absolute_url())


def _edit(request, framework, item, form, template_title):
    require(request.user, "framework.change_framework", framework)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields} | form.welsh_cleaned()
        if isinstance(item, Goal):
            fields["maturity_levels"] = form.levels()
            fields["maturity_levels_cy"] = form.levels_cy()
        services.framework_item_update(item=item, by=request.user, **fields)
        messages.success(request, _("Saved %(item)s.") % {"item": item.code})
        return redirect(framework.get_absolute_url())
    history_url = ""
    if request.user.has_perm("core.view_history", item):
        history_url = reverse("core:history", args=[item._meta.app_label, item._meta.model_name, item.pk])
    return render(
        request,
        "framework/item_form.html",
        {"form": form, "framework": framework, "item": item, "title": template_title, "history_url": history_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def principle_edit(request, version: str, code: str):
    framework = selectors.framework_get(user=request.user, version=version)
    item = get_object_or_404(framework.principles, code=code)
    return _edit(request, framework, item, PrincipleForm(request.POST or None, instance=item), _("Edit principle"))


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request, version: str, code: str):
    framework = selectors.framework_get(user=request.user, version=version)
    item = get_object_or_404(framework.themes, code=code)
    return _edit(request, framework, item, ThemeForm(request.POST or None, instance=item), _("Edit thematic area"))


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, version: str, code: str):
    framework = selectors.framework_get(user=request.user, version=version)
    item = get_object_or_404(Goal, theme__framework=framework, code=code)
    return _edit(request, framework, item, GoalForm(request.POST or None, instance=item), _("Edit goal"))


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request, version: str, code: str):
    framework = selectors.framework_get(user=request.user, version=version)
    require(request.user, "framework.change_framework", framework)
    theme = selectors.theme_get(framework=framework, code=code)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = services.goal_add(
            theme=theme,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            by=request.user,
            **form.welsh_cleaned(),
        )
        services.framework_item_update(
            item=goal, by=request.user, maturity_levels=form.levels(), maturity_levels_cy=form.levels_cy()
        )
        messages.success(request, _("Added goal %(code)s.") % {"code": goal.code})
        return redirect(framework.get_absolute_url())
    return render(
        request,
        "framework/item_form.html",
        {"form": form, "framework": framework, "item": theme, "title": _("Add a goal")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, version: str):
    framework = selectors.framework_get(user=request.user, version=version)
    require(request.user, "framework.publish_framework", framework)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_publish(
                framework=framework, by=request.user, change_note=form.cleaned_data["change_note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Version %(v)s is published.") % {"v": framework.version})
            return redirect("framework:index")
    base = _compared_with(request, framework)
    diff = selectors.framework_diff(base, framework) if base is not None else None
    return render(request, "framework/publish.html", {"form": form, "framework": framework, "base": base, "diff": diff})


@login_required
@require_POST
def discard(request, version: str):
    framework = selectors.framework_get(user=request.user, version=version)
    require(request.user, "framework.change_framework", framework)
    services.framework_draft_discard(framework=framework, by=request.user)
    messages.success(request, _("Draft %(v)s discarded.") % {"v": version})
    return redirect("framework:version_list")


def _compared_with(request, framework):
    """The version to compare with: ?from=, else the one this was drafted from, else the current one."""
    wanted = request.GET.get("from", "").strip()
    if wanted:
        return selectors.framework_get(user=request.user, version=wanted)
    base = framework.based_on
    if base is None or base.pk == framework.pk:
        base = selectors.framework_current()
    return base if base is not None and base.pk != framework.pk else None


def changes(request, version: str):
    """Side by side: what changed from one version to another, goal by goal."""
    framework = selectors.framework_get(user=request.user, version=version)
    base = _compared_with(request, framework)
    diff = selectors.framework_diff(base, framework) if base is not None else None
    return render(
        request,
        "framework/changes.html",
        {
            "framework": framework,
            "base": base,
            "diff": diff,
            "versions": selectors.framework_versions(user=request.user).exclude(pk=framework.pk),
        },
    )
