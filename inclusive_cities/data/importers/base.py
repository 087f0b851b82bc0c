"""What every importer shares: reading a publisher's file, parsing values and the records it produces."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Publishers' symbols for "no figure": ONS uses c (confidential), x (not available), .. and : (not available),
# . (no contact / not applicable), - (nil or not applicable), 0~ (rounded to zero), z (not applicable).
SUPPRESSED = {"c", "[c]", "x", "[x]", "*"}
NOT_AVAILABLE = {"..", ":", ".", "-", "z", "[z]", "n/a", "na", "[low]"}


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong type, no header, no importer recognises it)."""


@dataclass
class Obs:
    """One observation an importer wants stored (area code as it appears in the file)."""

    indicator: str
    area_code: str
    period: str
    period_start: dt.date
    value: float | None
    row: int
    disaggregation: str = ""
    category: str = ""
    status: str = "ok"
    flag: str = ""
    period_end: dt.date | None = None
    area_name: str = ""
    category_label: str = ""
    is_subtotal: bool = False


@dataclass
class SmallArea:
    area_code: str
    area_name: str
    level: str
    parent_code: str
    la_code: str
    variable: str
    category: str
    count: int
    row: int
    period: str = "2021"


@dataclass
class Problem:
    row: int | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "message": str(self.message)}


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number in the file, 1 = header)


def max_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "MAX_IMPORT_DECOMPRESSED_BYTES", 300 * 1024 * 1024))


def max_rows() -> int:
    from django.conf import settings

    return int(getattr(settings, "MAX_IMPORT_ROWS", 3_000_000))


def max_cells() -> int:
    from django.conf import settings

    return int(getattr(settings, "MAX_IMPORT_CELLS_PER_SHEET", 5_000_000))


def max_sheet_rows() -> int:
    from django.conf import settings

    return int(getattr(settings, "MAX_IMPORT_ROWS_PER_SHEET", 200_000))


def sheet_rows(ws, name: str) -> list[tuple]:
    """A worksheet's rows (openpyxl read-only), refused as soon as it passes the caps on rows or cells per
    sheet: first by the size the sheet declares, then counted while streaming (a small file can declare or hold
    millions of empty rows)."""
    row_cap, cell_cap = max_sheet_rows(), max_cells()

    def too_big(what: str) -> FileProblem:
        return FileProblem(
            _(
                "The sheet “%(sheet)s” has %(what)s: more than the platform reads from one sheet "
                "(%(rows)s rows, %(cells)s cells); nothing was written."
            )
            % {"sheet": name, "what": what, "rows": f"{row_cap:,}", "cells": f"{cell_cap:,}"}
        )

    declared_rows, declared_cols = getattr(ws, "max_row", None), getattr(ws, "max_column", None)
    if declared_rows and declared_rows > row_cap:
        raise too_big(_("%(n)s rows") % {"n": f"{declared_rows:,}"})
    if declared_rows and declared_cols and declared_rows * declared_cols > cell_cap:
        raise too_big(_("%(n)s cells") % {"n": f"{declared_rows * declared_cols:,}"})
    rows, cells = [], 0
    for row in ws.iter_rows(values_only=True):
        rows.append(row)
        cells += len(row)
        if len(rows) > row_cap:
            raise too_big(_("more than %(n)s rows") % {"n": f"{row_cap:,}"})
        if cells > cell_cap:
            raise too_big(_("more than %(n)s cells") % {"n": f"{cell_cap:,}"})
    return rows


def open_workbook(content: bytes):
    """An .xlsx opened read-only with cached values (close it when done); FileProblem when it cannot be opened."""
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise FileProblem(_("The spreadsheet cannot be opened: %(error)s") % {"error": exc}) from exc


def header_text(value) -> str:
    """A header cell as text with its spacing tidied: publishers' headers carry trailing and doubled spaces
    ("IMD - Average score ", "Proportion  of LSOAs")."""
    return " ".join(str(value).split()) if value is not None else ""


