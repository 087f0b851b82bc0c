"""The report for funders as a PDF, prepared in the background: asked for on the report's page, prepared once per
programme, period and state of the data, handed out from `report.pdf`; a failure shows on the page and leaves no
file; the task is idempotent. Tests run the task backend inline (ImmediateBackend) once the request commits."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from inclusive_cities.network import services
from inclusive_cities.network.models import Membership, Programme, ReportFile, ReportFileState

pytestmark = pytest.mark.django_db

QUERY = "programme=inclusive-cities&start_year=2017&end_year=2026"
PAGE = f"/network/report/?{QUERY}"
PDF = f"/network/report/report.pdf?{QUERY}"
PREPARE = "/network/report/prepare/"
FORM = {"programme": "inclusive-cities", "start_year": "2017", "end_year": "2026"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Files on disk, as in production, in a folder of this test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.fixture
def network(place, other_place):
    services.places_load()
    services.network_load()
    return Programme.objects.get(code="inclusive-cities")


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs rendered (the real renderer still renders them)."""
    calls = []
    real = services.render_pdf

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "render_pdf", counting)
    return calls


def report_files():
    try:
        return default_storage.listdir("reports")[1]
    except FileNotFoundError:
        return []


def prepare(client, capture, data=None):
    """Press "Prepare the PDF": the task runs when the request's transaction commits."""
    with capture(execute=True):
        response = client.post(PREPARE, data or FORM)
    return response


