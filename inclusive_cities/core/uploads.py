"""Uploaded files are checked by what they contain, not only by their name.

`check_upload(file, allowed)` refuses a file whose content is not the type its extension says: an HTML page named
`report.png`, a PDF named `photo.png`, a ZIP archive named `.docx` without a Word document inside, an SVG image
anywhere (it can carry scripts). Binary types must start with their signature (read by `filetype` from the first
8 KB); Office and OpenDocument files are ZIP archives whose listing must hold the part that makes them what they say
(read from the archive's directory, nothing is extracted); text types (CSV, TXT) must be UTF-8 (with or without a
byte order mark) or Windows-1252 text that is not markup. Sizes are checked by each form, before this.
"""

import codecs
import zipfile
from pathlib import Path

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HEAD_BYTES = 8 * 1024
TEXT_BYTES = 64 * 1024

# Extension -> the type `filetype` must detect.
SIGNATURES = {
    "pdf": {"pdf"},
    "png": {"png", "apng"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "gif": {"gif"},
    "webp": {"webp"},
    "gz": {"gz"},
}
# Office Open XML: a ZIP archive holding this part.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
# OpenDocument: a ZIP archive whose `mimetype` member says this.
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# Office 97-2003: an OLE compound document (the one signature Word, Excel and PowerPoint files share).
OLE = {"doc", "xls", "ppt"}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT = {"csv", "txt"}
# Signatures long and binary enough that a text file never starts with them by chance (unlike "BM" for a bitmap or
# "MZ" for a program, which a CSV heading could begin with): a text file that starts with one of these is refused.
NOT_TEXT = {"pdf", "png", "jpg", "gif", "webp", "zip", "gz", "bz2", "7z", "rar", "xz", "zst", "elf", "sqlite", "wasm",
            "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt", "epub"}  # fmt: skip
NEVER = {"svg", "svgz", "html", "htm", "xhtml", "xml", "js"}

# What a file of each extension is, for the message ("is not a PNG image").
WHAT = {
    "pdf": gettext_lazy("a PDF file"),
    "png": gettext_lazy("a PNG image"),
    "jpg": gettext_lazy("a JPEG image"),
    "jpeg": gettext_lazy("a JPEG image"),
    "gif": gettext_lazy("a GIF image"),
    "webp": gettext_lazy("a WebP image"),
    "gz": gettext_lazy("a gzip-compressed file"),
    "docx": gettext_lazy("a Word document"),
    "doc": gettext_lazy("a Word document"),
    "xlsx": gettext_lazy("an Excel workbook"),
    "xls": gettext_lazy("an Excel workbook"),
    "pptx": gettext_lazy("a PowerPoint presentation"),
    "ppt": gettext_lazy("a PowerPoint presentation"),
    "odt": gettext_lazy("an OpenDocument text"),
    "ods": gettext_lazy("an OpenDocument spreadsheet"),
    "odp": gettext_lazy("an OpenDocument presentation"),
    "csv": gettext_lazy("a CSV text file"),
    "txt": gettext_lazy("a text file"),
}
# Families named in "Upload a PDF, Word, … file.", in this order.
FAMILIES = [
    ({"pdf"}, gettext_lazy("PDF")),
    ({"docx", "doc"}, gettext_lazy("Word")),
    ({"odt", "ods", "odp"}, gettext_lazy("OpenDocument")),
    ({"xlsx", "xls"}, gettext_lazy("Excel")),
    ({"pptx", "ppt"}, gettext_lazy("PowerPoint")),
    ({"csv"}, gettext_lazy("CSV")),
    ({"txt"}, gettext_lazy("text")),
    ({"gz"}, gettext_lazy("gzip-compressed")),
    ({"png", "jpg", "jpeg", "gif", "webp"}, gettext_lazy("image")),
]
# What `filetype` found, in words ("its content is a PDF file").
FOUND = {
    "pdf": WHAT["pdf"],
    "png": WHAT["png"],
    "apng": WHAT["png"],
    "jpg": WHAT["jpg"],
    "gif": WHAT["gif"],
    "webp": WHAT["webp"],
    "gz": WHAT["gz"],
    "docx": WHAT["docx"],
    "doc": WHAT["doc"],
    "xlsx": WHAT["xlsx"],
    "xls": WHAT["xls"],
    "pptx": WHAT["pptx"],
    "ppt": WHAT["ppt"],
    "odt": WHAT["odt"],
    "ods": WHAT["ods"],
    "odp": WHAT["odp"],
    "zip": gettext_lazy("a ZIP archive"),
    "exe": gettext_lazy("a Windows program"),
    "elf": gettext_lazy("a program"),
}
UTF8_BOM = b"\xef\xbb\xbf"
BLANK = "\ufeff \t\r\n"


def extension(name: str) -> str:
    """The last extension of a file name, lower case, without the dot ("csv.gz" gives "gz")."""
    return Path(name or "").suffix.lower().lstrip(".")


def allowed_text(allowed) -> str:
    """The kinds of file a field accepts, in words: "PDF, Word, OpenDocument or image"."""
    names = [str(label) for family, label in FAMILIES if family & set(allowed)]
    if len(names) <= 1:
        return "".join(names)
    return _("%(list)s or %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


def _head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _text(head: bytes, complete: bool) -> str | None:
    """The head decoded as UTF-8 (BOM or not) or Windows-1252; None when it is not text."""
    head = head.removeprefix(UTF8_BOM)
    if b"\x00" in head:
        return None
    try:
        # Incremental, so a character cut in two at the end of the head is not taken for bad UTF-8.
        return codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError:
        pass
    try:
        return head.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _is_markup(text: str) -> bool:
    return text.lstrip(BLANK).startswith("<")


def _markup(text: str) -> str:
    """What kind of markup a text starting with "<" is, in words."""
    start = text.lstrip(BLANK)[:2048].lower()
    if "<svg" in start:
        return _("an SVG image")
    if start.startswith("<?xml"):
        return _("XML")
    return _("HTML")


def describe(upload) -> str:
    """What the file really is, in words, from its first bytes."""
    head = _head(upload, TEXT_BYTES)
    kind = filetype.guess(head[:HEAD_BYTES])
    if kind is not None:
        return str(FOUND.get(kind.extension, _("a %(type)s file") % {"type": kind.extension.upper()}))
    if head.startswith(OLE_SIGNATURE):
        return _("an Office 97-2003 document")
    if not head:
        return _("empty")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("UTF-16 text (save it as UTF-8)")
    text = _text(head, complete=len(head) < TEXT_BYTES)
    if text is None:
        return _("not a type the platform recognises")
    if _is_markup(text):
        return _markup(text)
    return _("plain text")


def _zip_has(upload, ext: str) -> bool:
    """True when the ZIP archive holds the part that makes it a document of this extension. Only the archive's
    directory is read (and at most 100 bytes of an OpenDocument's `mimetype`): nothing is extracted."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            if ext in OOXML_PARTS:
                try:
                    archive.getinfo(OOXML_PARTS[ext])
                except KeyError:
                    return False
                return True
            try:
                with archive.open("mimetype") as member:
                    return member.read(100).strip() == ODF_TYPES[ext].encode()
            except KeyError:
                return False
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return False
    finally:
        upload.seek(0)


def _matches(upload, ext: str) -> bool:
    head = _head(upload, HEAD_BYTES)
    if ext in SIGNATURES:
        kind = filetype.guess(head)
        return kind is not None and kind.extension in SIGNATURES[ext]
    if ext in OOXML_PARTS or ext in ODF_TYPES:
        return head.startswith(b"PK\x03\x04") and _zip_has(upload, ext)
    if ext in OLE:
        return head.startswith(OLE_SIGNATURE)
    if ext in TEXT:
        kind = filetype.guess(head)
        if (kind is not None and kind.extension in NOT_TEXT) or head.startswith(OLE_SIGNATURE):
            return False  # a PDF, an image or an archive named .csv
        text_head = _head(upload, TEXT_BYTES)
        text = _text(text_head, complete=len(text_head) < TEXT_BYTES)
        return text is not None and not _is_markup(text)
    return False


def check_upload(upload, allowed) -> None:
    """Refuse `upload` (a Django UploadedFile) unless its extension is one of `allowed` (with or without the dot)
    and its content is what that extension says. Raises ValidationError naming the file and what it really is."""
    allowed = {a.lower().lstrip(".") for a in allowed} - NEVER
    name = Path(upload.name or "").name
    ext = extension(name)
    upload_as = _("Upload a %(types)s file.") % {"types": allowed_text(allowed)}
    if ext not in allowed:
        raise ValidationError(
            _("“%(name)s” is not a type of file accepted here. %(upload)s") % {"name": name, "upload": upload_as},
            code="file_type",
        )
    if not _matches(upload, ext):
        raise ValidationError(
            _("“%(name)s” is not %(what)s: its content is %(found)s. %(upload)s")
            % {"name": name, "what": WHAT.get(ext, ext.upper()), "found": describe(upload), "upload": upload_as},
            code="file_content",
        )
