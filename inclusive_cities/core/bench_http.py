"""`make bench-http`: the pages people use, served by gunicorn to concurrent clients, beside a static copy.

Uses the database `make bench` builds (`var/bench.sqlite3`, or BENCH_DATABASE_URL for PostgreSQL); run `make bench`
first (or let `make bench` call this stage at its end). For each page: fetch it once (signed-in pages with a session
cookie of a bench officer or facilitator), write the same bytes as a file that WhiteNoise serves from the same
gunicorn, then drive both with `wrk` (20 connections, BENCH_HTTP_SECONDS each, loopback only) and read requests/s and
p50/p95/p99 from a Lua `done` callback. Each page is measured with the page cache off (every request rendered) and
on (anonymous pages from the shared copy; signed-in pages from the person's own copy, `SignedInPageCacheMiddleware`).
With the cache on, each page is also asked by 20 clients at once right after a change (`_herd`: how long the
slowest waited, how many were rendered), and driven again while something is written every
BENCH_HTTP_WRITE_EVERY seconds (`_wrk_with_writes`: a progress update's effect on the cache, which makes every
stored page out of date, so a busy network's readers meet a render once per write). The tables are printed and written between markers in
docs/performance.md.

Environment: BENCH_HTTP_SECONDS (default 8), BENCH_HTTP_CONNECTIONS (20), BENCH_HTTP_WORKERS (3), BENCH_HTTP_PORT
(8871), BENCH_HTTP_PAGES (comma-separated labels to keep), BENCH_HTTP_WRITE_EVERY (1 second).
"""

import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format('BENCHJSON {"requests": %d, "seconds": %f, "errors": %d, "timeouts": %d, '
    .. '"p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6, errors, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""
MARK_START = "<!-- bench-http:start -->"
MARK_END = "<!-- bench-http:end -->"


def _pages():
    """(label, url, who) for each page measured; who is None (anonymous), 'officer' or 'facilitator'."""
    from inclusive_cities.assessments.models import Assessment
    from inclusive_cities.plans.models import Action, ActionPlan

    code = "E06000023"
    pages = [
        ("home", "/", None),
        ("published plan", f"/places/{code}/plans/current/", None),
        ("published plan in Welsh", f"/cy/places/{code}/plans/current/", None),
        ("place data profile", f"/places/{code}/data/", None),
        ("evidence search", "/evidence/?q=language+classes+for+new+parents", None),
        ("data map", "/data/map/", None),
        ("API plans of a place", f"/api/v1/plans/?place={code}", None),
        ("place page", f"/places/{code}/", None),
        ("framework", "/framework/", None),
        ("API observations", f"/api/v1/observations/?place={code}&format=json", None),
    ]
    plan = ActionPlan.objects.filter(place__code=code).order_by("-version").first()
    if plan is not None:
        base = f"/places/{code}/plans/{plan.pk}/"
        pages.append(("plan dashboard (officer)", base + "dashboard/", "officer"))
        action = Action.objects.filter(priority__plan=plan).first()
        if action is not None:
            pages.append(("action page (officer)", f"{base}actions/{action.pk}/", "officer"))
    assessment = Assessment.objects.filter(place__code=code).order_by("-pk").first()
    if assessment is not None:
        pages.append(("assessment results (officer)", f"/places/{code}/assessments/{assessment.pk}/", "officer"))
    pages.append(("network view of plans (facilitator)", "/plans/", "facilitator"))
    pages.append(("place page (officer)", f"/places/{code}/", "officer"))
    pages.append(("home (officer)", "/", "officer"))
    pages.append(("home (facilitator)", "/", "facilitator"))
    pages.append(("network programmes (facilitator)", "/network/", "facilitator"))
    pages.append(("member places (facilitator)", "/places/", "facilitator"))
    pages.append(("report for funders (facilitator)", "/network/report/", "facilitator"))
    keep = {p.strip() for p in os.environ.get("BENCH_HTTP_PAGES", "").split(",") if p.strip()}
    return [p for p in pages if not keep or p[0] in keep]


def _session_cookies() -> dict[str, str]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils.crypto import get_random_string

    from inclusive_cities.core.factories import user_with_role
    from inclusive_cities.network.models import Place

    User = get_user_model()
    bristol = Place.objects.get(code="E06000023")
    cookies = {}
    for who, email, place in (
        ("officer", "bench.http.officer@example.org", bristol),
        ("facilitator", "bench.http.fac@example.org", None),
    ):
        user = User.objects.filter(email=email).first() or user_with_role(who, place, email=email)
        client = Client()
        client.force_login(user)
        # As a browser holds it after its first page with a form: the CSRF cookie beside the session's.
        csrf = get_random_string(32)
        cookies[who] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; "
            f"{settings.CSRF_COOKIE_NAME}={csrf}"
        )
    return cookies


