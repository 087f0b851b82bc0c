"""Background import: inline by default (the form waits for the result), queued with TASKS_BACKEND=database."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task


@task()
def run_import(*, path: str, file_name: str, user_id: int | None = None, importer_name: str | None = None) -> int:
    """Import a file saved at `path`, delete it, and return the Import's id."""
    from django.contrib.auth import get_user_model

    from . import services

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    file = Path(path)
    try:
        record = services.import_file(
            content=file.read_bytes(), file_name=file_name, user=user, importer_name=importer_name or None
        )
    finally:
        file.unlink(missing_ok=True)
    return record.pk
