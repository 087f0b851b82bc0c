"""Limits on costly input: a gzip bomb, too many rows, a workbook declaring or holding too many rows/cells.
Each is refused with a message naming the limit, and nothing is written."""

import gzip
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from inclusive_cities.data import services
from inclusive_cities.data.models import Import, ImportStatus, Observation

from .conftest import read_file

MYE = "ons_mye_mid2022_population_uk_la.csv"
LAMIS = "ons_lamis_2021lamistables.xlsx"


@pytest.fixture
def bomb():
    """About 60 MB of CSV-looking text that gzips to a few tens of kilobytes."""
    header = b"Code,Name,Geography,Population\n"
    return gzip.compress(header + b"E06000023,Bristol,Unitary Authority,1\n" * 1_600_000, 9)


def test_gzip_bomb_is_refused_by_the_service_and_the_command(real_places, bomb, settings, tmp_path):
    settings.MAX_IMPORT_DECOMPRESSED_BYTES = 10 * 1024 * 1024
    assert len(bomb) < 1_000_000
    record = services.import_file(content=bomb, file_name="bomb.csv.gz", period="mid-2022")
    assert record.status == ImportStatus.REJECTED
    assert "expands to more than 10 MB" in record.problems[0]["message"]
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(bomb)
    with pytest.raises(CommandError, match="rejected"):
        call_command("import_data", str(path), period="mid-2022")
    assert not Observation.objects.exists()


def test_gzip_bomb_uploaded_on_the_web_is_refused(as_role, real_places, bomb, settings):
    settings.MAX_IMPORT_DECOMPRESSED_BYTES = 10 * 1024 * 1024
    client = as_role("facilitator")
    response = client.post(
        "/data/imports/new/", {"file": SimpleUploadedFile("bomb.csv.gz", bomb), "period": "mid-2022"}, follow=True
    )
    assert "expands to more than 10 MB" in response.content.decode()
    assert Import.objects.get().status == ImportStatus.REJECTED and not Observation.objects.exists()


def test_a_file_with_too_many_rows_is_refused(real_places, settings):
    settings.MAX_IMPORT_ROWS = 100
    record = services.import_file(content=read_file(MYE), file_name=MYE, period="mid-2022")
    assert record.status == ImportStatus.REJECTED and "more than 100 rows" in record.problems[0]["message"]
    assert not Observation.objects.exists()


def rewritten_workbook(replace) -> bytes:
    """The real workbook with each sheet's declared size (its <dimension> element) rewritten."""
    source = zipfile.ZipFile(io.BytesIO(read_file(LAMIS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', replace, data, count=1)
            target.writestr(item, data)
    return out.getvalue()


def test_a_workbook_sheet_with_too_many_rows_is_refused_while_streaming(real_places, settings):
    settings.MAX_IMPORT_ROWS_PER_SHEET = 50
    content = rewritten_workbook(b"")  # no declared size: counted while reading
    record = services.import_file(content=content, file_name=LAMIS)
    assert record.status == ImportStatus.REJECTED
    assert "more than 50 rows" in record.problems[0]["message"] and "sheet" in record.problems[0]["message"]
    assert not Observation.objects.exists()


def test_a_small_workbook_declaring_two_million_rows_is_refused_before_reading_them(real_places):
    content = rewritten_workbook(b'<dimension ref="A1:Z2000000"/>')
    assert len(content) < 2_000_000
    record = services.import_file(content=content, file_name=LAMIS)
    assert record.status == ImportStatus.REJECTED
    assert "has 2,000,000 rows" in record.problems[0]["message"]
    assert not Observation.objects.exists()
