"""Narrative: permission matrix for every view and state, saving with the checklist, publishing, bad input, demo."""

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.narrative import demodata, services
from inclusive_cities.narrative.models import CHECKLIST_KEYS, Narrative, NarrativeStatus

pytestmark = pytest.mark.django_db

MEMBERS = {"officer", "sponsor", "partner"}
STAFF = {"facilitator", "admin"}


def can_see(role, state):
    if state == "none":
        return False
    return state == "published" or role in MEMBERS | STAFF


def check(response, want):
    if want == "login":
        assert response.status_code == 302 and "/sign-in/" in response["Location"]
    elif want == "redirect":
        assert response.status_code == 302 and "/sign-in/" not in response["Location"]
    else:
        assert response.status_code == want


@pytest.fixture
def narrative_in(place):
    def make(state):
        if state == "none":
            return None
        return Narrative.objects.create(
            place=place,
            statement="We are all Bristol.",
            audiences=["internal"],
            status=NarrativeStatus.PUBLISHED if state == "published" else NarrativeStatus.DRAFT,
        )

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["none", "draft", "published"])
def test_detail(as_role, place, narrative_in, role, state):
    narrative_in(state)
    response = as_role(role).get(reverse("narrative:detail", args=[place.code]))
    want = 200 if can_see(role, state) or role == "officer" else 404
    check(response, want)
    if want == 200 and state != "none":
        assert "We are all Bristol." in response.content.decode()
    # the place page section follows the same rule
    page = as_role(role).get(place.get_absolute_url()).content.decode()
    assert ("We are all Bristol." in page) is can_see(role, state)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["none", "draft", "published"])
def test_edit(as_role, place, narrative_in, role, state):
    narrative_in(state)
    client = as_role(role)
    url = reverse("narrative:edit", args=[place.code])
    want = {"anonymous": "login", "officer": 200}.get(role, 403)
    check(client.get(url), want)
    response = client.post(url, {"statement": "Changed", "audiences": ["employers"]})
    check(response, "redirect" if want == 200 else want)
    saved = Narrative.objects.filter(place=place).first()
    assert (saved is not None and saved.statement == "Changed") is (want == 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["none", "draft", "published"])
def test_publish(as_role, place, narrative_in, role, state):
    narrative_in(state)
    client = as_role(role)
    action = "unpublish" if state == "published" else "publish"
    response = client.post(reverse("narrative:publish", args=[place.code]), {"action": action})
    if role == "anonymous":
        want = "login"
    elif not can_see(role, state):
        want = 404
    elif role == "officer":
        want = "redirect"
    else:
        want = 403
    check(response, want)
    if state != "none":
        status = Narrative.objects.get(place=place).status
        flipped = status != (NarrativeStatus.PUBLISHED if state == "published" else NarrativeStatus.DRAFT)
        assert flipped is (want == "redirect")


def test_save_with_checklist_and_validation(place):
    officer = user_with_role("officer", place)
    narrative = services.narrative_save(
        place=place,
        by=officer,
        statement=" Our story ",
        campaign_name="We Are Bristol",
        audiences=["internal", "concerned"],
        message_themes=["stronger_together"],
        defensive_approaches=["myth_busting"],
        checklist={"two_way": {"done": True, "note": "both ways"}},
    )
    assert narrative.statement == "Our story"
    rows = {row["key"]: row for row in narrative.checklist_rows()}
    assert list(rows) == CHECKLIST_KEYS
    assert rows["two_way"]["done"] and rows["two_way"]["note"] == "both ways" and not rows["consistent"]["done"]
    with pytest.raises(Exception, match="Unknown audience: aliens"):
        services.narrative_save(place=place, by=officer, statement="x", audiences=["aliens"])
    with pytest.raises(Exception, match="Write the narrative statement"):
        services.narrative_save(place=place, by=officer, statement="  ")
    narrative.refresh_from_db()
    assert narrative.statement == "Our story" and narrative.audiences == ["internal", "concerned"]


def test_publishing_needs_an_audience(place, as_role):
    Narrative.objects.create(place=place, statement="Story")
    client = as_role("officer")
    response = client.post(reverse("narrative:publish", args=[place.code]), {"action": "publish"}, follow=True)
    assert "Say who the narrative is for" in response.content.decode()
    assert Narrative.objects.get(place=place).status == NarrativeStatus.DRAFT


