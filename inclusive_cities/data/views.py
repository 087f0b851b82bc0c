"""Catalogue and import pages. Thin: look up, check the permission, call a service or selector, render."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inclusive_cities.framework.models import Domain

from . import selectors, services
from .forms import CatalogueFilterForm, ImportForm
from .importers import IMPORTERS
from .models import Import, ImportStatus, Indicator


def _themes() -> list[tuple[str, str]]:
    """Theme codes and names of the current framework version (indicators store theme codes)."""
    from inclusive_cities.framework import selectors as fw

    framework = fw.framework_current()
    if framework is None:
        return []
    return list(framework.themes.order_by("code").values_list("code", "name"))


def index(request):
    themes = _themes()
    domains = list(Domain.objects.order_by("taxonomy__name", "order").values_list("code", "name"))
    form = CatalogueFilterForm(request.GET or None, themes=themes, domains=domains)
    filters = form.cleaned_data if form.is_valid() else {}
    indicators = selectors.indicator_list(
        q=filters.get("q", ""),
        theme=filters.get("theme", ""),
        domain=filters.get("domain", ""),
        publisher=filters.get("publisher", ""),
    )
    return render(
        request,
        "data/index.html",
        {
            "form": form,
            "indicators": indicators,
            "theme_names": dict(themes),
            "may_import": request.user.has_perm("data.import_data"),
        },
    )


def indicator_detail(request, code: str):
    indicator = get_object_or_404(Indicator.objects.prefetch_related("domains"), code=code)
    theme_names = dict(_themes())
    return render(
        request,
        "data/indicator_detail.html",
        {
            "indicator": indicator,
            "coverage": selectors.indicator_coverage(indicator),
            "sources": selectors.sources_of(indicator.observations.all()),
            "themes": [(c, theme_names.get(c, "")) for c in indicator.theme_codes],
        },
    )


def _lookup_args(form, folder) -> dict:
    """The council area and the saved lookup file, for layouts that need them (else nothing)."""
    lookup = form.cleaned_data.get("lookup")
    if not lookup:
        return {}
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".lookup") as fh:
        for chunk in lookup.chunks():
            fh.write(chunk)
    return {"area": form.cleaned_data["area"].strip(), "lookup_path": fh.name, "lookup_name": lookup.name}


@login_required
def import_upload(request):
    if not request.user.has_perm("data.import_data"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        folder = Path(settings.MEDIA_ROOT) / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".upload") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        record = services.import_queue(
            path=fh.name,
            file_name=upload.name,
            user=request.user,
            importer_name=form.cleaned_data["importer"],
            period=form.cleaned_data["period"],
            **_lookup_args(form, folder),
        )
        _say_outcome(request, record)
        return redirect(record)
    return render(request, "data/import_form.html", {"form": form, "importers": IMPORTERS})


def _say_outcome(request, record: Import) -> None:
    """The outcome as a message: at once with the inline task backend, "queued" with a background worker."""
    if record.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        messages.info(
            request, _("The file is queued for import; this page shows its progress and the outcome when done.")
        )
        return
    level = {
        ImportStatus.REJECTED: messages.ERROR,
        ImportStatus.FAILED: messages.ERROR,
        ImportStatus.NEEDS_CONFIRMATION: messages.WARNING,
    }.get(record.status, messages.SUCCESS)
    messages.add_message(request, level, record.summary)


@login_required
def import_list(request):
    if not request.user.has_perm("data.view_imports"):
        raise PermissionDenied
    page = Paginator(selectors.import_history(request.user), 50).get_page(request.GET.get("page"))
    services.import_check_lost(page.object_list)
    return render(
        request, "data/import_list.html", {"page_obj": page, "may_import": request.user.has_perm("data.import_data")}
    )


@login_required
def import_detail(request, pk: int):
    if not request.user.has_perm("data.view_imports"):
        raise PermissionDenied
    record = get_object_or_404(selectors.import_history(request.user), pk=pk)
    services.import_check_lost([record])
    kind = request.GET.get("show", "")
    changes = selectors.import_changes(record, kind=kind)
    page = Paginator(changes["rows"], 100).get_page(request.GET.get("page")) if changes["rows"] is not None else None
    return render(
        request,
        "data/import_detail.html",
        {
            "record": record,
            "changes": changes,
            "page_obj": page,
            "show": changes["kind"],
            "may_confirm": record.status == ImportStatus.NEEDS_CONFIRMATION
            and (record.user_id == request.user.pk or request.user.has_perm("data.import_network_data")),
            "may_rollback": record.status == ImportStatus.APPLIED and request.user.has_perm("data.rollback_import"),
            "may_retry": record.status == ImportStatus.FAILED and record.file_kept and _may_run(request.user, record),
            "in_progress": record.status in (ImportStatus.QUEUED, ImportStatus.RUNNING),
        },
    )


def _may_run(user, record: Import) -> bool:
    """Who may confirm or try again an import: whoever made it, or network staff (with the right to import)."""
    return user.has_perm("data.import_data") and (
        record.user_id == user.pk or user.has_perm("data.import_network_data")
    )


@login_required
def import_retry(request, pk: int):
    """POST: queue a failed import again from the file kept at upload."""
    if not request.user.has_perm("data.import_data"):
        raise PermissionDenied
    record = get_object_or_404(selectors.import_history(request.user), pk=pk)
    if not _may_run(request.user, record):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(record)
    try:
        record = services.import_retry(record=record, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(record)
    _say_outcome(request, record)
    return redirect(record)


@login_required
def import_confirm(request, pk: int):
    """POST: apply an import whose revisions the person has read (the confirm step)."""
    if not request.user.has_perm("data.import_data"):
        raise PermissionDenied
    record = get_object_or_404(selectors.import_history(request.user), pk=pk)
    if record.user_id != request.user.pk and not request.user.has_perm("data.import_network_data"):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(record)
    try:
        result = services.import_confirm(record=record, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(record)
    level = messages.SUCCESS if result.status == ImportStatus.APPLIED else messages.ERROR
    messages.add_message(request, level, result.summary)
    return redirect(result)


@login_required
def import_rollback(request, pk: int):
    """GET: what a roll-back would do; POST: roll the import back."""
    if not request.user.has_perm("data.rollback_import"):
        raise PermissionDenied
    record = get_object_or_404(selectors.import_history(request.user), pk=pk)
    if request.method == "POST":
        try:
            services.import_rollback(record=record, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(record)
        messages.success(
            request,
            _("The import of %(file)s was rolled back: its figures are back to what they were before it.")
            % {"file": record.file_name},
        )
        return redirect(record)
    return render(request, "data/import_rollback.html", {"record": record})


def source_detail(request, pk: int):
    """Public: where a figure comes from (file, checksum, publisher, release, when, its row and its history)."""
    record = get_object_or_404(selectors.public_sources(), pk=pk)
    figure = None
    if (figure_id := request.GET.get("figure", "")).isdigit():
        figure = selectors.figure_with_source(int(figure_id))
    return render(
        request,
        "data/source_detail.html",
        {
            "record": record,
            "figure": figure,
            "history": selectors.figure_history(figure) if figure else [],
            "show_who": request.user.has_perm("data.view_imports"),
        },
    )
