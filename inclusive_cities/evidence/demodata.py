"""Demo content for the evidence base: every case study from the seeds (published), and one illustrative
contribution from the Bristol officer waiting for review, so that moderation can be tried."""

import tomllib
from pathlib import Path

from inclusive_cities.accounts.models import User
from inclusive_cities.network.models import Place

from . import services
from .models import CaseStudy

DEMO_DIR = Path(__file__).resolve().parent / "demo"
FILES = ["case_studies_seed002.toml", "case_studies_local.toml", "case_studies_named.toml"]
BRISTOL_OFFICER = "officer.bristol@demo.inclusive-cities.test"
ILLUSTRATIVE_SLUG = "illustrative-bristol-welcome-walks"


def seed_items() -> list[dict]:
    items = []
    for name in FILES:
        items.extend(tomllib.loads((DEMO_DIR / name).read_text(encoding="utf-8"))["case_studies"])
    return items


def load() -> str:
    created, kept = services.case_studies_import(items=seed_items())
    contribution = _illustrative_contribution()
    return f"{created} case studies created, {kept} kept as they were" + (
        "; illustrative Bristol contribution awaiting review" if contribution else ""
    )


def _illustrative_contribution():
    existing = CaseStudy.objects.filter(slug=ILLUSTRATIVE_SLUG).first()
    if existing is not None:
        return existing
    officer = User.objects.filter(email=BRISTOL_OFFICER).first()
    bristol = Place.objects.filter(code="E06000023").first()
    if officer is None or bristol is None:
        return None
    case_study = services.case_study_create(
        by=officer,
        credited_place=bristol,
        slug=ILLUSTRATIVE_SLUG,
        place=bristol,
        title="Neighbourhood welcome walks (illustrative)",
        place_name="Bristol",
        country="United Kingdom",
        summary=(
            "ILLUSTRATIVE DEMO CONTENT, not from the source documents. Volunteers from longer-standing and newer "
            "communities lead monthly walks around a neighbourhood for people who have just arrived, stopping at the "
            "library, the GP surgery, the community centre and the college, and ending with tea in a local cafe. "
            "Walkers meet a named person at each stop and leave with a map in their language."
        ),
        intervention_type="orientation and advice",
        year=2026,
        outcomes="Illustrative: 12 walks, 140 walkers in the first year (made-up figures for the demo).",
        evidence_rating=1,
        evidence_note="Illustrative demo contribution, to try the review and publication journey.",
        source_document="Illustrative contribution (demo)",
        themes=["T2", "T3"],
        principles=["P3"],
    )
    case_study.is_illustrative = True
    case_study.save(update_fields=["is_illustrative"])
    services.case_study_submit(case_study=case_study, by=officer)
    return case_study
