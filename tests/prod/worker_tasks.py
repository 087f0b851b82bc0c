"""A task for the worker tests: appends its token to a file, so a task run twice shows up twice."""

import os

from django_tasks import task


@task()
def record_run(path: str, token: str) -> str:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{token} {os.getpid()}\n".encode())
    finally:
        os.close(fd)
    return token


@task()
def wait_for(path: str, seconds: float) -> str:
    """Writes `path` when it starts (so a test knows it runs), then takes `seconds`."""
    import time

    with open(path, "w") as started:
        started.write(str(os.getpid()))
    time.sleep(seconds)
    return path
