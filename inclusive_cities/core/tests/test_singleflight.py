"""Requests that miss the page cache together render the page once; a page that cannot be kept is not held up."""

import multiprocessing
import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from inclusive_cities.core import pagecache
from inclusive_cities.core.filecache import UncompressedFileBasedCache
from inclusive_cities.core.pagecache import AnonymousPageCacheMiddleware
from inclusive_cities.core.singleflight import one_at_a_time

READERS = 8


@pytest.fixture
def file_cache(settings, tmp_path):
    """The page cache in a cache directory of its own, as in production (shared by processes, with file locks)."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "inclusive_cities.core.filecache.UncompressedFileBasedCache", "LOCATION": str(tmp_path)},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    settings.PAGE_CACHE = True
    pagecache.bump()  # a write has just changed what the site shows: every page is out of date
    return tmp_path


class SlowPage:
    """A page that takes a while to render, counting its renders and how many ran at the same time."""

    def __init__(self, *, set_cookie=False):
        self.renders = 0
        self.running = 0
        self.most_at_once = 0
        self.set_cookie = set_cookie
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        time.sleep(0.3)
        with self.lock:
            self.running -= 1
        response = HttpResponse(b"<p>the report for funders</p>", content_type="text/html")
        if self.set_cookie:
            response.set_cookie("seen", "1")
        return response


def readers_at_once(middleware, path="/network/report/"):
    """READERS requests for one page, started together; their responses."""
    start = threading.Barrier(READERS)
    responses = [None] * READERS

    def read(index):
        request = RequestFactory().get(path)
        start.wait()
        responses[index] = middleware(request)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return responses


def test_readers_who_miss_together_get_one_render(file_cache):
    page = SlowPage()
    responses = readers_at_once(AnonymousPageCacheMiddleware(page))
    assert page.renders == 1
    assert sorted(r["X-Page-Cache"] for r in responses) == ["hit"] * (READERS - 1) + ["miss"]
    assert {r.content for r in responses} == {b"<p>the report for funders</p>"}
    assert (file_cache / "locks").is_dir()


def test_a_page_that_cannot_be_kept_is_rendered_for_each_reader_side_by_side(file_cache):
    page = SlowPage(set_cookie=True)
    responses = readers_at_once(AnonymousPageCacheMiddleware(page))
    assert page.renders == READERS
    assert not any(r.has_header("X-Page-Cache") for r in responses)
    assert page.most_at_once > 1  # after the first render says so, the others do not queue behind each other
    again = SlowPage(set_cookie=True)
    readers_at_once(AnonymousPageCacheMiddleware(again))
    assert again.most_at_once > 1 and again.renders == READERS


def _hold_lock(directory, key, taken, release):
    cache = UncompressedFileBasedCache(directory, {})
    with one_at_a_time(cache, key, 5) as held:
        assert held
        taken.set()
        release.wait(10)


def test_the_lock_holds_across_processes_and_a_waiter_gives_up_in_time(tmp_path):
    cache = UncompressedFileBasedCache(str(tmp_path), {})
    context = multiprocessing.get_context("spawn")
    taken, release = context.Event(), context.Event()
    other = context.Process(target=_hold_lock, args=(str(tmp_path), "ic:page:report", taken, release))
    other.start()
    try:
        assert taken.wait(30)
        with one_at_a_time(cache, "ic:page:report", 0.2) as held:
            assert held is False  # another process renders it: wait no longer than asked
        release.set()
        other.join(30)
        assert other.exitcode == 0
        with one_at_a_time(cache, "ic:page:report", 5) as held:
            assert held is True
    finally:
        release.set()
        other.join(30)


def test_a_lock_that_cannot_be_made_lets_the_page_render(tmp_path):
    (tmp_path / "locks").write_text("a file where the lock folder would be")
    with one_at_a_time(UncompressedFileBasedCache(str(tmp_path), {}), "ic:page:report", 5) as held:
        assert held is False
