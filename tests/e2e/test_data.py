"""The import journey in a real browser: a facilitator imports the Home Office asylum support file, the place's
data profile changes, the CSV downloads with the file's figure; the catalogue and import pages pass axe."""

import csv
import gzip
import io
from pathlib import Path

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.network.services import places_load

pytestmark = pytest.mark.e2e

FILES = Path(__file__).resolve().parents[2] / "inclusive_cities" / "data" / "files"
ASYLUM = FILES / "asylum_support_by_la_2014_2024.csv.gz"


@pytest.fixture
def places(db):
    places_load()


def test_facilitator_imports_a_file_profile_changes_csv_downloads(page, places, sign_in, axe_violations, tmp_path):
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(ASYLUM.read_bytes()).decode("utf-8-sig"))))
    expected = sum(int(r["People"]) for r in rows if r["LAD Code"] == "E06000023" and r["Date"] == "2024-09-30")

    page.goto("/places/E06000023/data/")
    assert "People seeking asylum" not in page.locator("main").inner_text()

    facilitator = user_with_role("facilitator", email="facilitator@example.org")
    sign_in(page, facilitator.email)
    page.goto("/data/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Import a publisher's file").click()
    assert axe_violations(page) == []
    # A wrong file first: the form says why.
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    page.set_input_files("#id_file", str(bad))
    page.click("button:has-text('Import')")
    assert "is not a CSV" in page.locator(".govuk-error-summary").inner_text()
    page.set_input_files("#id_file", str(ASYLUM))
    page.set_default_timeout(180_000)  # 21,743 rows, checked and written inline while the form waits
    page.click("button:has-text('Import')")
    page.set_default_timeout(15_000)
    assert page.locator("#import-status").inner_text() == "applied"
    assert "mapped to the current code S12000049" in page.locator("#notes").inner_text()
    assert axe_violations(page) == []

    page.goto("/places/E06000023/data/")
    headlines = page.locator("#headline-figures").inner_text()
    assert "People seeking asylum in receipt of support" in headlines
    assert f"{expected:,}" in headlines

    page.goto("/api/v1/observations/?place=E06000023&indicator=asylum-support&disaggregation=total&format=json")
    with page.expect_download() as info:
        page.evaluate(
            """() => { const a = document.createElement('a');
            a.href = '/api/v1/observations/?place=E06000023&indicator=asylum-support&disaggregation=total&format=csv&page_size=100';
            a.download = 'bristol.csv'; document.body.appendChild(a); a.click(); }"""
        )
    downloaded = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    latest = next(r for r in downloaded if r["period"] == "2024-09-30")
    assert float(latest["value"]) == expected

    # Importing the same file again changes nothing, and the history says so.
    page.goto("/data/imports/new/")
    page.set_input_files("#id_file", str(ASYLUM))
    page.click("button:has-text('Import')")
    assert "already been imported" in page.locator("main").inner_text()
    page.goto("/data/imports/")
    assert page.locator("#imports tbody tr").count() == 2
    assert axe_violations(page) == []
