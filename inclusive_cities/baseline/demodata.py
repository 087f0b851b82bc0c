"""Demo baselines for Bristol and Liverpool: what the seeds say already existed, in our own words and cited,
plus a few illustrative activities marked so. Idempotent: an activity that exists (by name) is left as it is,
so officers' edits survive a second run. Runs after the taskforce demo, whose organisations lead some items.
"""

from inclusive_cities.framework.models import Principle, TargetGroup, Theme
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Place
from inclusive_cities.taskforce.models import Organisation

from .models import Activity, ActivityStatus, FundingStatus

BRISTOL, LIVERPOOL = "E06000023", "E08000012"

# Each: place, what, description, lead (taskforce organisation name, or free text), themes, principles,
# target groups, scale, funding (source, status), source citation ("" = illustrative).
ACTIVITIES = [
    {
        "place": BRISTOL,
        "what": "RAMP Bristol inclusion advisors in the Mayor’s Office",
        "description": "Since 2018 two part-time inclusion advisors, seconded from the RAMP project, have worked "
        "inside the Mayor’s Office to put inclusion at the centre of the council’s work, connect departments "
        "with community organisations and bring people with lived experience into the council’s discussions.",
        "lead": "Bristol City Council, Mayor’s Office",
        "themes": ["T4", "T5"],
        "principles": ["P1", "P2"],
        "groups": ["refugees", "people-seeking-asylum"],
        "scale": "Two part-time advisors, city-wide",
        "funding": ("Paul Hamlyn Foundation (first three years)", FundingStatus.SECURED),
        "source": "seed 003, appendix (RAMP Bristol)",
    },
    {
        "place": BRISTOL,
        "what": "We Are Bristol campaign",
        "description": "Public messaging about a welcoming city, supported by the inclusion advisors as part of "
        "their work on the public conversation about migration.",
        "lead": "Bristol City Council, Mayor’s Office",
        "themes": ["T1"],
        "principles": ["P1", "P3"],
        "groups": ["longer-standing-residents", "refugees"],
        "scale": "City-wide communications",
        "funding": ("", FundingStatus.NONE),
        "source": "seed 003, appendix (RAMP Bristol: communication; Bristol action-plan items)",
    },
    {
        "place": BRISTOL,
        "what": "Everyday Integration research project",
        "description": "Research into everyday integration in the city, led by the university.",
        "lead": "University of Bristol",
        "themes": ["T3"],
        "principles": ["P4"],
        "groups": ["longer-standing-residents"],
        "scale": "",
        "funding": ("", FundingStatus.NONE),
        "source": "seed 003, appendix (Bristol action-plan items)",
    },
    {
        "place": BRISTOL,
        "what": "The Bristol Model for people with no recourse to public funds",
        "description": "A joint approach to NRPF developed by Bristol Refugee Rights and the RAMP project, built "
        "on four ideas: design out destitution, keep people informed and supported, include and involve them, "
        "and give them a safe place to stay. The council made it central to its work on rough sleeping; its "
        "successful three-year bid to the Rough Sleeping Initiative pays for some bed spaces, caseworker time and "
        "legal advice from Bristol Law Centre.",
        "lead": "Bristol Refugee Rights",
        "themes": ["T4"],
        "principles": ["P2", "P5"],
        "groups": ["nrpf"],
        "scale": "",
        "funding": ("Rough Sleeping Initiative (council bid, three years)", FundingStatus.SECURED),
        "source": "seed 003, appendix (the Bristol Model)",
    },
    {
        "place": BRISTOL,
        "what": "Syrian Vulnerable Persons Resettlement Scheme",
        "description": "Resettlement of Syrian refugees, which in every participating city drew the council and "
        "its partners together beyond the numbers directly supported.",
        "lead": "Bristol City Council, Mayor’s Office",
        "themes": ["T3", "T4"],
        "principles": ["P2"],
        "groups": ["refugees"],
        "scale": "",
        "funding": ("", FundingStatus.NONE),
        "source": "seed 004, the local authority as convener",
    },
    {
        "place": BRISTOL,
        "what": "English conversation clubs in community libraries (illustrative)",
        "description": "Weekly informal conversation practice run by volunteers.",
        "lead": "Example city arts venue",
        "themes": ["T3"],
        "principles": ["P3"],
        "groups": ["refugees", "other-workers"],
        "scale": "Six libraries",
        "people_reached": 240,
        "funding": ("Council grant", FundingStatus.SOUGHT),
        "amount": 12000,
        "source": "",
    },
    {
        "place": LIVERPOOL,
        "what": "Our Liverpool",
        "description": "Launched by the city council in 2018 to support migrant-led initiatives and networks and "
        "to share information between the council and community groups; community development officers worked "
        "in three target wards on local tensions between recent and longer-standing residents.",
        "lead": "Liverpool City Council, Community Safety and Cohesion",
        "themes": ["T1", "T3"],
        "principles": ["P1", "P3"],
        "groups": ["refugees", "people-seeking-asylum", "longer-standing-residents"],
        "scale": "City-wide, with three target wards",
        "funding": ("", FundingStatus.NONE),
        "source": "seed 003, appendix (Our Liverpool); seed 000, impact on Liverpool",
    },
    {
        "place": LIVERPOOL,
        "what": "Multi-agency forum on migration",
        "description": "A regular forum where the council and local civil society organisations coordinate "
        "support and advocacy for migrants, refugees and people seeking asylum.",
        "lead": "Liverpool City Council, Community Safety and Cohesion",
        "themes": ["T4"],
        "principles": ["P2"],
        "groups": ["refugees", "people-seeking-asylum"],
        "scale": "City and city region",
        "funding": ("", FundingStatus.NONE),
        "source": "seed 003, what stakeholders told us (Liverpool)",
    },
    {
        "place": LIVERPOOL,
        "what": "Syrian Vulnerable Persons Resettlement Scheme",
        "description": "Resettlement of Syrian refugees, a shared experience that galvanised the council and partners.",
        "lead": "Liverpool City Council, Community Safety and Cohesion",
        "themes": ["T3", "T4"],
        "principles": ["P2"],
        "groups": ["refugees"],
        "scale": "",
        "funding": ("", FundingStatus.NONE),
        "source": "seed 004, the local authority as convener",
    },
    {
        "place": LIVERPOOL,
        "what": "ESOL classes for new arrivals (illustrative)",
        "description": "English classes at a further education college for adults who have recently arrived.",
        "lead": "Example further education college (ESOL)",
        "themes": ["T2", "T3"],
        "principles": ["P2"],
        "groups": ["refugees", "people-seeking-asylum", "other-workers"],
        "scale": "Twelve classes a term",
        "people_reached": 300,
        "funding": ("Adult education budget", FundingStatus.SECURED),
        "amount": 85000,
        "source": "",
    },
]


