"""A place's data profile and the map in a real browser: charts with their tables, a CSV download, axe checks."""

import csv
import gzip
import io
from pathlib import Path

import pytest

from inclusive_cities.data.services import import_file
from inclusive_cities.network.services import places_load

pytestmark = pytest.mark.e2e

FILES = Path(__file__).resolve().parents[2] / "inclusive_cities" / "data" / "files"


@pytest.fixture
def real_data(db):
    places_load()
    for name in ("census2021_migration_topics_ltla_percentages.csv.gz", "resettlement_by_la_2014_2024.csv"):
        assert import_file(content=(FILES / name).read_bytes(), file_name=name).status == "applied"


def test_open_a_profile_see_chart_and_table_download_the_csv(page, real_data, axe_violations):
    page.goto("/places/E06000023/")
    page.get_by_role("link", name="See the data profile of City of Bristol").click()
    assert page.locator("h1").inner_text() == "Data profile"
    assert "Residents born outside the UK" in page.locator("#headline-figures").inner_text()

    figure = page.locator("#chart-census21-passports-pct-passports-held")
    assert figure.locator("svg[role=img]").is_visible()
    table = figure.locator("table")
    assert table.is_visible()
    assert "Non-UK passport" in table.inner_text()
    assert page.locator("#chart-resettlement svg[role=img]").is_visible()

    with page.expect_download() as info:
        figure.get_by_role("link", name="Download this data (CSV)").click()
    download = info.value
    assert download.suggested_filename == "E06000023-census21-passports-pct-passports-held.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[0] == ["Passports held", "Percentage"]
    published = {
        r["category_name"]: r["percent"]
        for r in csv.DictReader(
            io.StringIO(
                gzip.decompress((FILES / "census2021_migration_topics_ltla_percentages.csv.gz").read_bytes()).decode(
                    "utf-8-sig"
                )
            )
        )
        if r["area_code"] == "E06000023" and r["classification"] == "passports_all_4a"
    }
    assert {r[0]: float(r[1]) for r in rows[1:4]} == {k: float(v) for k, v in published.items()}
    assert axe_violations(page) == []


def test_map_and_its_table_pass_axe_and_link_to_profiles(page, real_data, axe_violations):
    page.goto("/data/map/")
    assert page.locator(".ic-map svg[role=img]").is_visible()
    assert page.locator("#map-table tbody tr").count() == 331
    assert axe_violations(page) == []
    page.select_option("#id_indicator", "census21-passports-pct")
    page.click("button:has-text('Show on the map')")
    page.select_option("#id_category", "Non-UK passport")
    page.click("button:has-text('Show on the map')")
    assert "Passports held, Census 2021: Non-UK passport (2021)" in page.locator("#map-heading").inner_text()
    page.locator("#map-table").get_by_role("link", name="City of Bristol").click()
    assert page.locator("h1").inner_text() == "Data profile"
