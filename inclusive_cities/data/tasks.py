"""Background import: inline by default (the form waits for the result), queued with TASKS_BACKEND=database."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task


@task()
def run_import(
    *,
    path: str,
    file_name: str,
    user_id: int | None = None,
    importer_name: str | None = None,
    period: str = "",
    area: str = "",
    lookup_path: str = "",
    lookup_name: str = "",
) -> int:
    """Import a file saved at `path` and return the Import's id. The file is deleted, unless the import waits for
    its revisions to be confirmed (then it is kept for the confirmation)."""
    from django.contrib.auth import get_user_model

    from . import services

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    file = Path(path)
    record = None
    try:
        record = services.import_file(
            content=file.read_bytes(),
            file_name=file_name,
            user=user,
            importer_name=importer_name or None,
            period=period,
            pending_file=str(file),
            area=area,
            lookup=Path(lookup_path).read_bytes() if lookup_path else b"",
            lookup_name=lookup_name,
        )
    finally:
        if lookup_path:
            Path(lookup_path).unlink(missing_ok=True)
        if record is None or record.status != "needs_confirmation":
            file.unlink(missing_ok=True)
    return record.pk
