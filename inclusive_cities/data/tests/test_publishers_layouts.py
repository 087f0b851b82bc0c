"""Files in their publishers' own layouts: figures compared with values typed by hand from the file (never
recomputed by the importer's code), and with an independent total where one exists."""

import pytest

from inclusive_cities.data import services
from inclusive_cities.data.models import ImportStatus, Observation

from .conftest import read_file

NOMIS_TS012 = "nomis_census2021_ts012_ltla_subset.csv"
UK = "europe_united_kingdom"
POLAND = "europe_other_europe_eu_countries_countries_that_joined_the_eu_between_april_2001_and_march_2011_poland"
SOMALIA = "africa_south_and_eastern_africa_somalia"
# Typed by hand from the file: code -> (total usual residents, UK-born, Poland, Somalia)
TYPED = {
    "E06000023": (472461, 383495, 8770, 4654),  # Bristol
    "E08000012": (486090, 413636, 5652, 1072),  # Liverpool
    "W06000015": (362310, 302460, 3288, 1624),  # Cardiff
    "E09000030": (310304, 165079, 3077, 3107),  # Tower Hamlets
    "E06000016": (368571, 217079, 8924, 3394),  # Leicester
}
# Independent: the Census 2021 TS004 (3 categories) totals for the same councils, typed from
# census2021_ts004_country_of_birth_3a_msoa_la_ew.csv.gz. ONS perturbs each table separately, so they differ by
# a few people.
TS004_TOTALS = {"E06000023": 472465, "E08000012": 486089, "W06000015": 362308, "E09000030": 310306, "E06000016": 368570}


def figure(code, indicator, category=""):
    return Observation.objects.get(area_code=code, indicator__code=indicator, period="2021", category=category)


def test_nomis_census_bulk_file_is_recognised_and_equals_the_typed_values(real_places):
    record = services.import_file(content=read_file(NOMIS_TS012), file_name="census2021-ts012-ltla.csv")
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert record.importer == "nomis_census2021" and record.release == "2021"
    assert "Nomis" in record.format_label
    for code, (total, uk, poland, somalia) in TYPED.items():
        assert figure(code, "census21-usual-residents").value == total
        assert figure(code, "census21-country-of-birth", UK).value == uk
        assert figure(code, "census21-country-of-birth", POLAND).value == poland
        assert figure(code, "census21-country-of-birth", SOMALIA).value == somalia
        assert abs(figure(code, "census21-usual-residents").value - TS004_TOTALS[code]) <= 5
    uk_born = figure("E06000023", "census21-country-of-birth", UK)
    assert uk_born.category_label == "United Kingdom" and uk_born.is_subtotal  # England, Wales... lie below it
    somali = figure("E06000023", "census21-country-of-birth", SOMALIA)
    assert somali.category_label == "Somalia" and not somali.is_subtotal
    assert somali.source_row == "2"  # Bristol is the first data row


def test_categories_show_their_label_and_subtotal_on_the_indicator_page(client, real_places):
    services.import_file(content=read_file(NOMIS_TS012), file_name="census2021-ts012-ltla.csv")
    page = client.get("/data/indicators/census21-country-of-birth/").content.decode()
    assert "Somalia <span" in page and "subtotal</strong>" in page


def test_nomis_file_revises_the_reshaped_copy_only_where_figures_differ(real_places):
    services.import_file(
        content=read_file("census2021_ts012_country_of_birth_detailed_ltla.csv.gz"), file_name="ts012.csv.gz"
    )
    record = services.import_file(content=read_file(NOMIS_TS012), file_name="census2021-ts012-ltla.csv")
    # the same figures in the publisher's layout: nothing to revise, nothing added
    assert record.status == ImportStatus.APPLIED and record.rows_updated == 0 and record.rows_created == 0


def test_nomis_rows_of_another_date_are_refused(real_places):
    lines = read_file(NOMIS_TS012).decode().splitlines()
    lines[3] = "2022" + lines[3][4:]  # file row 4
    record = services.import_file(content="\n".join(lines).encode(), file_name="census2021-ts012-ltla.csv")
    assert record.status == ImportStatus.REJECTED and record.problems[0]["row"] == 4
    assert "Column “date” says 2022 here but 2021 on row 2" in record.problems[0]["message"]


