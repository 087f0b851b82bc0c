"""Area codes: which codes an import may use, and how codes from old boundaries map to current ones.

Policy (stated on the import pages and in the import report):
- A code that is a place in the network (every UK council, current or former, by ONS code) is kept, and the
  observation links to that place. A region, nation or county code from the ONS lookups is kept too
  (observations for areas that are not places, used for comparisons).
- A code that ONS replaced one-for-one (a recode, e.g. Glasgow City S12000046 -> S12000049, or the 2025
  Sheffield/Barnsley recodes) is mapped to the code the platform uses for that council; the observation keeps
  the file's code in `source_area_code` and the import report lists every mapping.
- A code for a district that was merged into a larger one is kept under its own (former) code: a figure for
  a former district is not the figure for the new council, and a rate or rank cannot be added up.
- Any other code is unknown: the whole file is rejected with the row numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

FILES = Path(__file__).resolve().parent.parent / "files"

# Codes for areas above local authorities that the publishers' files use.
NATIONS = {
    "K02000001": "United Kingdom",
    "K03000001": "Great Britain",
    "K04000001": "England and Wales",
    "E92000001": "England",
    "W92000004": "Wales",
    "S92000003": "Scotland",
    "N92000002": "Northern Ireland",
}


def normalise_name(name: str) -> str:
    n = name.lower().replace("&", "and")
    n = re.sub(r",\s*city of$", "", n)
    n = re.sub(r",\s*county of$", "", n)
    n = re.sub(r"^(city of|county of)\s+", "", n)
    n = re.sub(r"\b(city|council|borough|county|district|metropolitan)\b", "", n)
    n = re.sub(r"[^a-z0-9]+", "", n)
    return n


@dataclass(frozen=True)
class Resolved:
    code: str
    place_id: int | None
    name: str
    mapped_from: str = ""


class AreaResolver:
    """Built once per import from the places table and the shipped ONS lookups."""

    def __init__(self):
        from inclusive_cities.network.models import Place

        self.places = {code: (pk, name) for pk, code, name in Place.objects.values_list("pk", "code", "name")}
        self.former = {}
        for code, former in Place.objects.exclude(former_codes="").values_list("code", "former_codes"):
            for old in re.split(r"[,;\s]+", former):
                if old and old not in self.places:
                    self.former[old] = code
        self.other: dict[str, str] = dict(NATIONS)
        self.lad_names: dict[str, str] = {}
        with open(FILES / "lad_region_lookup_2014_2025_derived.csv", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                self.lad_names[row["lad_code"]] = row["lad_name"]
                self.other.setdefault(row["region_code"], row["region_name"])
        with open(FILES / "ons_ltla2014_to_county_cauth_region_country_lookup.csv", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                for col in ("cty", "mcty", "cauth", "rgn", "ctry"):
                    if row[f"{col}cd"]:
                        self.other.setdefault(row[f"{col}cd"], row[f"{col}nm"])
        # One-for-one recodes, in both directions, towards the code the platform uses.
        self.recode: dict[str, str] = {}
        with open(FILES / "ons_la_code_changes_2014_2025.csv", encoding="utf-8-sig") as fh:
            changes = list(csv.DictReader(fh))
        olds_of: dict[str, set[str]] = {}
        news_of: dict[str, set[str]] = {}
        for ch in changes:
            olds_of.setdefault(ch["newcd"], set()).add(ch["oldcd"])
            news_of.setdefault(ch["oldcd"], set()).add(ch["newcd"])
        for ch in changes:
            old, new = ch["oldcd"], ch["newcd"]
            one_to_one = olds_of[new] == {old} and news_of[old] == {new}
            if not one_to_one or ch["type"] not in ("new_code", "new_geo") or old[:3] != new[:3]:
                continue
            if new in self.places and old not in self.places:
                self.recode[old] = new
            elif old in self.places and new not in self.places:
                self.recode[new] = old
        for old, new in self.former.items():
            self.recode.setdefault(old, new)
        # Councils abolished by a merger: (from when, successor code, successor name). Reorganisations take
        # effect on 1 April of the year the lookup gives.
        self.abolished: dict[str, tuple] = {}
        for ch in changes:
            if ch["type"] == "merger" and ch["start"].isdigit():
                self.abolished[ch["oldcd"]] = (dt.date(int(ch["start"]), 4, 1), ch["newcd"], ch["newnm"])

    @cached_property
    def by_name(self) -> dict[str, str]:
        """Normalised name -> code, for current UK district/unitary places whose name is unique."""
        from inclusive_cities.network.models import Place

        seen: dict[str, set[str]] = {}
        for code, name in Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True).values_list(
            "code", "name"
        ):
            seen.setdefault(normalise_name(name), set()).add(code)
        return {n: next(iter(c)) for n, c in seen.items() if len(c) == 1}

    def resolve(self, code: str) -> Resolved | None:
        code = (code or "").strip()
        if code in self.places:
            pk, name = self.places[code]
            return Resolved(code, pk, name)
        if code in self.recode:
            new = self.recode[code]
            pk, name = self.places[new]
            return Resolved(new, pk, name, mapped_from=code)
        if code in self.other:
            return Resolved(code, None, self.other[code])
        if code in self.lad_names:
            return Resolved(code, None, self.lad_names[code])
        return None

    def name_of(self, code: str) -> str:
        if code in self.places:
            return self.places[code][1]
        return self.other.get(code) or self.lad_names.get(code, "")

    def code_for_name(self, name: str) -> str | None:
        return self.by_name.get(normalise_name(name))
