"""The shared file cache, with its values stored as they are pickled, not zlib-compressed.

Django's `FileBasedCache` compresses every value. For the page cache that is the larger part of serving a stored page:
inflating a 376 KB map page takes about 1 ms of the 1.7 ms a hit costs in-process, every time it is read, to save disk
space on files that live ten minutes. This backend writes the pickle as it is and reads either form, so files written
by Django's backend (a cache directory kept across an upgrade) are still read: a pickle starts with its protocol
marker (0x80), a zlib stream with 0x78.

Disk use is bounded as before, by `MAX_ENTRIES` (`CACHE_MAX_ENTRIES`) and each entry's timeout; see
docs/deployment.md.
"""

import pickle
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

ZLIB_FIRST_BYTE = b"\x78"
_MISSING = object()


def _loads(data: bytes):
    if data[:1] == ZLIB_FIRST_BYTE:
        data = zlib.decompress(data)
    return pickle.loads(data)  # noqa: S301 - our own cache directory, written only by this process's code


class UncompressedFileBasedCache(FileBasedCache):
    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return _loads(f.read())
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        """A new timeout for a value still there. Written as a new file (Django's rewrites the file in place, which
        is only safe while the value's bytes keep their length)."""
        value = self.get(key, _MISSING, version)
        if value is _MISSING:
            return False
        self.set(key, value, timeout, version)
        return True
