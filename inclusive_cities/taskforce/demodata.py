"""Demo taskforces for four founder cities.

The seeds do not list any city's taskforce members. Organisation TYPES follow seed 004 ("Early achievements": taskforces brought in arts and cultural institutions,
employers, housing associations, local media, sports organisations and universities). Organisations are named
only where the seeds name them (with the citation in `source`); every other organisation, every person and
every meeting is illustrative and marked so. Idempotent: existing records are never overwritten, so an
officer's edits survive a second run.
"""

import datetime

from inclusive_cities.network.models import Place

from .models import Meeting, MemberRole, Organisation, Sector, TaskforceMember

BRISTOL, LIVERPOOL, CARDIFF, GLASGOW = "E06000023", "E08000012", "W06000015", "S12000049"
ILLUSTRATIVE = ""  # an empty source marks an illustrative record (is_illustrative=True)

# (place code, name, sector, source citation or ILLUSTRATIVE)
ORGANISATIONS = [
    (BRISTOL, "Bristol City Council, Mayor’s Office", Sector.COUNCIL, "seed 004, table of host departments"),
    (BRISTOL, "Bristol Refugee Rights", Sector.VOLUNTARY, "seed 000, impact on Bristol; seed 003, the Bristol Model"),
    (BRISTOL, "University of Bristol", Sector.UNIVERSITY, "seed 003, appendix (Everyday Integration research)"),
    (BRISTOL, "Bristol Law Centre", Sector.VOLUNTARY, "seed 003, appendix (the Bristol Model for NRPF)"),
    (BRISTOL, "Paul Hamlyn Foundation", Sector.FUNDER, "seed 000, impact on Bristol; seed 004, introduction"),
    (BRISTOL, "Example NHS community health trust", Sector.HEALTH, ILLUSTRATIVE),
    (BRISTOL, "Example refugee-led community association", Sector.MIGRANT_LED, ILLUSTRATIVE),
    (BRISTOL, "Example housing association", Sector.HOUSING, ILLUSTRATIVE),
    (BRISTOL, "Example city arts venue", Sector.ARTS, ILLUSTRATIVE),
    (BRISTOL, "Example community sports trust", Sector.SPORT, ILLUSTRATIVE),
    (
        LIVERPOOL,
        "Liverpool City Council, Community Safety and Cohesion",
        Sector.COUNCIL,
        "seed 004, table of host departments",
    ),
    (LIVERPOOL, "Example NHS trust", Sector.HEALTH, ILLUSTRATIVE),
    (LIVERPOOL, "Example further education college (ESOL)", Sector.EDUCATION, ILLUSTRATIVE),
    (LIVERPOOL, "Example asylum support charity", Sector.VOLUNTARY, ILLUSTRATIVE),
    (LIVERPOOL, "Example local newspaper", Sector.MEDIA, ILLUSTRATIVE),
    (LIVERPOOL, "Example city-centre university", Sector.UNIVERSITY, ILLUSTRATIVE),
    (CARDIFF, "City of Cardiff Council, Communities", Sector.COUNCIL, "seed 004, table of host departments"),
    (CARDIFF, "Cardiff and Vale College", Sector.EDUCATION, "seed 000, impact on Cardiff (REACH ESOL gateway)"),
    (CARDIFF, "Welsh Government", Sector.FUNDER, "seed 000, impact on Cardiff (REACH funding)"),
    (CARDIFF, "Example migrant-led women’s group", Sector.MIGRANT_LED, ILLUSTRATIVE),
    (CARDIFF, "Example employers’ network", Sector.BUSINESS, ILLUSTRATIVE),
    (GLASGOW, "Glasgow City Council, Economic Regeneration", Sector.COUNCIL, "seed 004, table of host departments"),
    (GLASGOW, "Example health and social care partnership", Sector.HEALTH, ILLUSTRATIVE),
    (GLASGOW, "Example faith network", Sector.FAITH, ILLUSTRATIVE),
    (GLASGOW, "Example university", Sector.UNIVERSITY, ILLUSTRATIVE),
]

# (place code, person, organisation name or None, role, lived experience with consent given on this date)
MEMBERS = [
    (BRISTOL, "Alex Example (illustrative)", "Bristol City Council, Mayor’s Office", MemberRole.CHAIR, None),
    (BRISTOL, "Bea Example (illustrative)", "Bristol Refugee Rights", MemberRole.MEMBER, None),
    (
        BRISTOL,
        "Chidi Example (illustrative)",
        "Example refugee-led community association",
        MemberRole.MEMBER,
        datetime.date(2025, 9, 1),
    ),
    (BRISTOL, "Dana Example (illustrative)", "University of Bristol", MemberRole.MEMBER, None),
    (BRISTOL, "Eli Example (illustrative)", "Example NHS community health trust", MemberRole.MEMBER, None),
    (
        LIVERPOOL,
        "Fran Example (illustrative)",
        "Liverpool City Council, Community Safety and Cohesion",
        MemberRole.CHAIR,
        None,
    ),
    (LIVERPOOL, "Gus Example (illustrative)", "Example asylum support charity", MemberRole.MEMBER, None),
    (CARDIFF, "Hana Example (illustrative)", "City of Cardiff Council, Communities", MemberRole.CHAIR, None),
    (GLASGOW, "Ivo Example (illustrative)", "Glasgow City Council, Economic Regeneration", MemberRole.CHAIR, None),
]

MEETINGS = [
    (
        BRISTOL,
        datetime.date(2025, 10, 7),
        "Taskforce meeting: baseline and priorities (illustrative)",
        "Agreed to map existing activity against the framework before drafting the action plan.",
        "Officer to circulate the baseline grid. Invite an employers’ body to the next meeting: "
        "business is the sector the programme found hardest to bring in (seed 004).",
    ),
]


def load() -> str:
    places = {p.code: p for p in Place.objects.filter(code__in=[BRISTOL, LIVERPOOL, CARDIFF, GLASGOW])}
    created = {"organisations": 0, "members": 0, "meetings": 0}
    orgs: dict[tuple[str, str], Organisation] = {}
    for code, name, sector, source in ORGANISATIONS:
        if code not in places:
            continue
        org = Organisation.objects.filter(place=places[code], name__iexact=name).first()
        if org is None:
            org = Organisation.objects.create(
                place=places[code],
                name=name,
                sector=sector,
                # The seeds name these organisations in the city's work, not as taskforce members: say so.
                source=f"{source}; its seat on the taskforce is illustrative" if source else "",
                is_illustrative=not source,
            )
            created["organisations"] += 1
        orgs[(code, name)] = org
    for code, person, org_name, role, consent_date in MEMBERS:
        if code not in places or TaskforceMember.objects.filter(place=places[code], person_name=person).exists():
            continue
        TaskforceMember.objects.create(
            place=places[code],
            person_name=person,
            organisation=orgs.get((code, org_name)),
            role=role,
            lived_experience=consent_date is not None,
            lived_experience_consent=consent_date is not None,
            lived_experience_consent_date=consent_date,
            is_illustrative=True,
        )
        created["members"] += 1
    for code, day, title, decisions, actions in MEETINGS:
        if code not in places or Meeting.objects.filter(place=places[code], title=title).exists():
            continue
        meeting = Meeting.objects.create(
            place=places[code],
            date=day,
            title=title,
            decisions=decisions,
            actions_arising=actions,
            is_illustrative=True,
        )
        meeting.attendees.set(TaskforceMember.objects.filter(place=places[code]))
        created["meetings"] += 1
    return ", ".join(f"{n} {kind} created" for kind, n in created.items())
