"""English Indices of Deprivation, local authority district summaries (2019 and 2025)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from .base import Importer, Obs, Problem, ragged

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
            for column, (indicator, unit, _name, _d) in MEASURES.items():
                v = self.value(row, r[column], column)
                if isinstance(v, Problem):
                    yield v
                    continue
                value = v[0] * 100 if (unit == "percent" and v[0] is not None) else v[0]
                yield Obs(
                    indicator=indicator,
                    area_code=code,
                    area_name=r[self.name_column],
                    period=str(self.year),
                    period_start=dt.date(self.year, 9, 1),
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
