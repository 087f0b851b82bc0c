"""The report for funders and boards equals the per-place pages; Leeds, once added, is on every network page."""

import csv
import io
from importlib import import_module

import pytest

from conftest import ROLES
from inclusive_cities.network import services
from inclusive_cities.network.models import Place, Programme
from inclusive_cities.network.report import funder_report

pytestmark = pytest.mark.django_db

APPS = ["network", "accounts", "taskforce", "baseline", "narrative", "plans", "assessments"]


@pytest.fixture
def demo(framework):
    for app in APPS:
        import_module(f"inclusive_cities.{app}.demodata").load()
    return Programme.objects.get(code="inclusive-cities")


def test_report_figures_equal_the_per_place_pages(demo, as_role):
    from inclusive_cities.plans import selectors as plans

    report = funder_report(programme=demo, start_year=2017, end_year=2026)
    assert report.rows and report.plans_published >= 1
    secured = sought = 0
    done = total = 0
    client = as_role("facilitator")
    for row in report.rows:
        plan = plans.current_published(place=row.place)
        if plan is None:
            assert row.dashboard is None
            continue
        board = plans.dashboard(plan)
        assert (row.dashboard.secured, row.dashboard.sought, row.dashboard.progress.percent) == (
            board.secured,
            board.sought,
            board.progress.percent,
        )

        def counted(summary):
            progress = summary.progress
            themes = [(t.code, statuses, (p.done, p.total, p.not_measured)) for t, statuses, p in summary.by_theme]
            return (progress.done, progress.total, progress.not_measured), themes

        assert counted(row.dashboard) == counted(board)
        page = client.get(f"/places/{row.place.code}/plans/{plan.pk}/dashboard/").content.decode()
        assert f"£{board.secured:,.0f}" in page
        secured += board.secured
        sought += board.sought
        done += board.progress.done
        total += board.progress.total
    assert (report.secured, report.sought, report.progress.done, report.progress.total) == (
        secured,
        sought,
        done,
        total,
    )
    # assessments: only shared ones, each place once; never Coventry (private, and in no programme)
    assert "E08000026" not in {r.place.code for r in report.rows}
    shown = [t for t in report.assessment_by_theme if t["spread"]]
    assert all(t["count"] >= report.min_group for t in shown)
    # the CSV carries the same totals
    response = client.get("/network/report/report.csv?programme=inclusive-cities&start_year=2017&end_year=2026")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    places_part = rows[: rows.index([])]  # then the convenings and partnerships, after a blank line
    assert places_part[-1][0] == "TOTAL" and places_part[-1][-2] == str(report.secured)
    assert len(places_part) == len(report.rows) + 2