def load() -> str:
    framework = framework_current()
    if framework is None:
        return "no published framework: nothing loaded"
    places = {p.code: p for p in Place.objects.filter(code__in=[BRISTOL, LIVERPOOL])}
    themes = {t.code: t for t in Theme.objects.filter(framework=framework)}
    principles = {p.code: p for p in Principle.objects.filter(framework=framework)}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    created = 0
    for item in ACTIVITIES:
        place = places.get(item["place"])
        if place is None or Activity.objects.filter(place=place, what__iexact=item["what"]).exists():
            continue
        lead_org = Organisation.objects.filter(place=place, name=item["lead"]).first()
        funding_source, funding_status = item["funding"]
        activity = Activity.objects.create(
            place=place,
            what=item["what"],
            description=item["description"],
            lead_organisation=lead_org,
            lead_text="" if lead_org else item["lead"],
            scale=item["scale"],
            people_reached=item.get("people_reached"),
            funding_amount=item.get("amount"),
            funding_source=funding_source,
            funding_status=funding_status,
            status=ActivityStatus.ONGOING,
            is_illustrative=not item["source"],
            source=item["source"],
        )
        activity.themes.set([themes[c] for c in item["themes"] if c in themes])
        activity.principles.set([principles[c] for c in item["principles"] if c in principles])
        activity.target_groups.set([groups[c] for c in item["groups"] if c in groups])
        created += 1
    return f"{created} activities created"
