"""Leases that die with their process: an exclusive `flock` on a small file under MEDIA_ROOT, which the kernel releases
when the process holding it ends, however it ends (kill -9 included), so no heartbeat or timeout is needed. The web
processes and the workers share MEDIA_ROOT already (uploads wait there for the worker).

Used for an import's run (`data.lease`) and for every task the database worker runs (`core.tasklease`).
"""

from __future__ import annotations

import fcntl
import os
import re
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

SAFE_KEY = re.compile(r"[A-Za-z0-9-]{1,64}")


def path(folder: str, key) -> Path:
    """The lease file of `key` (a record's id: a number or a UUID, never a path)."""
    name = str(key)
    if not SAFE_KEY.fullmatch(name):
        raise ValueError(f"not a lease key: {name!r}")
    where = Path(settings.MEDIA_ROOT) / folder
    where.mkdir(parents=True, exist_ok=True)
    return where / f"{name}.lease"


def acquire(folder: str, key) -> int:
    """Take the lease (waiting while someone checks it, a moment at most); the open file to give to `release`."""
    fd = os.open(path(folder, key), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def release(fd: int) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def held(folder: str, key):
    """Hold the lease for the block."""
    fd = acquire(folder, key)
    try:
        yield
    finally:
        release(fd)


@contextmanager
def if_free(folder: str, key):
    """Yield True, holding the lease for the block, when no process holds it; False when one does."""
    fd = os.open(path(folder, key), os.O_RDWR | os.O_CREAT, 0o600)
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
