"""Writes for the data app: importing a publisher's file (all or nothing), and the catalogue entries it fills."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .importers import all_indicator_definitions
from .importers.base import FileProblem, Problem
from .importers.engine import MAX_LISTED, Prepared, checksum, prepare
from .models import Import, ImportStatus, Indicator, Observation, ObservationRevision, RevisionKind, SmallAreaCount

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
    "source_row",
    "category_label",
    "is_subtotal",
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


def _store(record: Import | None, **fields) -> Import:
    """A new Import with these fields, or the queued one the background run fills in."""
    if record is None:  # run at once (the command line, the demo, a confirmation): one attempt, started now
        return Import.objects.create(attempts=1, started_at=timezone.now(), **fields)
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    return record


def _rejected(*, file_name, size, sha, importer, problems, rows_read, user, started, record=None) -> Import:
    from .importers import BY_NAME

    listed = [p.as_dict() for p in problems[:MAX_LISTED]]
    notes = []
    if len(problems) > MAX_LISTED:
        notes.append(
            _("%(n)s problems in all; the first %(max)s are listed.") % {"n": len(problems), "max": MAX_LISTED}
        )
    return _store(
        record,
        importer=importer,
        publisher=BY_NAME[importer].publisher if importer in BY_NAME else "",
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


def _officer_scope(user):
    """None when the user may import figures every place sees; else the codes of the places they are officer of."""
    from inclusive_cities.accounts.rules import is_network_staff

    if user is None or is_network_staff(user):
        return None
    from inclusive_cities.accounts.models import PlaceRole
    from inclusive_cities.accounts.rules import roles_of
    from inclusive_cities.network.models import Place

    ids = roles_of(user).place_ids(PlaceRole.OFFICER)
    return set(Place.objects.filter(pk__in=ids).values_list("code", flat=True))


def _scope_problems(prepared: Prepared, codes: set[str]) -> list[Problem]:
    """An officer imports figures for their own place only: every figure of another area is a problem."""
    outside: dict[str, list] = {}
    for (_ind, code, *_rest), (obs, _resolved) in prepared.observations.items():
        if code not in codes:
            outside.setdefault(code, []).append(obs.row)
    for item in prepared.small_areas.values():
        if item.la_code not in codes:
            outside.setdefault(item.la_code, []).append(item.row)
    if not outside:
        return []
    from .importers.engine import rowkey, rows_text

    first = min((rows[0] for rows in outside.values()), key=rowkey)
    return [
        Problem(
            first,
            _(
                "Your role lets you import figures for your own place (%(mine)s) only; this file has figures for "
                "%(n)s other areas (first on row %(row)s, e.g. %(codes)s). Figures every place sees are imported by "
                "a facilitator or an administrator."
            )
            % {
                "mine": ", ".join(sorted(codes)) or _("none"),
                "n": len(outside),
                "row": first,
                "codes": rows_text(sorted(outside), limit=5),
            },
        )
    ]


def _release(prepared: Prepared) -> str:
    starts: dict[str, object] = {}
    for (_i, _c, period, *_r), (obs, _res) in prepared.observations.items():
        if period not in starts or obs.period_start < starts[period]:
            starts[period] = obs.period_start
    for item in prepared.small_areas.values():
        starts.setdefault(item.period, None)
    ordered = sorted(starts, key=lambda p: (starts[p] is None, starts[p] or 0, p))
    if not ordered:
        return ""
    if len(ordered) == 1:
        return ordered[0]
    if len(ordered) == 2:
        return f"{ordered[0]}; {ordered[1]}"
    return _("%(first)s, …, %(last)s (%(n)s periods)") % {"first": ordered[0], "last": ordered[-1], "n": len(ordered)}


def import_file(
    *,
    content: bytes,
    file_name: str,
    user=None,
    importer_name: str | None = None,
    period: str = "",
    accept_revisions: bool = False,
    pending_file: str = "",
    confirms: Import | None = None,
    area: str = "",
    lookup: bytes = b"",
    lookup_name: str = "",
    record: Import | None = None,
) -> Import:
    """Import a publisher's file: the whole file or nothing. Returns the Import record.

    Applied, rejected (problems named by row and column), unchanged (the same file again), or waiting for
    confirmation when the file would revise figures already published and `accept_revisions` is not set: then
    nothing is written and the record lists each figure with its earlier and new value. `period` is the period
    the person importing gives, needed only for layouts that carry none (checked against the file's name).
    `area` and `lookup` (a council area code and an uploaded lookup file) serve the layouts that do not say which
    council their small areas lie in (Scotland's Census output-area tables); the same table with another council
    or lookup is a different import, so it is not taken for a repeat of an earlier one.
    A place's officer may import figures for their own place only. Every figure written keeps the import, its
    row in the file and the import that first added it; a revised figure's earlier value stays in its history.
    `record` is the queued Import a background run fills in (None: a new one)."""
    started = time.perf_counter()
    file_name = Path(file_name).name[:300]
    user = user if (user is not None and user.is_authenticated) else None
    check_upload(file_name=file_name, size=len(content))
    from .importers.base import decompress

    common = dict(file_name=file_name, size=len(content), user=user, record=record)
    try:
        sha = checksum(decompress(content))
    except FileProblem as exc:
        return _rejected(
            **common,
            sha=checksum(content),
            importer=importer_name or "",
            problems=[Problem(None, str(exc))],
            rows_read=0,
            started=started,
        )
    done = Import.objects.filter(sha256=sha, status=ImportStatus.APPLIED)
    if importer_name:
        done = done.filter(importer=importer_name)
    if previous := (None if (area or lookup) else done.first()):
        return _store(
            record,
            importer=previous.importer,
            publisher=previous.publisher,
            release=previous.release,
            sha256=sha,
            status=ImportStatus.UNCHANGED,
            rows_read=previous.rows_read,
            notes=[
                _("This file was already imported on %(when)s; nothing was changed.")
                % {"when": f"{previous.created_at:%Y-%m-%d %H:%M}"}
            ],
            duration_s=time.perf_counter() - started,
            file_name=file_name,
            size=len(content),
            user=user,
        )
    try:
        prepared = prepare(
            content,
            importer_name,
            file_name=file_name,
            period=period,
            area=area,
            lookup=lookup,
            lookup_name=Path(lookup_name).name[:200],
        )
    except FileProblem as exc:
        return _rejected(
            **common,
            sha=sha,
            importer=importer_name or "",
            problems=[Problem(None, str(exc))],
            rows_read=0,
            started=started,
        )
    name = prepared.importer.name
    scope = _officer_scope(user)
    problems = list(prepared.problems)
    if scope is not None and not problems:
        problems = _scope_problems(prepared, scope)
    if problems:
        return _rejected(
            **common,
            sha=prepared.sha256,
            importer=name,
            problems=problems,
            rows_read=prepared.rows_read,
            started=started,
        )
    described = dict(
        importer=name,
        publisher=prepared.importer.publisher,
        release=_release(prepared),
        periods=", ".join(sorted(prepared.periods))[:300],
        period_given=prepared.period_given[:40],
        place=_scope_place(scope),
        sha256=prepared.sha256,
        rows_read=prepared.rows_read,
    )
    indicators = ensure_indicators(sorted({key[0] for key in prepared.observations})) if prepared.observations else {}
    diff = _diff_observations(prepared, indicators)
    small = _diff_small_areas(prepared)
    revisions = diff.changed + small.changed
    if revisions and not accept_revisions:
        names = {code: i.name for code, i in indicators.items()}
        listed = [_revision_dict(r, names) for r in diff.changed[:MAX_REVISIONS_LISTED]]
        listed += [_small_revision_dict(r) for r in small.changed[: max(0, MAX_REVISIONS_LISTED - len(listed))]]
        notes = list(prepared.notes)
        if len(revisions) > len(listed):
            notes.insert(
                0,
                _("%(n)s revisions in all; the first %(max)s are listed.") % {"n": len(revisions), "max": len(listed)},
            )
        if pending_file and (area or lookup):
            _keep_lookup(pending_file, area=area, lookup=lookup, lookup_name=lookup_name)
        return _store(
            record,
            **described,
            file_name=file_name,
            size=len(content),
            user=user,
            status=ImportStatus.NEEDS_CONFIRMATION,
            rows_created=len(diff.to_create) + len(small.to_create),
            rows_updated=len(revisions),
            rows_unchanged=len(diff.unchanged) + small.unchanged,
            revisions=listed,
            pending_file=pending_file,
            notes=notes,
            duration_s=time.perf_counter() - started,
        )
    with transaction.atomic():
        record = _store(
            record,
            **described,
            file_name=file_name,
            size=len(content),
            user=user,
            status=ImportStatus.APPLIED,
            revisions_accepted=bool(revisions),
            notes=prepared.notes,
        )
        created, updated, unchanged = _write_observations(diff, record)
        c2, u2, n2 = _write_small_areas(small, record)
        record.rows_created, record.rows_updated, record.rows_unchanged = created + c2, updated + u2, unchanged + n2
        record.duration_s = time.perf_counter() - started
        record.save(
            update_fields=["rows_created", "rows_updated", "rows_unchanged", "duration_s", "small_areas_before"]
        )
        if confirms is not None:
            confirms.status = ImportStatus.CONFIRMED
            confirms.confirmed_by = record
            confirms.pending_file = ""
            confirms.save(update_fields=["status", "confirmed_by", "pending_file"])
    return record


def _scope_place(scope):
    if not scope or len(scope) != 1:
        return None
    from inclusive_cities.network.models import Place

    return Place.objects.filter(code=next(iter(scope))).first()


MAX_REVISIONS_LISTED = 5000


class _ObsDiff:
    def __init__(self):
        self.to_create: list[tuple] = []  # (key, obs, resolved)
        self.changed: list[tuple] = []  # (key, obs, resolved, current row)
        self.unchanged: list[tuple] = []  # (key, obs, current row)
        self.indicators: dict = {}


def _diff_observations(prepared: Prepared, indicators: dict) -> _ObsDiff:
    diff = _ObsDiff()
    diff.indicators = indicators
    if not prepared.observations:
        return diff
    by_id = {i.pk: code for code, i in indicators.items()}
    existing = {}
    for row in Observation.objects.filter(indicator__in=indicators.values()).values_list(
        "pk",
        "indicator_id",
        "area_code",
        "period",
        "disaggregation",
        "category",
        "value",
        "status",
        "flag",
        "source_import_id",
        "area_name",
    ):
        existing[(by_id[row[1]], row[2], row[3], row[4], row[5])] = row
    for key, (obs, resolved) in prepared.observations.items():
        current = existing.get(key)
        if current is None:
            diff.to_create.append((key, obs, resolved))
        elif (current[6], current[7], current[8]) == (obs.value, obs.status, obs.flag[:8]):
            diff.unchanged.append((key, obs, current))
        else:
            diff.changed.append((key, obs, resolved, current))
    return diff


def _describe(value, status, flag) -> str:
    if value is None:
        return _("no figure (%(why)s)") % {"why": flag or status.replace("_", " ")}
    return f"{value:,.10g}"


def _revision_dict(item, names: dict) -> dict:
    key, obs, resolved, current = item
    return {
        "row": obs.row,
        "indicator": names.get(key[0], key[0]),
        "area_code": key[1],
        "area_name": resolved.name or obs.area_name,
        "period": key[2],
        "category": obs.category_label or key[4],
        "old": _describe(current[6], current[7], current[8]),
        "new": _describe(obs.value, obs.status, obs.flag),
        "old_import": current[9],
        "becomes_empty": current[6] is not None and obs.value is None,
    }


def _small_revision_dict(item) -> dict:
    key, new, current = item
    return {
        "row": new.row,
        "indicator": key[0],
        "area_code": key[1],
        "area_name": new.area_name,
        "period": new.period,
        "category": key[2],
        "old": f"{current[1]:,}",
        "new": f"{new.count:,}",
        "old_import": current[2],
        "becomes_empty": False,
    }


def _write_observations(diff: _ObsDiff, record: Import) -> tuple[int, int, int]:
    indicators = diff.indicators
    from django.db import connection

    date = connection.ops.adapt_datefield_value
    to_create = [
        (
            indicators[key[0]].pk,
            key[1],
            (resolved.name or obs.area_name)[:200],
            resolved.place_id,
            key[2],
            date(obs.period_start),
            date(obs.period_end),
            key[3],
            key[4],
            obs.value,
            obs.status,
            obs.flag[:8],
            resolved.mapped_from,
            record.pk,
            str(obs.row)[:40],
            record.pk,
            (obs.category_label or "")[:250],
            obs.is_subtotal,
        )
        for key, obs, resolved in diff.to_create
    ]
    to_update, history = [], []
    for key, obs, resolved, current in diff.changed:
        to_update.append(
            Observation(
                pk=current[0],
                area_name=(resolved.name or obs.area_name)[:200],
                place_id=resolved.place_id,
                period_start=obs.period_start,
                period_end=obs.period_end,
                value=obs.value,
                status=obs.status,
                flag=obs.flag[:8],
                source_area_code=resolved.mapped_from,
                source_import_id=record.pk,
                source_row=str(obs.row)[:40],
                category_label=(obs.category_label or "")[:250],
                is_subtotal=obs.is_subtotal,
            )
        )
        history.append(_history(record, key, obs, indicators, RevisionKind.CHANGED, current, current[0]))
    for key, obs, current in diff.unchanged:
        history.append(_history(record, key, obs, indicators, RevisionKind.UNCHANGED, current, current[0]))
    _insert_observations(to_create)
    Observation.objects.bulk_update(to_update, OBS_FIELDS, batch_size=BATCH)
    ObservationRevision.objects.bulk_create(history, batch_size=BATCH)
    return len(to_create), len(to_update), len(diff.unchanged)


INSERT_COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "place_id",
    "period",
    "period_start",
    "period_end",
    "disaggregation",
    "category",
    "value",
    "status",
    "flag",
    "source_area_code",
    "source_import_id",
    "source_row",
    "first_import_id",
    "category_label",
    "is_subtotal",
]


def _insert_observations(rows: list[tuple]) -> None:
    """New figures in one executemany per batch (inside the import's transaction): the ORM's bulk_create splits
    rows into batches of ~50 on SQLite (its parameter limit) and builds SQL per row, five times slower."""
    if not rows:
        return
    from django.db import connection

    # table and column names are the model's own constants; every value goes as a parameter
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        Observation._meta.db_table, ", ".join(INSERT_COLUMNS), ", ".join(["%s"] * len(INSERT_COLUMNS))
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])


def _history(record, key, obs, indicators, kind, current, pk) -> ObservationRevision:
    return ObservationRevision(
        source_import=record,
        observation_id=pk,
        kind=kind,
        indicator_id=indicators[key[0]].pk,
        area_code=key[1],
        area_name=(current[10] or obs.area_name)[:200],
        period=key[2],
        disaggregation=key[3],
        category=key[4],
        row=str(obs.row)[:40],
        old_value=current[6],
        old_status=current[7],
        old_flag=current[8],
        old_import_id=current[9],
        new_value=obs.value,
        new_status=obs.status,
        new_flag=obs.flag[:8],
    )


class _SmallDiff:
    def __init__(self):
        self.to_create: list = []
        self.changed: list = []  # (key, item, (pk, count, import_id))
        self.unchanged = 0


def _diff_small_areas(prepared: Prepared) -> _SmallDiff:
    diff = _SmallDiff()
    if not prepared.small_areas:
        return diff
    variables = {key[0] for key in prepared.small_areas}
    existing = {
        (v, a, c): (pk, n, imp)
        for pk, v, a, c, n, imp in SmallAreaCount.objects.filter(variable__in=variables).values_list(
            "pk", "variable", "area_code", "category", "count", "source_import_id"
        )
    }
    for key, item in prepared.small_areas.items():
        current = existing.get(key)
        if current is None:
            diff.to_create.append(item)
        elif current[1] == item.count:
            diff.unchanged += 1
        else:
            diff.changed.append((key, item, current))
    return diff


def _write_small_areas(diff: _SmallDiff, record: Import) -> tuple[int, int, int]:
    def fields(item):
        return dict(
            area_name=item.area_name[:200],
            level=item.level,
            parent_code=item.parent_code,
            la_code=item.la_code,
            count=item.count,
            period=item.period,
            source_import_id=record.pk,
        )

    to_create = [
        SmallAreaCount(variable=i.variable, area_code=i.area_code, category=i.category, **fields(i))
        for i in diff.to_create
    ]
    to_update = [SmallAreaCount(pk=current[0], **fields(item)) for _key, item, current in diff.changed]
    record.small_areas_before = [[current[0], current[1], current[2]] for _key, _item, current in diff.changed]
    SmallAreaCount.objects.bulk_create(to_create, batch_size=BATCH)
    SmallAreaCount.objects.bulk_update(
        to_update,
        ["area_name", "level", "parent_code", "la_code", "count", "period", "source_import_id"],
        batch_size=BATCH,
    )
    return len(to_create), len(to_update), diff.unchanged


def _lookup_paths(pending_file: str) -> tuple[Path, Path]:
    return Path(f"{pending_file}.lookup"), Path(f"{pending_file}.lookup.json")


def _keep_lookup(pending_file: str, *, area: str, lookup: bytes, lookup_name: str) -> None:
    """Keep the council area and lookup file beside the pending file, for the confirmation."""
    import json

    data, meta = _lookup_paths(pending_file)
    data.write_bytes(lookup)
    meta.write_text(json.dumps({"area": area, "lookup_name": lookup_name}))


def _kept_lookup(pending_file: str) -> dict:
    import json

    data, meta = _lookup_paths(pending_file)
    if not meta.is_file():
        return {}
    return {**json.loads(meta.read_text()), "lookup": data.read_bytes() if data.is_file() else b""}


def import_confirm(*, record: Import, user) -> Import:
    """Apply an import that was waiting for its revisions to be confirmed (the file kept from the upload)."""
    if record.status != ImportStatus.NEEDS_CONFIRMATION:
        raise ValidationError(_("This import is not waiting for confirmation."))
    path = Path(record.pending_file) if record.pending_file else None
    if path is None or not path.is_file():
        raise ValidationError(_("The uploaded file is no longer kept; upload it again to import it."))
    result = import_file(
        content=path.read_bytes(),
        file_name=record.file_name,
        user=user,
        importer_name=record.importer,
        period=record.period_given,
        accept_revisions=True,
        confirms=record,
        **_kept_lookup(record.pending_file),
    )
    if result.status == ImportStatus.APPLIED:
        path.unlink(missing_ok=True)
        for kept in _lookup_paths(record.pending_file):
            kept.unlink(missing_ok=True)
    return result


def import_rollback(*, record: Import, by) -> Import:
    """Return every figure an import set to what it was before (figures it added are removed), recorded in
    each figure's history. Refused when a later import has since changed any of them (roll that back first)."""
    with transaction.atomic():
        record = Import.objects.select_for_update().get(pk=record.pk)
        if record.status != ImportStatus.APPLIED:
            raise ValidationError(_("Only an applied import can be rolled back."))
        changed = ObservationRevision.objects.filter(source_import=record, kind=RevisionKind.CHANGED)
        touched = Observation.objects.filter(
            models.Q(first_import=record) | models.Q(pk__in=changed.values("observation_id"))
        ).exclude(source_import=record)
        later = (
            Import.objects.filter(pk__in=touched.values("source_import_id")).order_by("-created_at").first()
            if touched.exists()
            else None
        )
        if (
            later is None
            and SmallAreaCount.objects.filter(pk__in=[pk for pk, _n, _i in record.small_areas_before])
            .exclude(source_import=record)
            .exists()
        ):
            later = Import.objects.filter(created_at__gt=record.created_at, status=ImportStatus.APPLIED).first()
        if later is not None or touched.exists():
            raise ValidationError(
                _("A later import (%(later)s) has changed figures this import set; roll that one back first.")
                % {"later": later.file_name if later else _("unknown")}
            )
        back, history = [], []
        for rev in changed.select_related(None):
            if rev.observation_id is None:
                continue
            back.append(
                Observation(
                    pk=rev.observation_id,
                    value=rev.old_value,
                    status=rev.old_status or "ok",
                    flag=rev.old_flag,
                    source_import_id=rev.old_import_id,
                )
            )
            history.append(
                ObservationRevision(
                    source_import=record,
                    observation_id=rev.observation_id,
                    kind=RevisionKind.ROLLED_BACK,
                    indicator_id=rev.indicator_id,
                    area_code=rev.area_code,
                    area_name=rev.area_name,
                    period=rev.period,
                    disaggregation=rev.disaggregation,
                    category=rev.category,
                    row=rev.row,
                    old_value=rev.new_value,
                    old_status=rev.new_status,
                    old_flag=rev.new_flag,
                    old_import_id=record.pk,
                    new_value=rev.old_value,
                    new_status=rev.old_status,
                    new_flag=rev.old_flag,
                )
            )
        Observation.objects.bulk_update(back, ["value", "status", "flag", "source_import_id"], batch_size=BATCH)
        ObservationRevision.objects.bulk_create(history, batch_size=BATCH)
        removed, _detail = Observation.objects.filter(first_import=record, source_import=record).delete()
        SmallAreaCount.objects.filter(source_import=record).exclude(
            pk__in=[pk for pk, _n, _i in record.small_areas_before]
        ).delete()
        SmallAreaCount.objects.bulk_update(
            [SmallAreaCount(pk=pk, count=n, source_import_id=imp) for pk, n, imp in record.small_areas_before],
            ["count", "source_import_id"],
            batch_size=BATCH,
        )
        record.status = ImportStatus.ROLLED_BACK
        record.rolled_back_at = timezone.now()
        record.rolled_back_by = by if (by is not None and by.is_authenticated) else None
        record.notes = [
            *record.notes,
            _("Rolled back: %(removed)s figures it added were removed and %(back)s returned to their earlier value.")
            % {"removed": f"{removed:,}", "back": f"{len(back):,}"},
        ]
        record.save(update_fields=["status", "rolled_back_at", "rolled_back_by", "notes"])
    return record


# The background run: queued -> running -> an outcome, or failed. A failed import keeps its file and can be tried
# again; an import whose worker stopped mid-run (killed, out of memory, restarted) wrote nothing (the figures are
# written in one transaction) and is found out by `import_check_lost`.
KEEP_FILE = (ImportStatus.NEEDS_CONFIRMATION, ImportStatus.FAILED)


def import_queue(
    *,
    path: str,
    file_name: str,
    user,
    importer_name: str = "",
    period: str = "",
    area: str = "",
    lookup_path: str = "",
    lookup_name: str = "",
) -> Import:
    """Record an uploaded file (saved at `path`) as queued and hand it to the background worker (inline with the
    default task backend: then the import has its outcome when this returns). A council area and lookup file (for
    Scotland's output-area tables) are kept beside the file, for the run, a retry and the confirmation."""
    if lookup_path:
        lookup_file = Path(lookup_path)
        _keep_lookup(path, area=area, lookup=lookup_file.read_bytes(), lookup_name=Path(lookup_name).name[:200])
        lookup_file.unlink(missing_ok=True)
    record = Import.objects.create(
        importer=importer_name or "",
        file_name=Path(file_name).name[:300],
        size=Path(path).stat().st_size,
        sha256="",
        status=ImportStatus.QUEUED,
        period_given=(period or "")[:40],
        pending_file=str(path),
        user=user if (user is not None and user.is_authenticated) else None,
    )
    _enqueue(record)
    record.refresh_from_db()
    return record


def _enqueue(record: Import) -> None:
    from .tasks import run_import

    result = run_import.enqueue(import_id=record.pk)
    # a worker may have started it already (it records its own task id); only a still-queued import takes this one
    Import.objects.filter(pk=record.pk, status=ImportStatus.QUEUED, task_id="").update(task_id=str(result.id)[:64])


def _failure_message(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return _("the uploaded file is no longer on the server; upload it again.")
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, MemoryError):
        return _(
            "the server ran out of memory while reading the file. Try again; if it fails again, tell an administrator."
        )
    return _("an unexpected error (%(kind)s) stopped it. Try again; if it fails again, tell an administrator.") % {
        "kind": type(exc).__name__
    }


def _mark_failed(pk: int, message: str, *, expected=(ImportStatus.RUNNING,)) -> bool:
    return bool(
        Import.objects.filter(pk=pk, status__in=expected).update(
            status=ImportStatus.FAILED, failure=message[:2000], failed_at=timezone.now()
        )
    )


def import_run(*, import_id: int, task_id: str = "") -> Import:
    """The worker's part: hold the import's lease, mark it running (committed, so the page says so), import the kept
    file into the same record, then delete the file unless the import failed or waits for confirmation. A caught
    error marks it failed with a message for the person importing and is raised again for the task's own record."""
    from . import lease

    with lease.held(import_id):
        started = Import.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
            status=ImportStatus.RUNNING,
            started_at=timezone.now(),
            attempts=models.F("attempts") + 1,
            failure="",
            failed_at=None,
            **({"task_id": task_id[:64]} if task_id else {}),
        )
        record = Import.objects.select_related("user").get(pk=import_id)
        if not started:  # already run, or taken by another worker: nothing to do
            return record
        path = Path(record.pending_file)
        try:
            record = import_file(
                content=path.read_bytes(),
                file_name=record.file_name,
                user=record.user,
                importer_name=record.importer or None,
                period=record.period_given,
                pending_file=str(path),
                record=record,
                **_kept_lookup(str(path)),
            )
        except Exception as exc:
            _mark_failed(import_id, _failure_message(exc))
            record.refresh_from_db()
            raise
        if record.status not in KEEP_FILE:
            path.unlink(missing_ok=True)
            for kept in _lookup_paths(str(path)):
                kept.unlink(missing_ok=True)
            Import.objects.filter(pk=import_id).update(pending_file="")
            record.pending_file = ""
    return record


def _task_finished(task_id: str) -> bool:
    """Whether the task queue says this task has ended (successfully or not). False when it cannot tell (the
    inline backend keeps no results; a result pruned from the queue)."""
    if not task_id:
        return False
    from .tasks import run_import

    try:
        result = run_import.get_backend().get_result(task_id)
    except Exception:  # noqa: BLE001 - no result to read: the lease decides
        return False
    return result.status in ("SUCCESSFUL", "FAILED")


def import_check_lost(records) -> None:
    """Mark failed each running import whose worker has stopped: its lease is free (the process holding it has
    ended) or its task has ended while the import still says running. A queued import whose task ended without
    starting it is failed too. Checked under the lease, so a worker finishing at that moment is never marked."""
    from . import lease

    for record in records:
        if record.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            continue
        if record.status == ImportStatus.QUEUED and not _task_finished(record.task_id):
            continue
        with lease.if_free(record.pk) as free:
            if not free:
                continue
            ended = _task_finished(record.task_id)
            expected = (ImportStatus.QUEUED, ImportStatus.RUNNING) if ended else (ImportStatus.RUNNING,)
            message = _(
                "the background worker stopped before the import finished (it was restarted, ran out of memory or "
                "was killed). The figures are written all at once, so none were written."
            )
            if _mark_failed(record.pk, message, expected=expected):
                record.refresh_from_db()


def import_retry(*, record: Import, by) -> Import:
    """Queue a failed import again, from the file kept at upload (the same record: its page follows the new run)."""
    if record.status != ImportStatus.FAILED:
        raise ValidationError(_("Only a failed import can be tried again."))
    if not record.file_kept:
        raise ValidationError(_("The uploaded file is no longer kept; upload it again to import it."))
    updated = Import.objects.filter(pk=record.pk, status=ImportStatus.FAILED).update(
        status=ImportStatus.QUEUED, task_id=""
    )
    if not updated:  # someone else tried it again at the same moment
        raise ValidationError(_("This import is already being tried again."))
    record.refresh_from_db()
    _enqueue(record)
    record.refresh_from_db()
    return record
