"""Broken copies of the real files, made in the test: clear messages with row numbers, nothing written."""

import gzip
import io
import zipfile

import pytest

from inclusive_cities.data import services
from inclusive_cities.data.models import Import, ImportStatus, Indicator, Observation, SmallAreaCount

from .conftest import read_file, read_rows, to_csv

MYE = "ons_mye_mid2022_population_uk_la.csv"
TS019 = "census2021_ts019_migrant_indicator_ltla_summed_from_msoa.csv"


def nothing_written():
    return (
        Observation.objects.count() == 0
        and SmallAreaCount.objects.count() == 0
        and Indicator.objects.count() == 0
        and not Import.objects.filter(status=ImportStatus.APPLIED).exists()
    )


def messages(record):
    return " | ".join(f"{p['row']}: {p['message']}" for p in record.problems)


def test_missing_column_is_named(real_places):
    rows = read_rows(TS019)
    header = [h for h in rows[0] if h != "migrant_from_outside_uk"]
    record = services.import_file(
        content=to_csv(rows, header), file_name="ts019.csv", importer_name="census2021_ts019_ltla"
    )
    assert record.status == ImportStatus.REJECTED
    assert "lacks the columns" in messages(record) and "migrant_from_outside_uk" in messages(record)
    assert nothing_written()


def test_unrecognised_file_lists_its_columns(real_places):
    record = services.import_file(content=b"foo,bar\n1,2\n", file_name="other.csv")
    assert record.status == ImportStatus.REJECTED
    assert "No importer recognises" in messages(record) and "foo, bar" in messages(record)
    assert nothing_written()


def test_unknown_area_code_rejects_the_whole_file_with_row_numbers(real_places):
    rows = read_rows(MYE)
    rows[10]["Code"] = "E06999999"  # file row 12 (header is row 1)
    rows[20]["Code"] = "E06999999"
    record = services.import_file(content=to_csv(rows), file_name="mye.csv", period="mid-2022")
    assert record.status == ImportStatus.REJECTED
    text = messages(record)
    assert "Unknown area code “E06999999”" in text and "rows 12, 22" in text
    assert record.problems[0]["row"] == 12
    assert nothing_written()


def test_old_codes_are_mapped_and_reported(real_places):
    rows = read_rows(MYE)
    glasgow = next(r for r in rows if r["Code"] == "S12000049")
    glasgow["Code"] = "S12000046"  # Glasgow City before the 2019 recode
    record = services.import_file(content=to_csv(rows), file_name="mye.csv", period="mid-2022")
    assert record.status == ImportStatus.APPLIED
    assert any("S12000046 mapped to the current code S12000049" in n for n in record.notes)
    obs = Observation.objects.get(area_code="S12000049", indicator__code="population-mid-year")
    assert obs.source_area_code == "S12000046" and obs.value == float(glasgow["Population"])
    assert obs.place.code == "S12000049"


def test_indicator_page_says_which_codes_were_mapped(client, real_places):
    rows = read_rows(MYE)
    next(r for r in rows if r["Code"] == "S12000049")["Code"] = "S12000046"
    services.import_file(content=to_csv(rows), file_name="mye.csv", period="mid-2022")
    page = client.get("/data/indicators/population-mid-year/").content.decode()
    assert "S12000046 → S12000049 (Glasgow City)" in page


def test_old_and_new_code_for_the_same_council_is_a_duplicate(real_places):
    rows = read_rows(MYE)
    glasgow = dict(next(r for r in rows if r["Code"] == "S12000049"))
    glasgow["Code"] = "S12000046"
    rows.append(glasgow)
    record = services.import_file(content=to_csv(rows), file_name="mye.csv", period="mid-2022")
    assert record.status == ImportStatus.REJECTED
    assert "Duplicate: S12000049, mid-2022 was already given on row" in messages(record)
    assert nothing_written()


@pytest.mark.parametrize("symbol", ["c", "x", "..", ":"])
def test_suppressed_and_missing_symbols_are_stored_without_a_value(real_places, symbol):
    rows = read_rows(TS019)
    rows[3]["migrant_from_outside_uk"] = symbol
    record = services.import_file(content=to_csv(rows), file_name="ts019.csv")
    assert record.status == ImportStatus.APPLIED
    obs = Observation.objects.get(
        area_code=rows[3]["ltla21_code"],
        indicator__code="census21-migrant-indicator",
        category="Migrant from outside the UK",
    )
    assert obs.value is None and obs.flag == symbol
    assert obs.status == ("suppressed" if symbol in ("c", "x") else "not_available")
    assert any("stored without a value: rows 5" in n for n in record.notes)


