"""The ONS mid-year estimates workbook (MYE2) and MHCLG's indices of deprivation File 10 workbook, in their
publishers' own layouts: figures compared with values typed by hand from the shipped files (never recomputed by the
importer's code), with an independent total, and each kind of bad input refused with nothing written."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from inclusive_cities.data import services
from inclusive_cities.data.models import Import, ImportStatus, Observation

from .conftest import read_file

MYE22 = "ons_mye_mid2022_mye2_persons_uk.xlsx"
MYE23 = "ons_mye_mid2023_mye2_persons_ew.xlsx"
IOD19 = "mhclg_iod2019_file10_lad_summaries.xlsx"
IOD25 = "mhclg_iod2025_file10_lad_summaries.xlsx"
# The publishers' own file names, as downloaded.
MYE22_NAME = "mye22final.xlsx"
IOD19_NAME = "File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx"
IOD25_NAME = "File_10_-_IoD2025_Local_Authority_District_Summaries__lower-tier_.xlsx"
IMD = "Index of Multiple Deprivation"

# Typed by hand from ons_mye_mid2022_population_uk_la.csv (column Population) and
# ons_mye_mid2023_population_ew_la.csv (column All ages).
MID2022 = {
    "E06000023": 479024,  # Bristol
    "E08000012": 496770,  # Liverpool
    "W06000015": 372089,  # Cardiff
    "E09000030": 325789,  # Tower Hamlets
    "E06000016": 373399,  # Leicester
    "S12000049": 622820,  # Glasgow City
    "N92000002": 1910543,  # Northern Ireland
}
MID2023 = {"E06000023": 482998, "E08000012": 503740, "W06000015": 383536, "E09000030": 328626, "E06000016": 379780}
ENGLAND = {"mid-2022": 57106398, "mid-2023": 57690323}  # the ENGLAND (E92000001) rows, typed


def workbook(name: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(read_file(name)))


def saved(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def population(code, period):
    return Observation.objects.get(area_code=code, indicator__code="population-mid-year", period=period)


def messages(record) -> str:
    return " ".join(p["message"] for p in record.problems)


def refused(record) -> str:
    assert record.status == ImportStatus.REJECTED
    assert not Observation.objects.exists()
    return messages(record)


# ---- ONS mid-year estimates workbook ------------------------------------------------------------------------------


@pytest.mark.parametrize(("fixture", "period", "typed"), [(MYE22, "mid-2022", MID2022), (MYE23, "mid-2023", MID2023)])
def test_mye_workbook_equals_the_typed_values_and_the_england_total(real_places, fixture, period, typed):
    record = services.import_file(content=read_file(fixture), file_name=fixture)
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert record.importer == "ons_mye_workbook" and record.release == period and record.period_given == ""
    assert record.publisher == "Office for National Statistics"
    for code, people in typed.items():
        assert population(code, period).value == people, code
    bristol = population("E06000023", period)
    assert bristol.period_start.isoformat() == f"{period[4:]}-06-30"
    assert bristol.source_row.startswith("MYE2 - Persons!")
    # Independent total: ONS's England row against the sum of the English districts' rows.
    districts = Observation.objects.filter(indicator__code="population-mid-year", period=period).filter(
        area_code__regex=r"^E0[6-9]"
    )
    assert districts.count() == 296
    assert sum(o.value for o in districts) == ENGLAND[period] == population("E92000001", period).value


def test_mye_workbook_gives_the_same_figures_as_the_csv_copy(real_places):
    services.import_file(
        content=read_file("ons_mye_mid2022_population_uk_la.csv"), file_name="uk_2022.csv", period="mid-2022"
    )
    record = services.import_file(content=read_file(MYE22), file_name=MYE22_NAME)
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert (record.rows_created, record.rows_updated, record.rows_unchanged) == (0, 0, 404)


def test_mye_workbook_without_its_all_ages_column_is_refused(real_places):
    wb = workbook(MYE22)
    ws = wb["MYE2 - Persons"]
    ws.delete_cols(4)  # "All ages"
    text = refused(services.import_file(content=saved(wb), file_name=MYE22_NAME))
    assert "“MYE2 - Persons”" in text and "(header on row 8)" in text and "“All ages”" in text


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("mye23tablesuk.xlsx", ["“mye23tablesuk.xlsx” says mid-2023", "workbook says mid-2022", "cell A1"]),
        ("population-estimates-mid-2024.xlsx", ["says mid-2024", "its figures are for mid-2022"]),
    ],
)
def test_mye_workbook_named_as_another_period_is_refused(real_places, file_name, expected):
    text = refused(services.import_file(content=read_file(MYE22), file_name=file_name))
    for part in expected:
        assert part in text


def test_mye_workbook_whose_cover_contradicts_its_title_is_refused(real_places):
    wb = workbook(MYE22)
    wb["Cover"]["A1"] = "Population estimates for the UK, England, Wales, Scotland and Northern Ireland: mid-2023"
    text = refused(services.import_file(content=saved(wb), file_name="estimates.xlsx"))
    assert "contradicts itself" in text and "says mid-2022" in text and "“Cover”, cell A1 says mid-2023" in text


def test_mye_workbook_without_a_period_is_refused_and_a_given_period_must_agree(real_places):
    wb = workbook(MYE22)
    wb["MYE2 - Persons"]["A1"] = "MYE2 - Persons: population estimates by administrative area"
    wb["Cover"]["A1"] = "Population estimates for the UK"
    text = refused(services.import_file(content=saved(wb), file_name="estimates.xlsx"))
    assert "does not say which mid-year" in text
    text = refused(services.import_file(content=read_file(MYE22), file_name="estimates.xlsx", period="mid-2023"))
    assert "You said the figures are for mid-2023, but the workbook says mid-2022" in text


def test_mye_workbook_with_an_abolished_council_is_refused(real_places):
    wb = workbook(MYE22)
    ws = wb["MYE2 - Persons"]
    row = next(r for r in ws.iter_rows(min_row=9) if r[0].value == "E06000058")  # Bournemouth, Christchurch and Poole
    row[0].value = "E07000048"
    text = refused(services.import_file(content=saved(wb), file_name=MYE22_NAME))
    assert "E07000048 (Christchurch)" in text and "abolished on 1 April 2019" in text
    assert "column “Code”" in text and f"rows MYE2 - Persons!{row[0].row}" in text


def test_mye_workbook_with_a_duplicated_row_is_refused(real_places):
    wb = workbook(MYE22)
    ws = wb["MYE2 - Persons"]
    first = next(r for r in ws.iter_rows(min_row=9) if r[0].value == "E06000023")
    ws.append([c.value for c in first])
    record = services.import_file(content=saved(wb), file_name=MYE22_NAME)
    text = refused(record)
    assert record.problems[0]["row"] == f"MYE2 - Persons!{ws.max_row}"
    assert f"E06000023 (column “Code” of the sheet “MYE2 - Persons”) was already given on row {first[0].row}" in text


@pytest.mark.parametrize(("fixture", "sheet"), [(MYE22, "MYE2 - Persons"), (IOD19, "IMD")])
def test_a_workbook_over_the_row_cap_is_refused(real_places, settings, fixture, sheet):
    settings.MAX_IMPORT_ROWS_PER_SHEET = 50
    text = refused(services.import_file(content=read_file(fixture), file_name=fixture))
    assert f"The sheet “{sheet}” has" in text and "rows" in text and "nothing was written" in text


# ---- MHCLG indices of deprivation, File 10 ------------------------------------------------------------------------

# Typed by hand from mhclg_iod2019_lad_summaries.csv / mhclg_iod2025_lad_summaries.csv, IMD rows:
# code -> (rank of average score, average score, proportion of LSOAs in the most deprived 10%)
IMD2019 = {
    "E06000023": (65, 26.363, 0.1559),  # Bristol
    "E08000012": (3, 42.412, 0.4866),  # Liverpool
    "E09000030": (50, 27.913, 0.0139),  # Tower Hamlets
    "E06000016": (32, 30.877, 0.2031),  # Leicester
    "E08000035": (55, 27.301, 0.2365),  # Leeds
}
IMD2025 = {
    "E06000023": (110, 22.496, 0.1119),
    "E08000012": (9, 37.11, 0.3675),
    "E09000030": (34, 30.554, 0.1302),
    "E06000016": (16, 34.449, 0.2),
    "E08000035": (86, 24.115, 0.1721),
}
# Bristol's other domains, typed: (domain as stored, rank of average score, average score)
BRISTOL = {
    "2019": [("Health and Disability", 82, 0.322), ("Crime", 10, 0.756), ("Living Environment", 111, 22.596)],
    "2025": [("Health Deprivation and Disability", 93, 0.216), ("Crime", 50, 0.384)],
}


def iod(code, indicator, year, domain=IMD):
    return Observation.objects.get(area_code=code, indicator__code=indicator, period=year, category=domain).value


@pytest.mark.parametrize(
    ("fixture", "file_name", "year", "typed", "districts"),
    [(IOD19, IOD19_NAME, "2019", IMD2019, 317), (IOD25, IOD25_NAME, "2025", IMD2025, 296)],
)
def test_iod_file10_equals_the_typed_values(real_places, fixture, file_name, year, typed, districts):
    record = services.import_file(content=read_file(fixture), file_name=file_name)
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert record.importer == "mhclg_iod_file10_workbook" and record.release == year
    for code, (rank, score, share) in typed.items():
        assert iod(code, "iod-rank-of-average-score", year) == rank, code
        assert iod(code, "iod-average-score", year) == pytest.approx(score)
        assert iod(code, "iod-proportion-most-deprived-decile", year) == pytest.approx(share * 100)
    for domain, rank, score in BRISTOL[year]:
        assert iod("E06000023", "iod-rank-of-average-score", year, domain) == rank
        assert iod("E06000023", "iod-average-score", year, domain) == pytest.approx(score)
    first = Observation.objects.get(area_code="E06000001", indicator__code="iod-average-score", category=IMD)
    assert first.source_row == "IMD!2"  # Hartlepool, the first district under the header
    # Independent check: MHCLG ranks every district once, 1 (most deprived) to the number of districts.
    ranks = Observation.objects.filter(indicator__code="iod-rank-of-average-score", category=IMD, period=year)
    assert sorted(int(o.value) for o in ranks) == list(range(1, districts + 1))


@pytest.mark.parametrize(("csv_file", "fixture", "file_name"), [
    ("mhclg_iod2019_lad_summaries.csv", IOD19, IOD19_NAME),
    ("mhclg_iod2025_lad_summaries.csv", IOD25, IOD25_NAME),
])  # fmt: skip
def test_iod_file10_gives_the_same_figures_as_the_csv_copy(real_places, csv_file, fixture, file_name):
    first = services.import_file(content=read_file(csv_file), file_name=csv_file)
    assert first.status == ImportStatus.APPLIED
    record = services.import_file(content=read_file(fixture), file_name=file_name)
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert (record.rows_created, record.rows_updated) == (0, 0)
    assert record.rows_unchanged == first.rows_created


def test_iod_file10_without_a_column_is_refused(real_places):
    wb = workbook(IOD19)
    ws = wb["Income"]
    ws.delete_cols([c.value for c in ws[1]].index("Income - Average score") + 1)
    text = refused(services.import_file(content=saved(wb), file_name=IOD19_NAME))
    assert "The sheet “Income” (header on row 1) lacks the column “Income - Average score”" in text


def test_iod_file10_without_a_domain_sheet_is_refused(real_places):
    wb = workbook(IOD19)
    del wb["Crime"]
    text = refused(services.import_file(content=saved(wb), file_name=IOD19_NAME))
    assert "no sheet named “Crime”" in text


def test_iod_file10_named_as_another_edition_is_refused(real_places):
    text = refused(services.import_file(content=read_file(IOD25), file_name=IOD19_NAME))
    assert IOD19_NAME in text and "says 2019" in text and "its figures are for 2025" in text
    assert "“Local Authority District code (YYYY)”" in text  # where the period is read from


def test_iod_file10_whose_imd_columns_contradict_its_districts_is_refused(real_places):
    wb = workbook(IOD25)
    ws = wb["IMD"]
    ws.cell(row=1, column=ws.max_column + 1, value="IMD 2019 - Extent")
    text = refused(services.import_file(content=saved(wb), file_name="file10.xlsx"))
    assert "“Local Authority District code (2024)” says IoD2025" in text
    assert "“IMD 2019 - Extent” of the sheet “IMD” says IoD2019" in text


def test_iod_file10_with_an_abolished_council_is_refused(real_places):
    wb = workbook(IOD25)
    ws = wb["Crime"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "E06000063")  # Cumberland
    row[0].value = "E07000026"  # Allerdale, merged into Cumberland on 1 April 2023
    text = refused(services.import_file(content=saved(wb), file_name=IOD25_NAME))
    assert "E07000026 (Allerdale)" in text and "abolished on 1 April 2023" in text and f"Crime!{row[0].row}" in text


def test_iod_file10_with_a_duplicated_row_is_refused(real_places):
    wb = workbook(IOD19)
    ws = wb["Health"]
    ws.append([c.value for c in ws[5]])
    record = services.import_file(content=saved(wb), file_name=IOD19_NAME)
    text = refused(record)
    code = ws.cell(row=5, column=1).value
    assert record.problems[0]["row"] == f"Health!{ws.max_row}"
    assert f"{code} (column “Local Authority District code” of the sheet “Health”) was already given on row 5" in text


def test_iod_file10_with_text_in_a_figure_cell_names_sheet_row_and_column(real_places):
    wb = workbook(IOD19)
    wb["Employment"]["E7"] = "n.a.!"
    record = services.import_file(content=saved(wb), file_name=IOD19_NAME)
    text = refused(record)
    assert record.problems[0]["row"] == "Employment!7"
    assert "“n.a.!” in column “Employment - Average score” is not a number" in text


# ---- the two ways in: the web upload and the command line ---------------------------------------------------------


def test_the_web_upload_accepts_the_mye_workbook(as_role, real_places):
    client = as_role("facilitator")
    upload = SimpleUploadedFile(MYE22_NAME, read_file(MYE22))
    response = client.post("/data/imports/new/", {"file": upload}, follow=True)
    assert response.status_code == 200
    record = Import.objects.get()
    assert record.status == ImportStatus.APPLIED and record.importer == "ons_mye_workbook"
    assert "ONS mid-year population estimates workbook" in response.content.decode()
    assert population("E06000023", "mid-2022").value == 479024


def test_the_command_line_accepts_the_iod_workbook_and_refuses_a_misnamed_one(real_places, tmp_path):
    wrong = tmp_path / IOD19_NAME
    wrong.write_bytes(read_file(IOD25))
    err = io.StringIO()
    with pytest.raises(CommandError, match="rejected, nothing written"):
        call_command("import_data", str(wrong), stdout=io.StringIO(), stderr=err)
    assert "says 2019" in err.getvalue() and "for 2025" in err.getvalue()
    assert not Observation.objects.exists()
    path = tmp_path / IOD25_NAME
    path.write_bytes(read_file(IOD25))
    out = io.StringIO()
    call_command("import_data", str(path), stdout=out)
    assert ": applied (MHCLG English Indices of Deprivation, File 10" in out.getvalue()
    assert iod("E08000012", "iod-rank-of-average-score", "2025") == 9


def test_iod_file10_notes_title_is_checked_but_later_notes_may_name_other_editions(real_places):
    wb = workbook(IOD25)
    wb["Notes"]["A1"] = "English Indices of Deprivation 2019: File 10"
    text = refused(services.import_file(content=saved(wb), file_name=IOD25_NAME))
    assert "says IoD2025" in text and "the sheet “Notes”, row 1 says IoD2019" in text
    wb = workbook(IOD25)
    wb["Notes"].append(["Ranks cannot be compared with the Indices of Deprivation 2019 as changes in deprivation."])
    record = services.import_file(content=saved(wb), file_name=IOD25_NAME)
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