def _serve(env: dict, port: int, workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
        ],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
            return proc
        except OSError:
            time.sleep(0.5)
    _stop(proc)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def _stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _wrk(url: str, cookie: str | None, seconds: int, connections: int, script: Path) -> dict:
    cmd = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s", "-s", str(script)]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(  # noqa: S603 - wrk on loopback, fixed arguments
        cmd + [url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCHJSON "))
    result = json.loads(line.removeprefix("BENCHJSON "))
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    return result


def _a_write_anywhere(apps=()) -> None:
    """What a write to the named apps' tables does to the cache: `core.pagecache`'s own bumps. The bench process
    uses the cache directory gunicorn's workers share (CACHE_DIR, set before Django starts), so both content
    versions change and every stored page, anonymous or signed in, is out of date, and so do the versions of those
    apps, which the values kept with `memoized_on` are keyed on."""
    from inclusive_cities.core import pagecache

    pagecache.bump()
    pagecache.bump_private()
    for label in apps:
        pagecache.bump_app(label)


def _wrk_with_writes(url, cookie, seconds, connections, script, every: float) -> dict:
    """The page under load while an officer somewhere posts a progress update every `every` seconds (a write to the
    plans app's tables): each makes every stored page out of date, so each page is rendered again once per write,
    and whatever is kept on the plans app's version is computed again too."""
    stop = threading.Event()
    writes = []

    def writer():
        while not stop.wait(every):
            _a_write_anywhere(apps=("plans",))
            writes.append(time.monotonic())

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        result = _wrk(url, cookie, seconds, connections, script)
    finally:
        stop.set()
        thread.join()
    result["writes"] = len(writes)
    return result


def _herd(url: str, headers: dict, readers: int) -> dict:
    """Right after a change (both content versions changed, as any write does), `readers` requests for the page
    at once: how long the slowest and the median waited, and how many answers were rendered ("miss") rather than
    read from the copy the first one stored (`core/singleflight.py`)."""
    _a_write_anywhere()
    start = threading.Barrier(readers)
    results = []

    def read():
        start.wait()
        began = time.monotonic()
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=120) as answer:  # noqa: S310
            answer.read()
            results.append((time.monotonic() - began, answer.headers.get("X-Page-Cache", "")))

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    waits = sorted(seconds * 1000 for seconds, _ in results)
    return {
        "slowest": waits[-1] if waits else 0.0,
        "median": waits[len(waits) // 2] if waits else 0.0,
        "rendered": sum(1 for _, state in results if state != "hit"),
        "answered": len(results),
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    if shutil.which("wrk") is None:
        print("wrk is not installed: bash scripts/system-deps.sh bench", file=sys.stderr)
        return 2
    # The cache gunicorn's workers share, and this process's too (bench settings read CACHE_DIR), so the changes the
    # herd and busy-network measures make go through `core.pagecache`.
    cache_dir = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    os.environ["CACHE_DIR"] = str(cache_dir)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    seconds = int(os.environ.get("BENCH_HTTP_SECONDS", "8"))
    connections = int(os.environ.get("BENCH_HTTP_CONNECTIONS", "20"))
    workers = int(os.environ.get("BENCH_HTTP_WORKERS", "3"))
    port = int(os.environ.get("BENCH_HTTP_PORT", "8871"))
    write_every = float(os.environ.get("BENCH_HTTP_WRITE_EVERY", "1"))
    vendor = connection.vendor
    pages = _pages()
    cookies = _session_cookies()
    static_dir = Path(tempfile.mkdtemp(prefix="bench-static-"))
    script = static_dir / "done.lua"
    script.write_text(LUA)
    # The static copies: the same bytes each page answers, served by WhiteNoise from the same gunicorn.
    for index, (_label, url, who) in enumerate(pages):
        client = Client()
        if who:
            for pair in cookies[who].split("; "):
                name, value = pair.split("=", 1)
                client.cookies[name] = value
        response = client.get(url)
        (static_dir / f"page{index}.html").write_bytes(response.content)
    rows = []
    for cache_on in (False, True):
        env = dict(
            os.environ, DJANGO_SETTINGS_MODULE="config.settings.bench", PAGE_CACHE="1" if cache_on else "0",
            BENCH_STATIC_ROOT=str(static_dir), CACHE_DIR=str(cache_dir), PYTHONPATH=str(ROOT),
        )  # fmt: skip
        proc = _serve(env, port, workers)
        try:
            for index, (label, url, who) in enumerate(pages):
                full = f"http://127.0.0.1:{port}{url}"
                # Asked as wrk asks (no Accept or Accept-Encoding: both are in the page cache's key), so the run
                # with the cache on measures the repeat view it is meant to; the first readers all at once after a
                # change is the herd `singleflight` handles, measured apart (docs/performance.md).
                headers = {"Accept-Encoding": ""} | ({"Cookie": cookies[who]} if who else {})
                warm = urllib.request.Request(full, headers=headers)
                try:
                    urllib.request.urlopen(warm, timeout=60).read()  # noqa: S310 - loopback http
                except OSError as error:
                    print(f"  {vendor:10} {label}: {url} answered {error}; skipped", flush=True)
                    continue
                page = _wrk(full, cookies.get(who), seconds, connections, script)
                static_url = f"http://127.0.0.1:{port}/page{index}.html"
                urllib.request.urlopen(static_url, timeout=120).read()  # waits out the page run's backlog
                static = _wrk(f"http://127.0.0.1:{port}/page{index}.html", None, seconds, connections, script)
                row = {
                    "label": label, "url": url, "who": who or "anonymous", "cache": cache_on, "page": page,
                    "static": static, "ratio": page["rps"] / static["rps"] if static["rps"] else 0.0,
                }  # fmt: skip
                if cache_on:
                    row["herd"] = _herd(full, headers, connections)
                    row["writes"] = _wrk_with_writes(full, cookies.get(who), seconds, connections, script, write_every)
                rows.append(row)
                print(
                    f"  {vendor:10} cache {'on ' if cache_on else 'off'} {label:38} {page['rps']:8.1f} req/s "
                    f"p50 {page['p50']:7.1f} p95 {page['p95']:7.1f} p99 {page['p99']:7.1f} ms  errors {page['errors']}"
                    f"  static {static['rps']:8.1f} req/s  ratio {row['ratio'] * 100:5.1f}%",
                    flush=True,
                )
                if "herd" in row:
                    herd = row["herd"]
                    print(
                        f"  {vendor:10} after a change, {connections} at once: slowest {herd['slowest']:7.0f} ms, "
                        f"median {herd['median']:7.0f} ms, {herd['rendered']} of {herd['answered']} rendered",
                        flush=True,
                    )
                    busy = row["writes"]
                    print(
                        f"  {vendor:10} a write every {write_every:g} s: {busy['rps']:8.1f} req/s p50 {busy['p50']:7.1f} "
                        f"p95 {busy['p95']:7.1f} p99 {busy['p99']:7.1f} ms  errors {busy['errors']}",
                        flush=True,
                    )
        finally:
            _stop(proc)
    shutil.rmtree(static_dir, ignore_errors=True)
    shutil.rmtree(cache_dir, ignore_errors=True)
    _write_table(rows, vendor, seconds, connections, workers, write_every)
    return 0


def _write_table(rows, vendor, seconds, connections, workers, write_every) -> None:
    head = (
        f"HTTP stage, {vendor}, {datetime.date.today().isoformat()} on {platform.node()} ({os.cpu_count()} cores): "
        f"gunicorn {workers} workers, {connections} concurrent wrk connections for {seconds} s per row, loopback; "
        "the static column is the same bytes served as a file by the same gunicorn (WhiteNoise)."
    )
    lines = [
        head,
        "",
        "| page | viewer | page cache | requests/s | p50 ms | p95 ms | p99 ms | errors | static requests/s | share of static |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        p = r["page"]
        lines.append(
            f"| `{r['url']}` | {r['who']} | {'on' if r['cache'] else 'off'} | {p['rps']:.1f} | {p['p50']:.0f} | "
            f"{p['p95']:.0f} | {p['p99']:.0f} | {p['errors']} | {r['static']['rps']:.0f} | {r['ratio'] * 100:.1f}% |"
        )
    herds = [r for r in rows if "herd" in r]
    if herds:
        lines += [
            "",
            f"Right after a change (a write changes the content versions), {connections} requests for the page at once"
            " (page cache on):",
            "",
            "| page | viewer | slowest ms | median ms | rendered (not read from the stored copy) |",
            "|---|---|---|---|---|",
        ]
        for r in herds:
            h = r["herd"]
            lines.append(
                f"| `{r['url']}` | {r['who']} | {h['slowest']:.0f} | {h['median']:.0f} | "
                f"{h['rendered']} of {h['answered']} |"
            )
        lines += [
            "",
            f"A busy network: the same load while a progress update is posted somewhere every {write_every:g} s (each"
            " makes every stored page out of date, and what is kept on the plans app's tables; page cache on):",
            "",
            "| page | viewer | writes | requests/s | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in herds:
            w = r["writes"]
            lines.append(
                f"| `{r['url']}` | {r['who']} | {w['writes']} | {w['rps']:.1f} | {w['p50']:.0f} | {w['p95']:.0f} | "
                f"{w['p99']:.0f} | {w['errors']} |"
            )
    block = "\n".join(lines)
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    start, end = f"{MARK_START[:-4]}:{vendor} -->", f"{MARK_END[:-4]}:{vendor} -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + start + "\n" + block + "\n" + end + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{start}\n{block}\n{end}\n"
    doc.write_text(text, encoding="utf-8")
    print(f"Table written to {doc}")


if __name__ == "__main__":
    sys.exit(main())
