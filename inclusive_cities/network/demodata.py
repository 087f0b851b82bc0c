"""Demo content for the network: every UK council, then the programmes and cohorts the seeds record."""

from . import services


def load() -> str:
    created, updated = services.places_load()
    counts = services.network_load()
    return f"{created} places created, {updated} updated; {counts}"