def test_report_pdf_and_bad_input(demo, as_role, django_capture_on_commit_callbacks):
    client = as_role("facilitator")
    form = {"programme": "inclusive-cities", "start_year": "2017", "end_year": "2026"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/network/report/prepare/", form)
    pdf = client.get("/network/report/report.pdf?programme=inclusive-cities&start_year=2017&end_year=2026")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    bad = client.get("/network/report/?programme=nope&start_year=2026&end_year=2020").content.decode()
    assert "Select a valid choice" in bad and "cannot end before it starts" in bad
    assert client.get("/network/report/report.pdf?start_year=abc").status_code == 400


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_the_report(framework, as_role, role, django_capture_on_commit_callbacks):
    """Facilitators and admins may read the report and ask for its PDF; anyone else signed in gets a 404 (they may
    not know the report exists), and an anonymous visitor is sent to sign in. Before the PDF is prepared its address
    sends back to the page; once it is, it gives the file."""
    from inclusive_cities.network.models import ReportFile

    services.places_load()
    services.network_load()
    client = as_role(role)
    allowed = role in ("facilitator", "admin")

    def check(response, url, allowed_status):
        if role == "anonymous":
            assert response.status_code == 302 and response.url.startswith("/account/sign-in/"), url
        else:
            assert response.status_code == (allowed_status if allowed else 404), url

    for url in ["/network/report/", "/network/report/report.csv"]:
        check(client.get(url), url, 200)
    check(client.get("/network/report/report.pdf"), "report.pdf, before", 302)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/network/report/prepare/", {})
    check(response, "prepare", 302)
    assert ReportFile.objects.exists() == allowed
    assert client.get("/network/report/prepare/").status_code == (302 if role == "anonymous" else 405)
    check(client.get("/network/report/report.pdf"), "report.pdf, after", 200)
    listing = client.get("/network/").content.decode()
    assert ('href="/network/report/"' in listing) == allowed


def test_a_new_member_appears_on_every_network_page(demo, as_role):
    leeds = Place.objects.get(code="E08000035")
    client = as_role("facilitator")
    pages = ["/plans/", "/network/taskforce-coverage/", "/network/assessments/", "/network/report/"]
    for url in pages:
        assert "Leeds" not in client.get(url).content.decode(), url
    cohort = services.cohort_create(programme=demo, name="Phase three", start_year=2026, by=None)
    services.membership_add(cohort=cohort, place=leeds, by=None, joined_year=2026)
    for url in pages:
        assert "Leeds" in client.get(url).content.decode(), url
    # and every network page is linked from /network/, which the menu links to
    listing = client.get("/network/").content.decode()
    for url in pages:
        assert f'href="{url}"' in listing, url


def test_the_report_carries_the_programmes_convenings_and_partnerships(db, framework):
    """The demo's seed-004 convenings (2017-2019) are in the Inclusive Cities report for those years, as the public
    convenings page lists them; a partnership proposed in the period is counted by its state."""
    from importlib import import_module

    from inclusive_cities.exchange import selectors as exchange
    from inclusive_cities.exchange.models import Partnership
    from inclusive_cities.network.models import Place, Programme
    from inclusive_cities.network.report import funder_report, report_csv_rows

    for app in ["network", "exchange"]:
        import_module(f"inclusive_cities.{app}.demodata").load()
    programme = Programme.objects.get(code="inclusive-cities")
    on_page = [c.title for c in exchange.convening_list(programme=programme.code) if 2017 <= c.start_date.year <= 2019]
    assert len(on_page) >= 4
    Partnership.objects.create(
        programme=programme,
        place_a=Place.objects.get(code="E06000023"),
        place_b=Place.objects.get(code="E08000019"),
        aims="Share what works on ESOL.",
    )
    report = funder_report(programme=programme, start_year=2017, end_year=2030)
    assert sorted(c.title for c in report.convenings) == sorted(
        c.title for c in exchange.convening_list(programme=programme.code) if c.start_date and 2017 <= c.start_date.year
    )
    assert set(on_page) <= {c.title for c in report.convenings}
    assert report.partnerships["counts"]["proposed"] == 1
    csv_text = "\n".join(",".join(map(str, row)) for row in report_csv_rows(report))
    assert all(title in csv_text for title in on_page) and "Bristol with Sheffield" in csv_text.replace("City of ", "")
    # a period without convenings says so
    assert funder_report(programme=programme, start_year=2025, end_year=2025).convenings == []


def test_the_report_reads_every_members_plan_in_a_fixed_number_of_queries(demo, framework):
    """Each plan's progress, resources and themes are counted for all plans at once (`plans.progress_summaries`), not
    read plan by plan (eleven queries each: 3,998 queries for 361 members)."""
    from django.db import connection
    from django.db.models import Q
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from inclusive_cities.plans.models import ActionPlan, PlanStatus
    from inclusive_cities.plans.tests.conftest import make_plan

    def queries_and_plans():
        with CaptureQueriesContext(connection) as queries:
            report = funder_report(programme=demo, start_year=2017, end_year=2026)
        return len(queries), report.plans_published

    before, published = queries_and_plans()
    members = [row.place for row in funder_report(programme=demo, start_year=2017, end_year=2026).rows]
    without_plan = [p for p in members if not ActionPlan.objects.filter(Q(place=p), status=PlanStatus.PUBLISHED)]
    for place in without_plan[:4]:
        plan = make_plan(place, framework, status=PlanStatus.PUBLISHED, title=f"{place.name} plan")
        ActionPlan.objects.filter(pk=plan.pk).update(published_at=timezone.now().replace(year=2026, month=1, day=2))
    after, published_after = queries_and_plans()
    assert published_after == published + min(4, len(without_plan)) and published_after > published
    assert after == before
