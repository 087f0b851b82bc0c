"""Concurrent edits, progress updates (with validated evidence files), the roll-up rule and the dashboard."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.plans import selectors, services
from inclusive_cities.plans.models import Action, ActionStatus, PlanStatus, ProgressUpdate


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def action_post(action, **changes):
    data = {
        "title": action.title,
        "timescale": action.timescale,
        "status": action.status,
        "resource_state": action.resource_state,
        "lock_version": action.lock_version,
    }
    data.update(changes)
    return data


def test_second_concurrent_save_is_refused_and_shown_the_difference(draft, officer, place):
    other_officer_here = user_with_role("officer", place)
    action = draft.priorities.get().actions.get()
    url = reverse("plans:action_edit", args=[place.code, draft.pk, action.pk])
    # Both open the form at lock_version 0.
    first = action_post(action, title="Campaign by Alice")
    second = action_post(action, title="Campaign by Bob", status="in_progress")
    assert client_for(officer).post(url, first).status_code == 302
    response = client_for(other_officer_here).post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this action while you were editing it" in html
    assert "Campaign by Bob" in html and "Campaign by Alice" in html  # your value vs the saved value
    action.refresh_from_db()
    assert action.title == "Campaign by Alice" and action.status == ActionStatus.NOT_STARTED
    assert action.lock_version == 1
    # The form now carries the current lock_version: saving again overwrites knowingly.
    assert 'name="lock_version" value="1"' in html
    assert client_for(other_officer_here).post(url, {**second, "lock_version": 1}).status_code == 302
    action.refresh_from_db()
    assert action.title == "Campaign by Bob" and action.lock_version == 2


def test_conflict_lists_only_the_fields_that_differ(draft, officer):
    action = draft.priorities.get().actions.get()
    services.action_update(action=action, by=officer, expected_lock_version=0, title="Theirs", rag="red")
    with pytest.raises(services.EditConflict) as caught:
        services.action_update(action=action, by=officer, expected_lock_version=0, title="Mine", rag="red")
    assert [(d.field, d.yours, d.theirs) for d in caught.value.differences] == [("title", "Mine", "Theirs")]


def test_partner_posts_progress_only_on_actions_they_lead(published, place):
    partner = user_with_role("partner", place)
    action = published.priorities.get().actions.get()
    url = reverse("plans:progress_add", args=[place.code, published.pk, action.pk])
    data = {"date": "2026-03-01", "status": "in_progress", "rag": "amber", "narrative": "Started."}
    assert client_for(partner).post(url, data).status_code == 403
    Action.objects.filter(pk=action.pk).update(lead_user=partner)
    response = client_for(partner).post(url, data)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.author == partner and update.rag == "amber"
    action.refresh_from_db()
    assert action.status == "in_progress" and action.rag == "amber"


def test_progress_with_measure_values_and_evidence_file(published, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    action = published.priorities.get().actions.get()
    measure = Action.objects.get(pk=action.pk).measures.create(
        name="People reached", baseline=0, target=500, unit="people"
    )
    url = reverse("plans:progress_add", args=[published.place.code, published.pk, action.pk])
    good = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client_for(officer).post(
        url,
        {
            "date": "2026-03-01",
            "status": "in_progress",
            "rag": "green",
            "narrative": "Going well.",
            "evidence_url": "https://example.org/report",
            f"measure_{measure.pk}": "120",
            "evidence_file": good,
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.values.get().value == Decimal("120.00")
    assert update.evidence_file.name.endswith("minutes.pdf")
    # Downloadable by whoever may read the plan (it is published here), at the update's address.
    url = reverse("plans:evidence_file", args=[published.place.code, published.pk, action.pk, update.pk])
    download = Client().get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
    assert "minutes.pdf" in download["Content-Disposition"]
    assert (
        url
        in client_for(officer)
        .get(reverse("plans:action_detail", args=[published.place.code, published.pk, action.pk]))
        .content.decode()
    )


def test_evidence_of_a_hidden_plan_is_not_served(plan_factory, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = plan_factory(PlanStatus.PUBLISHED)
    action = plan.priorities.get().actions.get()
    update = services.progress_post(
        action=action,
        by=officer,
        date=datetime.date(2026, 1, 1),
        status="in_progress",
        narrative="x",
        evidence_file=SimpleUploadedFile("note.txt", b"private"),
    )
    from inclusive_cities.plans.models import ActionPlan

    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)  # e.g. a test of a hidden state
    url = reverse("plans:evidence_file", args=[plan.place.code, plan.pk, action.pk, update.pk])
    assert Client().get(url).status_code == 404
    assert client_for(officer).get(url).status_code == 200
    assert Client().get(url.replace(f"/{update.pk}/", "/999999/")).status_code == 404


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [("payload.exe", 10, "must be one of"), ("huge.pdf", 5 * 1024 * 1024 + 1, "smaller than 5 MB")],
)
def test_bad_evidence_files_refused(published, officer, settings, tmp_path, name, size, message):
    settings.MEDIA_ROOT = tmp_path
    action = published.priorities.get().actions.get()
    upload = SimpleUploadedFile(name, b"x" * size)
    response = client_for(officer).post(
        reverse("plans:progress_add", args=[published.place.code, published.pk, action.pk]),
        {"date": "2026-03-01", "status": "in_progress", "rag": "", "narrative": "x", "evidence_file": upload},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_progress_refused_on_a_draft_and_in_the_future(draft, published, officer):
    with pytest.raises(ValidationError, match="published plan"):
        services.progress_post(
            action=draft.priorities.get().actions.get(),
            by=officer,
            date=datetime.date(2026, 1, 1),
            status="in_progress",
            narrative="x",
        )
    with pytest.raises(ValidationError, match="future"):
        services.progress_post(
            action=published.priorities.get().actions.get(),
            by=officer,
            date=datetime.date(2099, 1, 1),
            status="in_progress",
            narrative="x",
        )


def test_roll_up_never_averages_empty_values(published):
    priority = published.priorities.get()
    with_milestones = priority.actions.get()
    with_milestones.milestones.create(title="a", completed_on=datetime.date(2026, 1, 5))
    with_milestones.milestones.create(title="b")
    with_milestones.milestones.create(title="c")
    with_milestones.milestones.create(title="d")
    # A second action with no milestones: not 0%, not 100%, just "not measured".
    Action.objects.create(priority=priority, title="Unmeasured")
    d = selectors.dashboard(published, today=datetime.date(2026, 7, 1))
    assert (d.progress.done, d.progress.total, d.progress.not_measured, d.progress.percent) == (1, 4, 1, 25)
    assert selectors.action_progress(Action.objects.get(title="Unmeasured")).percent is None


def test_dashboard_overdue_stale_and_funding(published, officer):
    priority = published.priorities.get()
    action = priority.actions.get()  # ends 2026-06-30, £10,000 secured, never updated
    Action.objects.create(
        priority=priority,
        title="Fresh",
        resource_amount=2500,
        resource_state="sought",
        end_date=datetime.date(2027, 1, 1),
    )
    Action.objects.create(priority=priority, title="Done", status="completed", end_date=datetime.date(2026, 1, 1))
    services.progress_post(
        action=Action.objects.get(title="Fresh"),
        by=officer,
        date=datetime.date(2026, 6, 1),
        status="in_progress",
        narrative="ok",
    )
    d = selectors.dashboard(published, today=datetime.date(2026, 7, 15))
    assert [a.title for a in d.overdue] == [action.title]
    assert [(a.title, last) for a, last in d.stale] == [(action.title, None)]
    assert d.secured == Decimal("10000") and d.sought == Decimal("2500")
    theme, counts, _progress = d.by_theme[0]
    assert theme.code == "T1" and counts == {"not_started": 1, "in_progress": 1, "completed": 1}
    # The page shows it too.
    html = Client().get(reverse("plans:dashboard", args=[published.place.code, published.pk])).content.decode()
    assert "£10,000" in html and "£2,500" in html and "never updated" in html


def test_stale_against_the_plans_interval(published, officer):
    action = published.priorities.get().actions.get()
    services.progress_post(
        action=action, by=officer, date=datetime.date(2026, 1, 1), status="in_progress", narrative="x"
    )
    assert selectors.is_stale(action, published, today=datetime.date(2026, 3, 31)) is False  # 89 days
    assert selectors.is_stale(action, published, today=datetime.date(2026, 4, 2)) is True  # 91 days
    services.progress_post(action=action, by=officer, date=datetime.date(2026, 1, 2), status="completed", narrative="x")
    action.refresh_from_db()
    # A completed action needs no more updates: never "update overdue", as on the dashboard.
    assert selectors.is_stale(action, published, today=datetime.date(2027, 1, 1)) is False


def test_pdfs_render(published, officer):
    for kind in ("plan", "progress"):
        response = Client().get(reverse("plans:pdf", args=[published.place.code, published.pk, kind]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("state", [PlanStatus.DRAFT, PlanStatus.IN_REVIEW, PlanStatus.SIGNED_OFF])
def test_pdf_of_a_hidden_plan_is_not_found_for_the_public(plan_factory, state):
    plan = plan_factory(state)
    assert Client().get(reverse("plans:pdf", args=[plan.place.code, plan.pk, "plan"])).status_code == 404


def test_network_overview_one_row_per_place(plan_factory, other_place, framework, officer):
    from inclusive_cities.plans.tests.conftest import make_plan

    published = plan_factory(PlanStatus.PUBLISHED)
    services.plan_new_version(plan=published, by=officer)
    make_plan(other_place, framework, status=PlanStatus.IN_REVIEW, title="Liverpool plan")
    services.progress_post(
        action=published.priorities.get().actions.get(),
        by=officer,
        date=datetime.date(2026, 5, 1),
        status="in_progress",
        narrative="x",
    )
    rows = selectors.network_overview(user=user_with_role("facilitator"), today=datetime.date(2026, 7, 15))
    assert [(r.place.code, r.newest.version, r.newest.status, r.versions) for r in rows] == [
        ("E06000023", 2, "draft", 2),
        ("E08000012", 1, "in_review", 1),
    ]
    bristol, liverpool = rows
    assert bristol.published == published and bristol.last_update == datetime.date(2026, 5, 1)
    assert bristol.overdue == 1 and bristol.stale == 0
    assert liverpool.published is None
    html = client_for(user_with_role("facilitator")).get(reverse("plans:index")).content.decode()
    assert 'data-place="E08000012"' in html and "In review" in html


def test_network_overview_lists_programme_places_without_a_plan(plan_factory, place):
    from inclusive_cities.core.factories import MembershipFactory, PlaceFactory

    plan_factory(PlanStatus.PUBLISHED)
    newport = PlaceFactory(code="W06000022", name="Newport")
    MembershipFactory(place=newport)
    MembershipFactory(place=PlaceFactory(code="E06000031", name="Peterborough"), left_year=2019)  # left: not listed
    facilitator = user_with_role("facilitator")
    rows = selectors.network_overview(user=facilitator)
    assert [(r.place.code, r.newest is None) for r in rows] == [("E06000023", False), ("W06000022", True)]
    html = client_for(facilitator).get(reverse("plans:index")).content.decode()
    assert 'data-place="W06000022"' in html and "No plan yet" in html
    # An officer sees only what they may: no network table at all.
    officer_rows = selectors.network_overview(user=user_with_role("officer", place))
    assert [r.place.code for r in officer_rows] == ["E06000023"]  # programme places without a plan: staff only


def test_network_overview_is_shown_fifty_places_a_page(plan_factory):
    from inclusive_cities.core.factories import MembershipFactory, PlaceFactory

    plan_factory(PlanStatus.PUBLISHED)  # Bristol
    for n in range(55):
        MembershipFactory(place=PlaceFactory(code=f"E0700{n:04d}", name=f"Place {n:02d}"))
    client = client_for(user_with_role("facilitator"))
    shown = []
    for number in (1, 2):
        html = client.get(reverse("plans:index"), {"network_page": number}).content.decode()
        shown.append(html.count('data-place="'))
        if number == 1:
            assert "network_page=2" in html
    assert shown == [50, 6]


def test_network_overview_counts_equal_each_dashboard(plan_factory, officer):
    """The network view counts in bulk; its figures must be the plan dashboard's, action by action."""
    from inclusive_cities.plans.models import Action, ActionStatus

    published = plan_factory(PlanStatus.PUBLISHED)
    priority = published.priorities.get()
    first = priority.actions.get()
    Action.objects.filter(pk=first.pk).update(status=ActionStatus.IN_PROGRESS)  # due 30 June, never updated
    cases = [
        ("overdue, updated recently", datetime.date(2026, 1, 31), ActionStatus.DELAYED, datetime.date(2026, 7, 1)),
        ("overdue but completed", datetime.date(2026, 2, 1), ActionStatus.COMPLETED, None),
        ("not due, last update stale", datetime.date(2027, 1, 1), ActionStatus.IN_PROGRESS, datetime.date(2026, 1, 2)),
        ("cancelled, never updated", None, ActionStatus.CANCELLED, None),
        ("not started, never updated", None, ActionStatus.NOT_STARTED, None),
    ]
    for order, (title, end_date, status, updated) in enumerate(cases, start=1):
        action = Action.objects.create(priority=priority, order=order, title=title, end_date=end_date, status=status)
        if updated:
            services.progress_post(action=action, by=officer, date=updated, status=status, narrative="update")
    today = datetime.date(2026, 7, 15)
    (row,) = selectors.network_overview(user=user_with_role("facilitator"), today=today)
    board = selectors.dashboard(published, today=today)
    assert (row.overdue, row.stale) == (len(board.overdue), len(board.stale)) == (2, 3)
    assert row.last_update == datetime.date(2026, 7, 1)


