"""ONS mid-year population estimates (mid-2022 UK, mid-2023 England and Wales)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from .base import Importer, Obs, Problem, ragged

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


class _MidYear(Importer):
    publisher = "Office for National Statistics"
    year = 0
    value_column = ""
    indicators = INDICATORS

    def records(self, table, ctx):
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
                period=f"mid-{self.year}",
                period_start=dt.date(self.year, 6, 30),
                value=v[0],
                status=v[1],
                flag=v[2],
                row=row,
            )


class MidYear2022(_MidYear):
    name = "ons_mye_2022_uk"
    label = _("ONS mid-2022 population estimates, UK local authorities")
    required = ("Code", "Name", "Geography", "Population")
    year, value_column = 2022, "Population"


class MidYear2023(_MidYear):
    name = "ons_mye_2023_ew"
    label = _("ONS mid-2023 population estimates, England and Wales local authorities")
    required = ("Code", "Name", "Geography", "All ages")
    year, value_column = 2023, "All ages"
