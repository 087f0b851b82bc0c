"""`make bench`: benchmarks on realistic volume, printed as a table.

Migrates a fresh benchmark database, loads every UK local authority and the framework, then calls `run(report)`
in each domain app's `bench` module (and `run_profiles(report)` in `data.bench_profile`). Each app generates its
own volume. Figures go in docs/performance.md with the machine and date.
"""

import os
import platform
import statistics
import sys
import time
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    index = (len(ordered) - 1) * pct / 100
    low, high = int(index), min(int(index) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (index - low)


def timed(func, repeat: int) -> list[float]:
    """Milliseconds for each of `repeat` calls of func()."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    return {"p50": percentile(samples, 50), "p95": percentile(samples, 95), "mean": statistics.fmean(samples)}


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    import django

    django.setup()
    # As a served process does (config/wsgi.py): start-up objects out of the garbage collector's way.
    from inclusive_cities.core.runtime import freeze_startup_heap

    freeze_startup_heap()
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db["NAME"]) + suffix).unlink(missing_ok=True)
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    from inclusive_cities.framework.services import framework_load
    from inclusive_cities.network.services import network_load, places_load

    places_load()
    network_load()
    framework_load()
    rows: list[tuple[str, str, float, str]] = []

    def reporter(app: str):
        def report(label: str, value: float, unit: str) -> None:
            rows.append((app, label, value, unit))
            print(f"  {app:12} {label:60} {value:12.2f} {unit}", flush=True)

        return report

    print(
        f"Benchmarks on {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{db['ENGINE'].rsplit('.', 1)[-1]}); setup {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    only = set(sys.argv[1:])
    for app in settings.DOMAIN_APPS:
        label = app.rsplit(".", 1)[-1]
        if only and label not in only:
            continue
        for module_name, func_name in ((f"{app}.bench", "run"), (f"{app}.bench_profile", "run_profiles")):
            if find_spec(module_name) is None:
                continue
            func = getattr(import_module(module_name), func_name, None)
            if func is None:
                continue
            t0 = time.perf_counter()
            func(reporter(label))
            print(f"  {label:12} {'(section time)':60} {time.perf_counter() - t0:12.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