def test_non_numeric_value_is_reported_with_row_and_column(real_places):
    rows = read_rows(TS019)
    rows[6]["all_usual_residents"] = "twelve"
    record = services.import_file(content=to_csv(rows), file_name="ts019.csv")
    assert record.status == ImportStatus.REJECTED
    assert record.problems[0]["row"] == 8
    assert "“twelve” in column “all_usual_residents” is not a number" in record.problems[0]["message"]
    assert nothing_written()


def test_duplicated_rows_are_reported_with_both_row_numbers(real_places):
    rows = read_rows(TS019)
    rows.insert(5, dict(rows[2]))  # row 4 repeated as row 7
    record = services.import_file(content=to_csv(rows), file_name="ts019.csv")
    assert record.status == ImportStatus.REJECTED
    assert any(p["row"] == 7 and "already given on row 4" in p["message"] for p in record.problems)
    assert nothing_written()


def test_identical_home_office_rows_are_an_error(real_places):
    rows = read_rows("resettlement_by_la_2014_2024.csv")
    rows.insert(3, dict(rows[0]))
    record = services.import_file(content=to_csv(rows), file_name="resettlement.csv")
    assert record.status == ImportStatus.REJECTED
    assert "Duplicated row: identical to row 2" in messages(record)
    assert nothing_written()


def test_ragged_row_is_reported(real_places):
    content = read_file(MYE).decode("utf-8-sig").splitlines()
    content[4] += ",extra"
    record = services.import_file(content="\n".join(content).encode(), file_name="mye.csv", period="mid-2022")
    assert record.status == ImportStatus.REJECTED
    assert record.problems[0]["row"] == 5 and "cells" in record.problems[0]["message"]
    assert nothing_written()


def test_a_late_error_leaves_nothing_from_earlier_rows(real_places):
    rows = read_rows("mhclg_iod2025_lad_summaries.csv")
    rows[-1]["average_score"] = "n.a.!"
    record = services.import_file(content=to_csv(rows), file_name="iod.csv")
    assert record.status == ImportStatus.REJECTED and record.problems[0]["row"] == len(rows) + 1
    assert nothing_written()


def test_binary_file_named_csv_is_rejected(real_places):
    record = services.import_file(content=b"%PDF-1.7\x00\x01\x02binary", file_name="report.csv")
    assert record.status == ImportStatus.REJECTED
    assert "not a CSV text file" in messages(record)
    assert nothing_written()


def test_wrong_extension_is_refused_before_reading():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a CSV"):
        services.import_file(content=b"Code,Name\n", file_name="report.pdf")


def test_oversized_file_is_refused(settings):
    from django.core.exceptions import ValidationError

    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="largest file"):
        services.import_file(content=b"x" * 1001, file_name="big.csv")


def test_spreadsheet_that_is_not_the_lamis_workbook(real_places):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Area Code", "Value"])
    buf = io.BytesIO()
    wb.save(buf)
    record = services.import_file(content=buf.getvalue(), file_name="other.xlsx")
    assert record.status == ImportStatus.REJECTED
    assert "not in a format the platform knows" in messages(record)


def test_corrupt_spreadsheet(real_places):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    record = services.import_file(content=buf.getvalue(), file_name="broken.xlsx")
    assert record.status == ImportStatus.REJECTED
    assert "cannot be opened" in messages(record) or "not in a format" in messages(record)


def test_gzipped_and_plain_copies_are_the_same_file(real_places):
    plain = read_file(MYE)
    first = services.import_file(content=gzip.compress(plain), file_name="mye.csv.gz", period="mid-2022")
    second = services.import_file(content=plain, file_name="mye.csv", period="mid-2022")
    assert first.status == ImportStatus.APPLIED and second.status == ImportStatus.UNCHANGED


def test_changed_file_updates_only_what_changed(real_places):
    rows = read_rows(MYE)
    services.import_file(content=to_csv(rows), file_name="mye.csv", period="mid-2022")
    code = rows[30]["Code"]
    rows[30]["Population"] = "123"
    record = services.import_file(content=to_csv(rows), file_name="mye-revised.csv", period="mid-2022")
    assert record.status == ImportStatus.NEEDS_CONFIRMATION  # a revision is never applied silently
    assert Observation.objects.get(area_code=code, period="mid-2022").value != 123
    record = services.import_file(
        content=to_csv(rows), file_name="mye-revised.csv", period="mid-2022", accept_revisions=True
    )
    assert record.status == ImportStatus.APPLIED
    assert (record.rows_created, record.rows_updated) == (0, 1)
    assert record.rows_unchanged == len(rows) - 1
    assert Observation.objects.get(area_code=code, period="mid-2022").value == 123


