"""Who is running an import right now: a lease the worker holds for the whole run (`core.lease`: an exclusive `flock`
on `MEDIA_ROOT/import-leases/<id>.lease`, released by the kernel when the process ends, however it ends).

django-tasks-db records a task as RUNNING when a worker claims it and never hears from a killed worker again; the
lease is what tells a live run from a dead one.
"""

from __future__ import annotations

from inclusive_cities.core import lease

FOLDER = "import-leases"


def held(import_id: int):
    """Hold the lease of this import for the block (waits while someone checks it, a moment at most)."""
    return lease.held(FOLDER, import_id)


def if_free(import_id: int):
    """Yield True, holding the lease for the block, when no process holds it; False when one does (it is running)."""
    return lease.if_free(FOLDER, import_id)
