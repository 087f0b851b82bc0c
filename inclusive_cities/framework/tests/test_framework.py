"""The framework: the real version 1.0, drafting, editing, publishing, immutability of published versions."""

import tomllib

import pytest
from django.core.exceptions import ValidationError

from inclusive_cities.framework import services
from inclusive_cities.framework.models import Domain, Framework, Goal, TargetGroup
from inclusive_cities.framework.selectors import framework_current

pytestmark = pytest.mark.django_db

SEED_PRINCIPLES = [
    "Provide local leadership to create change.",
    "Inclusion is a shared responsibility delivered in partnership.",
    "Work with newcomers and longer standing residents.",
]
SEED_THEMES = [
    "Leading in the development of a shared local story of inclusion.",
    "Supporting and driving inclusive economic growth.",
    "Connecting communities.",
    "Mainstreaming and building inclusive public services.",
    "Encouraging civic participation and representation.",
]


def test_version_one_has_the_seed_names_exactly(framework):
    assert [p.name for p in framework.principles.all()][:3] == SEED_PRINCIPLES
    assert [t.name for t in framework.themes.all()] == SEED_THEMES
    assert framework.themes.count() == 5 and framework.principles.count() == 5
    assert all(t.goals.exists() and t.what_good_looks_like for t in framework.themes.all())


def test_taxonomies_and_target_groups(framework):
    home_office = Domain.objects.filter(taxonomy__code="home-office-2019")
    assert home_office.count() == 14
    assert set(home_office.values_list("group", flat=True)) == {
        "Markers and Means",
        "Social Connections",
        "Facilitators",
        "Foundation",
    }
    assert Domain.objects.filter(taxonomy__code="spencer-charsley").count() == 5
    assert TargetGroup.objects.filter(children_and_young_people=True).exists()
    assert TargetGroup.objects.filter(is_newcomer=False, code="longer-standing-residents").exists()


def test_loading_twice_changes_nothing(framework):
    counts = (Framework.objects.count(), Goal.objects.count(), Domain.objects.count())
    services.framework_load()
    assert (Framework.objects.count(), Goal.objects.count(), Domain.objects.count()) == counts


def test_goal_counts_match_the_shipped_file(framework):
    data = tomllib.loads(services.FRAMEWORK_TOML.read_text())
    assert Goal.objects.filter(theme__framework=framework).count() == sum(len(t["goals"]) for t in data["themes"])


def test_draft_edit_publish_keeps_earlier_version(framework):
    draft = services.framework_draft_create(source=framework, by=None)
    assert draft.version == "1.1" and draft.is_draft
    theme = draft.themes.get(code="T3")
    services.framework_item_update(item=theme, by=None, what_good_looks_like="Changed text")
    services.framework_publish(framework=draft, by=None, change_note="Clarified T3")
    assert framework_current() == draft
    framework.refresh_from_db()
    assert framework.themes.get(code="T3").what_good_looks_like != "Changed text"


def test_published_version_cannot_change(framework):
    with pytest.raises(ValidationError, match="published and cannot change"):
        services.framework_item_update(item=framework.themes.first(), by=None, name="x")


def test_only_one_draft_at_a_time(framework):
    services.framework_draft_create(source=framework, by=None)
    with pytest.raises(ValidationError, match="A draft version already exists"):
        services.framework_draft_create(source=framework, by=None)


def test_publish_needs_a_change_note_and_goals(framework):
    draft = services.framework_draft_create(source=framework, by=None)
    Goal.objects.filter(theme__framework=draft, theme__code="T2").delete()
    with pytest.raises(ValidationError) as error:
        services.framework_publish(framework=draft, by=None, change_note=" ")
    assert "T2" in str(error.value) and "say what changed" in str(error.value)
    draft.refresh_from_db()
    assert draft.is_draft


def test_facilitator_edits_a_goal_through_the_page(as_role, framework):
    client = as_role("facilitator")
    client.post("/framework/versions/new/")
    response = client.post(
        "/framework/versions/1.1/goals/T1.1/edit/",
        {
            "title": "A clearer goal",
            "description": "d",
            "level_0": "a",
            "level_1": "b",
            "level_2": "c",
            "level_3": "d",
            "level_4": "e",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(theme__framework__version="1.1", code="T1.1")
    assert goal.title == "A clearer goal" and goal.maturity_levels == ["a", "b", "c", "d", "e"]
    history = client.get(f"/history/framework/goal/{goal.pk}/").content.decode()
    assert "A clearer goal" in history
    # The edit page links to that history.
    page = client.get("/framework/versions/1.1/goals/T1.1/edit/").content.decode()
    assert f'href="/history/framework/goal/{goal.pk}/"' in page


def test_facilitator_adds_goal_and_publishes(as_role, framework):
    client = as_role("facilitator")
    client.post("/framework/versions/new/")
    client.post("/framework/versions/1.1/themes/T5/goals/new/", {"title": "New goal", "description": "x"})
    assert Goal.objects.filter(theme__framework__version="1.1", theme__code="T5", title="New goal").exists()
    response = client.post("/framework/versions/1.1/publish/", {"change_note": "Added a T5 goal"})
    assert response.status_code == 302
    assert client.get("/framework/").content.decode().count("New goal") == 1
    assert "New goal" not in client.get("/framework/versions/1.0/").content.decode()


def test_unknown_version_and_theme_are_named(client, framework):
    assert "There is no framework version" in client.get("/framework/versions/9.9/").content.decode()
    assert "There is no theme" in client.get("/framework/versions/1.0/themes/T9/").content.decode()
