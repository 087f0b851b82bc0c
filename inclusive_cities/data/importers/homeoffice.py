"""Home Office immigration statistics by local authority: asylum support (Asy_D11) and resettlement."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _

from .base import SUPPRESSED, FileProblem, Importer, Obs, Problem, Table, is_xlsx, ragged, sheet_rows

HO_URL = "https://www.gov.uk/government/statistical-data-sets/immigration-system-statistics-data-tables"
HO_CAVEAT = (
    "Counts at the end of each quarter. The Home Office revises its back series and recodes areas to current "
    "boundaries, so a code may appear for a quarter before it existed. Rows not attributed to a local authority "
    "('N/A') are not shown for any place."
)


def quarter(row: int, date: str) -> tuple[str, dt.date] | Problem:
    try:
        d = dt.date.fromisoformat(date.strip())
    except ValueError:
        return Problem(row, _("“%(value)s” in column “Date” is not a date (YYYY-MM-DD).") % {"value": date})
    return d.isoformat(), d


def tidy(label: str) -> str:
    label = re.sub(r"\s+", " ", label.strip())
    return label[:1].upper() + label[1:].replace("Subsistence only", "Subsistence Only")


class _Summing(Importer):
    """Rows are additive pieces (support type x accommodation type): stores the total and each breakdown."""

    period_source = _("the column “Date”")
    publisher = "Home Office"
    code_column = "LAD Code"
    name_column = "Local Authority"
    value_column = ""
    indicator = ""
    breakdowns: dict[str, str] = {}  # column -> disaggregation key
    key_columns: tuple[str, ...] = ()

    def records(self, table, ctx):
        sums: dict[tuple, list] = {}  # (code, period, disagg, category) -> [value, first row, date, name]
        seen: dict[tuple, int] = {}
        pieces: dict[tuple, int] = {}
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            code = r[self.code_column].strip()
            if code.upper().startswith("N/A") or code.lower() == "unknown":
                ctx.skip(row, _("not attributed to a local authority (“%(code)s”)") % {"code": code})
                continue
            q = quarter(row, r["Date"])
            if isinstance(q, Problem):
                yield q
                continue
            # The Home Office still lists a few councils after a merger abolished them: their people live in the
            # council that replaced them, so the row is added to that council's total (and reported).
            gone = ctx.resolver.abolished.get(code)
            if gone and q[1] >= gone[0] and ctx.resolver.resolve(gone[1]) is not None:
                ctx.note(
                    _("a council abolished on %(since)s (%(code)s) added to the council that replaced it, %(new)s")
                    % {"since": f"{gone[0]:%-d %B %Y}", "code": code, "new": gone[1]},
                    row,
                )
                code = gone[1]
            # A row repeated exactly is an error; two rows for the same area, quarter and categories with
            # different counts are pieces the Home Office publishes separately: they are added up (and noted).
            full = tuple(v.strip() for v in r.values())
            if full in seen:
                yield Problem(row, _("Duplicated row: identical to row %(row)s.") % {"row": seen[full]})
                continue
            seen[full] = row
            key = tuple(r[c].strip() for c in self.key_columns)
            if key in pieces:
                ctx.note(_("rows added together because they share area, quarter and categories"), row, pieces[key])
            pieces.setdefault(key, row)
            parsed = self.value(row, r[self.value_column], self.value_column)
            if isinstance(parsed, Problem):
                yield parsed
                continue
            # A suppressed piece ("c") makes the total it belongs to suppressed too: a partial sum would be wrong.
            n = None if parsed[0] is None else int(round(parsed[0]))
            symbol = parsed[2]
            # A row whose area name clearly belongs to another council than its code is stored under that one.
            code = ctx.check_name(row, code, r[self.name_column])
            for disagg, category in [("", ""), *((d, tidy(r[c])) for c, d in self.breakdowns.items())]:
                k = (code, q[0], disagg, category)
                if k in sums:
                    total = sums[k]
                    total[0] = None if total[0] is None or n is None else total[0] + n
                    total[4] = total[4] or ("" if n is not None else symbol)
                else:
                    sums[k] = [n, row, q[1], r[self.name_column].strip(), "" if n is not None else symbol]
        for (code, period, disagg, category), (n, row, date, name, symbol) in sums.items():
            yield Obs(
                indicator=self.indicator,
                area_code=code,
                area_name=name,
                period=period,
                period_start=date,
                value=None if n is None else float(n),
                row=row,
                disaggregation=disagg,
                category=category,
                status="ok" if n is not None else ("suppressed" if symbol in SUPPRESSED else "not_available"),
                flag="" if n is not None else symbol,
            )


class AsylumSupport(_Summing):
    name = "homeoffice_asylum_support"
    label = _("Home Office asylum seekers in receipt of support by local authority (Asy_D11)")
    required = ("Date", "Year", "Quarter", "Support Type", "LAD Code", "Accommodation Type", "People")
    value_column, indicator = "People", "asylum-support"
    breakdowns = {"Support Type": "support_type", "Accommodation Type": "accommodation_type"}
    key_columns = ("Date", "Support Type", "LAD Code", "Local Authority", "Accommodation Type")
    indicators = {
        "asylum-support": {
            "name": "Asylum seekers in receipt of support",
            "definition": "People seeking asylum supported by the Home Office (Section 95, Section 4 and Section "
            "98) living in the area at the end of the quarter, by support type and accommodation type.",
            "unit": "count",
            "source": "Home Office immigration system statistics, table Asy_D11",
            "publisher": "Home Office",
            "source_url": HO_URL,
            "geography": "Local authorities on current boundaries (UK)",
            "period_covered": "2014 Q1 to 2024 Q3, quarterly",
            "caveats": HO_CAVEAT + " People seeking asylum who are not supported (e.g. living with friends) are "
            "not counted.",
            "disaggregation": "support_type / accommodation_type",
            "theme_codes": ["T4"],
            "domains": ["ho-housing", "ho-stability", "ho-rights"],
            "order": 60,
        }
    }


class Resettlement(_Summing):
    name = "homeoffice_resettlement"
    label = _("Home Office resettlement arrivals by local authority and scheme")
    required = ("Date", "Year", "Quarter", "LAD Code", "Local Authority", "Resettlement Scheme", "Persons")
    value_column, indicator = "Persons", "resettlement-arrivals"
    breakdowns = {"Resettlement Scheme": "resettlement_scheme"}
    key_columns = ("Date", "LAD Code", "Local Authority", "Resettlement Scheme")
    indicators = {
        "resettlement-arrivals": {
            "name": "Refugees resettled (arrivals)",
            "definition": "People arriving in the area in the quarter under a UK resettlement scheme (VPRS, VCRS, "
            "UKRS, Community Sponsorship, Mandate, ACRS, ARAP), in total and by scheme.",
            "unit": "count",
            "source": "Home Office immigration system statistics, resettlement by local authority",
            "publisher": "Home Office",
            "source_url": HO_URL,
            "geography": "Local authorities on current boundaries (UK)",
            "period_covered": "2014 to 2024, quarterly",
            "caveats": HO_CAVEAT + " Quarters with no arrivals have no row, so no figure is shown rather than 0.",
            "disaggregation": "resettlement_scheme",
            "theme_codes": ["T4"],
            "domains": ["ho-housing", "ho-stability"],
            "order": 61,
        }
    }


class _Workbook:
    """A Home Office immigration system statistics workbook: a cover sheet, a notes sheet and a data sheet
    (`sheet`) whose header row follows a title line. Rows are read from the data sheet (row numbers given as
    `<sheet>!N`) and validated like the CSV copy of the same sheet."""

    sheet = ""
    header_marks: tuple[str, ...] = ()  # columns that identify the header row among the sheet's first rows

    def _open(self, content: bytes):
        import io

        import openpyxl

        try:
            return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise FileProblem(_("The spreadsheet cannot be opened: %(error)s") % {"error": exc}) from exc

    def recognise(self, header):
        return False

    def recognise_workbook(self, content: bytes) -> bool:
        wb = self._open(content)
        try:
            return self.sheet in wb.sheetnames
        finally:
            wb.close()

    def read(self, content: bytes) -> Table:
        if not is_xlsx(content):
            raise FileProblem(_("The Home Office workbook importer reads .xlsx spreadsheets."))
        wb = self._open(content)
        try:
            if self.sheet not in wb.sheetnames:
                raise FileProblem(_("The workbook has no sheet named “%(sheet)s”.") % {"sheet": self.sheet})
            rows = sheet_rows(wb[self.sheet], self.sheet)
        finally:
            wb.close()
        at = next((i for i, r in enumerate(rows[:20]) if r and all(m in r for m in self.header_marks)), None)
        if at is None:
            raise FileProblem(
                _("The sheet “%(sheet)s” has no header row with the columns %(marks)s in its first 20 rows.")
                % {"sheet": self.sheet, "marks": str(_(" and ")).join(f"“{m}”" for m in self.header_marks)}
            )
        header = [str(h).strip() if h is not None else "" for h in rows[at]]
        missing = [c for c in self.required if c not in header]
        if missing:
            raise FileProblem(
                _("The sheet “%(sheet)s” (header on row %(row)s) lacks the columns %(missing)s.")
                % {"sheet": self.sheet, "row": at + 1, "missing": ", ".join(f"“{c}”" for c in missing)}
            )
        table = Table(header=header)
        for n, r in enumerate(rows[at + 1 :], start=at + 2):
            if not r or all(c is None or str(c).strip() == "" for c in r):
                continue
            cells = {}
            for column, value in zip(header, r, strict=False):
                if hasattr(value, "date"):  # a date cell
                    value = value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
                cells[column] = "" if value is None else str(value)
            for column in header:
                cells.setdefault(column, "")
            table.rows.append((f"{self.sheet}!{n}", cells))
        return table


class AsylumSupportWorkbook(_Workbook, AsylumSupport):
    """The Home Office's own workbook for Asy_D11: data sheet `Data_Asy_D11`."""

    name = "homeoffice_asylum_support_workbook"
    label = _("Home Office immigration system statistics workbook: asylum support by local authority (Asy_D11)")
    sheet = "Data_Asy_D11"
    header_marks = ("Date", "People")


