"""kill -9 of the worker in the middle of any task: the task does not stay RUNNING for ever. Its lease died with the
worker, so `/readyz` counts it lost and `manage.py tasks_lost` marks it failed; a live worker's task is never marked."""

import datetime
import os
import signal
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from .test_worker_killed import _worker


@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_task_is_found_and_marked_failed_and_a_live_one_is_not(settings, tmp_path, client):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: run with DATABASE_URL=postgres://...")
    from django_tasks_db.models import DBTaskResult

    from inclusive_cities.core import tasklease
    from tests.prod.worker_tasks import wait_for

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.MEDIA_ROOT = tmp_path  # the worker's too: the task leases live there
    started = tmp_path / "started"
    result = wait_for.enqueue(str(started), 120)
    worker = _worker(tmp_path, "--worker-id", "doomed")
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert time.monotonic() < deadline, "the worker never started the task"
            time.sleep(0.1)
        later = timezone.now() + datetime.timedelta(minutes=1)  # past the claim's grace
        # Alive: its lease is held, so it is neither counted nor marked.
        assert tasklease.lost_count(later) == 0
        assert tasklease.mark_lost(later) == 0
        assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(30)
    # django-tasks-db never hears from the dead worker: the task still says RUNNING.
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
    assert tasklease.lost_count(later) == 1
    DBTaskResult.objects.filter(pk=result.id).update(started_at=timezone.now() - datetime.timedelta(minutes=5))
    assert client.get("/readyz").json()["tasks_lost"] == 1
    call_command("tasks_lost")
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "FAILED" and task.finished_at is not None
    assert task.exception_class_path == "inclusive_cities.core.tasklease.WorkerLost"
    assert "doomed" in task.traceback and "stopped before the task finished" in task.traceback
    assert client.get("/readyz").json()["tasks_lost"] == 0
