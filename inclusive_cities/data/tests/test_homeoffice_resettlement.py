"""The Home Office's own "Resettlement by local authority" workbook (Res_D01): figures typed by hand from the
workbook's data sheet, the same figures as the CSV copy, and each kind of bad input refused with nothing written."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from inclusive_cities.data import services
from inclusive_cities.data.models import Import, ImportStatus, Observation

from .conftest import read_file

RES_WORKBOOK = "homeoffice_resettlement_res_d01_subset.xlsx"
NAME = "resettlement-local-authority-datasets-sep-2024.xlsx"
# Typed from the Data_Res_D01 sheet: people resettled in 2019 Q3 (Year 2019, Quarter "2019 Q3"), all schemes
# added up: Sheffield 18 VCRS + 18 VPRS, Bradford 11 VCRS + 23 VPRS, the others one VPRS row each.
RESETTLED_2019Q3 = {
    "E08000019": 36,  # Sheffield
    "E08000032": 34,  # Bradford
    "S12000036": 36,  # City of Edinburgh
    "E06000023": 13,  # Bristol
    "E08000026": 31,  # Coventry
    "E08000035": 27,  # Leeds
}
VPRS = "Vulnerable Persons Resettlement Scheme"


def workbook(change=None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(read_file(RES_WORKBOOK)))
    if change:
        change(wb["Data_Res_D01"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def figure(code, period="2019-09-30", category=""):
    return Observation.objects.get(
        area_code=code, indicator__code="resettlement-arrivals", period=period, category=category
    )


def test_resettlement_workbook_with_cover_contents_and_notes(real_places):
    record = services.import_file(content=read_file(RES_WORKBOOK), file_name=NAME)
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert record.importer == "homeoffice_resettlement_workbook" and record.publisher == "Home Office"
    for code, people in RESETTLED_2019Q3.items():
        total = figure(code)
        assert total.value == people, code
        assert total.source_row.startswith("Data_Res_D01!")
    assert figure("E08000032", category=VPRS).value == 23
    # Bradford, 2024 Q3, UK Resettlement Scheme: 5 (typed from the sheet)
    assert figure("E08000032", period="2024-09-30").value == 5
    # Glasgow's rows carry its pre-2018 code S12000046: stored under the current code, and the mapping noted
    assert figure("S12000049", period="2014-12-31").value == 37
    assert any("S12000046" in n and "S12000049" in n for n in record.notes)
    assert record.release.startswith("2014-03-31") and "2024-09-30" in record.release


def test_workbook_and_csv_copy_give_the_same_figures(real_places):
    services.import_file(content=read_file(RES_WORKBOOK), file_name=NAME)
    again = services.import_file(content=read_file("resettlement_by_la_2014_2024.csv"), file_name="res.csv")
    # the whole-UK CSV adds councils and nothing it gives for the seven councils differs from the workbook
    assert again.status == ImportStatus.APPLIED and again.rows_created > 0
    assert again.revisions == [] and again.rows_unchanged > 0
    assert figure("E08000019").value == 36


def test_missing_column_is_refused_naming_sheet_row_and_column(real_places):
    def drop(ws):
        ws.delete_cols([c.value for c in ws[2]].index("Resettlement Scheme") + 1)

    record = services.import_file(content=workbook(drop), file_name=NAME)
    assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
    message = record.problems[0]["message"]
    assert "“Data_Res_D01”" in message and "row 2" in message and "“Resettlement Scheme”" in message


def test_quarter_contradicting_its_year_is_refused(real_places):
    def contradict(ws):
        ws["B3"] = "2015 Q1"  # row 3 says Year 2014

    record = services.import_file(content=workbook(contradict), file_name=NAME)
    assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
    problem = record.problems[0]
    assert problem["row"] == "Data_Res_D01!3"
    assert "“Quarter” says 2015 Q1" in problem["message"] and "“Year” says 2014" in problem["message"]


def test_file_name_contradicting_the_periods_is_refused(real_places):
    record = services.import_file(
        content=read_file(RES_WORKBOOK), file_name="resettlement-local-authority-datasets-mar-2031.xlsx"
    )
    assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
    message = record.problems[0]["message"]
    assert "says 2031" in message and "“Year” and “Quarter”" in message


def test_unknown_code_is_refused(real_places):
    def recode(ws):
        ws["D3"] = "E09999999"

    record = services.import_file(content=workbook(recode), file_name=NAME)
    assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
    message = record.problems[0]["message"]
    assert "Unknown area code “E09999999”" in message and "Data_Res_D01!3" in message


def test_abolished_council_is_added_to_its_successor_and_said_so(real_places):
    """As for asylum support (and the CSV copy): the Home Office still lists a few councils after a merger; their
    people live in the council that replaced them, so the row counts there and the report names row and codes."""

    def recode(ws):
        for row in ws.iter_rows(min_row=3):
            if row[1].value == "2019 Q3" and row[3].value == "E06000023":
                row[3].value, row[4].value, row[2].value = "E07000048", "Christchurch", "South West"
                return row[0].row

    record = services.import_file(content=workbook(recode), file_name=NAME)
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert any("E07000048" in n and "E06000058" in n and "Data_Res_D01!" in n for n in record.notes)
    # Bournemouth, Christchurch and Poole: the 13 people typed above for Bristol's 2019 Q3 row
    assert figure("E06000058").value == 13
    assert not Observation.objects.filter(area_code="E07000048").exists()


def test_duplicate_row_is_refused(real_places):
    def duplicate(ws):
        ws.append([c.value for c in ws[3]])

    record = services.import_file(content=workbook(duplicate), file_name=NAME)
    assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
    assert any("identical to row Data_Res_D01!3" in p["message"] for p in record.problems)


def test_over_the_row_cap_is_refused(real_places, settings):
    settings.MAX_IMPORT_ROWS_PER_SHEET = 100
    record = services.import_file(content=read_file(RES_WORKBOOK), file_name=NAME)
    assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
    assert "“Data_Res_D01”" in record.problems[0]["message"] and "100 rows" in record.problems[0]["message"]


def test_uploaded_on_the_web(as_role, real_places):
    client = as_role("facilitator")
    upload = SimpleUploadedFile(NAME, read_file(RES_WORKBOOK))
    response = client.post("/data/imports/new/", {"file": upload}, follow=True)
    assert response.status_code == 200
    record = Import.objects.get()
    assert record.status == ImportStatus.APPLIED and record.importer == "homeoffice_resettlement_workbook"
    assert figure("E08000035").value == 27


def test_imported_from_the_command_line(real_places, tmp_path):
    bad = tmp_path / "resettlement-local-authority-datasets-mar-2031.xlsx"
    bad.write_bytes(read_file(RES_WORKBOOK))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Rejected|rejected"):
        call_command("import_data", str(bad), stdout=io.StringIO(), stderr=err)
    assert "says 2031" in err.getvalue() and not Observation.objects.exists()
    path = tmp_path / NAME
    path.write_bytes(read_file(RES_WORKBOOK))
    out = io.StringIO()
    call_command("import_data", str(path), stdout=out)
    assert "homeoffice" in out.getvalue().lower() or "Res_D01" in out.getvalue()
    assert figure("E08000026").value == 31