_QUARTER = re.compile(r"^\s*(?:((?:19|20)\d\d)\s*)?Q?([1-4])\s*$", re.IGNORECASE)
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


class ResettlementWorkbook(_Workbook, Resettlement):
    """The Home Office's own workbook "Resettlement by local authority" (immigration system statistics, detailed
    table Res_D01): data sheet `Data_Res_D01` with the columns Year, Quarter ("2024 Q3"), UK Region, LAD Code,
    Local Authority, Resettlement Scheme and Persons. It has no date column: the period is the end of the quarter
    the row's own Year and Quarter name, stored as the CSV copy stores it (e.g. "2024-09-30"), so the figures of
    the two layouts are the same figures."""

    name = "homeoffice_resettlement_workbook"
    label = _("Home Office immigration system statistics workbook: resettlement by local authority (Res_D01)")
    sheet = "Data_Res_D01"
    header_marks = ("LAD Code", "Persons")
    required = ("Year", "Quarter", "LAD Code", "Local Authority", "Resettlement Scheme", "Persons")
    period_source = _("the columns “Year” and “Quarter”")

    def records(self, table, ctx):
        rows = []
        for row, r in table.rows:
            year, raw = r["Year"].strip(), r["Quarter"].strip()
            m = _QUARTER.match(raw)
            if not re.fullmatch(r"(19|20)\d\d", year) or m is None:
                yield Problem(
                    row,
                    _(
                        "“%(year)s” / “%(quarter)s” in columns “Year” and “Quarter” is not a year and a quarter "
                        "(e.g. 2024 and “2024 Q3”)."
                    )
                    % {"year": year, "quarter": raw},
                )
                continue
            if m[1] and m[1] != year:
                yield Problem(
                    row,
                    _("Column “Quarter” says %(quarter)s but column “Year” says %(year)s.")
                    % {"quarter": raw, "year": year},
                )
                continue
            month, day = QUARTER_END[int(m[2])]
            rows.append((row, {**r, "Date": dt.date(int(year), month, day).isoformat()}))
        yield from super().records(Table(header=[*table.header, "Date"], rows=rows), ctx)
