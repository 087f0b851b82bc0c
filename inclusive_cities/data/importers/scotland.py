"""Scotland's Census 2022 output-area tables (National Records of Scotland), for a council's small-area indices.

The tables give one row per 2022 output area (`OA`, S00…) and one column per variable ID (`UV8010002`…); they do
not say which council an output area lies in, and the repository has no NRS lookup from output areas to council
areas. So the person importing names the council area and uploads NRS's lookup (the `OA_TO_HIGHER_AREAS.csv` of
the Census 2022 index, or any CSV with an OA2022 and a CA2019 column); only that council's output areas are
stored, and the report says which lookup file (and its checksum) placed them."""

from __future__ import annotations

import csv
import hashlib
import re
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import FileProblem, Importer, Problem, SmallArea, decompress, ragged, read_csv

METADATA = Path(__file__).resolve().parent.parent / "files" / "nrs_census2022_oa_table_metadata.csv"
NRS_URL = "https://www.scotlandscensus.gov.uk/documents/2022-output-area-data/"
PERIOD = "2022"  # census day, 20 March 2022
VARIABLE = re.compile(r"^(UV\d{3})\d{4}$")
OA_CODE = re.compile(r"^S00\d{6}$")
COUNCIL_CODE = re.compile(r"^S12\d{6}$")
LOOKUP_OA = ("OA2022", "OutputArea2022Code", "OA22", "OA22CD")
LOOKUP_CA = ("CA2019", "CouncilArea2019Code", "CA19", "CA19CD")
# UV801 Year of arrival in UK: born in the UK, and the arrival bands (born outside the UK), for the segregation
# indices every council's profile shows (the same variable as England and Wales' Census 2021 TS004).
ARRIVAL_TABLE, BORN_UK, FIRST_BAND = "UV801", "UV8010002", 3


@cache
def table_metadata() -> dict[str, tuple[str, str]]:
    """Variable ID -> (table ID, label), from NRS's table metadata shipped with the data app."""
    with METADATA.open(encoding="utf-8-sig", newline="") as f:
        return {r["Variable_ID"]: (r["Table_ID"], r["Variable_Name"]) for r in csv.DictReader(f)}


def variable_name(table: str) -> str:
    return f"scotland_census2022_{table.lower()}"


