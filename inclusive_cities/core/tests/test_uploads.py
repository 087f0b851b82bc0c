"""Uploaded files are checked by what they contain (core/uploads.py), built byte by byte here."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inclusive_cities.core.uploads import check_upload

EVIDENCE = {"pdf", "docx", "odt", "xlsx", "ods", "csv", "txt", "png", "jpg", "jpeg"}
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def png_bytes() -> bytes:
    """A valid 1x1 grey PNG: signature, IHDR, IDAT, IEND, each chunk with its CRC."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"  # noqa: E501


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            # OpenDocument keeps its mimetype uncompressed and first; the rest may be deflated.
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["area", "value"])
    book.active.append(["E06000023", 12])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def odf_bytes(mimetype: str) -> bytes:
    return zip_bytes({"mimetype": mimetype.encode(), "content.xml": b"<office:document-content/>"})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(name: str, content: bytes, allowed=EVIDENCE) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content), allowed)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pixel.png", png_bytes()),
        ("minutes.pdf", PDF),
        ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64),
        ("report.docx", docx_bytes()),
        ("figures.xlsx", xlsx_bytes()),
        ("notes.odt", odf_bytes("application/vnd.oasis.opendocument.text")),
        ("sheet.ods", odf_bytes("application/vnd.oasis.opendocument.spreadsheet")),
        ("utf8-bom.csv", "\ufeffarea,name\nW06000015,Caerdydd – Cardiff\n".encode()),
        ("windows.csv", "area,name,cost\nE06000023,Café,£12\n".encode("cp1252")),
        ("notes.txt", b"Meeting notes\nAgreed the plan.\n"),
        ("bmi.csv", b"BMI,area\n22.5,E06000023\n"),  # "BM" is a bitmap's signature, but this is text
    ],
)
def test_real_files_are_accepted(name, content):
    file = upload(name, content)
    check_upload(file, EVIDENCE)
    assert file.read() == content  # left at the start, ready to be saved whole


def test_a_utf8_character_cut_by_the_64_kb_window_is_still_text():
    content = ("a" * (64 * 1024 - 1) + "é\n").encode()  # é's two bytes straddle the end of the window read
    assert content[64 * 1024 - 1 : 64 * 1024 + 1] == "é".encode()
    check_upload(upload("long.csv", content), EVIDENCE)


def test_html_named_png_is_refused_naming_the_file_and_what_it_is():
    message = refusal("report.png", HTML)
    assert message.startswith("“report.png” is not a PNG image: its content is HTML.")
    assert "Upload a PDF, Word, OpenDocument, Excel, CSV, text or image file." in message


def test_pdf_named_png_is_refused():
    assert "“scan.png” is not a PNG image: its content is a PDF file." in refusal("scan.png", PDF)


def test_zip_named_docx_without_a_word_document_is_refused():
    fake = zip_bytes({"[Content_Types].xml": b"<Types/>", "payload/run.html": HTML})
    assert "“plan.docx” is not a Word document: its content is a ZIP archive." in refusal("plan.docx", fake)


def test_a_workbook_named_docx_is_refused():
    message = refusal("plan.docx", xlsx_bytes())
    assert "is not a Word document: its content is an Excel workbook." in message


def test_opendocument_type_must_match_its_extension():
    spreadsheet = odf_bytes("application/vnd.oasis.opendocument.spreadsheet")
    assert "is not an OpenDocument text" in refusal("notes.odt", spreadsheet)
    assert "is not an OpenDocument text" in refusal("notes.odt", zip_bytes({"content.xml": b"<x/>"}))


def test_a_broken_zip_named_xlsx_is_refused():
    assert "is not an Excel workbook" in refusal("figures.xlsx", b"PK\x03\x04" + b"\x00" * 100)


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.png", "drawing.csv", "drawing.txt"])
def test_svg_is_refused_everywhere(name):
    message = refusal(name, SVG, EVIDENCE | {"svg"})  # even where a form would list it
    assert f"“{name}”" in message


def test_svg_named_csv_says_what_it_is():
    assert "is not a CSV text file: its content is an SVG image." in refusal("data.csv", SVG)


def test_csv_that_is_html_is_refused():
    message = refusal("figures.csv", b"  \n" + HTML)
    assert "“figures.csv” is not a CSV text file: its content is HTML." in message


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (PDF, "a PDF file"),
        (png_bytes(), "a PNG image"),
        ("area,name\n".encode("utf-16"), "UTF-16 text"),
        (b"\x00\x01\x02\x03binary\x00", "not a type the platform recognises"),
    ],
)
def test_binary_named_csv_is_refused(content, found):
    assert f"its content is {found}" in refusal("figures.csv", content)


def test_an_extension_the_field_does_not_list_is_refused():
    message = refusal("run.exe", b"MZ\x90\x00")
    assert "“run.exe” is not a type of file accepted here." in message


def test_allowed_extensions_may_be_given_with_dots():
    check_upload(upload("pixel.png", png_bytes()), {".png", ".pdf"})
    assert "Upload a PDF or image file." in refusal("pixel.png", HTML, {".png", ".pdf"})
