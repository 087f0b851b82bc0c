"""The profile shows the publishers' own figures: real files imported with the importers, values read straight
from the same files here, compared with what the page and its CSVs show, for several places."""

import csv
import gzip
import io
from collections import defaultdict
from pathlib import Path

import pytest

from inclusive_cities.data import profiles
from inclusive_cities.data.services import import_file
from inclusive_cities.network.models import Place
from inclusive_cities.network.services import places_load

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parent.parent / "files"
PERCENTAGES = "census2021_migration_topics_ltla_percentages.csv.gz"
DETAILED = "census2021_ts012_country_of_birth_detailed_ltla.csv.gz"
SMALL_AREAS = "census2021_ts004_country_of_birth_oa_lsoa_msoa_8cities.csv.gz"
ASYLUM = "asylum_support_by_la_2014_2024.csv.gz"
PLACES = {"E06000023": "South West", "W06000015": None, "E08000003": "North West", "E09000030": "London"}
REGIONS = {"South West": "E12000009", "North West": "E12000002", "London": "E12000007"}


def rows(name: str) -> list[dict]:
    raw = (FILES / name).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def load(*names) -> dict[str, Place]:
    """Import the real files with the importers, as a user would; return the places under test."""
    places_load()
    for name in names:
        record = import_file(content=(FILES / name).read_bytes(), file_name=name)
        assert record.status == "applied", (name, record.problems[:3])
    return {code: Place.objects.get(code=code) for code in PLACES}


def section(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</table>" if "table" in element_id else "</dl>", start)]


def test_profile_figures_equal_the_publishers_files(client):
    places = load(PERCENTAGES, ASYLUM)
    percentages = rows(PERCENTAGES)
    pct = {
        (r["area_code"], r["classification"], r["category_name"]): float(r["percent"])
        for r in percentages
        if r["percent"] not in ("", None)
    }
    asylum = defaultdict(float)
    latest_date = defaultdict(str)
    for r in rows(ASYLUM):
        code = r["LAD Code"].strip()
        if code in PLACES:
            latest_date[code] = max(latest_date[code], r["Date"])
    for r in rows(ASYLUM):
        code = r["LAD Code"].strip()
        if code in PLACES and r["Date"] == latest_date[code]:
            asylum[code] += float(r["People"])

    for code in places:
        html = client.get(f"/places/{code}/data/").content.decode()
        headlines = section(html, "headline-figures")
        born_outside = pct[(code, "country_of_birth_3a", "Born outside the UK")]
        assert f"{born_outside:.1f}%" in headlines, code
        cannot = pct[(code, "english_proficiency_4a", profiles.CANNOT_SPEAK)]
        assert f"{cannot:.1f}%" in headlines, code
        assert f"{asylum[code]:,.0f}" in headlines, code
        # the comparison table puts the region's and nation's published figures beside the place's
        comparison = section(html, "comparison-table")
        nation = "W92000004" if code.startswith("W") else "E92000001"
        assert f"{pct[(nation, 'country_of_birth_3a', 'Born outside the UK')]:.1f}%" in comparison, code
        if PLACES[code]:
            region = REGIONS[PLACES[code]]
            assert f"{pct[(region, 'passports_all_4a', 'Non-UK passport')]:.1f}%" in comparison, code
        # the passports chart's CSV holds the file's figures
        body = client.get(f"/places/{code}/data/census21-passports-pct-passports-held.csv").content.decode()
        csv_rows = {r[0]: r[1] for r in csv.reader(io.StringIO(body)) if len(r) == 2}
        for category in ("UK passport", "Non-UK passport", "No passport held"):
            assert float(csv_rows[category]) == pct[(code, "passports_all_4a", category)], (code, category)


def test_diversity_and_segregation_equal_hand_computation_from_the_files():
    places = load(DETAILED, SMALL_AREAS)
    detailed = defaultdict(dict)
    for r in rows(DETAILED):
        detailed[r["ltla21_code"]][r["country_of_birth"]] = int(r["count"])
    small = defaultdict(lambda: defaultdict(list))
    for r in rows(SMALL_AREAS):
        small[r["ltla21_code"]][r["Geography area type"]].append(
            (int(r["Born outside the UK"]), int(r["Born in the UK"]))
        )
    for code, place in places.items():
        profile = profiles.build_profile(place)
        # fractionalisation over the categories that are not a subtotal of others
        counts = detailed[code]
        leaves = [n for c, n in counts.items() if not any(o.startswith(c + "_") for o in counts)]
        total = sum(leaves)
        expected = 1 - sum((n / total) ** 2 for n in leaves)
        assert profile.diversity["value"] == pytest.approx(expected), code
        assert profile.diversity["groups"] == len(leaves)
        if code not in small:
            assert profile.segregation == [], code  # Tower Hamlets is not one of the eight cities
            continue
        by_level = {s.level: s for s in profile.segregation}
        for level, label in (("oa", "Output Area"), ("lsoa", "LSOA"), ("msoa", "MSOA")):
            areas = small[code][label]
            big_a = sum(a for a, _b in areas)
            big_b = sum(b for _a, b in areas)
            d = 0.5 * sum(abs(a / big_a - b / big_b) for a, b in areas)
            x = sum((a / big_a) * (a / (a + b)) for a, b in areas if a + b)
            assert by_level[level].areas == len(areas), (code, level)
            assert by_level[level].dissimilarity == pytest.approx(d), (code, level)
            assert by_level[level].isolation == pytest.approx(x), (code, level)
        # coarser areas average out differences: the dissimilarity falls from OA to MSOA
        assert by_level["oa"].dissimilarity > by_level["msoa"].dissimilarity


def test_headlines_carry_their_source_without_a_query_each(django_assert_num_queries):
    places = load(PERCENTAGES, ASYLUM)
    bristol = places["E06000023"]
    profile = profiles.build_profile(bristol)
    headlines = [h for h in profile.headlines if h.figure is not None]
    assert len(headlines) >= 3
    with django_assert_num_queries(0):  # the import of each figure came with it
        sources = {h.figure.source_import.file_name for h in headlines}
    assert sources <= {PERCENTAGES, ASYLUM} and sources
    with django_assert_num_queries(2):
        shown = profiles.place_headlines(bristol)
        assert all(h.figure.source_import.publisher for h in shown if h.figure)
