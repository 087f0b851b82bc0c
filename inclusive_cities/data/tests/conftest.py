"""Fixtures for the data app's importer, API and catalogue tests."""

import csv
import gzip
import io
from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parent.parent / "files"


@pytest.fixture
def real_places(db, place, other_place):
    """Every UK council from the network's shipped file (the `place`/`other_place` fixtures are updated in place)."""
    from inclusive_cities.network.services import places_load

    places_load()


def read_file(name: str) -> bytes:
    return (FILES / name).read_bytes()


def read_rows(name: str) -> list[dict]:
    """The rows of a shipped CSV (plain or gzipped), as the publisher wrote them."""
    raw = read_file(name)
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def to_csv(rows: list[dict], header: list[str] | None = None) -> bytes:
    header = header or list(rows[0].keys())
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")
