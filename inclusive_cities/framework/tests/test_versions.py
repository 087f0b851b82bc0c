"""Publishing a new framework version keeps the network's comparisons: goal-by-goal diff, mapping across versions."""

import pytest

from conftest import ROLES
from inclusive_cities.assessments import demodata as assessments_demo
from inclusive_cities.assessments.selectors import network_overview
from inclusive_cities.framework import selectors, services
from inclusive_cities.framework.models import Goal
from inclusive_cities.network import services as network_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(framework):
    network_services.places_load()
    network_services.network_load()
    assessments_demo.load()
    return framework


def _publish_one_goal_edit(framework):
    draft = services.framework_draft_create(source=framework, by=None)
    goal = Goal.objects.get(theme__framework=draft, code="T2.1")
    services.framework_item_update(item=goal, by=None, title=goal.title + " (revised wording)")
    return services.framework_publish(framework=draft, by=None, change_note="Reworded goal T2.1.")


def test_publishing_1_1_keeps_the_network_comparison(demo, as_role):
    before = network_overview(selectors.framework_current())
    assert before["shared_places"] >= 5
    new = _publish_one_goal_edit(demo)
    assert selectors.framework_current() == new and new.version == "1.1"
    after = network_overview(new)
    assert after["shared_places"] == before["shared_places"]
    assert after["confirmed_places"] == before["confirmed_places"]
    # unchanged themes keep their means; the changed theme (T2) counts no 1.0 assessment when mapped to 1.1
    means_before = {r["code"]: r for r in before["latest_rows"]}
    means_after = {r["code"]: r for r in after["latest_rows"]}
    assert means_after["T1"] == means_before["T1"]
    assert means_after["T2"]["count"] == 0 and means_before["T2"]["count"] > 0
    # ...and is shown per version, where it keeps its 1.0 figure
    (v10,) = after["per_version"]
    assert {r["code"]: r["mean"] for r in v10["rows"]}["T2"] == means_before["T2"]["mean"]
    # the old behaviour, one version only, is a choice on the page
    assert network_overview(new, version=new)["shared_places"] == 0
    page = as_role("facilitator").get("/network/assessments/").content.decode()
    assert f'<dd class="govuk-summary-list__value">{before["shared_places"]}' in page
    assert "Only assessments on version 1.0" in page
    page = as_role("facilitator").get("/network/assessments/?version=1.1").content.decode()
    assert '<dd class="govuk-summary-list__value">0' in page
    assert (
        "no published framework version"
        in as_role("facilitator").get("/network/assessments/?version=9<b>").content.decode()
    )


def test_diff_goal_by_goal(framework):
    draft = services.framework_draft_create(source=framework, by=None)
    goal = Goal.objects.get(theme__framework=draft, code="T2.1")
    services.framework_item_update(item=goal, by=None, title="A new title")
    theme = draft.themes.get(code="T3")
    services.goal_add(theme=theme, title="Added goal", description="", by=None)
    diff = selectors.framework_diff(framework, draft)
    changes = {g["code"]: g["change"] for t in diff["themes"] for g in t["goals"]}
    assert changes["T2.1"] == "changed" and changes["T1.1"] == "unchanged"
    assert [c for c, v in changes.items() if v == "added"] and diff["changed_goals"] == 2
    assert diff["comparable_themes"] == {"T1", "T4", "T5"}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_the_changes_pages(framework, as_role, role):
    client = as_role(role)
    draft = services.framework_draft_create(source=framework, by=None)
    staff = role in ("facilitator", "admin")
    # a draft's side-by-side is for facilitators; a published version's changes are public like the version
    assert client.get(f"/framework/versions/{draft.version}/changes/").status_code == (200 if staff else 404)
    assert client.get(f"/framework/versions/{framework.version}/changes/?from={draft.version}").status_code == (
        200 if staff else 404
    )
    publish = client.get(f"/framework/versions/{draft.version}/publish/")
    if role == "anonymous":
        assert publish.status_code == 302
    else:
        assert publish.status_code == (200 if staff else 404)
        if staff:
            assert 'id="side-by-side"' in publish.content.decode()


def test_older_version_banner_and_the_heat_map_explains_bristols_t2(demo, as_role):
    from inclusive_cities.assessments.models import Assessment

    bristol = Assessment.objects.filter(place__code="E06000023").order_by("-confirmed_at").first()
    client = as_role("facilitator")
    page = client.get(bristol.get_absolute_url()).content.decode()
    assert 'id="newer-version"' not in page
    assert 'id="heatmap-note"' in page
    _publish_one_goal_edit(demo)
    page = client.get(bristol.get_absolute_url()).content.decode()
    assert 'id="newer-version"' in page and "/framework/versions/1.1/changes/?from=1.0" in page
    from inclusive_cities.assessments.selectors import report

    data = report(bristol, with_suggestions=False)
    assert "T2" in {c["theme"].code for c in data["contrasts"]}  # 43.8 from its goals beside cells of 75
    for c in data["contrasts"]:
        assert f"{c['theme'].code}: the goals score {c['theme'].score:.1f}" in page


def test_a_place_assessing_on_the_new_version_is_still_compared(demo):
    from inclusive_cities.assessments.models import Answer, Assessment, Sharing, Status
    from inclusive_cities.assessments.selectors import report
    from inclusive_cities.network.models import Place

    before = report(Assessment.objects.filter(place__code="E06000023").order_by("-confirmed_at").first())
    new = _publish_one_goal_edit(demo)
    mine = Assessment.objects.create(
        place=Place.objects.get(code="E06000023"),
        framework=new,
        title="On 1.1",
        status=Status.CONFIRMED,
        sharing=Sharing.NETWORK,
        confirmed_at=before["assessment"].confirmed_at,
    )
    for goal in Goal.objects.filter(theme__framework=new):
        Answer.objects.create(assessment=mine, goal=goal, level=2)
    data = report(mine)
    assert data["network"]["count"] == before["network"]["count"]
    assert data["scores"].theme("T1").network == before["scores"].theme("T1").network  # unchanged theme: same spread
    assert data["scores"].theme("T2").network is None  # the reworded goal's theme: no 1.0 answer counts
