"""Provenance, periods and revisions: every figure knows the import and row that set it; a revision is never
written without confirmation; an import can be rolled back; officers import their own place's figures only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import ROLES
from inclusive_cities.data import services
from inclusive_cities.data.models import Import, ImportStatus, Observation, ObservationRevision

from .conftest import read_file, read_rows, to_csv

MYE = "ons_mye_mid2022_population_uk_la.csv"
BRISTOL, MIDDLESBROUGH = "E06000023", "E06000002"


def population(code, period="mid-2022"):
    return Observation.objects.get(indicator__code="population-mid-year", area_code=code, period=period)


@pytest.fixture
def first(real_places):
    return services.import_file(content=read_file(MYE), file_name=MYE, period="mid-2022")


def revised_rows():
    """The real file with two figures changed by hand: Bristol revised, Middlesbrough suppressed ("c")."""
    rows = read_rows(MYE)
    next(r for r in rows if r["Code"] == BRISTOL)["Population"] = "485251"
    next(r for r in rows if r["Code"] == MIDDLESBROUGH)["Population"] = "c"
    return rows


def test_every_figure_knows_its_import_file_and_row(first):
    bristol = population(BRISTOL)
    assert bristol.value == 479024  # typed from the file, row 311
    assert bristol.source_import == first and bristol.first_import == first
    assert bristol.source_row == "311"
    assert first.publisher == "Office for National Statistics"
    assert first.release == "mid-2022" and first.period_given == "mid-2022"
    assert len(first.sha256) == 64 and first.file_name == MYE


def test_a_mid_2022_file_named_as_mid_2024_is_refused_naming_both(first, tmp_path):
    """The issue's case: changed mid-2022 figures in a file named as a mid-2024 release, from the command line."""
    path = tmp_path / "ons_mye_mid2024_population_uk_la.csv"
    path.write_bytes(to_csv(revised_rows()))
    printed = io.StringIO()
    with pytest.raises(CommandError, match="rejected, nothing written"):
        call_command("import_data", str(path), period="mid-2022", accept_revisions=True, stderr=printed)
    assert "mid-2024" in printed.getvalue() and "mid-2022" in printed.getvalue()  # the command names the problem
    record = Import.objects.latest("pk")
    assert record.status == ImportStatus.REJECTED
    message = record.problems[0]["message"]
    assert "mid-2024" in message and "mid-2022" in message and "the period you gave" in message
    assert population(BRISTOL).value == 479024


def test_the_period_given_must_agree_with_the_file_name(real_places):
    record = services.import_file(content=read_file(MYE), file_name=MYE, period="mid-2023")
    assert record.status == ImportStatus.REJECTED
    assert "mid-2022" in record.problems[0]["message"] and "mid-2023" in record.problems[0]["message"]
    assert record.problems[0]["row"] == 2
    assert not Observation.objects.exists()


def test_a_layout_without_a_period_asks_for_it(real_places):
    record = services.import_file(content=read_file(MYE), file_name="population.csv")
    assert record.status == ImportStatus.REJECTED
    assert "carries no period" in record.problems[0]["message"]
    assert not Observation.objects.exists()


