"""Census 2021 small-area counts (output areas, LSOAs, MSOAs) for segregation and diversity indices."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import CENSUS_DAY, Importer, Obs, Problem, SmallArea, ragged
from .census import CENSUS_CAVEAT, COB_CAVEAT, NOMIS

LEVELS = {"Output Area": "oa", "LSOA": "lsoa", "MSOA": "msoa"}
LA_PREFIXES = ("E06", "E07", "E08", "E09", "W06")
COB_CATEGORIES = {"Born in the UK": "born_uk", "Born outside the UK": "born_outside_uk", "Total": "total"}


class CountryOfBirthSmallAreas(Importer):
    """TS004 (3 categories) for OAs, LSOAs, MSOAs, and local authorities, regions and the nation in the file.

    Small areas become `SmallAreaCount` rows (variable "country_of_birth_3a", categories born_uk,
    born_outside_uk, total); local authority, region and national rows become observations of
    "census21-country-of-birth-3a" (counts).
    """

    name = "census2021_ts004_small_areas"
    label = _("Census 2021 TS004 country of birth (3 categories), output areas to nation")
    publisher = "Office for National Statistics"
    required = (
        "Geography code",
        "Geography label",
        "Geography area type",
        "Parent area code",
        "Born in the UK",
        "Born outside the UK",
        "Total",
    )
    indicators = {
        "census21-country-of-birth-3a": {
            "name": "Born in the UK and born outside the UK (counts), Census 2021",
            "definition": "Usual residents born in the UK and born outside the UK (TS004, 3-category version).",
            "unit": "count",
            "source": "Census 2021, TS004 Country of birth (ONS dot-density map data)",
            "source_url": NOMIS,
            "geography": "Local authority districts (2021), counties, regions, England and Wales",
            "period_covered": "2021",
            "caveats": f"{COB_CAVEAT} {CENSUS_CAVEAT}",
            "disaggregation": "country_of_birth",
            "theme_codes": ["T1", "T3"],
            "domains": ["ho-bonds", "ho-bridges"],
            "order": 25,
        }
    }

    def records(self, table, ctx):
        parents: dict[str, str] = {}
        pending: list[tuple[int, dict, str]] = []
        seen: dict[str, int] = {}
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            code, kind = r["Geography code"].strip(), r["Geography area type"].strip()
            if code in seen:
                yield Problem(row, _("Duplicate of row %(row)s (area %(code)s).") % {"row": seen[code], "code": code})
                continue
            seen[code] = row
            parents[code] = r["Parent area code"].strip()
            counts = self.counts(row, r, COB_CATEGORIES)
            if isinstance(counts, Problem):
                yield counts
            else:
                if counts["Born in the UK"] + counts["Born outside the UK"] != counts["Total"]:
                    yield Problem(row, _("Born in the UK + born outside the UK does not equal Total."))
                    continue
                if kind in LEVELS:
                    pending.append((row, r, kind))
                else:
                    for column, category in (
                        ("Total", ""),
                        ("Born in the UK", "Born in the UK"),
                        ("Born outside the UK", "Born outside the UK"),
                    ):
                        yield Obs(
                            indicator="census21-country-of-birth-3a",
                            area_code=code,
                            area_name=r["Geography label"],
                            period="2021",
                            period_start=CENSUS_DAY,
                            value=float(counts[column]),
                            row=row,
                            disaggregation="country_of_birth" if category else "",
                            category=category,
                        )
        for row, r, kind in pending:
            code = r["Geography code"].strip()
            la = (r.get("ltla21_code") or "").strip()
            if not la:
                la, hops = parents.get(code, ""), 0
                while la and not la.startswith(LA_PREFIXES) and hops < 4:
                    la, hops = parents.get(la, ""), hops + 1
            if not la.startswith(LA_PREFIXES):
                yield Problem(
                    row, _("Cannot find the local authority of %(code)s through its parent areas.") % {"code": code}
                )
                continue
            for column, category in COB_CATEGORIES.items():
                yield SmallArea(
                    area_code=code,
                    area_name=r["Geography label"].strip(),
                    level=LEVELS[kind],
                    parent_code=parents[code],
                    la_code=la,
                    variable="country_of_birth_3a",
                    category=category,
                    count=int(float(r[column])),
                    row=row,
                )


class _MsoaCounts(Importer):
    publisher = "Office for National Statistics"
    variable = ""
    columns: tuple[str, ...] = ()
    indicators = {}

    def records(self, table, ctx):
        seen: dict[str, int] = {}
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            code = r["msoa21_code"].strip()
            if code in seen:
                yield Problem(row, _("Duplicate of row %(row)s (area %(code)s).") % {"row": seen[code], "code": code})
                continue
            seen[code] = row
            la = r["ltla21_code"].strip()
            if not ctx.known_area(la):
                yield Problem(row, _("Unknown local authority code “%(code)s”.") % {"code": la})
                continue
            for column in self.columns:
                n = self.count(row, r[column], column)
                if isinstance(n, Problem):
                    yield n
                    continue
                yield SmallArea(
                    area_code=code,
                    area_name=r["msoa21_name"].strip(),
                    level="msoa",
                    parent_code=la,
                    la_code=la,
                    variable=self.variable,
                    category=column,
                    count=n,
                    row=row,
                )


class MigrantIndicatorMsoa(_MsoaCounts):
    name = "census2021_ts019_msoa"
    label = _("Census 2021 TS019 migrant indicator, MSOAs")
    required = ("msoa21_code", "msoa21_name", "ltla21_code", "all_usual_residents", "migrant_from_outside_uk")
    variable = "migrant_indicator"
    columns = (
        "all_usual_residents",
        "address_one_year_ago_is_the_same",
        "address_one_year_ago_is_student_or_boarding",
        "migrant_from_within_uk",
        "migrant_from_outside_uk",
    )


class EnglishProficiencyMsoa(_MsoaCounts):
    name = "census2021_ts029_msoa"
    label = _("Census 2021 TS029 proficiency in English, MSOAs")
    required = ("msoa21_code", "msoa21_name", "ltla21_code", "total_aged_3_plus", "not_english_cannot_speak")
    variable = "english_proficiency"
    columns = (
        "total_aged_3_plus",
        "main_language_english",
        "main_language_not_english",
        "not_english_can_speak_very_well",
        "not_english_can_speak_well",
        "not_english_cannot_speak_well",
        "not_english_cannot_speak",
    )
