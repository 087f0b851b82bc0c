"""ONS mid-year population estimates (mid-2022 UK, mid-2023 England and Wales)."""

from __future__ import annotations

import datetime as dt
import re

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
    """The reshaped CSV copies carry no period: the person importing says which mid-year it is."""

    publisher = "Office for National Statistics"
    value_column = ""
    indicators = INDICATORS
    code_column = "Code"
    period_source = _("the period you gave")
    period_given = True

    def given_period(self, ctx):
        text = (getattr(ctx, "period", "") or "").strip().lower()
        m = re.fullmatch(r"(?:mid[- ]?)?((?:19|20)\d\d)", text)
        return (f"mid-{m[1]}", dt.date(int(m[1]), 6, 30)) if m else None

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
