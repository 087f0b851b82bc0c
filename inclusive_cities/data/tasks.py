"""Background import: inline by default (the form waits for the result), queued with TASKS_BACKEND=database."""

from __future__ import annotations

from django_tasks import task


@task(takes_context=True)
def run_import(context, *, import_id: int) -> int:
    """Run a queued import (`services.import_queue` saved the file and the record) and return the Import's id.
    The record says running while this works, then its outcome, or failed (the file is kept to try again)."""
    from . import services

    return services.import_run(import_id=import_id, task_id=str(context.task_result.id)).pk
