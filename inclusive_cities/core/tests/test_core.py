"""Health check, background tasks (inline and on the database queue), settings, the demo loader."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from inclusive_cities.core.tasks import count_places
from inclusive_cities.network.services import places_load

pytestmark = pytest.mark.django_db


def test_healthz_is_503_until_the_framework_is_loaded(client, framework):
    from inclusive_cities.framework.models import Framework

    assert client.get("/healthz").status_code == 200
    Framework.objects.all().delete()
    assert client.get("/healthz").status_code == 503


def test_example_task_runs_inline():
    places_load()
    result = count_places.enqueue(nation="Wales")
    assert result.return_value == 22


# The worker closes database connections between tasks, as it must in production: run outside a test transaction.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_example_task_runs_on_the_database_queue_with_a_worker():
    places_load()
    result = count_places.enqueue(nation="Scotland")
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", batch=True, interval=0, verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 32


def test_load_demo_twice_keeps_counts(framework):
    from inclusive_cities.accounts.models import User
    from inclusive_cities.network.models import Membership, Place

    call_command("load_demo", verbosity=0)
    counts = (Place.objects.count(), Membership.objects.count(), User.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Place.objects.count(), Membership.objects.count(), User.objects.count()) == counts
    assert User.objects.filter(email="officer.bristol@demo.inclusive-cities.test", place_roles__role="officer").exists()


@pytest.mark.parametrize("secret", ["", "short"])
def test_production_settings_refuse_a_missing_or_weak_secret(secret):
    import os
    import subprocess
    import sys

    env = {**os.environ, "SECRET_KEY": secret, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    proc = subprocess.run(
        [sys.executable, "-c", "import config.settings.production"], env=env, capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "Set SECRET_KEY in the environment" in proc.stderr


def test_deploy_checklist_passes_in_production_mode():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "SECRET_KEY": "k" * 30 + "-production-like-secret-0123456789",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process only
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_openapi_schema_describes_every_api(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Inclusive Cities platform open data API"
    paths = schema["paths"]
    for prefix in ("/api/v1/plans/", "/api/v1/observations/", "/api/v1/evidence/search/"):
        assert any(path.startswith(prefix) for path in paths), prefix


def test_page_title_names_the_page_then_the_service(client, framework):
    html = client.get("/framework/").content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.endswith(" – Inclusive Cities platform") and len(title) > len(" – Inclusive Cities platform")


def test_readyz_reports_database_and_queue_lag(client, db, settings):
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.READY_MAX_QUEUE_LAG_SECONDS = 300
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "queue_ready": 0,
        "queue_lag_seconds": 0.0,
        "tasks_lost": 0,
    }
    from inclusive_cities.core.tasks import count_places

    count_places.using(backend="default").enqueue()
    assert client.get("/readyz").json()["queue_ready"] == 1
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    lagging = client.get("/readyz")
    assert lagging.status_code == 503
    assert lagging.json()["status"] == "lagging"
    assert lagging.json()["queue_lag_seconds"] >= 3600


def test_json_log_formatter_writes_one_object_a_line():
    import json
    import logging

    from inclusive_cities.core.logformat import JsonFormatter

    record = logging.makeLogRecord({"name": "x", "levelname": "WARNING", "msg": "hello %s", "args": ("world",)})
    record.request_id = "abc"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "hello world"
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == "abc"


def test_one_menu_item_is_current_the_longest_that_the_page_sits_under(as_role):
    """/network/dashboard/ is the dashboard's page, not also "Network" (both URLs start /network/)."""
    import re

    page = as_role("facilitator").get("/network/dashboard/").content.decode()
    current = re.findall(r"govuk-service-navigation__item--active[^>]*>\s*<a[^>]*>([^<]+)<", page)
    assert [c.strip() for c in current] == ["Network dashboard"]
    page = as_role("facilitator").get("/network/").content.decode()
    assert [
        c.strip() for c in re.findall(r"govuk-service-navigation__item--active[^>]*>\s*<a[^>]*>([^<]+)<", page)
    ] == ["Network"]


def test_a_served_process_freezes_its_start_up_heap():
    """config/wsgi.py moves start-up objects out of the garbage collector's way (core/runtime.py says why)."""
    import gc
    import importlib

    gc.unfreeze()
    try:
        import config.wsgi

        importlib.reload(config.wsgi)
        assert gc.get_freeze_count() > 10_000  # Django, the apps and their URLconfs
    finally:
        gc.unfreeze()
