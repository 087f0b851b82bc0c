"""Demo content: every seed case study present, published and cited; idempotent; edits kept; one illustrative
contribution waiting for review."""

from inclusive_cities.accounts import demodata as accounts_demo
from inclusive_cities.evidence import demodata, services
from inclusive_cities.evidence.models import CaseStudy
from inclusive_cities.network.services import places_load

NAMED_IN_THE_ISSUE = {
    "our-liverpool-refugee-strategy",
    "bristol-model-nrpf",
    "manchester-nrpf-team",
    "laaslo-greater-manchester",
    "cardiff-reach-esol-gateway",
    "vienna-chancenhaeuser",
    "hamburg-migrant-parent-engagement-schools",
    "brighton-hove-migrant-needs-assessment",
    "leeds-community-connectors-project",
    "london-esol-plus",
    "lisbon-one-stop-shop",
    "barcelona-anti-rumours-strategy",
    "failte-isteach",
    "swedish-with-your-baby",
    "berlin-multaqa",
}


def test_load_is_complete_cited_and_idempotent(framework):
    places_load()
    accounts_demo.load()
    message = demodata.load()
    items = demodata.seed_items()
    assert len(items) >= 90
    assert message.startswith(f"{len(items)} case studies created")
    published = CaseStudy.objects.filter(status="published")
    assert published.count() == len(items)
    assert NAMED_IN_THE_ISSUE <= set(published.values_list("slug", flat=True))
    for cs in published:
        assert cs.source_document.startswith("seed 00"), cs.slug
        assert cs.source_section and cs.summary and cs.themes, cs.slug
    bristol_model = CaseStudy.objects.get(slug="bristol-model-nrpf")
    assert bristol_model.place.code == "E06000023"
    assert bristol_model.target_groups.filter(code="nrpf").exists()
    pending = CaseStudy.objects.get(slug=demodata.ILLUSTRATIVE_SLUG)
    assert pending.status == "submitted" and pending.is_illustrative
    assert pending.submitted_by.email == demodata.BRISTOL_OFFICER
    # A user's edit survives a second run, which changes nothing.
    services.case_study_update(case_study=bristol_model, by=None, title="Bristol Model (edited)")
    count = CaseStudy.objects.count()
    assert demodata.load().startswith("0 case studies created")
    assert CaseStudy.objects.count() == count
    assert CaseStudy.objects.get(slug="bristol-model-nrpf").title == "Bristol Model (edited)"
