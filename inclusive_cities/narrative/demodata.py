"""Demo narratives for Liverpool ("Our Liverpool") and Bristol ("We Are Bristol"), written in our own words from
the seeds and cited. Illustrative, and marked so: they are summaries for the demo, not the councils' own text.
Idempotent: a place that already has a narrative is left as it is (with any edits people made)."""

from django.db import transaction

from inclusive_cities.network.models import Place

from .models import Narrative, NarrativeStatus

DEMO = {
    "E08000012": {
        "campaign_name": "Our Liverpool",
        "statement": (
            "Liverpool is a port city whose people have always come and gone by sea. Our Liverpool is the city’s "
            "welcome message: a place where refugees, people seeking asylum and other migrants can rebuild their "
            "lives from the day they arrive, with the council, community groups and migrant-led organisations "
            "working from the grassroots up. (Illustrative summary written for the demo.)"
        ),
        "audiences": ["internal", "newcomers", "residents"],
        "other_audiences": "Community groups already promoting welcome across the city",
        "message_themes": ["stronger_together", "shared_values", "friendliness"],
        "defensive_approaches": ["tensions"],
        "defensive_notes": (
            "Community development officers listen in the wards where tensions run highest and take up the everyday "
            "issues behind them (for example, how waste and recycling work) with newcomers and longer-standing "
            "residents alike (seed 003, appendix, on the Our Liverpool evaluation)."
        ),
        "channels": "The city strategy; council services and their signposting; ESOL classes; community events.",
        "carriers": "Liverpool City Council; migrant-led initiatives and networks; voluntary and statutory services.",
        "checklist": {
            "two_way": {"done": True, "note": "Works with newcomers and residents in the same wards."},
            "both_audiences": {
                "done": True,
                "note": "Newcomers through services and ESOL; residents through ward work.",
            },
            "local_story": {
                "done": True,
                "note": "Draws on the city’s long history as a port of arrival and departure.",
            },
            "consistent": {"done": False, "note": "Next: agree wording with city-region partners."},
        },
        "sources": (
            "Seed 000, section 4 (details of the impact: the Our Liverpool welcome message developed through "
            "Inclusive Cities, and the 2019 strategy); seed 003, appendix (Our Liverpool, launched 2018, and its "
            "evaluation); seed 002, section 6.2 (narratives of inclusion)."
        ),
        "status": NarrativeStatus.PUBLISHED,
        "action_titles": ["Our Liverpool", "migrant-led initiatives"],
    },
    "E06000023": {
        "campaign_name": "We Are Bristol",
        "statement": (
            "We Are Bristol tells the city’s story as one shared by everyone who lives here, however long they have "
            "been here. It supports a positive, welcoming public conversation about inclusion in Bristol and beyond, "
            "with the Mayor’s office, partners and communities telling the same story. "
            "(Illustrative summary written for the demo.)"
        ),
        "audiences": ["internal", "external", "residents", "newcomers"],
        "other_audiences": "",
        "message_themes": ["stronger_together", "vibrant", "economy"],
        "defensive_approaches": ["myth_busting"],
        "defensive_notes": "",
        "channels": "Mayoral speeches; council communications; partner campaigns.",
        "carriers": "Bristol City Council and the Mayor’s office; inclusion advisors seconded to the Mayor’s office.",
        "checklist": {
            "two_way": {"done": True, "note": ""},
            "both_audiences": {"done": False, "note": ""},
            "local_story": {"done": True, "note": "Speaks of ‘we’, the whole city."},
            "consistent": {"done": False, "note": ""},
        },
        "sources": (
            "Seed 003, appendix (Bristol’s Inclusive Cities action plan: support the development of the We Are "
            "Bristol campaign; RAMP Bristol and its contribution to a welcoming public discourse); seed 002, "
            "section 6.2."
        ),
        "status": NarrativeStatus.DRAFT,
        "action_titles": ["We Are Bristol"],
    },
}


@transaction.atomic
def load() -> str:
    from django.utils import timezone

    from .selectors import actions_to_link

    created = 0
    for code, spec in DEMO.items():
        fields = dict(spec)
        titles = fields.pop("action_titles")
        place = Place.objects.filter(code=code).first()
        if place is None or Narrative.objects.filter(place=place).exists():
            continue
        narrative = Narrative.objects.create(
            place=place,
            is_illustrative=True,
            published_at=timezone.now() if fields["status"] == NarrativeStatus.PUBLISHED else None,
            **fields,
        )
        # Link the demo plans' actions that carry the narrative (the plans demo loads first).
        candidates = actions_to_link(place=place)
        narrative.actions.set([a for a in candidates if any(t.lower() in a.title.lower() for t in titles)])
        created += 1
    return f"{created} illustrative narratives created"
