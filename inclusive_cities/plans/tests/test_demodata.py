"""The demo plans load for the real places, show every state, cite their sources, and load idempotently."""

from inclusive_cities.accounts import demodata as accounts_demo
from inclusive_cities.core.factories import PlaceFactory
from inclusive_cities.plans import demodata, selectors
from inclusive_cities.plans.models import Action, ActionPlan, PlanStatus, ProgressUpdate


def test_demo_plans(framework, place, other_place):
    PlaceFactory(code="E08000019", name="Sheffield")
    PlaceFactory(code="W06000015", name="Cardiff")
    accounts_demo.load()
    assert demodata.load() == "6 demo plans created"
    assert set(ActionPlan.objects.values_list("status", flat=True)) == set(PlanStatus.values)
    bristol = ActionPlan.objects.get(place=place, status=PlanStatus.PUBLISHED)
    assert bristol.version == 2 and bristol.previous.status == PlanStatus.ARCHIVED
    assert bristol.signed_off_by.email == "sponsor.bristol@demo.inclusive-cities.test"
    assert ActionPlan.objects.get(previous=bristol).status == PlanStatus.DRAFT
    # Every action from the seeds carries its citation; progress updates are marked illustrative, except the
    # one outcome seed 000 reports (44 young people in the first year).
    assert not Action.objects.filter(source="").exists()
    assert Action.objects.filter(title__icontains="Bristol Model", source__icontains="seed 003").exists()
    assert Action.objects.filter(title__icontains="REACH", source__icontains="seed 000").exists()
    cited = ProgressUpdate.objects.get(is_illustrative=False)
    assert "44 young people" in cited.narrative and cited.values.get().value == 44
    assert ProgressUpdate.objects.filter(is_illustrative=True).count() >= 5
    d = selectors.dashboard(bristol)
    assert d.secured > 0 and d.sought > 0 and d.stale and d.overdue
    # Second run: nothing changes, and edits survive.
    ActionPlan.objects.filter(pk=bristol.pk).update(vision="Edited by an officer")
    counts = (ActionPlan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count())
    assert demodata.load() == "0 demo plans created"
    assert (ActionPlan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count()) == counts
    bristol.refresh_from_db()
    assert bristol.vision == "Edited by an officer"
