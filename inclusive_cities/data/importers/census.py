"""Census 2021 (England and Wales) local authority tables: TS012, the topic percentages, TS019, TS029."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import CENSUS_DAY, Importer, Obs, Problem, ragged

NOMIS = "https://www.nomisweb.co.uk/sources/census_2021_bulk"
GEO_2021 = "Local authority districts, 2021 boundaries (England and Wales)"
CENSUS_CAVEAT = (
    "Census figures describe usual residents on census day, 21 March 2021, during the coronavirus pandemic; "
    "ONS perturbs small cells to protect confidentiality, so sums may differ slightly from totals. Scotland's "
    "census was a year later and Northern Ireland's is published separately: neither is in these tables."
)
COB_CAVEAT = (
    "Country of birth is not citizenship: someone born abroad may be a British citizen, and someone born in the "
    "UK may not be (seed 002, section 7.2)."
)


_SMALL = {"and", "of", "the", "in", "that", "joined", "between", "not", "otherwise", "specified", "countries", "all"}


def path_labels(categories: set[str]) -> dict[str, tuple[str, bool]]:
    """For categories stored as snake_case paths (`europe_united_kingdom_england`): (readable label of the last
    part, whether other categories break it down, i.e. it is a subtotal)."""
    out = {}
    for cat in categories:
        parents = [p for p in categories if cat.startswith(p + "_")]
        parent = max(parents, key=len) if parents else ""
        own = cat[len(parent) + 1 :] if parent else cat
        words = [("EU" if w == "eu" else w if w in _SMALL else w.capitalize()) for w in own.split("_")]
        text = " ".join(words)
        out[cat] = (text[:1].upper() + text[1:], any(o.startswith(cat + "_") for o in categories))
    return out


def census_obs(**kw) -> Obs:
    return Obs(period="2021", period_start=CENSUS_DAY, **kw)


class CountryOfBirthDetailed(Importer):
    name = "census2021_ts012"
    label = _("Census 2021 TS012 country of birth (detailed), local authorities")
    publisher = "Office for National Statistics"
    required = ("ltla21_code", "ltla21_name", "total_usual_residents", "country_of_birth", "count")
    indicators = {
        "census21-usual-residents": {
            "name": "Usual residents (Census 2021)",
            "definition": "All usual residents of the area on census day (TS001).",
            "unit": "count",
            "source": "Census 2021, TS001 (as published with TS012)",
            "source_url": NOMIS,
            "geography": GEO_2021,
            "period_covered": "2021",
            "caveats": CENSUS_CAVEAT,
            "theme_codes": ["T1", "T4"],
            "domains": [],
            "order": 10,
        },
        "census21-country-of-birth": {
            "name": "Country of birth (detailed), Census 2021",
            "definition": (
                "Usual residents by country of birth, in the ONS hierarchy of continents, regions and countries. "
                "Categories include subtotals (e.g. 'Europe' includes 'United Kingdom'), so add up only the most "
                "detailed categories."
            ),
            "unit": "count",
            "source": "Census 2021, TS012 Country of birth (detailed)",
            "source_url": NOMIS,
            "geography": GEO_2021,
            "period_covered": "2021",
            "caveats": f"{COB_CAVEAT} {CENSUS_CAVEAT}",
            "disaggregation": "country_of_birth",
            "theme_codes": ["T1", "T3", "T4"],
            "domains": ["ho-bonds", "ho-bridges"],
            "order": 20,
        },
    }

    def records(self, table, ctx):
        totals: dict[str, tuple[str, int]] = {}
        labels = path_labels({r.get("country_of_birth", "").strip() for _row, r in table.rows} - {""})
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            code = r["ltla21_code"].strip()
            v = self.value(row, r["count"], "count")
            if isinstance(v, Problem):
                yield v
                continue
            total = self.value(row, r["total_usual_residents"], "total_usual_residents")
            if isinstance(total, Problem):
                yield total
                continue
            if code in totals and totals[code][1] != total[0]:
                yield Problem(
                    row,
                    _("total_usual_residents for %(code)s is %(a)s here but %(b)s on row %(row)s.")
                    % {"code": code, "a": total[0], "b": totals[code][1], "row": totals[code][0]},
                )
            elif code not in totals:
                totals[code] = (row, total[0])
                yield census_obs(
                    indicator="census21-usual-residents",
                    area_code=code,
                    value=total[0],
                    status=total[1],
                    flag=total[2],
                    row=row,
                    area_name=r["ltla21_name"],
                )
            yield census_obs(
                indicator="census21-country-of-birth",
                area_code=code,
                value=v[0],
                status=v[1],
                flag=v[2],
                row=row,
                disaggregation="country_of_birth",
                category=r["country_of_birth"].strip(),
                category_label=labels.get(r["country_of_birth"].strip(), ("", False))[0],
                is_subtotal=labels.get(r["country_of_birth"].strip(), ("", False))[1],
                area_name=r["ltla21_name"],
            )


TOPIC_INDICATORS = {
    "country_of_birth_3a": (
        "census21-born-outside-uk-pct",
        "Country of birth (UK / outside the UK), Census 2021",
        "country_of_birth",
        "TS004",
        ["T1", "T3"],
        ["ho-bonds", "ho-bridges"],
        COB_CAVEAT,
    ),
    "passports_all_4a": (
        "census21-passports-pct",
        "Passports held, Census 2021",
        "passports_held",
        "TS005",
        ["T5"],
        ["ho-rights"],
        "Passports held is not the same as nationality or immigration status; people may hold more than one passport (ONS counts them once, in a priority order).",
    ),
    "residence_length_6b": (
        "census21-length-of-residence-pct",
        "Length of residence in the UK, Census 2021",
        "length_of_residence",
        "TS016",
        ["T1", "T4"],
        ["ho-stability"],
        "Covers people born outside the UK by how long they have lived in the UK; people who left and came back count from their most recent arrival.",
    ),
    "national_identity_all_4a": (
        "census21-national-identity-pct",
        "National identity, Census 2021",
        "national_identity",
        "TS027",
        ["T1", "T5"],
        ["sc-identity"],
        "Self-described identity, not nationality or citizenship.",
    ),
    "english_proficiency_4a": (
        "census21-english-proficiency-pct",
        "Proficiency in English, Census 2021",
        "english_proficiency",
        "TS029",
        ["T4"],
        ["ho-language"],
        "Self-reported, for people aged 3 and over; in Wales 'English or Welsh' counts as the main language.",
    ),
    "migrant_ind": (
        "census21-migrant-indicator-pct",
        "Address one year before the census, Census 2021",
        "migrant_indicator",
        "TS019",
        ["T4"],
        ["ho-stability"],
        "Leaves out babies under one year old; the pandemic changed moves in 2020-21, especially of students.",
    ),
    "hh_language": (
        "census21-household-language-pct",
        "Household language, Census 2021",
        "household_language",
        "TS025",
        ["T3", "T4"],
        ["ho-language"],
        "Base is households, not people.",
    ),
}


class CensusTopicPercentages(Importer):
    name = "census2021_topics_pct"
    label = _("Census 2021 migration topics (percentages), local authorities, regions and nations")
    publisher = "Office for National Statistics"
    required = ("area_code", "variable", "classification", "unit", "category_code", "category_name", "percent")
    indicators = {
        code: {
            "name": name,
            "definition": f"Percentage of the base population in each category of Census 2021 table {table}.",
            "unit": "percent",
            "source": f"Census 2021, {table} (ONS census maps data)",
            "source_url": "https://www.ons.gov.uk/census/maps/",
            "geography": "Local authority districts (2021), regions, England, Wales, England and Wales",
            "period_covered": "2021",
            "caveats": f"{caveat} Percentages are rounded to 0.1. {CENSUS_CAVEAT}",
            "disaggregation": disagg,
            "theme_codes": themes,
            "domains": domains,
            "order": 30 + i,
        }
        for i, (code, name, disagg, table, themes, domains, caveat) in enumerate(TOPIC_INDICATORS.values())
    }

    def records(self, table, ctx):
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            spec = TOPIC_INDICATORS.get(r["classification"].strip())
            if spec is None:
                yield Problem(row, _("Unknown classification “%(c)s”.") % {"c": r["classification"]})
                continue
            v = self.value(row, r["percent"], "percent")
            if isinstance(v, Problem):
                yield v
                continue
            yield census_obs(
                indicator=spec[0],
                area_code=r["area_code"].strip(),
                value=v[0],
                status=v[1],
                flag=v[2],
                row=row,
                disaggregation=spec[2],
                category=r["category_name"].strip(),
            )


class _CountsByColumn(Importer):
    """A wide table: one row per area, a total column and one column per category."""

    code_column = ""
    name_column = ""
    total_column = ""
    categories: dict[str, str] = {}
    indicator = ""
    disaggregation = ""

    def records(self, table, ctx):
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            code = r[self.code_column].strip()
            for column, category in [(self.total_column, ""), *self.categories.items()]:
                v = self.value(row, r[column], column)
                if isinstance(v, Problem):
                    yield v
                    continue
                yield census_obs(
                    indicator=self.indicator,
                    area_code=code,
                    value=v[0],
                    status=v[1],
                    flag=v[2],
                    row=row,
                    disaggregation=self.disaggregation if category else "",
                    category=category,
                    area_name=r.get(self.name_column, ""),
                )


class MigrantIndicator(_CountsByColumn):
    name = "census2021_ts019_ltla"
    label = _("Census 2021 TS019 migrant indicator, local authorities (summed from MSOAs)")
    publisher = "Office for National Statistics"
    required = ("ltla21_code", "all_usual_residents", "address_one_year_ago_is_the_same", "migrant_from_outside_uk")
    code_column, name_column, total_column = "ltla21_code", "ltla21_name", "all_usual_residents"
    categories = {
        "address_one_year_ago_is_the_same": "Address one year ago is the same",
        "address_one_year_ago_is_student_or_boarding": "Student or boarding address one year ago",
        "migrant_from_within_uk": "Migrant from within the UK",
        "migrant_from_outside_uk": "Migrant from outside the UK",
    }
    indicator, disaggregation = "census21-migrant-indicator", "migrant_indicator"
    indicators = {
        indicator: {
            "name": "Address one year before the census (counts), Census 2021",
            "definition": "Usual residents aged 1 and over by where they lived a year before census day (TS019); "
            "'Migrant from outside the UK' moved to the area from abroad in the year to March 2021.",
            "unit": "count",
            "source": "Census 2021, TS019 Migrant indicator (MSOA counts summed to local authorities)",
            "source_url": NOMIS,
            "geography": GEO_2021,
            "period_covered": "2021",
            "caveats": "These local authority figures are sums of the MSOA cells, not the ONS local authority table; "
            f"because of perturbation they can differ slightly from it. Babies under one are left out. {CENSUS_CAVEAT}",
            "disaggregation": "migrant_indicator",
            "theme_codes": ["T4"],
            "domains": ["ho-stability"],
            "order": 50,
        }
    }

    def recognise(self, header):
        return super().recognise(header) and "msoa21_code" not in header


class EnglishProficiency(_CountsByColumn):
    name = "census2021_ts029_ltla"
    label = _("Census 2021 TS029 proficiency in English, local authorities (summed from MSOAs)")
    publisher = "Office for National Statistics"
    required = ("ltla21_code", "total_aged_3_plus", "main_language_english", "not_english_cannot_speak")
    code_column, name_column, total_column = "ltla21_code", "ltla21_name", "total_aged_3_plus"
    categories = {
        "main_language_english": "Main language is English (English or Welsh in Wales)",
        "not_english_can_speak_very_well": "Main language not English: can speak English very well",
        "not_english_can_speak_well": "Main language not English: can speak English well",
        "not_english_cannot_speak_well": "Main language not English: cannot speak English well",
        "not_english_cannot_speak": "Main language not English: cannot speak English",
    }
    indicator, disaggregation = "census21-english-proficiency", "english_proficiency"
    indicators = {
        indicator: {
            "name": "Proficiency in English (counts), Census 2021",
            "definition": "Usual residents aged 3 and over by main language and, where it is not English, how well "
            "they speak English (TS029).",
            "unit": "count",
            "source": "Census 2021, TS029 Proficiency in English (MSOA counts summed to local authorities)",
            "source_url": NOMIS,
            "geography": GEO_2021,
            "period_covered": "2021",
            "caveats": "These local authority figures are sums of the MSOA cells, not the ONS local authority table. "
            f"Proficiency is self-reported. {CENSUS_CAVEAT}",
            "disaggregation": "english_proficiency",
            "theme_codes": ["T2", "T4"],
            "domains": ["ho-language", "ho-work"],
            "order": 51,
        }
    }

    def recognise(self, header):
        return super().recognise(header) and "msoa21_code" not in header