def _too_big(cap: int) -> FileProblem:
    return FileProblem(
        _(
            "The file expands to more than %(mb)s MB when decompressed, more than the platform accepts; nothing was read."
        )
        % {"mb": cap // (1024 * 1024)}
    )


def decompress(content: bytes) -> bytes:
    """The file's content, gunzipped as a stream when compressed: it stops as soon as the decompressed size
    passes the cap, so a "gzip bomb" is refused within a fraction of a second, in bounded memory."""
    if content[:2] != b"\x1f\x8b":
        return content
    import zlib

    cap = max_bytes()
    out = bytearray()
    pending = bytes(content)
    try:
        while pending:  # one pass per gzip member
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            for start in range(0, len(pending), 1 << 16):
                buf = pending[start : start + (1 << 16)]
                while buf and not d.eof:
                    out += d.decompress(buf, cap + 1 - len(out))
                    if len(out) > cap:
                        raise _too_big(cap)
                    buf = d.unconsumed_tail
                if d.eof:
                    break
            if not d.eof:
                raise FileProblem(_("The gzip file is truncated: it ends before its compressed data does."))
            rest = d.unused_data
            pending = rest if rest[:2] == b"\x1f\x8b" else b""
    except zlib.error as exc:
        raise FileProblem(_("The file looks gzip-compressed but cannot be decompressed.")) from exc
    return bytes(out)


def is_xlsx(content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04"


def read_csv(content: bytes) -> Table:
    if b"\x00" in content[:4096]:
        raise FileProblem(_("The file is not a CSV text file (it contains binary data)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise FileProblem(_("The file is not a text file in UTF-8 or Windows encoding.")) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise FileProblem(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise FileProblem(_("The file cannot be read as CSV: %(error)s") % {"error": exc}) from exc
    table = Table(header=header)
    limit = max_rows()
    try:
        for i, values in enumerate(reader, start=2):
            if i > limit + 1:
                raise FileProblem(
                    _("The file has more than %(n)s rows, more than the platform imports from one file.")
                    % {"n": f"{limit:,}"}
                )
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                table.rows.append((i, {"__ragged__": len(values)}))
                continue
            table.rows.append((i, dict(zip(header, values, strict=True))))
    except csv.Error as exc:
        raise FileProblem(_("The file cannot be read as CSV: %(error)s") % {"error": exc}) from exc
    return table


def parse_value(raw) -> tuple[float | None, str, str] | None:
    """(value, status, flag) for a cell, or None when it is neither a number nor a known symbol."""
    if raw is None:
        return None, "not_available", ""
    if isinstance(raw, (int, float)):
        return (float(raw), "ok", "") if math.isfinite(raw) else None
    s = str(raw).strip()
    if s == "":
        return None, "not_available", ""
    low = s.lower()
    if low in SUPPRESSED:
        return None, "suppressed", s
    if low in NOT_AVAILABLE:
        return None, "not_available", s
    if low == "0~":
        return 0.0, "estimated", s
    try:
        number = float(s.replace(",", ""))
    except ValueError:
        return None
    # "nan", "inf" and "1e999" parse as floats but are not figures a publisher gives.
    return (number, "ok", "") if math.isfinite(number) else None


class Importer:
    """Subclasses set name, label, required columns and the indicators they fill, and yield records."""

    name = ""
    label = ""
    publisher = ""
    required: tuple[str, ...] = ()
    indicators: dict[str, dict] = {}
    check_names_column: str = ""  # a column holding the area's name, checked against the code
    # Where the period comes from, for messages ("the column “date”", "the sheet's title"). Layouts that carry
    # no period set `period_given = True`: the person importing must say it (checked against the file's name).
    period_source = gettext_lazy("the table (Census 2021)")
    period_given = False
    code_column = ""  # the column holding the area code, for messages

    def given_period(self, ctx) -> tuple[str, dt.date] | None:
        """The period the person importing gave, parsed for this layout; None when none or not understood."""
        return None

    def recognise(self, header: list[str]) -> bool:
        return bool(self.required) and set(self.required) <= set(header)

    def recognise_workbook(self, content: bytes) -> bool:
        return False

    def records(self, table: Table) -> Iterator[Obs | SmallArea | Problem]:
        raise NotImplementedError

    def read(self, content: bytes) -> Table:
        if is_xlsx(content):
            raise FileProblem(
                _("The %(importer)s importer reads CSV files, not spreadsheets.") % {"importer": self.label}
            )
        return read_csv(content)

    # Helpers for subclasses
    @staticmethod
    def value(row: int, raw, column: str) -> tuple[float | None, str, str] | Problem:
        parsed = parse_value(raw)
        if parsed is None:
            return Problem(
                row,
                _("“%(value)s” in column “%(column)s” is not a number or a known symbol.")
                % {"value": raw, "column": column},
            )
        return parsed

    @staticmethod
    def count(row: int, raw, column: str) -> int | Problem:
        parsed = parse_value(raw)
        if parsed is None or parsed[0] is None:
            return Problem(
                row, _("“%(value)s” in column “%(column)s” is not a count.") % {"value": raw, "column": column}
            )
        return int(round(parsed[0]))

    @classmethod
    def counts(cls, row: int, r: dict, columns) -> dict[str, int] | Problem:
        """The row's counts in `columns`, or the first cell that is not a count."""
        out = {}
        for column in columns:
            n = cls.count(row, r[column], column)
            if isinstance(n, Problem):
                return n
            out[column] = n
        return out


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_MID_YEAR = re.compile(r"mid[-_ ]?((?:19|20)\d\d)(?!\d)")


def period_contradiction(file_name: str, periods: set[str]) -> str | None:
    """The year(s) a file's name states when they contradict the periods of its figures, else None.

    A name saying "mid-2024" needs mid-2024 figures; a name with plain years needs one of them to lie within the
    file's periods (or the year after the last, when the release is named by its publication year)."""
    name = file_name.lower()
    years = set()
    for period in periods:
        years.update(int(y) for y in _YEAR.findall(period))
    if not years:
        return None
    mids = {int(y) for y in _MID_YEAR.findall(name)}
    mid_periods = {int(y) for p in periods for y in _MID_YEAR.findall(p.lower())}
    if mids and not mids & (mid_periods or years):
        return ", ".join(f"mid-{y}" for y in sorted(mids))
    named = {int(y) for y in _YEAR.findall(name)}
    if named and not any(min(years) <= y <= max(years) + 1 for y in named):
        return ", ".join(str(y) for y in sorted(named))
    return None


def periods_text(periods: set[str], limit: int = 6) -> str:
    ordered = sorted(periods)
    shown = ", ".join(ordered[:limit])
    return shown + (f" (+{len(ordered) - limit})" if len(ordered) > limit else "")


def ragged(row: int, values: dict) -> Problem | None:
    if "__ragged__" in values:
        return Problem(
            row, _("The row has %(n)s cells; the header has a different number.") % {"n": values["__ragged__"]}
        )
    return None


def iter_problems_first(items: Iterable) -> list:
    return list(items)


CENSUS_DAY = dt.date(2021, 3, 21)


def mid_year(year: int) -> dt.date:
    return dt.date(year, 6, 30)


_MID = re.compile(r"^Mid-(\d{4}) to Mid-(\d{4})$")
_JAN = re.compile(r"^Jan (\d{4}) to Dec (\d{4})$")


def lamis_period(label: str) -> tuple[str, dt.date, dt.date] | None:
    """("2019/20", start, end) for "Mid-2019 to Mid-2020"; ("2020", ...) for "Jan 2020 to Dec 2020"."""
    label = label.strip()
    if m := _MID.match(label):
        a, b = int(m[1]), int(m[2])
        return f"mid-{a} to mid-{b}", dt.date(a, 7, 1), dt.date(b, 6, 30)
    if m := _JAN.match(label):
        a, b = int(m[1]), int(m[2])
        return str(a) if a == b else f"{a}-{b}", dt.date(a, 1, 1), dt.date(b, 12, 31)
    if re.fullmatch(r"\d{4}", label):
        a = int(label)
        return label, dt.date(a, 1, 1), dt.date(a, 12, 31)
    return None
