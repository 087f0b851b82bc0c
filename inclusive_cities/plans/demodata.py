"""Demo action plans for real places, in our own words, with citations.

What comes from the seeds (cited in each action's `source`): the action items themselves, who led them where the
seeds say so, and outcomes the seeds report (for example 44 young people supported in the first year of
Bristol's legal advice project, seed 000). What is ILLUSTRATIVE (made up so that every screen has something to
show, and marked `is_illustrative` on the plan and on each progress update): the plan titles and visions, the
periods and action dates, statuses, RAG ratings, milestones, money amounts unless a seed gives one, review
comments and progress updates.

Every state is visible: Bristol has version 1 (archived), version 2 (published, with progress) and version 3
(a draft started from version 2); Sheffield is published; Liverpool is in review; Cardiff is signed off.
Bristol's and Sheffield's published plans carry case studies from the seeds' evidence base pinned to a priority or
an action, each with a note in our own words on why it is relevant (PINS).
Idempotent: a plan that already exists (same place, version and title) is left as it is, so edits survive; a pin
that exists is left as it is.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from inclusive_cities.accounts.models import User
from inclusive_cities.data.models import Observation
from inclusive_cities.framework.models import Domain, TargetGroup
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Place

from . import services
from .models import Action, ActionPlan, PlanStatus, ProgressUpdate

BRISTOL, SHEFFIELD, LIVERPOOL, CARDIFF = "E06000023", "E08000019", "E08000012", "W06000015"
S000_BRISTOL = "seed 000, section 4 ‘Details of the impact’ (Bristol)"
S000_LIVERPOOL = "seed 000, section 4 ‘Details of the impact’ (Liverpool)"
S000_CARDIFF = "seed 000, section 4 ‘Details of the impact’ (Cardiff)"
S003_BRISTOL = "seed 003, Appendix, Inclusive Cities action plan items for Bristol (citing COMPAS 2022a)"
S003_SHEFFIELD = "seed 003, Appendix, Inclusive Cities action plan items for Sheffield (citing COMPAS 2022b)"
S003_MODEL = "seed 003, Appendix, ‘Sample of policies’: the Bristol Model for NRPF"
S003_OUR_LIVERPOOL = "seed 003, Appendix, ‘Sample of policies’: Our Liverpool"
ILLUSTRATIVE_NOTE = (
    "Action items as cited on each action. Illustrative: the title, vision, period, dates, statuses, RAG "
    "ratings, milestones, amounts (unless cited) and progress updates."
)


def A(
    title,
    *,
    source,
    lead="",
    partners=(),
    description="",
    groups=(),
    domains=(),
    criteria="",
    timescale="medium",
    start=None,
    end=None,
    amount=None,
    funder="",
    state="",
    status="in_progress",
    rag="",
    measures=(),
    data_measures=(),
    milestones=(),
    updates=(),
):
    return locals()


IMD = "Index of Multiple Deprivation"
CANNOT_SPEAK_ENGLISH_WELL = (
    "Main language is not English (English or Welsh in Wales): Cannot speak English or cannot speak English well"
)


def DM(code, category="", *, baseline_at="", target=None, target_date=None, direction="higher", name=""):
    """A measure on a catalogue indicator: its baseline is the place's real figure for `baseline_at` (or the latest
    figure when empty); its target is illustrative, since the seeds give none."""
    return locals()


def P(title, themes, principles, actions, description=""):
    return {"title": title, "themes": themes, "principles": principles, "actions": actions, "description": description}


d = datetime.date

BRISTOL_V1 = {
    "code": BRISTOL,
    "title": "Bristol Inclusive Cities action plan",
    "version": 1,
    "period": (d(2019, 1, 1), d(2021, 3, 31)),
    "vision": "Illustrative summary: a city where newcomers, including children in the council’s care, get the "
    "support and advice they are entitled to, and where the council convenes partners to make that happen.",
    "status": PlanStatus.ARCHIVED,
    "signed": d(2019, 3, 20),
    "published": d(2019, 4, 2),
    "priorities": [
        P(
            "Children and young people with uncertain immigration status",
            ["T4"],
            ["P1", "P2"],
            [
                A(
                    "Find young people in care whose immigration status is unresolved and make sure they get "
                    "legal advice",
                    source=S000_BRISTOL,
                    lead="Bristol Refugee Rights",
                    partners=["Paul Hamlyn Foundation"],
                    description="The council set up a way of identifying undocumented young people in its care and "
                    "connecting them with appropriate legal advice; the project was funded by the Paul Hamlyn "
                    "Foundation through a partnership with Bristol Refugee Rights (seed 000).",
                    groups=["uasc", "children-young-people"],
                    domains=["ho-rights", "ho-stability"],
                    criteria="Every young person in care with an unresolved status is identified and offered advice.",
                    start=d(2019, 6, 1),
                    end=d(2020, 12, 31),
                    funder="Paul Hamlyn Foundation",
                    state="secured",
                    status="completed",
                    rag="green",
                    measures=[("Young people supported in the project’s first year", 0, None, "young people")],
                ),
            ],
        ),
        P(
            "Lead the Inclusive Cities work through the city’s refugee and asylum strategy",
            ["T1"],
            ["P1"],
            [
                A(
                    "Write the convening role of Inclusive Cities into the Refugee and Asylum Seeker Strategy",
                    source=S000_BRISTOL,
                    lead="Bristol City Council, Mayor’s Office",
                    description="After the plan was published, the city’s strategy gave Inclusive Cities a place in "
                    "its ‘Influencing the System’ strand (seed 000).",
                    timescale="short",
                    start=d(2019, 4, 1),
                    end=d(2020, 3, 31),
                    status="completed",
                    rag="green",
                ),
            ],
        ),
    ],
}

BRISTOL_V2 = {
    "code": BRISTOL,
    "title": "Bristol Inclusive Cities action plan",
    "version": 2,
    "period": (d(2023, 4, 1), d(2027, 3, 31)),
    "vision": "Illustrative summary: Bristol as one city where people who arrive, and people who have long lived "
    "here, share in its growth, its services and its story.",
    "status": PlanStatus.PUBLISHED,
    "signed": d(2023, 3, 14),
    "published": d(2023, 3, 28),
    "priorities": [
        P(
            "A shared story of Bristol as a welcoming city",
            ["T1"],
            ["P1", "P3"],
            [
                A(
                    "Help develop the We Are Bristol campaign",
                    source=S003_BRISTOL,
                    lead="Bristol City Council, Mayor’s Office",
                    domains=["sc-identity"],
                    groups=["longer-standing-residents", "refugees"],
                    start=d(2023, 4, 1),
                    end=d(2024, 3, 31),
                    status="completed",
                    rag="green",
                    milestones=[
                        ("Campaign messages agreed with partners", d(2023, 9, 1), d(2023, 8, 20)),
                        ("Campaign launched", d(2024, 1, 31), d(2024, 2, 10)),
                    ],
                    updates=[
                        (
                            d(2024, 3, 15),
                            "completed",
                            "green",
                            "Illustrative: the campaign ran across the city’s channels and partners’ networks.",
                        )
                    ],
                ),
                A(
                    "Support the Everyday Integration research project led by the University of Bristol",
                    source=S003_BRISTOL,
                    lead="University of Bristol",
                    domains=["sc-social"],
                    timescale="long",
                    start=d(2023, 4, 1),
                    end=d(2026, 3, 31),
                    rag="amber",
                    milestones=[
                        ("Fieldwork sites agreed", d(2023, 10, 1), d(2023, 11, 2)),
                        ("Interim findings shared with the taskforce", d(2025, 6, 30), None),
                    ],
                    updates=[
                        (
                            d(2026, 2, 20),
                            "in_progress",
                            "amber",
                            "Illustrative: interim findings are later than planned; the taskforce will discuss them at its spring meeting.",
                        )
                    ],
                ),
                A(
                    "Promote the work of the COVID Race Equality Group",
                    source=S003_BRISTOL,
                    lead="Bristol City Council, Mayor’s Office",
                    timescale="short",
                    start=d(2023, 4, 1),
                    end=d(2024, 3, 31),
                    status="completed",
                    rag="green",
                ),
            ],
        ),
        P(
            "Inclusive growth and routes into work",
            ["T2"],
            ["P2"],
            [
                A(
                    "Work with the One City Economy Board and the City Funds Economy Inclusion Priority Group on "
                    "inclusive growth",
                    source=S003_BRISTOL,
                    lead="Bristol City Council, Mayor’s Office",
                    domains=["ho-work"],
                    timescale="long",
                    start=d(2023, 4, 1),
                    end=d(2027, 3, 31),
                    rag="green",
                    updates=[
                        (
                            d(2026, 10, 6),
                            "in_progress",
                            "green",
                            "Illustrative: the priority group agreed two inclusion measures for its next funding round.",
                        )
                    ],
                    data_measures=[
                        DM(
                            "iod-proportion-most-deprived-decile",
                            IMD,
                            baseline_at="2019",
                            target=Decimal("10"),
                            target_date=d(2027, 3, 31),
                            direction="lower",
                            name="Neighbourhoods among England’s 10% most deprived (% of Bristol’s)",
                        )
                    ],
                ),
                A(
                    "Build pathways to employment for refugees and people seeking asylum",
                    source=S003_BRISTOL,
                    lead="Example employers’ network (illustrative)",
                    domains=["ho-work", "ho-language"],
                    groups=["refugees", "people-seeking-asylum"],
                    start=d(2023, 9, 1),
                    end=d(2026, 3, 31),
                    amount=Decimal("60000"),
                    funder="Illustrative: a charitable trust bid",
                    state="sought",
                    status="delayed",
                    rag="red",
                    criteria="Illustrative: employers offer placements and newcomers move into sustained work.",
                    measures=[("People starting work through the pathway", 0, 40, "people")],
                    data_measures=[
                        DM(
                            "census21-english-proficiency-pct",
                            CANNOT_SPEAK_ENGLISH_WELL,
                            target=Decimal("1.2"),
                            target_date=d(2031, 3, 31),
                            direction="lower",
                            name="Residents who cannot speak English well (% of residents aged 3 and over)",
                        )
                    ],
                    milestones=[
                        ("Employer partners recruited", d(2024, 3, 31), d(2024, 5, 1)),
                        ("First cohort placed", d(2025, 3, 31), None),
                    ],
                    updates=[
                        (
                            d(2025, 11, 3),
                            "delayed",
                            "red",
                            "Illustrative: the funding bid was unsuccessful; the group is looking at other sources.",
                        )
                    ],
                ),
            ],
        ),
        P(
            "Services that work for everyone, including people with no recourse to public funds",
            ["T4"],
            ["P2", "P4"],
            [
                A(
                    "Develop the Bristol Model of support for people with no recourse to public funds",
                    source=S003_MODEL + "; " + S003_BRISTOL,
                    lead="Bristol Refugee Rights",
                    partners=["Bristol Law Centre"],
                    description="A shared framework across organisations built on four principles: design out "
                    "destitution; informed and supported; included and involved; a safe place to stay. The council "
                    "put it at the centre of its rough-sleeping work, including bed spaces, caseworkers and legal "
                    "advice funded through the Rough Sleeping Initiative (seed 003).",
                    groups=["nrpf"],
                    domains=["ho-housing", "ho-rights"],
                    timescale="long",
                    start=d(2023, 4, 1),
                    end=d(2027, 3, 31),
                    funder="Rough Sleeping Initiative (seed 003); amount illustrative",
                    amount=Decimal("250000"),
                    state="secured",
                    rag="green",
                    measures=[("People with NRPF given a safe place to stay", 0, 60, "people")],
                    milestones=[
                        ("Bed spaces in place", d(2023, 12, 31), d(2024, 1, 15)),
                        ("Caseworkers recruited", d(2024, 3, 31), d(2024, 3, 1)),
                        (
                            "Specialist sub-group of the Rough Sleeping Partnership meets",
                            d(2024, 6, 30),
                            d(2024, 6, 12),
                        ),
                        ("Review of the first two years", d(2025, 12, 31), None),
                    ],
                    updates=[
                        (
                            d(2026, 9, 30),
                            "in_progress",
                            "green",
                            "Illustrative: bed spaces and casework continue; the two-year review is being written up.",
                        )
                    ],
                ),
                A(
                    "Provide legal advice for migrants in Bristol",
                    source=S003_BRISTOL,
                    lead="Bristol Law Centre",
                    domains=["ho-rights"],
                    start=d(2023, 4, 1),
                    end=d(2026, 3, 31),
                    rag="amber",
                    updates=[
                        (
                            d(2026, 1, 12),
                            "in_progress",
                            "amber",
                            "Illustrative: demand is higher than the advice sessions can meet.",
                        )
                    ],
                ),
                A(
                    "Develop Welcome Hubs for Ukrainian refugees",
                    source=S003_BRISTOL,
                    lead="Bristol City Council, Mayor’s Office",
                    groups=["refugees"],
                    domains=["ho-links"],
                    timescale="short",
                    start=d(2023, 4, 1),
                    end=d(2024, 3, 31),
                    status="completed",
                    rag="green",
                ),
                A(
                    "Carry forward the legacy of the VALUES project",
                    source=S003_BRISTOL,
                    lead="Bristol City Council, Mayor’s Office",
                    start=d(2023, 4, 1),
                    end=d(2025, 3, 31),
                    status="not_started",
                ),
            ],
        ),
    ],
}

SHEFFIELD = {
    "code": SHEFFIELD,
    "title": "Sheffield Inclusive Cities action plan",
    "version": 1,
    "period": (d(2022, 4, 1), d(2026, 3, 31)),
    "vision": "Illustrative summary: a city of sanctuary where everyone can belong and take part.",
    "status": PlanStatus.PUBLISHED,
    "signed": d(2022, 3, 8),
    "published": d(2022, 3, 30),
    "priorities": [
        P(
            "A welcoming, anti-racist city of sanctuary",
            ["T1"],
            ["P1", "P3"],
            [
                A(
                    "Give refugees a voice and promote positive stories about local communities",
                    source=S003_SHEFFIELD,
                    groups=["refugees"],
                ),
                A("Help Sheffield become an anti-racist city", source=S003_SHEFFIELD, timescale="long"),
                A("Help Sheffield achieve Local Authority of Sanctuary status", source=S003_SHEFFIELD),
                A("Set up BeKindSheff", source=S003_SHEFFIELD, timescale="short", status="completed"),
                A("Develop the Compassionate Sheffield approach", source=S003_SHEFFIELD),
            ],
        ),
        P(
            "A fairer economy",
            ["T2"],
            ["P2"],
            [
                A(
                    "Support residents through poverty and the cost of living crisis",
                    source=S003_SHEFFIELD,
                    groups=["longer-standing-residents"],
                    data_measures=[
                        DM(
                            "iod-proportion-most-deprived-decile",
                            IMD,
                            baseline_at="2019",
                            target=Decimal("20"),
                            target_date=d(2026, 3, 31),
                            direction="lower",
                            name="Neighbourhoods among England’s 10% most deprived (% of Sheffield’s)",
                        )
                    ],
                ),
                A("Grow Sheffield’s economy", source=S003_SHEFFIELD, timescale="long"),
                A("Promote a diverse workforce", source=S003_SHEFFIELD, domains=["ho-work"]),
            ],
        ),
        P(
            "Welcome and places to meet",
            ["T3"],
            ["P3"],
            [
                A("Develop a welcome scheme for new arrivals", source=S003_SHEFFIELD, groups=["refugees", "uk-movers"]),
                A(
                    "Support community hubs, with libraries as key neighbourhood assets",
                    source=S003_SHEFFIELD,
                    domains=["sc-social"],
                ),
            ],
        ),
        P(
            "Participation and young people",
            ["T5"],
            ["P1"],
            [
                A("Move from a cabinet model to committees", source=S003_SHEFFIELD, status="completed"),
                A(
                    "Implement the Youth Service Strategy so that it includes all young people",
                    source=S003_SHEFFIELD,
                    groups=["children-young-people"],
                ),
                A(
                    "Complete the first phase of the New Constellations process",
                    source=S003_SHEFFIELD,
                    timescale="short",
                ),
            ],
        ),
    ],
}

LIVERPOOL_PLAN = {
    "code": LIVERPOOL,
    "title": "Our Liverpool: Inclusive Cities action plan",
    "version": 1,
    "period": (d(2027, 1, 1), d(2029, 12, 31)),
    "vision": "In the words the seeds quote from the Our Liverpool strategy: ‘a welcoming city where refugees, "
    "people seeking asylum and vulnerable migrants are able to rebuild their lives from the day they arrive’ "
    "(seed 000, citing E7).",
    "status": PlanStatus.IN_REVIEW,
    "priorities": [
        P(
            "Communicate an inclusive narrative for the city",
            ["T1"],
            ["P1", "P3"],
            [
                A(
                    "Use the ‘Our Liverpool’ welcome message across the council and its partners",
                    source=S000_LIVERPOOL,
                    lead="Liverpool City Council, Community Safety and Cohesion",
                    description="The strategy credits the overarching Our Liverpool welcome message to the Inclusive "
                    "Cities programme (seed 000).",
                    domains=["sc-identity"],
                ),
                A(
                    "Support migrant-led initiatives and networks, and share information between the council and "
                    "community groups",
                    source=S003_OUR_LIVERPOOL,
                    lead="Liverpool City Council, Community Safety and Cohesion",
                    groups=["refugees", "people-seeking-asylum"],
                    domains=["ho-links", "sc-civic"],
                ),
            ],
        ),
        P(
            "English language learning",
            ["T4", "T3"],
            ["P3"],
            [
                A(
                    "Focus on English language (ESOL) learning for newcomers",
                    source=S000_LIVERPOOL,
                    lead="Example further education college (ESOL)",
                    domains=["ho-language"],
                    groups=["refugees", "people-seeking-asylum"],
                ),
                A(
                    "Add practical local information, such as recycling and waste collection, to ESOL classes",
                    source=S003_OUR_LIVERPOOL + " (DLUHC 2022 evaluation)",
                    lead="Example further education college (ESOL)",
                    description="Community development work found that waste management was raising tensions between "
                    "recent arrivals and longer-standing residents; ESOL content was changed to cover it (seed 003).",
                    groups=["refugees", "longer-standing-residents"],
                    domains=["ho-language", "ho-bridges"],
                ),
            ],
        ),
    ],
}

CARDIFF_PLAN = {
    "code": CARDIFF,
    "title": "Cardiff Inclusive Cities action plan",
    "version": 1,
    "period": (d(2027, 4, 1), d(2030, 3, 31)),
    "vision": "Cardiff as a multilingual city where migrants have the language skills they need to thrive in "
    "daily life (seed 000, Cardiff).",
    "status": PlanStatus.SIGNED_OFF,
    "signed": d(2026, 11, 2),
    "priorities": [
        P(
            "A multilingual city",
            ["T4"],
            ["P2", "P4"],
            [
                A(
                    "Establish REACH, a co-ordinated gateway to ESOL provision with assessment of need and timely "
                    "allocation to classes",
                    source=S000_CARDIFF,
                    lead="Cardiff and Vale College",
                    partners=["Welsh Government"],
                    funder="Welsh Government",
                    state="secured",
                    groups=["refugees", "people-seeking-asylum"],
                    domains=["ho-language"],
                    timescale="medium",
                    status="not_started",
                ),
            ],
        ),
    ],
}

PLANS = [BRISTOL_V1, BRISTOL_V2, SHEFFIELD, LIVERPOOL_PLAN, CARDIFF_PLAN]

# Case studies from the evidence base (seeds 000 and 003) pinned to the published plans: (plan, "priority" or
# "action", its title, case study slug, why). Chosen by what the action or priority sets out to do.
PINS = [
    (
        BRISTOL_V2,
        "action",
        "Build pathways to employment for refugees and people seeking asylum",
        "ic-esol-employment-pathways-model",
        "Other Inclusive Cities places tied English classes (ESOL) to routes into work. This action links language "
        "learning and employment for the same groups, so their pathway model is the one to learn from.",
    ),
    (
        BRISTOL_V2,
        "priority",
        "Services that work for everyone, including people with no recourse to public funds",
        "manchester-nrpf-team",
        "Manchester runs a specialist council team for people with no recourse to public funds and reports lower "
        "costs since it began: a comparison for the review of the Bristol Model's first two years.",
    ),
    (
        SHEFFIELD,
        "action",
        "Give refugees a voice and promote positive stories about local communities",
        "our-liverpool-welcoming-narrative",
        "Liverpool credits its city-wide ‘Our Liverpool’ welcome message to its Inclusive Cities work: a worked "
        "example of one positive story told to newcomers and longer-standing residents alike.",
    ),
    (
        SHEFFIELD,
        "action",
        "Develop a welcome scheme for new arrivals",
        "leeds-community-connectors-project",
        "Leeds employs people who once arrived as migrants themselves to link new households with services and "
        "neighbours, one way to staff a welcome scheme with people who know the journey.",
    ),
]


def _user(email):
    return User.objects.filter(email=email).first()


def _data_measure(place, m) -> dict | None:
    """The measure's values, its baseline read from the place's imported figure for the period asked for; None when
    the data app's demo files are not loaded (there is then no figure to measure against)."""
    values = {k: v for k, v in m.items() if k != "baseline_at"}
    values["indicator_code"] = values.pop("code")
    figures = Observation.objects.filter(
        place=place, indicator__code=m["code"], category=m["category"], value__isnull=False
    )
    if m["baseline_at"]:
        figures = figures.filter(period=m["baseline_at"])
    observation = figures.order_by("-period_start").first()
    if observation is None:
        return None
    values["baseline"] = Decimal(str(observation.value)).quantize(Decimal("0.01"))
    values["baseline_period"] = observation.period
    return values


