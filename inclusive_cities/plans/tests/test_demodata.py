"""The demo plans load for the real places, show every state, cite their sources, and load idempotently."""

from django.db.models import Q

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


def test_demo_plans_measure_on_real_indicators(framework, place, other_place):
    """With the publishers' IoD files imported, Bristol's and Sheffield's published plans each carry a measure on a
    catalogue indicator, its 2019 baseline and 2025 latest figure read from the files (target illustrative)."""
    from pathlib import Path

    from inclusive_cities.data import services as data_services

    sheffield = PlaceFactory(code="E08000019", name="Sheffield")
    PlaceFactory(code="W06000015", name="Cardiff")
    files = Path(demodata.__file__).resolve().parents[1] / "data" / "files"
    for name in ("mhclg_iod2019_lad_summaries.csv", "mhclg_iod2025_lad_summaries.csv"):
        data_services.import_file(content=(files / name).read_bytes(), file_name=name)
    accounts_demo.load()
    demodata.load()
    expected = {place: ("15.59", "11.19"), sheffield: ("23.77", "21.87")}  # as in the two files
    for city, (baseline, latest) in expected.items():
        plan = ActionPlan.objects.get(place=city, status=PlanStatus.PUBLISHED)
        d = selectors.dashboard(plan)
        measure = next(m for m in d.measures if m.indicator_code == "iod-proportion-most-deprived-decile")
        assert measure.is_illustrative and measure.direction == "lower"
        assert (str(measure.baseline), measure.baseline_period) == (baseline, "2019")
        assert (str(measure.latest["value"]), measure.latest["period"]) == (latest, "2025")
        assert 0 < measure.percent < 100


def test_demo_plans_pin_seed_case_studies_once(framework, place, other_place):
    """With the evidence base loaded first (as `load_demo` does), Bristol's and Sheffield's published plans carry
    case studies from the seeds pinned with a note; a second load adds none; the draft version 3 has Bristol's."""
    from django.test import Client

    from inclusive_cities.evidence import demodata as evidence_demo
    from inclusive_cities.evidence.models import PinnedCaseStudy

    sheffield = PlaceFactory(code="E08000019", name="Sheffield")
    PlaceFactory(code="W06000015", name="Cardiff")
    accounts_demo.load()
    evidence_demo.load()
    assert demodata.load() == f"6 demo plans created, {len(demodata.PINS)} case studies pinned"
    for city in (place, sheffield):
        plan = ActionPlan.objects.get(place=city, status=PlanStatus.PUBLISHED)
        pins = PinnedCaseStudy.objects.filter(Q(priority__plan=plan) | Q(action__priority__plan=plan))
        assert pins.exists(), city
        for pin in pins:
            assert pin.case_study.status == "published" and pin.case_study.source_document.startswith("seed 00")
            assert 40 < len(pin.note) <= 500
    pathways = PinnedCaseStudy.objects.get(
        action__priority__plan__place=place,
        action__priority__plan__status=PlanStatus.PUBLISHED,
        action__title__startswith="Build pathways",
    )
    assert pathways.case_study.slug == "ic-esol-employment-pathways-model" and "ESOL" in pathways.note
    draft = ActionPlan.objects.get(place=place, status=PlanStatus.DRAFT)
    assert PinnedCaseStudy.objects.filter(Q(priority__plan=draft) | Q(action__priority__plan=draft)).count() == 2
    count = PinnedCaseStudy.objects.count()
    assert demodata.load() == "0 demo plans created"
    assert PinnedCaseStudy.objects.count() == count
    # The pins are in the public API.
    data = Client().get("/api/v1/plans/", {"place": "E08000019"}).json()
    actions = [a for p in data["results"][0]["priorities"] for a in p["actions"]]
    assert {e["case_study"]["title"] for a in actions for e in a["evidence"]} == {
        "'Our Liverpool' welcoming narrative",
        "Community Connectors Project (Leeds)",
    }
