"""The shared file cache stores pickles as they are, reads files Django's compressing backend wrote, and keeps
Django's contract for expiry and touch."""

import time

from django.core.cache.backends.filebased import FileBasedCache

from inclusive_cities.core.filecache import UncompressedFileBasedCache

PAGE = b"<p>" + b"the same row again " * 5_000 + b"</p>"  # compresses to a few hundred bytes


def cache_in(path, backend=UncompressedFileBasedCache):
    return backend(str(path), {"TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 100}})


def files(path):
    return [p for p in path.iterdir() if p.suffix == ".djcache"]


def test_a_value_round_trips_and_its_bytes_are_on_disk_uncompressed(tmp_path):
    cache = cache_in(tmp_path)
    cache.set("page", {"body": PAGE})
    assert cache.get("page") == {"body": PAGE}
    [stored] = files(tmp_path)
    assert PAGE in stored.read_bytes()


def test_a_file_written_by_djangos_compressing_backend_is_read(tmp_path):
    cache_in(tmp_path, FileBasedCache).set("page", PAGE)
    [stored] = files(tmp_path)
    assert PAGE not in stored.read_bytes()  # Django's file is compressed
    assert cache_in(tmp_path).get("page") == PAGE


def test_expiry_touch_and_missing_keys(tmp_path):
    cache = cache_in(tmp_path)
    assert cache.get("absent", "default") == "default"
    assert cache.touch("absent") is False
    cache.set("brief", PAGE, timeout=1)
    assert cache.touch("brief", timeout=600) is True  # a new lease before it ends
    time.sleep(1.1)
    assert cache.get("brief") == PAGE
    cache.set("gone", PAGE, timeout=1)
    time.sleep(1.1)
    assert cache.get("gone", "default") == "default"
    assert cache.touch("gone") is False