def test_revision_without_confirmation_writes_nothing_from_the_command_line(first, tmp_path):
    path = tmp_path / "population-revised.csv"
    path.write_bytes(to_csv(revised_rows()))
    with pytest.raises(CommandError, match="--accept-revisions"):
        call_command("import_data", str(path), period="mid-2022")
    pending = Import.objects.latest("pk")
    assert pending.status == ImportStatus.NEEDS_CONFIRMATION
    listed = {r["area_code"]: r for r in pending.revisions}
    assert set(listed) == {BRISTOL, MIDDLESBROUGH}
    assert listed[BRISTOL]["old"] == "479,024" and listed[BRISTOL]["new"] == "485,251"
    # A suppressed value never replaces a real figure unlisted: it is shown as becoming empty.
    assert listed[MIDDLESBROUGH]["becomes_empty"] and listed[MIDDLESBROUGH]["old"] == "148,285"
    assert population(BRISTOL).value == 479024 and population(MIDDLESBROUGH).value == 148285

    call_command("import_data", str(path), period="mid-2022", accept_revisions=True)
    applied = Import.objects.latest("pk")
    assert applied.status == ImportStatus.APPLIED and applied.rows_updated == 2
    bristol = population(BRISTOL)
    assert bristol.value == 485251 and bristol.source_import == applied and bristol.first_import == first
    history = ObservationRevision.objects.get(observation=bristol, kind="changed")
    assert history.old_value == 479024 and history.old_import == first and history.new_value == 485251
    assert population(MIDDLESBROUGH).value is None and population(MIDDLESBROUGH).flag == "c"


def test_rollback_returns_every_figure_and_keeps_the_history(first, real_places):
    rows = revised_rows()
    rows = [r for r in rows if r["Code"] != "E06000001"]  # Hartlepool left out: stays as the first import set it
    later = services.import_file(content=to_csv(rows), file_name="rev.csv", period="mid-2022", accept_revisions=True)
    assert later.status == ImportStatus.APPLIED
    with pytest.raises(Exception, match="later import"):
        services.import_rollback(record=first, by=None)
    services.import_rollback(record=later, by=None)
    assert population(BRISTOL).value == 479024 and population(BRISTOL).source_import == first
    assert population(MIDDLESBROUGH).value == 148285 and population(MIDDLESBROUGH).status == "ok"
    later.refresh_from_db()
    assert later.status == ImportStatus.ROLLED_BACK
    assert ObservationRevision.objects.filter(source_import=later, kind="rolled_back").count() == 2
    count = Observation.objects.count()
    services.import_rollback(record=first, by=None)  # now nothing later touches it: its figures go
    assert Observation.objects.count() == 0 and count > 300


def test_an_officer_imports_only_their_own_place(real_places, make_user):
    officer = make_user("officer")  # officer of Bristol
    rows = read_rows(MYE)
    mine = [r for r in rows if r["Code"] == BRISTOL]
    record = services.import_file(content=to_csv(rows), file_name="p.csv", period="mid-2022", user=officer)
    assert record.status == ImportStatus.REJECTED and not Observation.objects.exists()
    assert "your own place (E06000023)" in record.problems[0]["message"]
    record = services.import_file(content=to_csv(mine), file_name="bristol.csv", period="mid-2022", user=officer)
    assert record.status == ImportStatus.APPLIED and record.place.code == BRISTOL
    assert list(Observation.objects.values_list("area_code", flat=True)) == [BRISTOL]


def test_web_confirm_step(as_role, first):
    client = as_role("facilitator")
    upload = SimpleUploadedFile("revised.csv", to_csv(revised_rows()))
    response = client.post("/data/imports/new/", {"file": upload, "period": "mid-2022"}, follow=True)
    page = response.content.decode()
    assert "would revise 2 figures" in page and "becomes empty" in page and "479,024" in page
    pending = Import.objects.get(status=ImportStatus.NEEDS_CONFIRMATION)
    assert population(BRISTOL).value == 479024
    response = client.post(f"/data/imports/{pending.pk}/confirm/", follow=True)
    assert "2 figures were revised and 402 were already up to date." in response.content.decode()
    assert population(BRISTOL).value == 485251
    pending.refresh_from_db()
    assert pending.status == ImportStatus.CONFIRMED and pending.pending_file == ""


def test_import_page_lists_added_changed_unchanged(as_role, first):
    later = services.import_file(
        content=to_csv(revised_rows()), file_name="r.csv", period="mid-2022", accept_revisions=True
    )
    client = as_role("researcher")
    page = client.get(f"/data/imports/{later.pk}/").content.decode()
    assert "Changed (earlier and new value) (2)" in page and "Unchanged (" in page
    assert "485,251" in page and "479,024" in page
    page = client.get(f"/data/imports/{first.pk}/?show=added").content.decode()
    assert "Added (" in page and "Bristol" in page
    assert "ONS mid-year population estimates, UK local authorities" in page  # the format by its name