def pdf_text(content: bytes, folder) -> str | None:
    """The PDF's text, by poppler's pdftotext where it is installed (None where not)."""
    if shutil.which("pdftotext") is None:
        return None
    path = folder / "downloaded.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_prepare_then_download_a_real_pdf(network, as_role, renders, django_capture_on_commit_callbacks, media):
    client = as_role("facilitator")
    page = client.get(PAGE).content.decode()
    assert 'id="prepare-pdf"' in page and "Prepare the PDF" in page and 'id="download-pdf"' not in page
    response = prepare(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == PAGE
    record = ReportFile.objects.get()
    assert record.state == ReportFileState.READY and record.requested_by == client.user and record.finished_at
    page = client.get(PAGE).content.decode()
    assert "Download the PDF (prepared on" in page and 'id="prepare-pdf"' not in page
    assert f'href="/network/report/report.pdf?{QUERY.replace("&", "&amp;")}"' in page
    download = client.get(PDF)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="funder-report-inclusive-cities-2017-2026.pdf"'
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF") and len(content) > 5000
    text = pdf_text(content, media)
    if text is not None:
        assert "Inclusive Cities, 2017–2026" in text and "Report for funders and boards" in text
    assert renders == [services.REPORT_PDF_TEMPLATE]


def test_unchanged_data_reuses_the_file_and_a_write_makes_a_new_one(
    network, as_role, renders, django_capture_on_commit_callbacks
):
    client, admin = as_role("facilitator"), as_role("admin")  # signing in writes (the last sign-in): before
    prepare(client, django_capture_on_commit_callbacks)
    first = ReportFile.objects.get()
    # a second press (or another facilitator) with nothing changed: the same file, no second render
    prepare(admin, django_capture_on_commit_callbacks)
    assert list(ReportFile.objects.all()) == [first] and len(renders) == 1
    assert report_files() == [first.file.name.split("/")[-1]]
    # any write makes it out of date: the page says so and offers to prepare it again
    membership = Membership.objects.filter(cohort__programme=network).first()
    services.membership_update(membership=membership, by=None, hosting_department="Communities")
    page = client.get(PAGE).content.decode()
    assert "Download the PDF (prepared on" in page and "Prepare the PDF again" in page
    assert "has changed since this PDF was prepared" in page
    prepare(client, django_capture_on_commit_callbacks)
    second = ReportFile.objects.get()  # the newer file replaces the older one, whose file is deleted
    assert second.pk != first.pk and second.state == ReportFileState.READY and len(renders) == 2
    assert report_files() == [second.file.name.split("/")[-1]]
    assert not default_storage.exists(first.file.name)


def test_a_failed_render_is_shown_and_leaves_no_file(network, as_role, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint ran out of fonts")

    monkeypatch.setattr(services, "render_pdf", broken)
    client = as_role("facilitator")
    response = prepare(client, django_capture_on_commit_callbacks)
    record = ReportFile.objects.get()
    assert record.state == ReportFileState.FAILED and record.error == "WeasyPrint ran out of fonts"
    assert not record.file and report_files() == []
    page = client.get(response.url).content.decode()
    assert "The PDF could not be prepared: WeasyPrint ran out of fonts" in page
    assert "Try again" in page and 'id="download-pdf"' not in page
    # the download address has nothing to give
    assert client.get(PDF).status_code == 302
    # trying again with the renderer mended gives the file, and the failure is no longer shown
    monkeypatch.undo()
    prepare(client, django_capture_on_commit_callbacks)
    record = ReportFile.objects.get()
    assert record.state == ReportFileState.READY
    page = client.get(PAGE).content.decode()
    assert "could not be prepared" not in page and "Download the PDF (prepared on" in page


def test_a_failed_file_save_leaves_no_half_written_record(network, monkeypatch, django_capture_on_commit_callbacks):
    """Rendered, but the record cannot be marked ready: the saved file is deleted again."""
    real_update = type(ReportFile.objects.all()).update

    def update(queryset, **fields):
        if fields.get("state") == ReportFileState.READY:
            raise RuntimeError("database went away")
        return real_update(queryset, **fields)

    monkeypatch.setattr(type(ReportFile.objects.all()), "update", update)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_pdf_request(programme=network, start_year=2017, end_year=2026, by=None)
    record = ReportFile.objects.get()
    assert record.state == ReportFileState.FAILED and not record.file and report_files() == []


def test_one_request_is_prepared_once(network, renders, django_capture_on_commit_callbacks):
    """A double click, or two facilitators at once, make one file; the task run twice renders once."""
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = services.report_pdf_request(programme=network, start_year=2017, end_year=2026, by=None)
    with django_capture_on_commit_callbacks(execute=False) as again:
        second = services.report_pdf_request(programme=network, start_year=2017, end_year=2026, by=None)
    assert second.pk == first.pk and second.state == ReportFileState.QUEUED
    assert len(queued) == 1 and again == []
    assert services.report_pdf_render.call(first.pk) == "ready"
    assert services.report_pdf_render.call(first.pk) == "nothing to do"
    for callback in queued:  # the queued task, picked up after the record is ready: does nothing
        callback()
    assert len(renders) == 1 and ReportFile.objects.get().state == ReportFileState.READY
    # at most one request waits per programme, period and language (the database says so too)
    from django.db import IntegrityError, transaction

    ReportFile.objects.create(programme=network, start_year=2017, end_year=2026, language="en-gb")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFile.objects.create(programme=network, start_year=2017, end_year=2026, language="en-gb")


def test_the_download_before_it_is_ready_goes_back_to_the_page(network, as_role, django_capture_on_commit_callbacks):
    client = as_role("facilitator")
    response = client.get(PDF)
    assert response.status_code == 302 and response.url == PAGE
    assert "has not been prepared yet" in client.get(response.url).content.decode()
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not taken it yet
        response = client.post(PREPARE, FORM)
    assert response.status_code == 302 and ReportFile.objects.get().state == ReportFileState.QUEUED
    page = client.get(response.url).content.decode()
    assert "The PDF is being prepared" in page
    assert "Being prepared — this page updates when you reload it." in page and 'id="prepare-pdf"' not in page
    response = client.get(PDF)
    assert response.status_code == 302 and response.url == PAGE
    page = client.get(PAGE).content.decode()
    assert "The PDF is being prepared. Reload the page" in page and "http-equiv" not in page


def test_a_request_the_worker_never_took_can_be_asked_again(network, as_role, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        lost = services.report_pdf_request(programme=network, start_year=2017, end_year=2026, by=None)
    ReportFile.objects.filter(pk=lost.pk).update(requested_at=timezone.now() - timedelta(hours=1))
    client = as_role("facilitator")
    page = client.get(PAGE).content.decode()
    assert "waited too long" in page and "Try again" in page
    prepare(client, django_capture_on_commit_callbacks)
    assert ReportFile.objects.get().state == ReportFileState.READY  # the lost one was given up, then pruned
    assert not ReportFile.objects.filter(pk=lost.pk).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"programme": "inclusive-cities", "start_year": "2026", "end_year": "2020"}, "cannot end before it starts"),
        ({"programme": "inclusive-cities", "start_year": "1980", "end_year": "2020"}, "greater than or equal to 2000"),
        ({"programme": "inclusive-cities", "start_year": "abc", "end_year": "2020"}, "Enter a whole number"),
        ({"programme": "nope", "start_year": "2017", "end_year": "2020"}, "Select a valid choice"),
    ],
)
def test_parameters_out_of_range_are_refused(network, as_role, data, message, django_capture_on_commit_callbacks):
    client = as_role("facilitator")
    response = prepare(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 400 and message in response.content.decode()
    query = "&".join(f"{k}={v}" for k, v in data.items())
    response = client.get(f"/network/report/report.pdf?{query}")
    assert response.status_code == 400 and message in response.content.decode()
    assert not ReportFile.objects.exists()