class ScotlandCensusOA(Importer):
    name = "nrs_census2022_oa"
    label = gettext_lazy(
        "Scotland's Census 2022 output-area table (NRS; UV202, UV206, UV210, UV212, UV801, UV803), with the council "
        "area and NRS's output-area lookup"
    )
    publisher = "National Records of Scotland"
    period_source = gettext_lazy("the table (Scotland's Census 2022, census day 20 March 2022)")
    code_column = "OA"
    needs_area = True

    def recognise(self, header: list[str]) -> bool:
        return len(header) > 1 and header[0] == "OA" and all(VARIABLE.match(h) for h in header[1:])

    def _lookup(self, ctx) -> tuple[dict[str, str], list[Problem]]:
        """OA -> council area from the uploaded lookup file; problems name the lookup's rows and columns."""
        name = ctx.lookup_name or _("the lookup file")
        try:
            table = read_csv(decompress(ctx.lookup))
        except FileProblem as exc:
            return {}, [Problem(None, _("The lookup file “%(name)s”: %(error)s") % {"name": name, "error": exc})]
        oa_col = next((c for c in LOOKUP_OA if c in table.header), None)
        ca_col = next((c for c in LOOKUP_CA if c in table.header), None)
        if oa_col is None or ca_col is None:
            return {}, [
                Problem(
                    None,
                    _(
                        "The lookup file “%(name)s” needs a column for the 2022 output area (%(oa)s) and one for the "
                        "council area (%(ca)s); its columns are %(columns)s."
                    )
                    % {
                        "name": name,
                        "oa": " / ".join(LOOKUP_OA),
                        "ca": " / ".join(LOOKUP_CA),
                        "columns": ", ".join(table.header[:12]),
                    },
                )
            ]
        lookup: dict[str, str] = {}
        first: dict[str, int] = {}
        problems = []
        for row, r in table.rows:
            if "__ragged__" in r:
                problems.append(
                    Problem(
                        None,
                        _("Lookup file, row %(row)s: the row has a different number of cells than the header.")
                        % {"row": row},
                    )
                )
                continue
            oa, ca = r[oa_col].strip(), r[ca_col].strip()
            if oa in lookup and lookup[oa] != ca:
                problems.append(
                    Problem(
                        None,
                        _(
                            "Lookup file, row %(row)s, column “%(column)s”: output area %(oa)s is placed in %(ca)s, "
                            "but row %(first)s placed it in %(other)s."
                        )
                        % {"row": row, "column": ca_col, "oa": oa, "ca": ca, "first": first[oa], "other": lookup[oa]},
                    )
                )
                continue
            lookup[oa] = ca
            first.setdefault(oa, row)
        return lookup, problems

    def records(self, table, ctx):
        area = (ctx.area or "").strip()
        if not area or not ctx.lookup:
            yield Problem(
                None,
                _(
                    "A Scotland's Census output-area table does not say which council each output area lies in: give "
                    "the council area (for example S12000049, Glasgow City) and upload NRS's output-area lookup "
                    "(OA_TO_HIGHER_AREAS.csv from the Census 2022 index, columns OA2022 and CA2019)."
                ),
            )
            return
        resolved = ctx.resolver.resolve(area)
        if not COUNCIL_CODE.match(area) or resolved is None:
            yield Problem(
                None,
                _("“%(area)s” is not a Scottish council area code the platform knows (S12…, e.g. S12000049).")
                % {"area": area},
            )
            return
        area = resolved.code
        meta = table_metadata()
        columns = table.header[1:]
        unknown = [c for c in columns if c not in meta]
        tables = {meta[c][0] for c in columns if c in meta}
        if unknown or len(tables) != 1:
            yield Problem(
                1,
                _(
                    "The columns %(columns)s are not variables of one Scotland's Census 2022 table the platform knows "
                    "(%(known)s)."
                )
                % {
                    "columns": ", ".join(unknown[:6] or columns[:6]),
                    "known": ", ".join(sorted({t for t, _l in meta.values()})),
                },
            )
            return
        (table_id,) = tables
        expected = [v for v, (t, _l) in meta.items() if t == table_id]
        if missing := [v for v in expected if v not in columns]:
            yield Problem(
                1,
                _("Table %(table)s lacks the columns %(missing)s.")
                % {"table": table_id, "missing": ", ".join(f"“{m}”" for m in missing)},
            )
            return
        lookup, problems = self._lookup(ctx)
        yield from problems
        if problems:
            return
        councils = {ca: ctx.resolver.resolve(ca) for ca in set(lookup.values())}
        mine = {oa for oa, ca in lookup.items() if councils[ca] is not None and councils[ca].code == area}
        ctx.remark(
            _(
                "Output areas placed in %(area)s by the lookup file “%(name)s” (SHA-256 %(sha)s, %(n)s of its "
                "output areas in that council)."
            )
            % {
                "area": area,
                "name": ctx.lookup_name,
                "sha": hashlib.sha256(decompress(ctx.lookup)).hexdigest()[:16],
                "n": f"{len(mine):,}",
            }
        )
        if not mine:
            yield Problem(
                None,
                _("The lookup file “%(name)s” places no output area in %(area)s.")
                % {"name": ctx.lookup_name, "area": area},
            )
            return
        seen: dict[str, int] = {}
        elsewhere = 0
        variable = variable_name(table_id)
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            oa = r["OA"].strip()
            if not OA_CODE.match(oa):
                yield Problem(row, _("“%(code)s” in column “OA” is not a 2022 output area code (S00…).") % {"code": oa})
                continue
            if oa in seen:
                yield Problem(
                    row, _("Duplicate of row %(row)s (output area %(code)s).") % {"row": seen[oa], "code": oa}
                )
                continue
            seen[oa] = row
            if oa not in lookup:
                yield Problem(
                    row,
                    _("Output area %(code)s (column “OA”) is not in the lookup file “%(name)s”.")
                    % {"code": oa, "name": ctx.lookup_name},
                )
                continue
            if oa not in mine:
                elsewhere += 1
                continue
            counts = self.counts(row, r, expected)
            if isinstance(counts, Problem):
                yield counts
                continue
            for column in expected:
                yield self._small(oa, area, variable, meta[column][1], counts[column], row)
            if table_id == ARRIVAL_TABLE:
                total, uk = counts[expected[0]], counts[BORN_UK]
                outside = sum(counts[c] for c in expected[FIRST_BAND - 1 :])
                for category, n in (("total", total), ("born_uk", uk), ("born_outside_uk", outside)):
                    yield self._small(oa, area, "country_of_birth_3a", category, n, row)
        if absent := sorted(mine - set(seen)):
            yield Problem(
                None,
                _("%(n)s output areas the lookup places in %(area)s have no row in the file (e.g. %(codes)s).")
                % {"n": len(absent), "area": area, "codes": ", ".join(absent[:5])},
            )
        if elsewhere:
            ctx.remark(_("%(n)s rows of output areas in other council areas were left out.") % {"n": f"{elsewhere:,}"})

    @staticmethod
    def _small(oa, area, variable, category, count, row) -> SmallArea:
        return SmallArea(
            area_code=oa,
            area_name="",
            level="oa",
            parent_code=area,
            la_code=area,
            variable=variable,
            category=category[:100],
            count=count,
            row=row,
            period=PERIOD,
        )
