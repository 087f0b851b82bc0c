"""Nomis bulk downloads of Census 2021 topic tables, in the publisher's own layout.

Every table (`census2021-tsNNN-<geography>.csv`) has the columns `date`, `geography`, `geography code`, then one
column per category, named `<classification>: <category path>` (optionally followed by `; measures: Value`),
e.g. `Country of birth: Europe: United Kingdom; measures: Value`. The first category column is the total.
The period is read from the `date` column of each row. A category that other categories break down further
(e.g. "Europe" above "Europe: United Kingdom") is a subtotal, and says so.

TS012 (country of birth, detailed) fills the same indicators as the reshaped TS012 copy, with the same category
codes (the path in snake_case), so a Nomis download of a later correction revises those figures. Any other
topic table fills an indicator named after its classification (`census21-<classification>`).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _

from .base import CENSUS_DAY, FileProblem, Importer, Obs, Problem, ragged
from .census import CountryOfBirthDetailed

NOMIS = "https://www.nomisweb.co.uk/sources/census_2021_bulk"
FIRST = ("date", "geography", "geography code")
_MEASURE = re.compile(r";\s*measures:\s*value\s*$", re.IGNORECASE)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def split_column(column: str) -> tuple[str, list[str]] | None:
    """("Country of birth", ["Europe", "United Kingdom"]) for "Country of birth: Europe: United Kingdom; ..."."""
    text = _MEASURE.sub("", column).strip()
    parts = [p.strip() for p in text.split(": ")]
    if len(parts) < 2 or not all(parts):
        return None
    return parts[0], parts[1:]


class NomisCensus(Importer):
    name = "nomis_census2021"
    label = _(
        "Nomis bulk download of a Census 2021 topic table (date, geography, geography code, one column per category)"
    )
    publisher = "Office for National Statistics"
    code_column = "geography code"
    period_source = _("the column “date”")
    indicators = dict(CountryOfBirthDetailed.indicators)  # grows with each classification read (see _indicator)

    def recognise(self, header: list[str]) -> bool:
        if [h.strip().lower() for h in header[:3]] != list(FIRST) or len(header) < 5:
            return False
        return all(split_column(h) for h in header[3:])

    def _indicator(self, classification: str, n_categories: int) -> tuple[str, str, str]:
        """(indicator for the breakdown, indicator for the total, disaggregation)."""
        if slug(classification) == "country_of_birth" and n_categories > 20:
            return "census21-country-of-birth", "census21-usual-residents", "country_of_birth"
        code = f"census21-{slug(classification).replace('_', '-')}"[:100]
        if code not in self.indicators:
            self.indicators[code] = {
                "name": f"{classification} (Census 2021)",
                "definition": f"Usual residents by {classification.lower()}, as Nomis publishes the table. The total "
                "is stored without a category; subtotals are marked.",
                "unit": "count",
                "source": f"Census 2021 topic table: {classification}",
                "source_url": NOMIS,
                "geography": "As in the file (local authorities, MSOAs, ...)",
                "period_covered": "2021",
                "caveats": "ONS perturbs small cells to protect confidentiality, so sums may differ slightly from totals.",
                "disaggregation": slug(classification)[:60],
                "theme_codes": [],
                "domains": [],
                "order": 60,
                "publisher": self.publisher,
            }
        return code, code, slug(classification)[:60]

    def records(self, table, ctx):
        header = table.header
        columns = []
        classifications = set()
        for column in header[3:]:
            classification, path = split_column(column)
            classifications.add(classification)
            columns.append((column, path))
        if len(classifications) != 1:
            raise FileProblem(
                _("A Nomis table has one classification; this file's columns name %(n)s: %(names)s.")
                % {"n": len(classifications), "names": ", ".join(sorted(classifications))}
            )
        classification = classifications.pop()
        total_column, total_path = columns[0]
        if total_path[0].lower() != "total":
            yield Problem(
                1,
                _(
                    "The Nomis layout starts its categories with the total, “%(c)s: Total; measures: Value”; column "
                    "4 of this file is “%(found)s”. The column is missing."
                )
                % {"c": classification, "found": total_column},
            )
            return
        categories = columns[1:]
        joined = [": ".join(path) for _c, path in categories]
        subtotal = {j for j in joined if any(o.startswith(j + ": ") for o in joined)}
        indicator, total_indicator, disaggregation = self._indicator(classification, len(categories))
        first_date = None
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            date = r["date"].strip()
            if not re.fullmatch(r"\d{4}", date):
                yield Problem(row, _("“%(v)s” in column “date” is not a year.") % {"v": date})
                continue
            if first_date is None:
                first_date = (date, row)
            elif date != first_date[0]:
                yield Problem(
                    row,
                    _("Column “date” says %(d)s here but %(first)s on row %(row)s: a Census table has one date.")
                    % {"d": date, "first": first_date[0], "row": first_date[1]},
                )
                continue
            year = int(date)
            start = CENSUS_DAY if year == 2021 else dt.date(year, 3, 21)
            code, name = r["geography code"].strip(), r["geography"].strip()
            v = self.value(row, r[total_column], total_column)
            if isinstance(v, Problem):
                yield v
                continue
            yield Obs(
                indicator=total_indicator,
                area_code=code,
                area_name=name,
                period=date,
                period_start=start,
                value=v[0],
                status=v[1],
                flag=v[2],
                row=row,
            )
            for (column, path), text in zip(categories, joined, strict=True):
                v = self.value(row, r[column], column)
                if isinstance(v, Problem):
                    yield v
                    continue
                yield Obs(
                    indicator=indicator,
                    area_code=code,
                    area_name=name,
                    period=date,
                    period_start=start,
                    value=v[0],
                    status=v[1],
                    flag=v[2],
                    row=row,
                    disaggregation=disaggregation,
                    category=slug(text)[:250],
                    category_label=path[-1],
                    is_subtotal=text in subtotal,
                )
