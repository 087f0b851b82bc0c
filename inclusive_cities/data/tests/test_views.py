"""Catalogue and import pages: permission matrix for every view and role, the upload form end to end."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url

from conftest import ROLES
from inclusive_cities.data import services
from inclusive_cities.data.models import Import, ImportStatus, Observation

from .conftest import read_file

MYE = "ons_mye_mid2022_population_uk_la.csv"
MAY_IMPORT = {"facilitator", "admin", "officer", "other_officer"}  # officers: their own place's figures only
MAY_IMPORT_NETWORK = {"facilitator", "admin"}
MAY_SEE_IMPORTS = MAY_IMPORT | {"researcher"}


@pytest.fixture
def an_import(real_places):
    return services.import_file(content=read_file(MYE), file_name=MYE, period="mid-2022")


def expected(role, allowed):
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
def test_catalogue_is_public(as_role, an_import, role):
    client = as_role(role)
    page = client.get("/data/")
    assert page.status_code == 200
    assert "Mid-year population estimate" in page.content.decode()
    detail = client.get("/data/indicators/population-mid-year/")
    assert detail.status_code == 200
    assert "Coverage" in detail.content.decode()
    assert client.get("/data/indicators/no-such-indicator/").status_code == 404
    assert client.get("/api/v1/observations/?place=E06000023").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_import_history_matrix(as_role, an_import, role, settings):
    client = as_role(role)
    response = client.get("/data/imports/")
    assert response.status_code == expected(role, MAY_SEE_IMPORTS)
    if role == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    detail = client.get(f"/data/imports/{an_import.pk}/")
    assert detail.status_code == expected(role, MAY_SEE_IMPORTS)
    if detail.status_code == 200:
        assert an_import.sha256 in detail.content.decode()
    missing = client.get("/data/imports/999999/")
    assert missing.status_code == (404 if role in MAY_SEE_IMPORTS else expected(role, MAY_SEE_IMPORTS))


@pytest.mark.parametrize("role", ROLES)
def test_import_form_matrix(as_role, real_places, role):
    client = as_role(role)
    assert client.get("/data/imports/new/").status_code == expected(role, MAY_IMPORT)
    upload = SimpleUploadedFile(MYE, read_file(MYE), content_type="text/csv")
    response = client.post("/data/imports/new/", {"file": upload, "importer": "", "period": "mid-2022"})
    if role in MAY_IMPORT:
        record = Import.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/data/imports/{record.pk}/"
        assert record.user == client.user
        if role in MAY_IMPORT_NETWORK:
            assert record.status == ImportStatus.APPLIED
        else:  # a file of every council's figures is network-wide: an officer's import of it writes nothing
            assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
            assert "for your own place" in record.problems[0]["message"]
    else:
        assert response.status_code == expected(role, MAY_IMPORT)
        assert not Import.objects.exists() and not Observation.objects.exists()


def test_catalogue_filters(client, real_places, framework):
    services.import_file(content=read_file(MYE), file_name=MYE, period="mid-2022")
    services.import_file(content=read_file("resettlement_by_la_2014_2024.csv"), file_name="r.csv")
    page = client.get("/data/", {"q": "resettled"}).content.decode()
    assert "Refugees resettled" in page and "Mid-year population estimate" not in page
    page = client.get("/data/", {"publisher": "Home Office"}).content.decode()
    assert "Refugees resettled" in page and "Mid-year population estimate" not in page
    page = client.get("/data/", {"domain": "ho-housing"}).content.decode()
    assert "Refugees resettled" in page and "Mid-year population estimate" not in page
    page = client.get("/data/", {"theme": "T4"}).content.decode()
    assert "Refugees resettled" in page
    detail = client.get("/data/indicators/resettlement-arrivals/").content.decode()
    assert "Housing" in detail and "T4" in detail and "Home Office" in detail


def test_upload_of_a_broken_file_shows_the_problems_with_row_numbers(as_role, real_places):
    client = as_role("facilitator")
    content = read_file(MYE).replace(b"E06000023", b"E06099999")
    response = client.post(
        "/data/imports/new/",
        {"file": SimpleUploadedFile("mye.csv", content), "importer": "", "period": "mid-2022"},
        follow=True,
    )
    page = response.content.decode()
    assert "nothing was written" in page and "E06099999" in page
    assert not Observation.objects.exists()


def test_upload_reimport_says_nothing_changed(as_role, real_places):
    client = as_role("facilitator")
    for _ in range(2):
        response = client.post(
            "/data/imports/new/",
            {"file": SimpleUploadedFile("mye.csv", read_file(MYE)), "period": "mid-2022"},
            follow=True,
        )
    assert "already been imported" in response.content.decode()
    assert list(Import.objects.values_list("status", flat=True).order_by("pk")) == ["applied", "unchanged"]


def test_upload_wrong_type_and_oversize_are_form_errors(as_role, real_places, settings):
    client = as_role("admin")
    response = client.post("/data/imports/new/", {"file": SimpleUploadedFile("photo.png", b"\x89PNG....")})
    assert response.status_code == 200 and "is not a CSV" in response.content.decode()
    settings.MAX_UPLOAD_BYTES = 100
    response = client.post("/data/imports/new/", {"file": SimpleUploadedFile("mye.csv", read_file(MYE))})
    assert response.status_code == 200 and "largest file the platform accepts" in response.content.decode()
    assert not Import.objects.exists()
