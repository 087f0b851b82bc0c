"""English Indices of Deprivation, local authority district summaries (2019 and 2025): the reshaped long CSV copies
and MHCLG's own workbook (File 10), one sheet per domain."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _

from .base import FileProblem, Importer, Obs, Problem, Table, header_text, is_xlsx, open_workbook, ragged, sheet_rows

MEASURES = {
    "rank_average_score": (
        "iod-rank-of-average-score",
        "rank",
        "Rank of average score",
        "Rank of the district's population-weighted average LSOA score among English districts (1 = most deprived).",
    ),
    "average_score": (
        "iod-average-score",
        "score",
        "Average score",
        "Population-weighted average of the district's LSOA scores.",
    ),
    "proportion_bottom_decile": (
        "iod-proportion-most-deprived-decile",
        "percent",
        "Share of LSOAs in the most deprived 10%",
        "Proportion of the district's LSOAs among the 10% most deprived in England (stored as a percentage).",
    ),
}


def _indicators():
    out = {}
    for i, (code, unit, name, definition) in enumerate(MEASURES.values()):
        out[code] = {
            "name": f"Indices of Deprivation: {name.lower()}",
            "definition": f"{definition} For the Index of Multiple Deprivation and each of its domains.",
            "unit": unit,
            "source": "English Indices of Deprivation, local authority district summaries (File 10)",
            "publisher": "Ministry of Housing, Communities and Local Government",
            "source_url": "https://www.gov.uk/government/collections/english-indices-of-deprivation",
            "geography": "English local authority districts (2019 boundaries for 2019; 2024 boundaries for 2025)",
            "period_covered": "2019, 2025",
            "caveats": "England only; ranks are relative and cannot be compared across editions as changes in "
            "absolute deprivation. Districts merged after 2019 keep their own 2019 figures under their former codes.",
            "disaggregation": "index_domain",
            "theme_codes": ["T2", "T4"],
            "domains": ["ho-work", "ho-housing", "ho-education", "ho-health"],
            "order": 70 + i,
        }
    return out


class _IoD(Importer):
    period_source = _("the edition its columns name (IoD 2019: lad19cd; IoD 2025: area_code)")
    publisher = "MHCLG"
    indicators = _indicators()
    code_column = ""
    name_column = ""
    year = 0

    def records(self, table, ctx):
        seen: dict[tuple, int] = {}
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            code, domain = r[self.code_column].strip(), r["index_domain"].strip()
            if (code, domain) in seen:
                yield Problem(
                    row, _("Duplicate of row %(row)s (same area and domain).") % {"row": seen[(code, domain)]}
                )
                continue
            seen[(code, domain)] = row
            yield from self.observations(row, r, code, r[self.name_column], domain, self.year)

    def observations(self, row, r: dict, code: str, name: str, domain: str, year: int, headers=None):
        """The three measures of one district and domain (the share of LSOAs stored as a percentage); `headers`
        names the columns as the file does, for messages."""
        for column, (indicator, unit, _name, _d) in MEASURES.items():
            v = self.value(row, r[column], (headers or {}).get(column, column))
            if isinstance(v, Problem):
                yield v
                continue
            value = v[0] * 100 if (unit == "percent" and v[0] is not None) else v[0]
            yield Obs(
                indicator=indicator,
                area_code=code,
                area_name=name,
                period=str(year),
                period_start=dt.date(year, 9, 1),
                value=value,
                status=v[1],
                flag=v[2],
                row=row,
                disaggregation="index_domain",
                category=domain,
            )


class IoD2019(_IoD):
    name = "mhclg_iod2019_lad"
    label = _("English Indices of Deprivation 2019, local authority summaries")
    required = ("lad19cd", "lad19nm", "index_domain", "rank_average_score", "average_score", "proportion_bottom_decile")
    code_column, name_column, year = "lad19cd", "lad19nm", 2019


class IoD2025(_IoD):
    name = "mhclg_iod2025_lad"
    label = _("English Indices of Deprivation 2025, local authority summaries")
    required = (
        "area_code",
        "area_name",
        "index_domain",
        "rank_average_score",
        "average_score",
        "proportion_bottom_decile",
    )
    code_column, name_column, year = "area_code", "area_name", 2025


# MHCLG's File 10 workbook: a Notes sheet, then one sheet per domain, each with its header on row 1: district code,
# district name, then "<prefix> - Average rank", "- Rank of average rank", "- Average score", "- Rank of average
# score", "- Proportion of LSOAs in most deprived 10% nationally", "- Rank of proportion ..." (the IMD sheet adds
# "IMD <edition> - Extent" and "- Local concentration"; Income and Employment add their scales).
FILE10_SHEETS = {
    "IMD": "IMD",
    "Income": "Income",
    "Employment": "Employment",
    "Education": "Education, Skills and Training",
    "Health": "Health Deprivation and Disability",
    "Crime": "Crime",
    "Barriers": "Barriers to Housing and Services",
    "Living": "Living Environment",
    "IDACI": "IDACI",
    "IDAOPI": "IDAOPI",
}
FILE10_MEASURES = {
    "average_score": "Average score",
    "rank_average_score": "Rank of average score",
    "proportion_bottom_decile": "Proportion of LSOAs in most deprived 10% nationally",
}
# The domain names the long CSV copies give (and so the categories already stored), per edition.
_SAME = {
    "IMD": "Index of Multiple Deprivation",
    "Crime": "Crime",
    "Barriers": "Barriers to Housing and Services",
    "IDACI": "Income Deprivation Affecting Children",
    "IDAOPI": "Income Deprivation Affecting Older People",
}
FILE10_DOMAINS = {
    2019: {
        **_SAME,
        "Income": "Income",
        "Employment": "Employment",
        "Education": "Education, Skills and Training",
        "Health": "Health and Disability",
        "Living": "Living Environment",
    },
    2025: {
        **_SAME,
        "Income": "Income Deprivation",
        "Employment": "Employment Deprivation",
        "Education": "Education, Skills and Training Deprivation",
        "Health": "Health Deprivation and Disability",
        "Living": "Living Environment Deprivation",
    },
}
# Each edition names its districts by the boundaries it uses: IoD2019 those of 2019, IoD2025 those of 2024.
EDITION_OF_BOUNDARIES = {2019: 2019, 2024: 2025}
_CODE_HEAD = re.compile(r"^Local Authority District code \((\d{4})\)$", re.IGNORECASE)
_EDITION_HEAD = re.compile(r"^IMD ((?:19|20)\d\d) - ", re.IGNORECASE)
_EDITION_NOTE = re.compile(r"(?:Indices of Deprivation|IoD)\s?((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_GSS = re.compile(r"^E\d{8}$")


class _File10Table(Table):
    def __init__(self, header, *, edition: int, stated_in: str):
        super().__init__(header=header)
        self.edition, self.stated_in = edition, stated_in


class IoDWorkbook(_IoD):
    """MHCLG's "File 10: local authority district summaries (lower-tier)" workbook, IoD2019 or IoD2025, as published.
    The edition is read from the file: the district-code column's boundary year ("(2019)" for IoD2019, "(2024)" for
    IoD2025), checked against the IMD sheet's "IMD <edition> - ..." columns and the Notes sheet where they name one,
    and against the file's name. Rows are numbered `<sheet>!N`."""

    name = "mhclg_iod_file10_workbook"
    label = _("MHCLG English Indices of Deprivation, File 10 local authority district summaries workbook, as published")
    period_source = _(
        "the column “Local Authority District code (YYYY)” of each sheet (2019 districts: IoD2019; 2024 districts: "
        "IoD2025)"
    )
    code_column = "Local Authority District code"
    required = ()

    def recognise(self, header):
        return False

    def recognise_workbook(self, content: bytes) -> bool:
        wb = open_workbook(content)
        try:
            if "IMD" not in wb.sheetnames:
                return False
            first = next(wb["IMD"].iter_rows(min_row=1, max_row=1, max_col=1, values_only=True), (None,))
            return bool(_CODE_HEAD.match(header_text(first[0] if first else None)))
        finally:
            wb.close()

    def read(self, content: bytes) -> Table:
        if not is_xlsx(content):
            raise FileProblem(_("The indices of deprivation workbook importer reads .xlsx spreadsheets."))
        wb = open_workbook(content)
        try:
            missing = [sheet for sheet in FILE10_SHEETS if sheet not in wb.sheetnames]
            if missing:
                raise FileProblem(
                    _(
                        "The workbook has no sheet named %(sheets)s: File 10 of the indices of deprivation has one "
                        "sheet per domain (%(all)s); nothing was written."
                    )
                    % {"sheets": ", ".join(f"“{s}”" for s in missing), "all": ", ".join(FILE10_SHEETS)}
                )
            sheets = {sheet: sheet_rows(wb[sheet], sheet) for sheet in FILE10_SHEETS}
            notes = next((n for n in wb.sheetnames if n.strip().lower() == "notes"), None)
            note_rows = sheet_rows(wb[notes], notes)[:60] if notes else []
        finally:
            wb.close()
        read_sheets, boundaries = {}, {}
        for sheet, rows in sheets.items():
            at = next((i for i, r in enumerate(rows[:10]) if r and _CODE_HEAD.match(header_text(r[0]))), None)
            if at is None:
                raise FileProblem(
                    _(
                        "The sheet “%(sheet)s” has no header row starting with “Local Authority District code "
                        "(YYYY)” in its first 10 rows; nothing was written."
                    )
                    % {"sheet": sheet}
                )
            header = [header_text(h) for h in rows[at]]
            boundary = int(_CODE_HEAD.match(header[0])[1])
            boundaries[sheet] = boundary
            wanted = {"name": f"Local Authority District name ({boundary})"}
            wanted.update({key: f"{FILE10_SHEETS[sheet]} - {text}" for key, text in FILE10_MEASURES.items()})
            index, lacking = {}, []
            for key, text in wanted.items():
                # matched on the part after the domain prefix, so a reworded prefix is still read
                suffix = text if key == "name" else f" - {FILE10_MEASURES[key]}"
                found = next(
                    (i for i, h in enumerate(header) if (h == suffix if key == "name" else h.endswith(suffix))), None
                )
                if found is None:
                    lacking.append(text)
                index[key] = found
            if lacking:
                raise FileProblem(
                    _(
                        "The sheet “%(sheet)s” (header on row %(row)s) lacks the column %(missing)s; nothing was written."
                    )
                    % {"sheet": sheet, "row": at + 1, "missing": ", ".join(f"“{c}”" for c in lacking)}
                )
            read_sheets[sheet] = (at, header, index, rows)
        edition, stated_in = self._edition(boundaries, read_sheets["IMD"][1], notes, note_rows)
        table = _File10Table(header=["sheet", "code", "name", *FILE10_MEASURES], edition=edition, stated_in=stated_in)
        for sheet, (at, _header, index, rows) in read_sheets.items():
            for n, r in enumerate(rows[at + 1 :], start=at + 2):
                cells = {key: (r[i] if i < len(r) else None) for key, i in index.items()}
                code = header_text(r[0] if r else None)
                has_figure = any(isinstance(cells[k], (int, float)) for k in FILE10_MEASURES)
                if not has_figure and not _GSS.match(code):
                    continue  # blank rows and notes under the table
                table.rows.append(
                    (
                        f"{sheet}!{n}",
                        {
                            "sheet": sheet,
                            "code": code,
                            "name": header_text(cells.pop("name")),
                            "index_domain": FILE10_DOMAINS[edition][sheet],
                            **cells,
                        },
                    )
                )
        return table

    @staticmethod
    def _edition(boundaries: dict, imd_header: list[str], notes: str | None, note_rows) -> tuple[int, str]:
        years = set(boundaries.values())
        if len(years) > 1:
            first, *rest = sorted(boundaries.items(), key=lambda kv: kv[1])
            other = next(kv for kv in rest if kv[1] != first[1])
            raise FileProblem(
                _(
                    "The sheets name districts of different years: “%(a)s” has “Local Authority District code "
                    "(%(ay)s)”, “%(b)s” has “(%(by)s)”. A File 10 workbook is of one edition; nothing was written."
                )
                % {"a": first[0], "ay": first[1], "b": other[0], "by": other[1]}
            )
        boundary = years.pop()
        statements = []
        if boundary in EDITION_OF_BOUNDARIES:
            statements.append(
                (
                    EDITION_OF_BOUNDARIES[boundary],
                    _("the column “Local Authority District code (%(year)s)”") % {"year": boundary},
                )
            )
        for h in imd_header:
            if m := _EDITION_HEAD.match(h):
                statements.append((int(m[1]), _("the column “%(column)s” of the sheet “IMD”") % {"column": h}))
                break
        # the Notes sheet's title (its first non-empty row; later notes may mention earlier editions)
        for i, r in enumerate(note_rows, start=1):
            text = header_text(" ".join(str(c) for c in (r or ()) if c is not None))
            if not text:
                continue
            if m := _EDITION_NOTE.search(text):
                statements.append((int(m[1]), _("the sheet “%(sheet)s”, row %(row)s") % {"sheet": notes, "row": i}))
            break
        if not statements or statements[0][0] not in FILE10_DOMAINS:
            raise FileProblem(
                _(
                    "The workbook's districts are those of %(year)s, which is not the boundary year of an edition the "
                    "platform reads (IoD2019: 2019 districts; IoD2025: 2024 districts); nothing was written."
                )
                % {"year": boundary}
            )
        for year, where in statements[1:]:
            if year != statements[0][0]:
                raise FileProblem(
                    _(
                        "The workbook contradicts itself: %(a_where)s says IoD%(a)s but %(b_where)s says IoD%(b)s. "
                        "Check you have the edition you meant; nothing was written."
                    )
                    % {"a_where": statements[0][1], "a": statements[0][0], "b_where": where, "b": year}
                )
        return statements[0]

    def records(self, table, ctx):
        edition = table.edition
        seen: dict[tuple, object] = {}
        for row, r in table.rows:
            key = (r["sheet"], r["code"])
            if key in seen:
                yield Problem(
                    row,
                    _(
                        "Duplicate row: the district %(code)s (column “Local Authority District code” of the sheet "
                        "“%(sheet)s”) was already given on row %(row)s."
                    )
                    % {"code": r["code"], "sheet": r["sheet"], "row": str(seen[key]).rsplit("!", 1)[-1]},
                )
                continue
            seen[key] = row
            headers = {key: f"{FILE10_SHEETS[r['sheet']]} - {text}" for key, text in FILE10_MEASURES.items()}
            yield from self.observations(row, r, r["code"], r["name"], r["index_domain"], edition, headers)