def test_nomis_file_without_its_total_column_is_refused(real_places):
    lines = read_file(NOMIS_TS012).decode().splitlines()
    cells = [line.split(",") for line in lines]
    header = cells[0]
    index = header.index("Country of birth: Total; measures: Value")
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row[:index] + row[index + 1 :])
    record = services.import_file(content=out.getvalue().encode(), file_name="census2021-ts012-ltla.csv")
    assert record.status == ImportStatus.REJECTED
    assert "Total" in record.problems[0]["message"] and "column" in record.problems[0]["message"]
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("2021", "2024"), "says 2021"),
        (("E06000023", "E07000048"), "abolished on 1 April 2019"),
    ],
)
def test_nomis_bad_period_or_abolished_council(real_places, change, message):
    content = read_file(NOMIS_TS012).decode()
    old, new = change
    content = content.replace(f"\n{old},", f"\n{new},") if old == "2021" else content.replace(old, new)
    record = services.import_file(content=content.encode(), file_name="census2021-ts012-ltla.csv")
    assert record.status == ImportStatus.REJECTED
    assert not Observation.objects.exists()
    text = " ".join(p["message"] for p in record.problems)
    if old == "2021":  # every row dated 2024 in a file named as the 2021 census
        assert "census2021" in text and "2024" in text and message in text and "column “date”" in text
    else:
        assert message in text and "E07000048 (Christchurch)" in text and "geography code" in text


HO_WORKBOOK = "homeoffice_asylum_support_asy_d11_subset.xlsx"
# Typed from the Data_Asy_D11 sheet: people in receipt of support on 30 September 2024, all support and
# accommodation types added up (Bristol has 6 rows that quarter, Liverpool 8, Cardiff 8, Tower Hamlets 7,
# Leicester 5, Glasgow 5).
ASYLUM_2024Q3 = {
    "E06000023": 1075,
    "E08000012": 2612,
    "W06000015": 1672,
    "E09000030": 893,
    "E06000016": 1513,
    "S12000049": 4075,
}


def test_home_office_workbook_with_cover_and_notes_sheets(real_places):
    record = services.import_file(content=read_file(HO_WORKBOOK), file_name="asylum-support-datasets-sep-2024.xlsx")
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert record.importer == "homeoffice_asylum_support_workbook" and record.publisher == "Home Office"
    for code, people in ASYLUM_2024Q3.items():
        figure = Observation.objects.get(
            area_code=code, indicator__code="asylum-support", period="2024-09-30", category=""
        )
        assert figure.value == people, code
        assert figure.source_row.startswith("Data_Asy_D11!")
    # the same figures as the CSV copy of the whole data sheet: importing it afterwards revises none of the six
    # English and Welsh councils' figures. (Scottish ones differ: the full sheet also lists Glasgow under its old
    # code S12000046, and a row the subset kept names Falkirk; the subset selected rows by current code only.)
    again = services.import_file(content=read_file("asylum_support_by_la_2014_2024.csv.gz"), file_name="asy.csv.gz")
    revised = {r["area_code"] for r in again.revisions}
    assert revised and not revised & {"E06000023", "E08000012", "W06000015", "E09000030", "E06000016"}


def test_home_office_workbook_missing_a_column_is_refused(real_places):
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(read_file(HO_WORKBOOK)))
    ws = wb["Data_Asy_D11"]
    ws.delete_cols(list(c.value for c in ws[2]).index("LAD Code") + 1)
    out = io.BytesIO()
    wb.save(out)
    record = services.import_file(content=out.getvalue(), file_name="asylum-support-datasets-sep-2024.xlsx")
    assert record.status == ImportStatus.REJECTED
    assert "“LAD Code”" in record.problems[0]["message"] and "row 2" in record.problems[0]["message"]
    assert not Observation.objects.exists()
