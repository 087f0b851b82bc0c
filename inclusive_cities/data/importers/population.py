"""ONS mid-year population estimates: the reshaped CSV copies (mid-2022 UK, mid-2023 England and Wales) and the
workbook as ONS publishes it (sheet `MYE2 - Persons`, period read from its title and cover)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _

from .base import FileProblem, Importer, Obs, Problem, Table, header_text, is_xlsx, open_workbook, ragged, sheet_rows

INDICATORS = {
    "population-mid-year": {
        "name": "Mid-year population estimate",
        "definition": "Usually resident population of the area on 30 June, all ages.",
        "unit": "count",
        "source": "ONS Population estimates for the UK (MYE2) / for England and Wales",
        "source_url": "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates",
        "geography": "Local authorities on April 2023 boundaries, counties, regions and nations",
        "period_covered": "mid-2022 (UK), mid-2023 (England and Wales)",
        "caveats": "Estimates rolled forward from Census 2021 using births, deaths and migration; international "
        "migration estimates are the least certain part and are revised.",
        "theme_codes": ["T4"],
        "domains": [],
        "order": 5,
    }
}


def mid_year_period(text: str) -> tuple[str, dt.date] | None:
    """("mid-2022", 30 June 2022) for "mid-2022", "Mid 2022" or "2022"; None when not understood."""
    m = re.fullmatch(r"(?:mid[- ]?)?((?:19|20)\d\d)", (text or "").strip().lower())
    return (f"mid-{m[1]}", dt.date(int(m[1]), 6, 30)) if m else None


class _MidYear(Importer):
    """The reshaped CSV copies carry no period: the person importing says which mid-year it is."""

    publisher = "Office for National Statistics"
    value_column = ""
    indicators = INDICATORS
    code_column = "Code"
    period_source = _("the period you gave")
    period_given = True

    def given_period(self, ctx):
        return mid_year_period(getattr(ctx, "period", ""))

    def records(self, table, ctx):
        given = self.given_period(ctx)
        if given is None:
            yield Problem(
                None,
                _(
                    "This layout carries no period: say which mid-year the figures are for (for example "
                    "“mid-2022”)%(given)s."
                )
                % {"given": _(", not “%(p)s”") % {"p": ctx.period} if getattr(ctx, "period", "") else ""},
            )
            return
        period, start = given
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            v = self.value(row, r[self.value_column], self.value_column)
            if isinstance(v, Problem):
                yield v
                continue
            yield Obs(
                indicator="population-mid-year",
                area_code=r["Code"].strip(),
                area_name=r["Name"].strip().title(),
                period=period,
                period_start=start,
                value=v[0],
                status=v[1],
                flag=v[2],
                row=row,
            )


class MidYear2022(_MidYear):
    name = "ons_mye_2022_uk"
    label = _("ONS mid-year population estimates, UK local authorities (CSV: Code, Name, Geography, Population)")
    required = ("Code", "Name", "Geography", "Population")
    value_column = "Population"


class MidYear2023(_MidYear):
    name = "ons_mye_2023_ew"
    label = _("ONS mid-year population estimates, England and Wales local authorities (CSV: Code, Name, All ages)")
    required = ("Code", "Name", "Geography", "All ages")
    value_column = "All ages"


MYE_SHEET = "MYE2 - Persons"
MYE_COLUMNS = ("Code", "Name", "All ages")  # and "Geography" (older editions: "Geography1"), not needed here
_MID_IN_TEXT = re.compile(r"\bmid[-\s]?((?:19|20)\d\d)\b|\b30 June ((?:19|20)\d\d)\b", re.IGNORECASE)
_ONS_FILE_NAME = re.compile(r"mye(\d\d)(?!\d)", re.IGNORECASE)  # ONS's own names: mye22final.xlsx, mye23tablesuk.xlsx
_GSS = re.compile(r"^[EWSNK]\d{8}$")


def _cell(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


class _WorkbookTable(Table):
    """A table read from a workbook, with the period the workbook states and where it states it."""

    def __init__(self, header, *, year: int, stated_in: str):
        super().__init__(header=header)
        self.year, self.stated_in = year, stated_in


class MidYearWorkbook(Importer):
    """The ONS workbook "Population estimates for the UK, England, Wales, Scotland and Northern Ireland"
    (mye22final.xlsx, mye23tablesuk.xlsx; the England and Wales edition has the same MYE2 sheets): Cover, Contents
    and Notes sheets, then tables MYE1 to MYE5. The sheet `MYE2 - Persons` has title and note lines, then on row 8 the
    header `Code, Name, Geography, All ages, 0, 1, ..., 89, 90+`. The importer reads the all-ages column (the same
    indicator as the CSV copies) and takes the period from the sheet's title, checked against the cover sheet, the
    file's name and any period the person importing gave. Rows are numbered `MYE2 - Persons!N`."""

    name = "ons_mye_workbook"
    label = _("ONS mid-year population estimates workbook, as published (sheet “MYE2 - Persons”)")
    publisher = "Office for National Statistics"
    indicators = INDICATORS
    code_column = "Code"
    period_source = _("the title of the sheet “MYE2 - Persons” (“mid-YYYY”)")

    def recognise_workbook(self, content: bytes) -> bool:
        wb = open_workbook(content)
        try:
            return MYE_SHEET in wb.sheetnames
        finally:
            wb.close()

    def read(self, content: bytes) -> Table:
        if not is_xlsx(content):
            raise FileProblem(_("The ONS mid-year estimates workbook importer reads .xlsx spreadsheets."))
        wb = open_workbook(content)
        try:
            if MYE_SHEET not in wb.sheetnames:
                raise FileProblem(_("The workbook has no sheet named “%(sheet)s”.") % {"sheet": MYE_SHEET})
            rows = sheet_rows(wb[MYE_SHEET], MYE_SHEET)
            cover = next((name for name in wb.sheetnames if name.strip().lower() == "cover"), None)
            cover_rows = sheet_rows(wb[cover], cover)[:40] if cover else []
        finally:
            wb.close()
        at = next((i for i, r in enumerate(rows[:20]) if r and header_text(r[0]) == "Code"), None)
        if at is None:
            raise FileProblem(
                _("The sheet “%(sheet)s” has no header row starting with “Code” in its first 20 rows.")
                % {"sheet": MYE_SHEET}
            )
        header = [header_text(h) for h in rows[at]]
        missing = [c for c in MYE_COLUMNS if c not in header]
        if missing:
            raise FileProblem(
                _("The sheet “%(sheet)s” (header on row %(row)s) lacks the column %(missing)s; nothing was written.")
                % {"sheet": MYE_SHEET, "row": at + 1, "missing": ", ".join(f"“{c}”" for c in missing)}
            )
        year, stated_in = self._period(rows[:at], cover, cover_rows)
        table = _WorkbookTable(header=list(MYE_COLUMNS), year=year, stated_in=stated_in)
        index = {c: header.index(c) for c in MYE_COLUMNS}
        for n, r in enumerate(rows[at + 1 :], start=at + 2):
            cells = {c: (r[i] if i < len(r) else None) for c, i in index.items()}
            code = header_text(cells["Code"])
            has_figure = isinstance(cells["All ages"], (int, float))
            if not code and not has_figure:
                continue  # blank rows and notes under the table
            if not _GSS.match(code) and not has_figure and not header_text(cells["All ages"]):
                continue
            cells["Code"], cells["Name"] = code, header_text(cells["Name"])
            table.rows.append((f"{MYE_SHEET}!{n}", cells))
        return table

    @staticmethod
    def _period(title_rows, cover: str | None, cover_rows) -> tuple[int, str]:
        """The mid-year the workbook states: the sheet's title, checked against the cover sheet."""

        def first_statement(sheet: str, rows) -> tuple[int, str] | None:
            """The mid-year named in a sheet's title: its first non-empty row (later lines may mention other
            years, e.g. a back series)."""
            for i, r in enumerate(rows, start=1):
                cells = [(j, value) for j, value in enumerate(r or (), start=1) if header_text(value)]
                if not cells:
                    continue
                for j, value in cells:
                    years = {int(a or b) for a, b in _MID_IN_TEXT.findall(str(value))}
                    if len(years) > 1:
                        raise FileProblem(
                            _(
                                "Cell %(cell)s of the sheet “%(sheet)s” names several mid-years (%(years)s): the "
                                "importer reads a workbook of one mid-year's estimates; nothing was written."
                            )
                            % {
                                "cell": f"{_cell(j)}{i}",
                                "sheet": sheet,
                                "years": ", ".join(f"mid-{y}" for y in sorted(years)),
                            }
                        )
                    if years:
                        return years.pop(), _("sheet “%(sheet)s”, cell %(cell)s") % {
                            "sheet": sheet,
                            "cell": f"{_cell(j)}{i}",
                        }
                return None
            return None

        title = first_statement(MYE_SHEET, title_rows)
        on_cover = first_statement(cover, cover_rows) if cover else None
        if title and on_cover and title[0] != on_cover[0]:
            raise FileProblem(
                _(
                    "The workbook contradicts itself: the title of %(title_at)s says mid-%(title)s but %(cover_at)s "
                    "says mid-%(cover)s. Check you have the release you meant; nothing was written."
                )
                % {"title_at": title[1], "title": title[0], "cover_at": on_cover[1], "cover": on_cover[0]}
            )
        stated = title or on_cover
        if stated is None:
            raise FileProblem(
                _(
                    "The workbook does not say which mid-year its figures are for: neither the title of the sheet "
                    "“%(sheet)s” (its first line) nor the title of a cover sheet names one (“mid-2022”, for example); "
                    "nothing was written."
                )
                % {"sheet": MYE_SHEET}
            )
        return stated

    def records(self, table, ctx):
        year, stated_in = table.year, table.stated_in
        period, start = f"mid-{year}", dt.date(year, 6, 30)
        name = getattr(ctx, "file_name", "") or ""
        if (m := _ONS_FILE_NAME.search(name)) and 2000 + int(m[1]) != year:
            yield Problem(
                None,
                _(
                    "The file's name “%(name)s” says mid-%(named)s (ONS names this workbook “mye%(yy)s…”), but the "
                    "workbook says %(period)s (%(where)s). Check you have the release you meant; nothing was written."
                )
                % {"name": name, "named": 2000 + int(m[1]), "yy": m[1], "period": period, "where": stated_in},
            )
            return
        given = getattr(ctx, "period", "") or ""
        if given and (parsed := mid_year_period(given)) and parsed[0] != period:
            yield Problem(
                None,
                _(
                    "You said the figures are for %(given)s, but the workbook says %(period)s (%(where)s); nothing "
                    "was written."
                )
                % {"given": parsed[0], "period": period, "where": stated_in},
            )
            return
        seen: dict[str, object] = {}
        for row, r in table.rows:
            code = r["Code"]
            if code in seen:
                yield Problem(
                    row,
                    _(
                        "Duplicate row: the code %(code)s (column “Code” of the sheet “%(sheet)s”) was already given "
                        "on row %(row)s."
                    )
                    % {"code": code, "sheet": MYE_SHEET, "row": str(seen[code]).rsplit("!", 1)[-1]},
                )
                continue
            seen[code] = row
            v = self.value(row, r["All ages"], "All ages")
            if isinstance(v, Problem):
                yield v
                continue
            yield Obs(
                indicator="population-mid-year",
                area_code=code,
                area_name=r["Name"].title(),
                period=period,
                period_start=start,
                value=v[0],
                status=v[1],
                flag=v[2],
                row=row,
            )
