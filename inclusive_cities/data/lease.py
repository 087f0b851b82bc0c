"""Who is running an import right now: a lease the worker holds for the whole run, released by the kernel when the
process ends, however it ends (kill -9 included).

The lease is an exclusive `flock` on a small file per import under MEDIA_ROOT: the web processes and the workers share
MEDIA_ROOT already (the upload waits there for the worker), and a lock on an open file dies with its process, so no
heartbeat or timeout is needed. django-tasks-db records a task as RUNNING when a worker claims it and never hears
from a killed worker again; the lease is what tells a live run from a dead one.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


def _path(import_id: int) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "import-leases"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{int(import_id)}.lease"


@contextmanager
def held(import_id: int):
    """Hold the lease of this import for the block (waits while someone checks it, a moment at most)."""
    fd = os.open(_path(import_id), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


@contextmanager
def if_free(import_id: int):
    """Yield True, holding the lease for the block, when no process holds it; False when one does (it is running)."""
    fd = os.open(_path(import_id), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
