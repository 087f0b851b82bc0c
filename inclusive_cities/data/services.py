"""Writes for the data app: importing a publisher's file (all or nothing), and the catalogue entries it fills."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .importers import all_indicator_definitions
from .importers.base import FileProblem, Problem
from .importers.engine import MAX_LISTED, Prepared, checksum, prepare
from .models import Import, ImportStatus, Indicator, Observation, SmallAreaCount

ALLOWED_SUFFIXES = (".csv", ".csv.gz", ".xlsx")
BATCH = 2000
OBS_FIELDS = [
    "area_name",
    "place_id",
    "period_start",
    "period_end",
    "value",
    "status",
    "flag",
    "source_area_code",
    "source_import_id",
]


def check_upload(*, file_name: str, size: int) -> None:
    """Raise ValidationError when a file is too large or not a type the importers read."""
    if size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the largest file the platform accepts is %(max)s MB.")
            % {"size": round(size / 1e6, 1), "max": round(settings.MAX_UPLOAD_BYTES / 1e6, 1)}
        )
    if not file_name.lower().endswith(ALLOWED_SUFFIXES):
        raise ValidationError(
            _("“%(name)s” is not a CSV (.csv, .csv.gz) or Excel (.xlsx) file.") % {"name": Path(file_name).name}
        )


def ensure_indicators(codes) -> dict[str, Indicator]:
    """The catalogue entries for these codes, created from the importers' definitions when missing.

    Existing entries are left as they are, so an editor's changes to a definition or caveat survive re-imports.
    """
    from inclusive_cities.framework.models import Domain

    definitions = all_indicator_definitions()
    existing = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    for code in codes:
        if code in existing:
            continue
        spec = dict(definitions[code])
        domains = spec.pop("domains", [])
        indicator = Indicator.objects.create(code=code, **spec)
        if domains:
            indicator.domains.set(Domain.objects.filter(code__in=domains))
        existing[code] = indicator
    return existing


def already_imported(*, content: bytes, importer_name: str) -> bool:
    from .importers.base import decompress

    return Import.objects.filter(
        importer=importer_name, sha256=checksum(decompress(content)), status=ImportStatus.APPLIED
    ).exists()


def _rejected(*, file_name, size, sha, importer, problems, rows_read, user, started) -> Import:
    listed = [p.as_dict() for p in problems[:MAX_LISTED]]
    notes = []
    if len(problems) > MAX_LISTED:
        notes.append(
            _("%(n)s problems in all; the first %(max)s are listed.") % {"n": len(problems), "max": MAX_LISTED}
        )
    return Import.objects.create(
        importer=importer,
        file_name=file_name,
        sha256=sha,
        size=size,
        status=ImportStatus.REJECTED,
        rows_read=rows_read,
        problems=listed,
        notes=notes,
        user=user,
        duration_s=time.perf_counter() - started,
    )


def import_file(*, content: bytes, file_name: str, user=None, importer_name: str | None = None) -> Import:
    """Import a publisher's file: the whole file or nothing. Returns the Import record (applied, rejected or
    unchanged). Importing a file whose checksum was already applied by the same importer changes nothing."""
    started = time.perf_counter()
    file_name = Path(file_name).name[:300]
    user = user if (user is not None and user.is_authenticated) else None
    check_upload(file_name=file_name, size=len(content))
    from .importers.base import decompress

    try:
        sha = checksum(decompress(content))
    except FileProblem:
        sha = checksum(content)
    done = Import.objects.filter(sha256=sha, status=ImportStatus.APPLIED)
    if importer_name:
        done = done.filter(importer=importer_name)
    if previous := done.first():
        return Import.objects.create(
            importer=previous.importer,
            file_name=file_name,
            sha256=sha,
            size=len(content),
            status=ImportStatus.UNCHANGED,
            rows_read=previous.rows_read,
            user=user,
            notes=[
                _("This file was already imported on %(when)s; nothing was changed.")
                % {"when": f"{previous.created_at:%Y-%m-%d %H:%M}"}
            ],
            duration_s=time.perf_counter() - started,
        )
    try:
        prepared = prepare(content, importer_name)
    except FileProblem as exc:
        return _rejected(
            file_name=file_name,
            size=len(content),
            sha=checksum(content),
            importer=importer_name or "",
            problems=[Problem(None, str(exc))],
            rows_read=0,
            user=user,
            started=started,
        )
    name = prepared.importer.name
    if Import.objects.filter(importer=name, sha256=prepared.sha256, status=ImportStatus.APPLIED).exists():
        return Import.objects.create(
            importer=name,
            file_name=file_name,
            sha256=prepared.sha256,
            size=len(content),
            status=ImportStatus.UNCHANGED,
            rows_read=prepared.rows_read,
            user=user,
            notes=[_("This file was already imported; nothing was changed.")],
            duration_s=time.perf_counter() - started,
        )
    if prepared.problems:
        return _rejected(
            file_name=file_name,
            size=len(content),
            sha=prepared.sha256,
            importer=name,
            problems=prepared.problems,
            rows_read=prepared.rows_read,
            user=user,
            started=started,
        )
    with transaction.atomic():
        record = Import.objects.create(
            importer=name,
            file_name=file_name,
            sha256=prepared.sha256,
            size=len(content),
            status=ImportStatus.APPLIED,
            rows_read=prepared.rows_read,
            notes=prepared.notes,
            user=user,
        )
        created, updated, unchanged = _apply_observations(prepared, record)
        c2, u2, n2 = _apply_small_areas(prepared, record)
        record.rows_created, record.rows_updated, record.rows_unchanged = created + c2, updated + u2, unchanged + n2
        record.duration_s = time.perf_counter() - started
        record.save(update_fields=["rows_created", "rows_updated", "rows_unchanged", "duration_s"])
    return record


def _apply_observations(prepared: Prepared, record: Import) -> tuple[int, int, int]:
    if not prepared.observations:
        return 0, 0, 0
    codes = sorted({key[0] for key in prepared.observations})
    indicators = ensure_indicators(codes)
    by_id = {i.pk: code for code, i in indicators.items()}
    existing = {}
    for row in Observation.objects.filter(indicator__in=indicators.values()).values_list(
        "pk", "indicator_id", "area_code", "period", "disaggregation", "category", "value", "status", "flag"
    ):
        existing[(by_id[row[1]], row[2], row[3], row[4], row[5])] = row
    to_create, to_update, unchanged = [], [], 0
    for key, (obs, resolved) in prepared.observations.items():
        current = existing.get(key)
        fields = dict(
            area_name=(resolved.name or obs.area_name)[:200],
            place_id=resolved.place_id,
            period_start=obs.period_start,
            period_end=obs.period_end,
            value=obs.value,
            status=obs.status,
            flag=obs.flag[:8],
            source_area_code=resolved.mapped_from,
            source_import_id=record.pk,
        )
        if current is None:
            to_create.append(
                Observation(
                    indicator_id=indicators[key[0]].pk,
                    area_code=key[1],
                    period=key[2],
                    disaggregation=key[3],
                    category=key[4],
                    **fields,
                )
            )
        elif (current[6], current[7], current[8]) == (obs.value, obs.status, obs.flag[:8]):
            unchanged += 1
        else:
            to_update.append(Observation(pk=current[0], **fields))
    Observation.objects.bulk_create(to_create, batch_size=BATCH)
    Observation.objects.bulk_update(to_update, OBS_FIELDS, batch_size=BATCH)
    return len(to_create), len(to_update), unchanged


def _apply_small_areas(prepared: Prepared, record: Import) -> tuple[int, int, int]:
    if not prepared.small_areas:
        return 0, 0, 0
    variables = {key[0] for key in prepared.small_areas}
    existing = {
        (v, a, c): (pk, n)
        for pk, v, a, c, n in SmallAreaCount.objects.filter(variable__in=variables).values_list(
            "pk", "variable", "area_code", "category", "count"
        )
    }
    to_create, to_update, unchanged = [], [], 0
    for key, item in prepared.small_areas.items():
        fields = dict(
            area_name=item.area_name[:200],
            level=item.level,
            parent_code=item.parent_code,
            la_code=item.la_code,
            count=item.count,
            period=item.period,
            source_import_id=record.pk,
        )
        current = existing.get(key)
        if current is None:
            to_create.append(SmallAreaCount(variable=key[0], area_code=key[1], category=key[2], **fields))
        elif current[1] == item.count:
            unchanged += 1
        else:
            to_update.append(SmallAreaCount(pk=current[0], **fields))
    SmallAreaCount.objects.bulk_create(to_create, batch_size=BATCH)
    SmallAreaCount.objects.bulk_update(
        to_update,
        ["area_name", "level", "parent_code", "la_code", "count", "period", "source_import_id"],
        batch_size=BATCH,
    )
    return len(to_create), len(to_update), unchanged
