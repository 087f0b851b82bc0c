"""One render at a time of a page nobody has stored yet.

When a stored page goes out of date (any write changes the content version), the next requests for it all miss
together: twenty readers of the report for funders would each spend 0.6 s of CPU laying out the same page, and the
last of them waits for all the others. With `one_at_a_time`, the first request renders while the others wait on a
lock and then read what it stored.

The locks are a fixed pool of files (`SLOTS`) in the cache's directory, taken with `flock`, so every gunicorn worker
on the machine shares them and nothing needs cleaning up; a key's slot is a hash of it, so two pages that miss at
the same moment rarely share one (and then only wait for each other). A cache that is not a directory (local memory,
in the tests) uses the same pool of in-process locks. A waiter gives up after `wait_seconds` and renders itself, so a
stuck render never blocks the pages behind it for longer than that.
"""

import contextlib
import fcntl
import hashlib
import logging
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

SLOTS = 256
POLL_SECONDS = 0.005
_thread_locks = [threading.Lock() for _ in range(SLOTS)]


def _slot(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % SLOTS


@contextlib.contextmanager
def one_at_a_time(cache, key: str, wait_seconds: float):
    """Hold the lock of `key`'s slot while the block runs, or go on without it after `wait_seconds`.

    Yields True when the lock is held (so whoever held it before has finished: read the cache again), False when
    the wait ran out.
    """
    slot = _slot(key)
    directory = getattr(cache, "_dir", None)
    if directory is None:
        lock = _thread_locks[slot]
        held = lock.acquire(timeout=wait_seconds)
        try:
            yield held
        finally:
            if held:
                lock.release()
        return
    locks = Path(directory) / "locks"
    try:
        locks.mkdir(parents=True, exist_ok=True)
        handle = open(locks / f"{slot}.lock", "a+b")  # noqa: SIM115 - closed by the `with` below
    except OSError:  # a lock that cannot be made only costs the sharing of one render, never the page
        log.exception("page cache lock unavailable")
        yield False
        return
    with handle:
        held = _flock(handle, wait_seconds)
        try:
            yield held
        finally:
            if held:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _flock(handle, wait_seconds: float) -> bool:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_SECONDS)
