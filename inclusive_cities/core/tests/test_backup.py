"""Backup and restore: a round trip brings back the database rows and the uploaded files."""

import pytest
from django.core.management import CommandError, call_command

from inclusive_cities.core.factories import PlaceFactory
from inclusive_cities.network.models import Place


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_rows_and_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "report.pdf").write_bytes(b"%PDF-1.4 evidence")
    PlaceFactory(code="E06000023", name="Bristol")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    assert archive.stat().st_size > 0

    # Things change after the backup: a place renamed, another added, the file replaced and one added.
    Place.objects.filter(code="E06000023").update(name="Changed after backup")
    PlaceFactory(code="E08000012", name="Liverpool")
    (settings.MEDIA_ROOT / "evidence" / "report.pdf").write_bytes(b"overwritten")
    (settings.MEDIA_ROOT / "later.txt").write_text("after")

    call_command("restore", str(archive), yes=True)
    assert list(Place.objects.values_list("code", "name")) == [("E06000023", "Bristol")]
    assert (settings.MEDIA_ROOT / "evidence" / "report.pdf").read_bytes() == b"%PDF-1.4 evidence"
    assert not (settings.MEDIA_ROOT / "later.txt").exists()


def test_restore_refuses_without_confirmation_or_archive(tmp_path, db):
    with pytest.raises(CommandError, match="No backup archive"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), yes=True)
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"x")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(bogus))
