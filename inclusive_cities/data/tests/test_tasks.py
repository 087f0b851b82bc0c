"""The upload goes through a django_tasks task: inline by default, and on the database queue with a worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.data.models import Import, ImportStatus, Observation
from inclusive_cities.network.services import places_load

from .conftest import read_file, read_rows

MYE = "ons_mye_mid2023_population_ew_la.csv"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_queued_import_is_applied_by_the_worker(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    places_load()
    client = Client()
    facilitator = user_with_role("facilitator")
    client.force_login(facilitator)
    response = client.post(
        "/data/imports/new/", {"file": SimpleUploadedFile(MYE, read_file(MYE)), "period": "mid-2023"}, follow=True
    )
    page = response.content.decode()
    assert "queued" in page
    record = Import.objects.get()  # recorded at once, queued: its page says so in words
    assert record.status == ImportStatus.QUEUED and record.task_id
    assert "waiting for the background worker" in page
    assert list((tmp_path / "imports").iterdir())  # the upload waits on disk for the worker

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED and record.user == facilitator and record.attempts == 1
    assert Observation.objects.filter(indicator__code="population-mid-year", period="mid-2023").count() == len(
        read_rows(MYE)
    )
    assert not list((tmp_path / "imports").iterdir())  # and is deleted once imported
