"""Background tasks whose worker died are found and marked failed.

django-tasks-db keeps no heartbeat: a worker records a task RUNNING when it claims it and, if the worker is killed (out
of memory, kill -9, a host restart), the task stays RUNNING for ever. So each task the database worker runs holds a
lease (`core.lease`, released by the kernel when the process ends) from `task_started` to `task_finished`, and
`mark_lost()` marks failed every RUNNING task whose lease is free: its worker is gone. A task's own record (an import)
may say more: `data.services.import_check_lost` does that for imports, with the import's own lease.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from . import lease

log = logging.getLogger(__name__)
FOLDER = "task-leases"
# Between a worker's claim of a task (RUNNING) and `task_started` there is no lease yet: a task claimed less than this
# long ago is never judged (the gap is a few milliseconds; this is a wide margin).
CLAIM_GRACE = datetime.timedelta(seconds=30)
_held: dict[str, int] = {}


class WorkerLost(Exception):
    """The worker running the task stopped before the task finished (recorded as the task's failure)."""


def _from_database_worker(sender) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, DatabaseBackend)


def task_started(sender, task_result, **kwargs) -> None:
    if _from_database_worker(sender):
        _held[str(task_result.id)] = lease.acquire(FOLDER, task_result.id)


def task_finished(sender, task_result, **kwargs) -> None:
    fd = _held.pop(str(task_result.id), None)
    if fd is not None:
        lease.release(fd)
        lease.path(FOLDER, task_result.id).unlink(missing_ok=True)


def _gone(now: datetime.datetime | None):
    """Each RUNNING task whose lease is free, yielded while this process holds that lease (so its worker cannot be
    starting it at that moment)."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    for result in DBTaskResult.objects.running().filter(started_at__lt=now - CLAIM_GRACE):
        with lease.if_free(FOLDER, result.id) as free:
            if free:
                yield result


def lost_count(now: datetime.datetime | None = None) -> int:
    """How many RUNNING tasks have lost their worker (read only: the readiness check reports it)."""
    return sum(1 for _result in _gone(now))


def mark_lost(now: datetime.datetime | None = None) -> int:
    """Mark failed each RUNNING task whose worker is gone; the number marked."""
    from django_tasks_db.models import DBTaskResult

    marked = 0
    for result in _gone(now):
        if not DBTaskResult.objects.filter(pk=result.pk).running().exists():  # finished meanwhile
            continue
        workers = ", ".join(result.worker_ids) or "?"
        result.set_failed(
            WorkerLost(f"the worker {workers} stopped before the task finished (restarted, out of memory or killed)")
        )
        lease.path(FOLDER, result.id).unlink(missing_ok=True)
        log.warning("task %s (%s) marked failed: its worker is gone", result.id, result.task_path)
        marked += 1
    return marked
