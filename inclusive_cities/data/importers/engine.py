"""Reading and validating a publisher's file, before anything is written (see services.import_file)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import BY_NAME, IMPORTERS
from .areas import AreaResolver
from .base import (
    FileProblem,
    Importer,
    Obs,
    Problem,
    SmallArea,
    decompress,
    is_xlsx,
    period_contradiction,
    periods_text,
    read_csv,
)

MAX_LISTED = 200  # problems kept on the import record; the count says how many there were


@dataclass
class Prepared:
    importer: Importer
    sha256: str
    rows_read: int
    observations: dict = field(default_factory=dict)  # key -> (Obs, Resolved)
    small_areas: dict = field(default_factory=dict)  # key -> SmallArea
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    periods: set = field(default_factory=set)
    period_given: str = ""


class Context:
    """What an importer may ask while reading: area checks, the period the person gave, notes for the report."""

    def __init__(
        self,
        resolver: AreaResolver,
        *,
        period: str = "",
        file_name: str = "",
        area: str = "",
        lookup: bytes = b"",
        lookup_name: str = "",
    ):
        self.resolver = resolver
        self.period = period
        self.file_name = file_name
        # For layouts that do not say which council their small areas lie in: the council the person named and
        # the lookup file they uploaded (see importers.scotland).
        self.area = area
        self.lookup = lookup
        self.lookup_name = lookup_name
        self.remarks: list[str] = []
        self.skipped: dict[str, list[int]] = {}
        self.noted: dict[str, list[int]] = {}
        self.renamed: dict[tuple[str, str, str], list[int]] = {}

    def note(self, reason: str, *rows) -> None:
        self.noted.setdefault(str(reason), []).extend(rows)

    def remark(self, text: str) -> None:
        """A note for the import report that names no rows."""
        self.remarks.append(str(text))

    def skip(self, row: int, reason: str) -> None:
        self.skipped.setdefault(str(reason), []).append(row)

    def known_area(self, code: str) -> bool:
        return self.resolver.resolve(code) is not None

    def check_name(self, row: int, code: str, name: str) -> str:
        """The code a row belongs to when its area name clearly names a different council than its code."""
        resolved = self.resolver.resolve(code)
        by_name = self.resolver.code_for_name(name)
        if resolved is None or by_name is None or by_name == resolved.code:
            return code
        from .areas import normalise_name

        if normalise_name(resolved.name) == normalise_name(name):
            return code
        self.renamed.setdefault((code, name.strip(), by_name), []).append(row)
        return by_name


def rowkey(row) -> tuple:
    """Sort key for row references: numbers in order, then sheet!row labels, then none."""
    return (row is None, isinstance(row, str), row if isinstance(row, int) else 0, str(row))


def rows_text(rows: list[int], limit: int = 12) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (_(" and %(n)s more") % {"n": len(rows) - limit} if len(rows) > limit else "")


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def choose(content: bytes, importer_name: str | None):
    """(importer, table or None) for the file; raises FileProblem naming what is wrong."""
    if importer_name and importer_name not in BY_NAME:
        raise FileProblem(_("There is no importer called “%(name)s”.") % {"name": importer_name})
    candidates = [BY_NAME[importer_name]] if importer_name else IMPORTERS
    if is_xlsx(content):
        for imp in candidates:
            if imp.recognise_workbook(content):
                return imp, None
        workbooks = [str(i.label) for i in candidates if type(i).recognise_workbook is not Importer.recognise_workbook]
        raise FileProblem(
            _("This spreadsheet is not in a format the platform knows. The workbooks it reads: %(formats)s.")
            % {"formats": "; ".join(workbooks) or _("none")}
        )
    table = read_csv(content)
    for imp in candidates:
        if imp.recognise(table.header):
            return imp, table
    if importer_name:
        missing = [c for c in BY_NAME[importer_name].required if c not in table.header]
        raise FileProblem(
            _("The file lacks the columns the %(importer)s importer needs: %(missing)s.")
            % {"importer": BY_NAME[importer_name].label, "missing": ", ".join(missing)}
        )
    raise FileProblem(
        _("No importer recognises this file's columns (%(columns)s). Check it is one of the formats listed.")
        % {"columns": ", ".join(table.header[:12])}
    )


def out_of_range(item: Obs, unit: str) -> Problem | None:
    """A count below zero or a percentage outside 0-100 is a mistake in the file, not a figure."""
    value = item.value
    if value is None:
        return None
    if unit == "count" and value < 0:
        return Problem(item.row, _("%(value)s is not a possible count of people (below zero).") % {"value": value})
    if unit == "percent" and not 0 <= value <= 100:
        return Problem(item.row, _("%(value)s is not a possible percentage (outside 0 to 100).") % {"value": value})
    return None


def prepare(
    raw: bytes,
    importer_name: str | None = None,
    *,
    file_name: str = "",
    period: str = "",
    area: str = "",
    lookup: bytes = b"",
    lookup_name: str = "",
) -> Prepared:
    """Read and validate the whole file (nothing is written): the figures it gives, with their period and row,
    or the problems that stop it. Shared by every importer: areas, duplicates, units, periods against the name."""
    content = decompress(raw)
    importer, table = choose(content, importer_name)
    if table is None:
        table = importer.read(content)
    prepared = Prepared(importer=importer, sha256=checksum(content), rows_read=len(table.rows))
    resolver = AreaResolver()
    ctx = Context(resolver, period=period, file_name=file_name, area=area, lookup=lookup, lookup_name=lookup_name)
    if (area or lookup) and not getattr(importer, "needs_area", False):
        prepared.notes.append(
            _("The council area and lookup file you gave were not needed: this layout says where its areas are.")
        )
    if period and not importer.period_given:
        prepared.notes.append(
            _("The period you gave (%(given)s) was not needed: this layout states its own period in %(source)s.")
            % {"given": period, "source": importer.period_source}
        )
    elif importer.period_given and period:
        prepared.period_given = period
    first_row: dict[str, object] = {}
    seen: dict[tuple, int] = {}
    unknown: dict[str, list[int]] = {}
    mapped: dict[tuple[str, str], list[int]] = {}
    statuses: dict[str, list[int]] = {}
    abolished: dict[str, list] = {}
    for item in importer.records(table, ctx):
        if isinstance(item, Problem):
            prepared.problems.append(item)
        elif isinstance(item, Obs):
            resolved = resolver.resolve(item.area_code)
            if resolved is None:
                unknown.setdefault(item.area_code, []).append(item.row)
                continue
            gone = resolver.abolished.get(item.area_code.strip())
            if gone and resolved.code == item.area_code.strip() and item.period_start >= gone[0]:
                abolished.setdefault(item.area_code.strip(), []).append(item)
                continue
            if resolved.mapped_from:
                mapped.setdefault((resolved.mapped_from, resolved.code), []).append(item.row)
            key = (item.indicator, resolved.code, item.period, item.disaggregation, item.category)
            if key in seen:
                if seen[key] != item.row:
                    prepared.problems.append(
                        Problem(
                            item.row,
                            _("Duplicate: %(code)s, %(period)s%(cat)s was already given on row %(row)s.")
                            % {
                                "code": resolved.code,
                                "period": item.period,
                                "cat": f", {item.category}" if item.category else "",
                                "row": seen[key],
                            },
                        )
                    )
                continue
            seen[key] = item.row
            first_row.setdefault(item.period, item.row)
            impossible = out_of_range(item, importer.indicators.get(item.indicator, {}).get("unit", ""))
            if impossible:
                prepared.problems.append(impossible)
                continue
            if item.status not in ("ok", "estimated", "provisional"):
                statuses.setdefault(item.status, []).append(item.row)
            prepared.observations[key] = (item, resolved)
        elif isinstance(item, SmallArea):
            key = (item.variable, item.area_code, item.category)
            if key in seen:
                prepared.problems.append(
                    Problem(
                        item.row,
                        _("Duplicate of row %(row)s (area %(code)s).") % {"row": seen[key], "code": item.area_code},
                    )
                )
                continue
            if resolver.resolve(item.la_code) is None:
                unknown.setdefault(item.la_code, []).append(item.row)
                continue
            seen[key] = item.row
            first_row.setdefault(item.period, item.row)
            prepared.small_areas[key] = item
    for code, rows in unknown.items():
        prepared.problems.append(
            Problem(
                rows[0],
                _(
                    "Unknown area code “%(code)s” (rows %(rows)s): it is not a UK local authority, region or nation in the ONS lookups."
                )
                % {"code": code, "rows": rows_text(sorted(set(rows), key=rowkey))},
            )
        )
    prepared.periods = set(first_row)
    if file_name and (named := period_contradiction(file_name, prepared.periods)):
        first = min(first_row.values(), key=rowkey)
        prepared.problems.append(
            Problem(
                first,
                _(
                    "The file's name “%(name)s” says %(named)s, but its figures are for %(periods)s (from "
                    "%(source)s, first on row %(row)s). Check you have the release you meant; nothing was written."
                )
                % {
                    "name": file_name,
                    "named": named,
                    "periods": periods_text(prepared.periods),
                    "source": importer.period_source,
                    "row": first,
                },
            )
        )
    for code, items in abolished.items():
        since, new, new_name = resolver.abolished[code]
        rows = sorted({i.row for i in items}, key=rowkey)
        prepared.problems.append(
            Problem(
                rows[0],
                _(
                    "Area code %(code)s (%(name)s) in column “%(column)s” belongs to a council abolished on "
                    "%(since)s (merged into %(new_name)s, %(new)s), but rows %(rows)s give it figures for "
                    "%(period)s, after that date."
                )
                % {
                    "code": code,
                    "name": resolver.name_of(code),
                    "column": importer.code_column or _("area code"),
                    "since": f"{since:%-d %B %Y}",
                    "new_name": new_name,
                    "new": new,
                    "rows": rows_text(rows),
                    "period": items[0].period,
                },
            )
        )
    prepared.problems.sort(key=lambda p: rowkey(p.row))
    for (old, new), rows in sorted(mapped.items()):
        prepared.notes.append(
            _("Old code %(old)s mapped to the current code %(new)s (%(name)s), rows %(rows)s.")
            % {"old": old, "new": new, "name": resolver.name_of(new), "rows": rows_text(sorted(set(rows), key=rowkey))}
        )
    for (code, name, new), rows in sorted(ctx.renamed.items()):
        prepared.notes.append(
            _(
                "Rows %(rows)s give code %(code)s (%(code_name)s) with the name “%(name)s”: stored under %(new)s, the council of that name."
            )
            % {"rows": rows_text(rows), "code": code, "code_name": resolver.name_of(code), "name": name, "new": new}
        )
    prepared.notes.extend(ctx.remarks)
    for reason, rows in ctx.skipped.items():
        prepared.notes.append(
            _("Skipped %(n)s rows %(reason)s: rows %(rows)s.")
            % {"n": len(rows), "reason": reason, "rows": rows_text(rows)}
        )
    for reason, rows in ctx.noted.items():
        prepared.notes.append(_("Rows %(rows)s: %(reason)s.") % {"rows": rows_text(rows), "reason": reason})
    labels = {"suppressed": _("suppressed by the publisher"), "not_available": _("not available")}
    for status, rows in statuses.items():
        prepared.notes.append(
            _("%(n)s figures %(what)s, stored without a value: rows %(rows)s.")
            % {"n": len(rows), "what": labels.get(status, status), "rows": rows_text(sorted(set(rows), key=rowkey))}
        )
    return prepared
