"""Backup and restore of the database and uploaded files (`manage.py backup`, `manage.py restore`).

The archive is a tar.gz holding `manifest.json`, the database (`db.sqlite3`: SQLite's online backup, consistent
while the site runs; or `db.dump`: `pg_dump --format=custom`) and `media/` (everything under MEDIA_ROOT).
Restore replaces the database's content and MEDIA_ROOT's files with the archive's.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or ""]
    return args, env


def backup(output: Path) -> dict:
    media = Path(settings.MEDIA_ROOT)
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "vendor": connection.vendor,
        "media_files": sum(1 for p in media.rglob("*") if p.is_file()) if media.exists() else 0,
    }
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(tmp / "db.sqlite3")
            connection.connection.backup(target)
            target.close()
            db_name = "db.sqlite3"
        elif connection.vendor == "postgresql":
            args, env = _pg_env()
            subprocess.run(  # noqa: S603 - pg_dump with our own settings
                [shutil.which("pg_dump") or "/usr/bin/pg_dump", "--format=custom", "--no-owner", *args, "-f", str(tmp / "db.dump"),
                 connection.settings_dict["NAME"]],
                env=env, check=True,
            )  # fmt: skip
            db_name = "db.dump"
        else:
            raise RuntimeError(f"backup does not know the {connection.vendor} database")
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with tarfile.open(output, "w:gz") as tar:
            tar.add(tmp / "manifest.json", arcname="manifest.json")
            tar.add(tmp / db_name, arcname=db_name)
            if media.exists():
                tar.add(media, arcname="media")
    return manifest


def restore(archive: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        manifest = json.loads((tmp / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise ValueError(f"{archive} is not a backup this version can restore (format {manifest.get('format')}).")
        if manifest["vendor"] != connection.vendor:
            raise ValueError(f"{archive} holds a {manifest['vendor']} database; this site uses {connection.vendor}.")
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(tmp / "db.sqlite3")
            source.backup(connection.connection)
            source.close()
        else:
            args, env = _pg_env()
            connection.close()
            subprocess.run(  # noqa: S603 - pg_restore with our own settings
                [shutil.which("pg_restore") or "/usr/bin/pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
                 "-d", connection.settings_dict["NAME"], str(tmp / "db.dump")],
                env=env, check=True,
            )  # fmt: skip
        media = Path(settings.MEDIA_ROOT)
        if (tmp / "media").exists():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(tmp / "media", media)
    from . import pagecache

    pagecache.bump()  # the restore wrote past Django's cursor: cached pages are of the database it replaced
    return manifest
