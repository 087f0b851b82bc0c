"""Two real `db_worker` processes on one queue never run the same task twice (PostgreSQL: SKIP LOCKED)."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_queue_run_each_task_once(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes need a database they can share: run with DATABASE_URL=postgres://...")
    from django_tasks_db.models import DBTaskResult

    from tests.prod.worker_tasks import record_run

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    runs = tmp_path / "runs.txt"
    tokens = [f"task-{i}" for i in range(40)]
    for token in tokens:
        record_run.enqueue(str(runs), token)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="config.settings.dev", DATABASE_URL=url, TASKS_BACKEND="database",
        PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING",
    )  # fmt: skip
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--batch",
                "--no-startup-delay",
                "--interval",
                "0.05",
                "--worker-id",
                f"worker-{n}",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        for n in (1, 2)
    ]
    for worker in workers:
        assert worker.wait(timeout=300) == 0
    lines = runs.read_text().splitlines()
    counts = Counter(line.split()[0] for line in lines)
    assert set(counts) == set(tokens)
    assert max(counts.values()) == 1, [t for t, c in counts.items() if c > 1]
    results = DBTaskResult.objects.all()
    assert results.count() == len(tokens)
    assert all(r.status == "SUCCESSFUL" and len(r.worker_ids) == 1 for r in results)