def _org(place, name):
    return place.taskforce_organisations.filter(name__iexact=name).first() if name else None


def _at(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC) if day else None


def _build(spec, framework, officer) -> ActionPlan | None:
    place = Place.objects.filter(code=spec["code"]).first()
    if place is None:
        return None
    if ActionPlan.objects.filter(place=place, version=spec["version"], title=spec["title"]).exists():
        return None
    themes = {t.code: t for t in framework.themes.all()}
    principles = {p.code: p for p in framework.principles.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    domains = {x.code: x for x in Domain.objects.all()}
    plan = services.plan_create(
        place=place,
        by=officer,
        framework=framework,
        title=spec["title"],
        period_start=spec["period"][0],
        period_end=spec["period"][1],
        vision=spec["vision"],
    )
    # The demo's plans of a place are one line of versions (as plans started before lines existed).
    plan.line, plan.version = 1, spec["version"]
    plan.is_illustrative = True
    plan.source = ILLUSTRATIVE_NOTE
    plan.save()
    action_updates = []
    for n, p in enumerate(spec["priorities"], start=1):
        priority = services.priority_save(
            plan=plan,
            by=officer,
            title=p["title"],
            description=p["description"],
            order=n,
            themes=[themes[c] for c in p["themes"] if c in themes],
            principles=[principles[c] for c in p["principles"] if c in principles],
        )
        for m, a in enumerate(p["actions"], start=1):
            lead = _org(place, a["lead"])
            partner_orgs = [o for o in (_org(place, name) for name in a["partners"]) if o]
            action = services.action_create(
                priority=priority,
                by=officer,
                order=m,
                title=a["title"],
                description=a["description"],
                lead_organisation=lead,
                lead_organisation_name="" if lead else a["lead"],
                partners=partner_orgs,
                partner_names="; ".join(name for name in a["partners"] if not _org(place, name)),
                success_criteria=a["criteria"],
                timescale=a["timescale"],
                start_date=a["start"],
                end_date=a["end"],
                target_groups=[groups[c] for c in a["groups"] if c in groups],
                domains=[domains[c] for c in a["domains"] if c in domains],
                resource_amount=a["amount"],
                resource_source=a["funder"],
                resource_state=a["state"],
                # Nothing has started on a plan that is not yet published.
                status=a["status"] if spec["status"] in (PlanStatus.PUBLISHED, PlanStatus.ARCHIVED) else "not_started",
                rag=a["rag"],
                source=a["source"],
            )
            for name, baseline, target, unit in a["measures"]:
                services.measure_add(action=action, by=officer, name=name, baseline=baseline, target=target, unit=unit)
            for m in a["data_measures"]:
                values = _data_measure(place, m)
                if values is not None:
                    services.measure_add(action=action, by=officer, is_illustrative=True, **values)
            for title, due, done in a["milestones"]:
                services.milestone_add(action=action, by=officer, title=title, due_date=due, completed_on=done)
            action_updates.append((action, a["updates"]))
    plan.status = spec["status"]
    if spec.get("signed"):
        plan.submitted_at = _at(spec["signed"] - datetime.timedelta(days=21))
        plan.signed_off_at = _at(spec["signed"])
        plan.signed_off_by = _user("sponsor.bristol@demo.inclusive-cities.test") if spec["code"] == BRISTOL else None
    if spec.get("published"):
        plan.published_at = _at(spec["published"])
        plan.published_by = officer if spec["code"] == BRISTOL else None
    plan.save()
    for action, updates in action_updates:
        for day, status, rag, narrative in updates:
            ProgressUpdate.objects.create(
                action=action,
                date=day,
                status=status,
                rag=rag,
                narrative=narrative,
                author=officer,
                is_illustrative=True,
            )
    return plan


def _pin_evidence(officer) -> int:
    """Pin PINS' case studies to the demo plans (when the plan, its priority or action and the published case study
    are there); a pin already there is kept as it is. The plans are published, so the pins are written directly, as
    the demo writes its progress updates; a new version copies them as it copies any pin."""
    try:
        from inclusive_cities.evidence.models import CaseStudy, CaseStudyStatus, PinnedCaseStudy
    except ImportError:  # pragma: no cover - the evidence app is optional to this one
        return 0
    created = 0
    for spec, kind, title, slug, note in PINS:
        plan = ActionPlan.objects.filter(place__code=spec["code"], version=spec["version"], title=spec["title"]).first()
        case_study = CaseStudy.objects.filter(slug=slug, status=CaseStudyStatus.PUBLISHED).first()
        if plan is None or case_study is None:
            continue
        if kind == "priority":
            target = {"priority": plan.priorities.filter(title=title).first()}
        else:
            target = {"action": Action.objects.filter(priority__plan=plan, title=title).first()}
        if None in target.values():
            continue
        by = officer if spec["code"] == BRISTOL else None
        _pin, new = PinnedCaseStudy.objects.get_or_create(
            case_study=case_study, **target, defaults={"note": note, "pinned_by": by}
        )
        created += new
    return created


@transaction.atomic
def load() -> str:
    framework = framework_current()
    if framework is None:
        return "no published framework: no demo plans"
    officer = _user("officer.bristol@demo.inclusive-cities.test")
    created = [plan for spec in PLANS if (plan := _build(spec, framework, officer))]
    # The outcome seed 000 reports for Bristol's legal advice project, recorded as a measured update.
    for plan in created:
        if plan.place.code == BRISTOL and plan.version == 1:
            action = Action.objects.get(priority__plan=plan, source=S000_BRISTOL, title__startswith="Find young people")
            plan.status = PlanStatus.PUBLISHED  # progress is posted on a published plan; archived just below
            plan.save()
            services.progress_post(
                action=action,
                by=officer,
                date=d(2020, 12, 31),
                status="completed",
                rag="green",
                narrative="Launched in 2019, the project supported 44 young people in its first year "
                "(seed 000, citing E10a). The date of this update is illustrative.",
                measure_values={action.measures.get().pk: Decimal("44")},
            )
            ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.ARCHIVED)
    v1 = ActionPlan.objects.filter(place__code=BRISTOL, version=1, title=BRISTOL_V1["title"]).first()
    v2 = ActionPlan.objects.filter(place__code=BRISTOL, version=2, title=BRISTOL_V2["title"]).first()
    if v1 and v2 and v2.previous_id is None and not ActionPlan.objects.filter(previous=v1).exists():
        ActionPlan.objects.filter(pk=v2.pk).update(previous=v1)
    pins = _pin_evidence(officer)
    # A draft version 3, started from the published version 2, with one illustrative change to compare.
    if v2 and v2.status == PlanStatus.PUBLISHED and not ActionPlan.objects.filter(previous=v2).exists():
        v3 = services.plan_new_version(plan=v2, by=officer)
        v3.period_end = d(2028, 3, 31)
        v3.save(update_fields=["period_end"])
        action = Action.objects.filter(priority__plan=v3, title__startswith="Build pathways").first()
        if action:
            services.action_update(
                action=action,
                by=officer,
                expected_lock_version=action.lock_version,
                title="Build pathways to employment and self-employment for refugees and people seeking asylum",
                end_date=d(2027, 3, 31),
            )
        created.append(v3)
    liverpool = ActionPlan.objects.filter(place__code=LIVERPOOL, status=PlanStatus.IN_REVIEW).first()
    facilitator = _user("facilitator@demo.inclusive-cities.test")
    if liverpool and facilitator and not liverpool.comments.exists():
        root = services.comment_add(
            plan=liverpool,
            by=facilitator,
            body="Illustrative review comment: could the ESOL actions name a measure, for example the number of "
            "learners placed within a month of assessment?",
        )
        lpool_officer = _user("officer.liverpool@demo.inclusive-cities.test")
        if lpool_officer:
            services.comment_add(
                plan=liverpool,
                by=lpool_officer,
                parent=root,
                body="Illustrative reply: yes, we will add one with the college before sign-off.",
            )
    return f"{len(created)} demo plans created" + (f", {pins} case studies pinned" if pins else "")