def test_pdf_with_hostile_text(published):
    from inclusive_cities.plans.models import ActionPlan

    hostile = '"; } body { display: none } <script>alert(1)</script> ' + "x" * 150
    ActionPlan.objects.filter(pk=published.pk).update(title=hostile[:200], vision="<img src=http://evil.example/x>")
    response = Client().get(reverse("plans:pdf", args=[published.place.code, published.pk, "plan"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_pdf_footer_prints_quotes_and_ampersands_as_written(published):
    import subprocess

    from inclusive_cities.core.templatetags.govuk import css_string
    from inclusive_cities.plans.models import ActionPlan

    assert css_string('A "b" &amp; c\\ </style>') == 'A \\"b\\" & c\\\\ \\3C /style\\3E '
    title = 'Bristol\'s "welcome" & plan'
    ActionPlan.objects.filter(pk=published.pk).update(title=title)
    pdf = Client().get(reverse("plans:pdf", args=[published.place.code, published.pk, "plan"])).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert f"{title} · v1" in text
    assert "u0027" not in text and "&amp;" not in text


def _on_disk(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.fixture
def disk_media(settings, tmp_path):
    """Uploads written to real files under a MEDIA_ROOT of the test's own, so a test can see what reached disk."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


def test_evidence_checked_by_content_message_on_the_field_nothing_written(published, officer, disk_media):
    action = published.priorities.get().actions.get()
    url = reverse("plans:progress_add", args=[published.place.code, published.pk, action.pk])
    form = {"date": "2026-03-01", "status": "in_progress", "rag": "", "narrative": "x"}
    html_as_png = SimpleUploadedFile("report.png", b"<!doctype html><script>alert(1)</script>", "image/png")
    response = client_for(officer).post(url, {**form, "evidence_file": html_as_png})
    assert response.status_code == 200
    page = response.content.decode()
    field_error = page[page.index('id="id_evidence_file-error"') :].split("</p>", 1)[0]
    assert "“report.png” is not a PNG image: its content is HTML." in field_error
    assert not ProgressUpdate.objects.exists()
    assert _on_disk(disk_media) == []
    # The same form with a real PNG is posted, and its file is written where the refused one was not.
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU"
    response = client_for(officer).post(url, {**form, "evidence_file": SimpleUploadedFile("photo.png", png)})
    assert response.status_code == 302
    assert [p.name for p in _on_disk(disk_media)] == ["photo.png"]
    assert ProgressUpdate.objects.get().evidence_file.read() == png


def test_progress_service_refuses_evidence_whose_content_is_not_its_extension(published, officer):
    with pytest.raises(ValidationError) as caught:
        services.progress_post(
            action=published.priorities.get().actions.get(),
            by=officer,
            date=datetime.date(2026, 1, 1),
            status="in_progress",
            narrative="x",
            evidence_file=SimpleUploadedFile("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        )
    assert caught.value.message_dict["evidence_file"] == [
        "“scan.pdf” is not a PDF file: its content is a PNG image. Upload a PDF, Word, OpenDocument, Excel, CSV, "
        "text or image file."
    ]
    assert not ProgressUpdate.objects.exists()


def test_network_overview_is_kept_per_viewer_and_follows_edits(plan_factory, place, framework, officer):
    """The overview is kept in the shared cache per viewer: an edit shows at once, and a viewer's rows are never
    another's (an officer sees their own place's plan only, and loses it with the role)."""
    from django.core.cache import cache

    from inclusive_cities.accounts.models import PlaceRoleAssignment

    cache.clear()
    plan = plan_factory()
    facilitator = user_with_role("facilitator")
    today = datetime.date(2026, 7, 15)
    rows = selectors.network_overview(user=facilitator, today=today)
    assert any(r.newest and r.newest.pk == plan.pk for r in rows)
    type(plan).objects.filter(pk=plan.pk).update(title="Retitled by a colleague")
    row = next(r for r in selectors.network_overview(user=facilitator, today=today) if r.place == place)
    assert row.newest.title == "Retitled by a colleague"
    stranger = user_with_role("user")
    assert not any(r.newest for r in selectors.network_overview(user=stranger, today=today) if r.place == place)
    assert any(r.newest for r in selectors.network_overview(user=officer, today=today) if r.place == place)
    PlaceRoleAssignment.objects.filter(user=officer).delete()
    officer = type(officer).objects.get(pk=officer.pk)  # as on their next request (roles are read once a request)
    assert not any(r.newest for r in selectors.network_overview(user=officer, today=today) if r.place == place)


def test_a_kept_pdf_is_the_same_for_every_reader_and_a_change_shows_at_once(published, as_role):
    """A plan's PDF is laid out once while its HTML is unchanged (`core.pdf.render_pdf`): the public and an officer
    get the same document, and a change to the plan is in the next PDF."""
    import subprocess

    from inclusive_cities.plans.models import ActionPlan

    url = reverse("plans:pdf", args=[published.place.code, published.pk, "plan"])
    first = Client().get(url).content
    assert as_role("officer").get(url).content == first
    ActionPlan.objects.filter(pk=published.pk).update(title="Bristol’s plan, renamed")
    renamed = Client().get(url).content
    text = subprocess.run(["pdftotext", "-", "-"], input=renamed, capture_output=True, check=True).stdout.decode()
    assert renamed != first and "Bristol’s plan, renamed" in text
