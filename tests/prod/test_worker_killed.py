"""kill -9 of the task worker in the middle of an import: the import is whole or absent, is shown as failed, and
"Try again" applies it whole."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "inclusive_cities" / "data" / "files" / "census2021_ts012_country_of_birth_detailed_ltla.csv.gz"


def _worker(media, *extra):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="config.settings.dev", DATABASE_URL=url, TASKS_BACKEND="database",
        PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING", MEDIA_ROOT=str(media),
    )  # fmt: skip
    return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", *extra],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_killed_worker_leaves_no_half_import_and_the_import_is_shown_failed_and_retried(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: run with DATABASE_URL=postgres://...")
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from inclusive_cities.core.factories import user_with_role
    from inclusive_cities.data import services
    from inclusive_cities.data.models import Import, ImportStatus, Observation
    from inclusive_cities.network.services import places_load

    places_load()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.MEDIA_ROOT = tmp_path  # the worker's too: the upload and the import's lease live there
    facilitator = user_with_role("facilitator")
    (tmp_path / "imports").mkdir()
    upload = tmp_path / "imports" / FILE.name
    shutil.copy(FILE, upload)
    record = services.import_queue(
        path=str(upload), file_name=FILE.name, user=facilitator, importer_name="census2021_ts012"
    )
    assert record.status == ImportStatus.QUEUED

    worker = _worker(tmp_path, "--worker-id", "doomed")
    deadline = time.monotonic() + 120
    while not Import.objects.filter(pk=record.pk, status=ImportStatus.RUNNING).exists():
        assert time.monotonic() < deadline, "the worker never started the import"
        time.sleep(0.1)
    time.sleep(1.5)  # well inside an import of 27,000 rows
    os.killpg(worker.pid, signal.SIGKILL)  # the whole process group: an interpreter wrapper may sit in between
    worker.wait(30)

    record.refresh_from_db()
    if record.status == ImportStatus.APPLIED:  # it finished before the kill: then it must be whole
        assert Observation.objects.count() == record.rows_created > 0
        pytest.skip("the import finished before the kill on this machine; nothing to interrupt")
    assert Observation.objects.count() == 0, "a half-written import survived the kill"
    assert upload.exists(), "the uploaded file must survive so the import can be run again"
    # django-tasks-db never hears from the dead worker: its task stays RUNNING, and so does the import's record
    assert DBTaskResult.objects.get().status == "RUNNING"
    assert record.status == ImportStatus.RUNNING

    # The import's pages find the worker gone (its lease died with it) and say so, with "Try again".
    client = Client()
    client.force_login(facilitator)
    listing = client.get("/data/imports/").content.decode()
    assert "failed, nothing written: it can be tried again" in listing
    page = client.get(f"/data/imports/{record.pk}/").content.decode()
    assert "The import failed: nothing was written" in page and 'id="retry-import"' in page
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED and "background worker stopped" in record.failure
    assert record.failed_at is not None and record.file_kept

    response = client.post(f"/data/imports/{record.pk}/retry/", follow=True)
    assert "queued" in response.content.decode()
    retry = _worker(tmp_path, "--batch", "--worker-id", "retry")
    assert retry.wait(timeout=300) == 0
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED and record.attempts == 2 and record.rows_created > 0
    assert Observation.objects.count() == record.rows_created
    assert not upload.exists()  # applied: the kept file goes
