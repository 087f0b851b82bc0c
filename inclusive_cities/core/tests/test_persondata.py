"""A person's data: export everything held about them; erase them, keeping history without their identity."""

import json

import pytest
from django.core.management import CommandError, call_command

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.core.persondata import _rows_pointing_at, person_export


@pytest.fixture
def admin(db):
    return user_with_role("admin", email="admin.person@example.org")


def test_export_holds_the_account_and_what_points_at_it(admin, place, tmp_path, caplog):
    officer = user_with_role("officer", place, email="officer.person@example.org", full_name="Olu Officer")
    out = tmp_path / "person.json"
    call_command("person_export", officer.email, by=admin.email, output=str(out))
    data = json.loads(out.read_text())
    assert data["account"]["fields"]["email"] == "officer.person@example.org"
    assert "password" not in data["account"]["fields"]
    assert any(label.startswith("accounts.") for label in data["related"]), data["related"].keys()
    assert any("person data exported" in r.getMessage() for r in caplog.records)


def test_only_an_administrator_may_export_or_erase(place):
    officer = user_with_role("officer", place, email="not.admin@example.org")
    with pytest.raises(CommandError, match="not an administrator"):
        call_command("person_export", officer.email, by=officer.email)
    with pytest.raises(CommandError, match="not an administrator"):
        call_command("person_erase", officer.email, by=officer.email, yes=True)


def test_unknown_person_and_missing_confirmation_change_nothing(admin, place):
    with pytest.raises(CommandError, match="No account"):
        call_command("person_erase", "nobody@example.org", by=admin.email, yes=True)
    officer = user_with_role("officer", place, email="keep.me@example.org", full_name="Kept Person")
    with pytest.raises(CommandError, match="--yes"):
        call_command("person_erase", officer.email, by=admin.email)
    officer.refresh_from_db()
    assert officer.email == "keep.me@example.org" and officer.is_active


def test_erase_anonymises_account_and_its_history_and_keeps_their_edits(admin, place, client):
    officer = user_with_role("officer", place, email="erase.me@example.org", full_name="Erin Erased", job_title="Lead")
    before = {label: rows.count() for label, rows in _rows_pointing_at(officer)}
    client.force_login(officer)
    call_command("person_erase", officer.email, by=admin.email, yes=True)
    officer.refresh_from_db()
    assert officer.email == f"erased-{officer.pk}@erased.invalid"
    assert officer.full_name == "" and officer.job_title == "" and not officer.is_active
    assert not officer.has_usable_password()
    for record in officer.history.all():
        assert record.email == officer.email and record.full_name == "" and record.job_title == ""
    # What they did stays, pointing at the anonymous account (roles, history records).
    after = {label: rows.count() for label, rows in _rows_pointing_at(officer)}
    assert all(after.get(label, 0) >= count for label, count in before.items())
    # Their session is gone: the next request is anonymous.
    assert client.get("/account/").status_code in (302, 403)
    export = json.dumps(person_export(user=officer, by="t"))
    assert "Erin" not in export and "erase.me@example.org" not in export
