"""An import's run in the background: queued, running, applied or failed (a caught error, or a worker that stopped
mid-run, found by its lease), and "Try again" from the file kept at upload. The real kill -9 of a db_worker is
tests/prod/test_worker_killed.py (PostgreSQL)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from conftest import ROLES
from inclusive_cities.data import lease, services
from inclusive_cities.data.models import Import, ImportStatus, Observation

from .conftest import read_file, read_rows

MYE = "ons_mye_mid2022_population_uk_la.csv"
ROOT = Path(__file__).resolve().parents[3]
MAY_RETRY = {"facilitator", "admin", "officer"}  # network staff, and the officer who made it (not another officer)
NOT_RUN = {"TASKS": {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}}


def _queued(tmp_path, user=None) -> Import:
    """A file uploaded and queued for a worker that has not picked it up yet (the dummy backend runs nothing)."""
    folder = tmp_path / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "upload.csv"
    path.write_bytes(read_file(MYE))
    with override_settings(**NOT_RUN):
        return services.import_queue(path=str(path), file_name=MYE, user=user, period="mid-2022")


def _failed(tmp_path, user=None) -> Import:
    """A real failure the worker catches: the kept file cannot be read (a folder stands where it was), then the file
    is put back, so the import can be tried again."""
    record = _queued(tmp_path, user)
    path = Path(record.pending_file)
    path.unlink()
    path.mkdir()
    with pytest.raises(IsADirectoryError):
        services.import_run(import_id=record.pk)
    path.rmdir()
    path.write_bytes(read_file(MYE))
    record.refresh_from_db()
    return record


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_caught_error_marks_the_import_failed_with_a_message_and_keeps_the_file(real_places, media):
    record = _failed(media)
    assert record.status == ImportStatus.FAILED and record.attempts == 1
    assert record.failed_at is not None and record.started_at is not None
    assert "IsADirectoryError" in record.failure and "Try again" in record.failure
    assert record.file_kept and not Observation.objects.exists()
    assert record.summary.startswith("The import failed and nothing was written")


def test_try_again_applies_the_kept_file_whole_into_the_same_record(real_places, media, as_role):
    record = _failed(media)
    client = as_role("facilitator")
    page = client.get(f"/data/imports/{record.pk}/").content.decode()
    assert "The import failed: nothing was written" in page and 'id="retry-import"' in page
    listing = client.get("/data/imports/").content.decode()
    assert "failed, nothing written: it can be tried again" in listing
    response = client.post(f"/data/imports/{record.pk}/retry/", follow=True)
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED and record.attempts == 2 and record.failure == ""
    assert Observation.objects.count() == record.rows_created == len(read_rows(MYE))
    assert not record.file_kept and not list((media / "imports").iterdir())  # the file goes once applied
    assert 'id="retry-import"' not in response.content.decode()
    # an import that is not failed cannot be tried again
    again = client.post(f"/data/imports/{record.pk}/retry/", follow=True)
    assert "Only a failed import can be tried again." in again.content.decode()
    assert Import.objects.get(pk=record.pk).attempts == 2


def test_try_again_without_the_file_says_to_upload_it_again(real_places, media, as_role):
    record = _failed(media)
    Path(record.pending_file).unlink()
    client = as_role("facilitator")
    page = client.get(f"/data/imports/{record.pk}/").content.decode()
    assert "no longer kept: upload it again" in page and 'id="retry-import"' not in page
    response = client.post(f"/data/imports/{record.pk}/retry/", follow=True)
    assert "no longer kept; upload it again" in response.content.decode()
    assert Import.objects.get(pk=record.pk).status == ImportStatus.FAILED


@pytest.mark.parametrize("role", ROLES)
def test_retry_permission_matrix(as_role, real_places, place, media, role):
    client = as_role(role)
    owner = client.user if role == "officer" else None
    if owner is None:
        from inclusive_cities.core.factories import user_with_role

        owner = user_with_role("officer", place)
    record = _failed(media, user=owner)
    response = client.post(f"/data/imports/{record.pk}/retry/")
    record.refresh_from_db()
    if role in MAY_RETRY:
        assert response.status_code == 302 and response["Location"] == f"/data/imports/{record.pk}/"
        # it ran again: an officer's file of every council's figures is then refused for their own place's scope
        assert record.attempts == 2 and record.status in (ImportStatus.APPLIED, ImportStatus.REJECTED)
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        if role == "anonymous":
            assert "/login/" in response["Location"] or "/account/" in response["Location"]
        assert record.status == ImportStatus.FAILED and record.attempts == 1
    detail = client.get(f"/data/imports/{record.pk}/")
    if detail.status_code == 200 and record.status == ImportStatus.FAILED:
        assert ('id="retry-import"' in detail.content.decode()) == (role in MAY_RETRY)


def test_a_get_never_retries(real_places, media, as_role):
    record = _failed(media)
    response = as_role("facilitator").get(f"/data/imports/{record.pk}/retry/")
    assert response.status_code == 302
    assert Import.objects.get(pk=record.pk).status == ImportStatus.FAILED


def test_queued_and_running_imports_are_shown_in_words(real_places, media, as_role):
    record = _queued(media)
    client = as_role("facilitator")
    page = client.get(f"/data/imports/{record.pk}/").content.decode()
    assert "queued: waiting for the background worker" in page and 'id="import-progress"' in page
    with lease.held(record.pk):  # a live worker holds the lease: the check leaves a running import alone
        Import.objects.filter(pk=record.pk).update(status=ImportStatus.RUNNING)
        page = client.get(f"/data/imports/{record.pk}/").content.decode()
        assert "being imported" in page
        assert Import.objects.get(pk=record.pk).status == ImportStatus.RUNNING


def _holder(import_id: int, media: Path) -> subprocess.Popen:
    """Another process that holds an import's lease, as a worker does for the whole run."""
    code = (
        "import sys, time, django; django.setup(); from inclusive_cities.data import lease\n"
        f"with lease.held({import_id}):\n    print('held', flush=True); time.sleep(600)\n"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test", MEDIA_ROOT=str(media), PYTHONPATH=str(ROOT))
    return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )


def test_a_running_import_whose_worker_was_killed_is_shown_as_failed(real_places, media, as_role, settings):
    record = _queued(media)
    holder = _holder(record.pk, media)
    try:
        assert holder.stdout.readline().strip() == "held"
        Import.objects.filter(pk=record.pk).update(status=ImportStatus.RUNNING)
        services.import_check_lost([Import.objects.get(pk=record.pk)])
        assert Import.objects.get(pk=record.pk).status == ImportStatus.RUNNING  # alive: still running
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(30)
    client = as_role("facilitator")
    listing = client.get("/data/imports/").content.decode()
    assert "failed, nothing written: it can be tried again" in listing
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED and "background worker stopped" in record.failure
    page = client.get(f"/data/imports/{record.pk}/").content.decode()
    assert 'id="retry-import"' in page
    client.post(f"/data/imports/{record.pk}/retry/")
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED
    assert Observation.objects.count() == record.rows_created == len(read_rows(MYE))
