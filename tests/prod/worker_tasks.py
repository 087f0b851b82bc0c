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