def expected(role, allowed):
    if role in allowed:
        return None
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
def test_rollback_permission_matrix(as_role, first, role):
    client = as_role(role)
    allowed = {"facilitator", "admin"}
    get = client.get(f"/data/imports/{first.pk}/rollback/")
    post = client.post(f"/data/imports/{first.pk}/rollback/")
    first.refresh_from_db()
    if role in allowed:
        assert get.status_code == 200 and post.status_code == 302
        assert first.status == ImportStatus.ROLLED_BACK and not Observation.objects.exists()
    else:
        assert get.status_code == post.status_code == expected(role, allowed)
        assert first.status == ImportStatus.APPLIED and Observation.objects.count() > 300


@pytest.mark.parametrize("role", ROLES)
def test_confirm_permission_matrix(as_role, first, role, make_user):
    pending = services.import_file(content=to_csv(revised_rows()), file_name="r.csv", period="mid-2022")
    assert pending.status == ImportStatus.NEEDS_CONFIRMATION
    client = as_role(role)
    response = client.post(f"/data/imports/{pending.pk}/confirm/")
    if role in {"facilitator", "admin"}:
        # the file of a command-line import is not kept: the page says to upload it again, nothing written
        assert response.status_code == 302
    else:
        assert response.status_code == (
            302
            if role == "anonymous"
            else 403
            if role in {"user", "sponsor", "partner", "researcher", "officer", "other_officer"}
            else 404
        )
    assert population(BRISTOL).value == 479024


def test_a_figures_source_is_one_click_away_on_every_page_and_in_the_api(client, first):
    bristol = population(BRISTOL)
    link = f"/data/sources/{first.pk}/"
    for url in (
        f"/places/{BRISTOL}/data/",
        "/data/indicators/population-mid-year/",
        "/data/map/?indicator=population-mid-year&period=mid-2022",
    ):
        assert link in client.get(url).content.decode(), url
    assert f"{link}?figure={bristol.pk}" in client.get(f"/places/{BRISTOL}/data/").content.decode()
    page = client.get(f"{link}?figure={bristol.pk}").content.decode()
    assert MYE in page and first.sha256 in page and "mid-2022" in page
    assert '<dd class="govuk-summary-list__value" id="figure-row">311</dd>' in page
    api = client.get(f"/api/v1/observations/?place={BRISTOL}&indicator=population-mid-year&format=json").json()
    source = api["results"][0]["source_import"]
    assert source["release"] == "mid-2022" and source["url"] == link and source["row"] == "311"
    assert source["publisher"] == "Office for National Statistics"
    csv_text = client.get(f"/api/v1/observations/?place={BRISTOL}&indicator=population-mid-year&format=csv")
    assert "source_import_release" in csv_text.content.decode() and "mid-2022" in csv_text.content.decode()


def test_a_revised_figure_shows_its_earlier_value_and_release(client, first):
    later = services.import_file(
        content=to_csv(revised_rows()), file_name="r.csv", period="mid-2022", accept_revisions=True
    )
    bristol = population(BRISTOL)
    page = client.get(f"/data/sources/{later.pk}/?figure={bristol.pk}").content.decode()
    assert 'id="figure-history"' in page and "479,024" in page and "485,251" in page
    assert client.get("/data/sources/999999/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_source_page_is_public_and_names_the_importer_only_to_those_who_see_imports(as_role, first, role):
    page = as_role(role).get(f"/data/sources/{first.pk}/")
    assert page.status_code == 200 and first.sha256 in page.content.decode()
    sees_report = role in {"facilitator", "admin", "officer", "other_officer", "researcher"}
    assert ("The full import report" in page.content.decode()) == sees_report