def test_editors_changes_to_a_catalogue_entry_survive_later_imports(real_places):
    from inclusive_cities.data.models import Indicator

    rows = read_rows(MYE)
    services.import_file(content=to_csv(rows), file_name="mye.csv", period="mid-2022")
    Indicator.objects.filter(code="population-mid-year").update(caveats="Edited by the network's data lead.")
    rows[5]["Population"] = "1"
    again = services.import_file(
        content=to_csv(rows), file_name="mye-rev.csv", period="mid-2022", accept_revisions=True
    )
    assert again.status == ImportStatus.APPLIED
    assert Indicator.objects.get(code="population-mid-year").caveats == "Edited by the network's data lead."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NaN", "is not a number or a known symbol"),
        ("inf", "is not a number or a known symbol"),
        ("1e999", "is not a number or a known symbol"),
        ("-5", "is not a possible count of people"),
    ],
)
def test_impossible_counts_are_refused_with_the_row(real_places, value, message):
    rows = read_rows(MYE)
    rows[10]["Population"] = value  # file row 12
    record = services.import_file(content=to_csv(rows), file_name="mye.csv", period="mid-2022")
    assert record.status == ImportStatus.REJECTED
    assert record.problems[0]["row"] == 12 and message in record.problems[0]["message"]
    assert nothing_written()


def test_a_percentage_outside_0_to_100_is_refused(real_places):
    rows = read_rows("census2021_migration_topics_ltla_percentages.csv.gz")
    rows[0]["percent"] = "250"  # file row 2
    record = services.import_file(content=to_csv(rows), file_name="topics.csv")
    assert record.status == ImportStatus.REJECTED
    assert record.problems[0]["row"] == 2 and "not a possible percentage" in record.problems[0]["message"]
    assert nothing_written()


def test_lamis_workbook_with_a_renamed_header_or_a_typo_in_a_code_is_refused(real_places):
    """Nothing in the publisher's workbook is dropped quietly: a sheet without its table, or a row of figures with
    a malformed area code, rejects the file and says where."""
    import openpyxl

    original = openpyxl.load_workbook(io.BytesIO(read_file("ons_lamis_2021lamistables.xlsx")))

    def saved(workbook) -> bytes:
        buf = io.BytesIO()
        workbook.save(buf)
        return buf.getvalue()

    sheet = original["NINo Registrations"]
    header = next(row for row in sheet.iter_rows() if row[0].value == "Area Code")
    header[0].value = "Area"
    record = services.import_file(content=saved(original), file_name="lamis.xlsx", importer_name="lamis_workbook")
    assert record.status == ImportStatus.REJECTED
    assert "“NINo Registrations” has no header row starting with “Area Code”" in messages(record)
    header[0].value = "Area Code"
    bristol = next(row for row in sheet.iter_rows() if row[0].value == "E06000023")
    bristol[0].value = "E6000023"
    record = services.import_file(content=saved(original), file_name="lamis.xlsx", importer_name="lamis_workbook")
    assert record.status == ImportStatus.REJECTED
    assert "E6000023" in messages(record)
    assert nothing_written()


def test_a_suppressed_home_office_count_is_kept_as_suppressed_not_refused(real_places):
    rows = read_rows("resettlement_by_la_2014_2024.csv")
    rows[5]["Persons"] = "c"  # file row 7
    record = services.import_file(content=to_csv(rows), file_name="resettlement.csv")
    assert record.status == ImportStatus.APPLIED, messages(record)
    suppressed = Observation.objects.filter(status="suppressed")
    assert suppressed.exists() and all(o.value is None and o.flag == "c" for o in suppressed)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # The importers read every file by its content: a web page named .csv has no columns they know,
        ("page.csv", b"<!DOCTYPE html>\n<html><script>alert(1)</script></html>\n", "No importer recognises"),
        # a file that is not text is not read as CSV, whatever its name,
        ("figures.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "it contains binary data"),
        # and a file named .xlsx is only opened as a workbook when it is a ZIP archive.
        ("figures.xlsx", b"%PDF-1.4\n\x00\x01binary", "it contains binary data"),
    ],
)
def test_files_are_read_by_their_content_not_their_name(db, name, content, message):
    record = services.import_file(content=content, file_name=name)
    assert record.status == ImportStatus.REJECTED
    assert message in messages(record)
    assert nothing_written()
