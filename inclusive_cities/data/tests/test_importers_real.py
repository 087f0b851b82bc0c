"""Every importer on the real publisher's file it was written for: applied whole, figures equal to the file,
re-import changes nothing."""

import pytest

from inclusive_cities.data import services
from inclusive_cities.data.demodata import DEMO_FILES, PERIODS
from inclusive_cities.data.importers.base import lamis_period
from inclusive_cities.data.importers.lamis import MEASURES
from inclusive_cities.data.models import Import, ImportStatus, Indicator, Observation, SmallAreaCount

from .conftest import read_file, read_rows

EXTRA = [("lamis_2021_long.csv.gz", "lamis_long")]


@pytest.mark.parametrize(("file_name", "importer"), DEMO_FILES + EXTRA, ids=[f for f, _ in DEMO_FILES + EXTRA])
def test_real_file_imports_whole_and_reimport_is_a_no_op(real_places, file_name, importer):
    content = read_file(file_name)
    # The format is recognised from the file itself, without naming the importer.
    # The reshaped mid-year CSVs carry no period: the person importing gives it (PERIODS).
    record = services.import_file(content=content, file_name=file_name, period=PERIODS.get(file_name, ""))
    assert record.importer == importer
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert record.problems == []
    assert record.rows_read > 0 and record.rows_created > 0
    stored = Observation.objects.count() + SmallAreaCount.objects.count()
    assert stored == record.rows_created
    snapshot = sorted(Observation.objects.values_list("area_code", "period", "category", "value")[:2000])

    again = services.import_file(content=content, file_name=file_name, period=PERIODS.get(file_name, ""))
    assert again.status == ImportStatus.UNCHANGED
    assert Observation.objects.count() + SmallAreaCount.objects.count() == stored
    assert sorted(Observation.objects.values_list("area_code", "period", "category", "value")[:2000]) == snapshot
    assert Import.objects.filter(status=ImportStatus.APPLIED).count() == 1


def value(code, indicator, period, category=""):
    return Observation.objects.get(area_code=code, indicator__code=indicator, period=period, category=category).value


def test_ts012_values_equal_the_file(real_places):
    services.import_file(
        content=read_file("census2021_ts012_country_of_birth_detailed_ltla.csv.gz"), file_name="ts012.csv.gz"
    )
    rows = read_rows("census2021_ts012_country_of_birth_detailed_ltla.csv.gz")
    for row in rows[::997]:
        assert value(row["ltla21_code"], "census21-country-of-birth", "2021", row["country_of_birth"]) == float(
            row["count"]
        )
        assert value(row["ltla21_code"], "census21-usual-residents", "2021") == float(row["total_usual_residents"])
    indicator = Indicator.objects.get(code="census21-country-of-birth")
    assert "not citizenship" in indicator.caveats
    uk = Observation.objects.get(area_code="E06000023", category="europe_united_kingdom")
    assert (uk.category_label, uk.is_subtotal) == ("United Kingdom", True)
    wales = Observation.objects.get(area_code="E06000023", category="europe_united_kingdom_wales")
    assert (wales.category_label, wales.is_subtotal) == ("Wales", False)


def test_asylum_support_totals_are_the_sum_of_the_file_rows_and_bad_codes_are_reported(real_places):
    record = services.import_file(content=read_file("asylum_support_by_la_2014_2024.csv.gz"), file_name="asy.csv.gz")
    rows = read_rows("asylum_support_by_la_2014_2024.csv.gz")
    bristol = sum(int(r["People"]) for r in rows if r["LAD Code"] == "E06000023" and r["Date"] == "2024-09-30")
    assert value("E06000023", "asylum-support", "2024-09-30") == bristol
    section95 = sum(
        int(r["People"])
        for r in rows
        if r["LAD Code"] == "E06000023" and r["Date"] == "2024-09-30" and r["Support Type"] == "Section 95"
    )
    assert value("E06000023", "asylum-support", "2024-09-30", "Section 95") == section95
    notes = " ".join(record.notes)
    # Old Glasgow code mapped to the current one, N/A rows skipped, mislabelled rows stored under the named council.
    assert "S12000046 mapped to the current code S12000049" in notes
    assert "Skipped 92 rows" in notes
    assert "with the name “Bradford”: stored under E08000032" in notes
    assert not Observation.objects.filter(area_code__startswith="N/A").exists()
    mapped = Observation.objects.filter(area_code="S12000049", source_area_code="S12000046")
    assert mapped.exists()


def test_lamis_workbook_values_equal_the_long_csv_and_symbols_are_kept(real_places):
    services.import_file(content=read_file("ons_lamis_2021lamistables.xlsx"), file_name="lamis.xlsx")
    rows = read_rows("lamis_2021_long.csv.gz")
    checked = 0
    for row in rows[::1500]:
        if row["period"] == "None":
            continue
        code = MEASURES[(row["indicator"], row["measure"])][0]
        obs = Observation.objects.get(
            indicator__code=code, period=lamis_period(row["period"])[0], area_code=row["area_code"]
        )
        if row["value"] == "":
            assert obs.value is None and obs.status in ("not_available", "suppressed")
        else:
            assert obs.value == pytest.approx(float(row["value"]), abs=1e-4)
        checked += 1
    assert checked > 40
    suppressed = Observation.objects.filter(status="suppressed")
    assert suppressed.exists() and set(suppressed.values_list("flag", flat=True)) == {"c"}
    assert set(suppressed.values_list("value", flat=True)) == {None}


def test_small_area_counts_equal_the_file(real_places):
    services.import_file(
        content=read_file("census2021_ts004_country_of_birth_oa_lsoa_msoa_8cities.csv.gz"), file_name="ts004.csv.gz"
    )
    rows = read_rows("census2021_ts004_country_of_birth_oa_lsoa_msoa_8cities.csv.gz")
    for row in rows[::1300]:
        if row["Geography area type"] == "Local Authority":
            continue
        got = SmallAreaCount.objects.get(
            area_code=row["Geography code"], variable="country_of_birth_3a", category="born_outside_uk"
        )
        assert got.count == int(row["Born outside the UK"])
        assert got.la_code == row["ltla21_code"]
    bristol_oas = SmallAreaCount.objects.filter(la_code="E06000023", level="oa", category="total").count()
    assert bristol_oas == 1405


def test_quiz_counts_equal_the_file(real_places):
    services.import_file(content=read_file("ons_census2021_quiz_indicators_ltla.csv"), file_name="quiz.csv")
    for row in read_rows("ons_census2021_quiz_indicators_ltla.csv")[::40]:
        code = row["code"]
        assert value(code, "census21-passports-by-country", "2021", "Poland") == float(
            row["passport_country_Poland_total"]
        )
        assert value(code, "census21-passports-by-country", "2021", "No passport") == float(row["no_passport_total"])
        assert value(code, "census21-country-of-birth-selected", "2021", "South Africa") == float(
            row["birth_country_SouthAfrica_total"]
        )
        assert value(code, "census21-main-language-selected", "2021", "Polish") == float(row["language_Polish_total"])
