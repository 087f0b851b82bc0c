"""ONS's Census 2021 "How well do you know your area?" quiz extract: selected counts per local authority."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from .base import Importer, Problem, ragged
from .census import CENSUS_CAVEAT, COB_CAVEAT, census_obs

QUIZ_URL = "https://github.com/ONSvisual/census-quiz"
# column prefix -> (indicator code, breakdown, name, definition, caveat, themes, domains)
GROUPS = {
    "language_": (
        "census21-main-language-selected",
        "main_language",
        "Main language (selected languages), Census 2021",
        "Usual residents aged 3 and over whose main language is each of the languages ONS chose for its local quiz (TS024 detail).",
        "Only the languages in ONS's quiz extract; everyone else is not shown.",
        ["T3", "T4"],
        ["ho-language"],
    ),
    "passport_country_": (
        "census21-passports-by-country",
        "passport_held",
        "Passports held (selected countries), Census 2021",
        "Usual residents holding a passport of each country in ONS's quiz extract, and those holding no passport (TS005 detail).",
        "Only the countries in ONS's quiz extract. Passports held is not nationality or immigration status.",
        ["T5"],
        ["ho-rights"],
    ),
    "birth_country_": (
        "census21-country-of-birth-selected",
        "country_of_birth",
        "Country of birth (selected countries), Census 2021",
        "Usual residents born in each of the countries in ONS's quiz extract (TS012 detail).",
        f"Only the countries in ONS's quiz extract. {COB_CAVEAT}",
        ["T1", "T3"],
        ["ho-bonds"],
    ),
    "nationality_": (
        "census21-national-identity-selected",
        "national_identity",
        "National identity (selected identities), Census 2021",
        "Usual residents giving each national identity in ONS's quiz extract (TS027 detail); people may give more than one.",
        "Self-described identity, not nationality or citizenship; identities overlap, so do not add them up.",
        ["T1", "T5"],
        ["sc-identity"],
    ),
}
OTHER = {"no_passport_total": ("census21-passports-by-country", "No passport")}


def label(suffix: str) -> str:
    """'SouthAfrica' -> 'South Africa', 'USA' stays, 'AnyUK' -> 'Any UK'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", suffix)


class CensusQuiz(Importer):
    period_source = _("the table (Census 2021)")
    name = "ons_census2021_quiz"
    label = _("ONS Census 2021 area quiz extract, local authorities (selected languages, passports, countries)")
    publisher = "Office for National Statistics"
    required = ("code", "name", "population_total", "born_outside_UK_total", "no_passport_total")
    indicators = {
        code: {
            "name": name,
            "definition": definition,
            "unit": "count",
            "source": "Census 2021, ONS census area quiz data (census-quiz-data-2021-v9.csv)",
            "source_url": QUIZ_URL,
            "geography": "Local authority districts (2021), England, Wales, England and Wales",
            "period_covered": "2021",
            "caveats": f"{caveat} {CENSUS_CAVEAT}",
            "disaggregation": disagg,
            "theme_codes": themes,
            "domains": domains,
            "order": 40 + i,
        }
        for i, (code, disagg, name, definition, caveat, themes, domains) in enumerate(GROUPS.values())
    }

    def records(self, table, ctx):
        columns = []
        for column in table.header:
            if column in OTHER:
                columns.append((column, *OTHER[column]))
                continue
            for prefix, spec in GROUPS.items():
                if column.startswith(prefix) and column.endswith("_total"):
                    columns.append((column, spec[0], label(column[len(prefix) : -len("_total")])))
        disagg = {spec[0]: spec[1] for spec in GROUPS.values()}
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            for column, indicator, category in columns:
                v = self.value(row, r[column], column)
                if isinstance(v, Problem):
                    yield v
                    continue
                yield census_obs(
                    indicator=indicator,
                    area_code=r["code"].strip(),
                    area_name=r["name"],
                    value=v[0],
                    status=v[1],
                    flag=v[2],
                    row=row,
                    disaggregation=disagg[indicator],
                    category=category,
                )
