"""Process start-up for serving: keep the garbage collector off the objects every request shares.

A web process holds hundreds of thousands of long-lived objects (Django, the apps, the URL and template machinery).
Python's full garbage collection walks all of them; at this platform's size a request that happens to trigger one
took about 130 ms longer than its neighbours (measured: one request in five on the facilitator's home page, 33 ms
becoming 160 ms). `gc.freeze()` (Python 3.7+) moves everything alive at start-up into a permanent generation that
collections skip, so a request pays only for what it allocates. Freed objects among them are simply never
collected, which costs a little memory and nothing else.
"""

import gc


def freeze_startup_heap() -> None:
    """Load what every request needs, collect once, then freeze what is left. Call once per process, after
    Django is set up (config/wsgi.py; the benchmarks do the same to measure what production serves)."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - import every app's URLconf and views now, not on the first request
    get_template("base.html")
    gc.collect()
    gc.freeze()
