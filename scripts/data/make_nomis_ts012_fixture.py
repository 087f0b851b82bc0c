"""Write the Census 2021 TS012 figures of the shipped reshaped copy back into Nomis's bulk-download layout.

Nomis publishes each Census 2021 topic table as `census2021-ts012-ltla.csv`: columns `date`, `geography`,
`geography code`, then one column per category named `<classification>: <path>; measures: Value`. The repository
has the same figures only as humaniverse/demographr's long reshape (categories as snake_case paths), so this
script rebuilds the publisher's layout from it for a subset of councils. Category labels are reconstructed from
the paths (capitalisation may differ from Nomis's; the figures do not). Run from the repository root:

    python scripts/data/make_nomis_ts012_fixture.py
"""

import csv
import gzip
import io
import re
from pathlib import Path

FILES = Path("inclusive_cities/data/files")
SOURCE = FILES / "census2021_ts012_country_of_birth_detailed_ltla.csv.gz"
TARGET = FILES / "nomis_census2021_ts012_ltla_subset.csv"
PLACES = [
    "E06000023", "E08000012", "W06000015", "E09000030", "E06000016", "E08000025", "E08000032", "E08000035",
    "E08000003", "E08000019", "E06000001", "E09000001",
]  # fmt: skip
SMALL = {"and", "of", "the", "in", "that", "joined", "between", "not", "otherwise", "specified", "countries", "all"}
SPECIAL = {
    "eu": "EU",
    "portugal_including_madeira_and_the_azores": "Portugal (including Madeira and the Azores)",
    "spain_including_canary_islands": "Spain (including Canary Islands)",
    "hong_kong_special_administrative_region_of_china": "Hong Kong (Special Administrative Region of China)",
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def label(segment: str) -> str:
    if segment in SPECIAL:
        return SPECIAL[segment]
    words = [SPECIAL.get(w) or (w if w in SMALL else w.capitalize()) for w in segment.split("_")]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def main() -> None:
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(SOURCE.read_bytes()).decode("utf-8-sig"))))
    cats = list(dict.fromkeys(r["country_of_birth"] for r in rows))
    paths = {}
    for cat in cats:
        parents = [p for p in cats if cat.startswith(p + "_")]
        parent = max(parents, key=len) if parents else ""
        own = cat[len(parent) + 1 :] if parent else cat
        paths[cat] = [*paths[parent], label(own)] if parent else [label(own)]
        assert slug(": ".join(paths[cat])) == cat, (cat, paths[cat])
    header = ["date", "geography", "geography code", "Country of birth: Total; measures: Value"]
    header += [f"Country of birth: {': '.join(paths[c])}; measures: Value" for c in cats]
    by_place: dict[str, dict] = {}
    for r in rows:
        if r["ltla21_code"] in PLACES:
            place = by_place.setdefault(
                r["ltla21_code"], {"name": r["ltla21_name"], "total": r["total_usual_residents"]}
            )
            place[r["country_of_birth"]] = r["count"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for code in PLACES:
        place = by_place[code]
        writer.writerow(["2021", place["name"], code, place["total"], *(place.get(c, "") for c in cats)])
    TARGET.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