def test_form_bad_input_names_the_problem(place, as_role):
    response = as_role("officer").post(
        reverse("narrative:edit", args=[place.code]), {"statement": "", "message_themes": ["boasting"]}
    )
    text = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in text
    assert "Write the narrative statement" in text
    assert "Select a valid choice. boasting is not one of the available choices." in text
    assert not Narrative.objects.exists()


def test_form_saves_checklist(place, as_role):
    client = as_role("officer")
    client.post(
        reverse("narrative:edit", args=[place.code]),
        {"statement": "Story", "check_local_story": "on", "note_local_story": "Harbour city"},
    )
    rows = {row["key"]: row for row in Narrative.objects.get().checklist_rows()}
    assert rows["local_story"]["done"] and rows["local_story"]["note"] == "Harbour city"
    assert not rows["two_way"]["done"]


def test_an_officers_edit_makes_a_demo_narrative_the_places_own(place, as_role):
    from inclusive_cities.narrative import services

    services.narrative_save(place=place, by=None, statement="Demo text", is_illustrative=True)
    assert Narrative.objects.get().is_illustrative
    as_role("officer").post(reverse("narrative:edit", args=[place.code]), {"statement": "Our own words"})
    narrative = Narrative.objects.get()
    assert narrative.statement == "Our own words" and not narrative.is_illustrative


def test_demo_narratives_are_cited_illustrative_and_idempotent(db):
    from inclusive_cities.network.services import places_load

    places_load()
    assert demodata.load() == "2 illustrative narratives created"
    liverpool = Narrative.objects.get(place__code="E08000012")
    bristol = Narrative.objects.get(place__code="E06000023")
    assert liverpool.campaign_name == "Our Liverpool" and liverpool.is_published and liverpool.is_illustrative
    assert bristol.campaign_name == "We Are Bristol" and bristol.is_illustrative
    assert "seed 000" in liverpool.sources.lower() and "seed 003" in bristol.sources.lower()
    bristol.statement = "Edited by the officer"
    bristol.save()
    assert demodata.load() == "0 illustrative narratives created"
    bristol.refresh_from_db()
    assert bristol.statement == "Edited by the officer"


def _action(place, framework, title, publish=False):
    import datetime

    from inclusive_cities.plans import services as plans
    from inclusive_cities.plans.models import PlanStatus

    plan = plans.plan_create(
        place=place,
        by=None,
        framework=framework,
        title=f"Plan for {title}",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2028, 12, 31),
    )
    priority = plans.priority_save(plan=plan, by=None, title="Narrative")
    action = plans.action_create(priority=priority, by=None, title=title)
    if publish:
        type(plan).objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    return action


def test_narrative_links_to_the_actions_that_deliver_it(place, other_place, framework, as_role):
    public = _action(place, framework, "Welcome campaign", publish=True)
    draft = _action(place, framework, "Myth-busting training")
    elsewhere = _action(other_place, framework, "Someone else's action")
    officer = user_with_role("officer", place)
    narrative = services.narrative_save(place=place, by=officer, statement="Story", actions=[public, draft])
    narrative.status = NarrativeStatus.PUBLISHED
    narrative.save()
    with pytest.raises(Exception, match="belongs to another place’s plan"):
        services.narrative_save(place=place, by=officer, statement="Story", actions=[elsewhere])
    assert set(narrative.actions.all()) == {public, draft}
    url = reverse("narrative:detail", args=[place.code])
    # everyone sees the action in the published plan; only the place's members see the draft plan's action
    anonymous_page = as_role("anonymous").get(url).content.decode()
    assert "Welcome campaign" in anonymous_page and "Myth-busting training" not in anonymous_page
    member_page = as_role("partner").get(url).content.decode()
    assert "Welcome campaign" in member_page and "Myth-busting training" in member_page


def test_edit_form_offers_only_the_places_actions(place, other_place, framework, as_role):
    mine = _action(place, framework, "Welcome campaign")
    _action(other_place, framework, "Someone else's action")
    client = as_role("officer")
    page = client.get(reverse("narrative:edit", args=[place.code])).content.decode()
    assert "Welcome campaign" in page and "Someone else" not in page
    client.post(reverse("narrative:edit", args=[place.code]), {"statement": "Story", "actions": [mine.pk]})
    assert list(Narrative.objects.get(place=place).actions.all()) == [mine]
