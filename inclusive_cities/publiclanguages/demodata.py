"""Demo: Bristol offers Polish, Ukrainian and Arabic, with one example translation: a Polish summary of Bristol's
published demo plan (version 2: its title, vision and three priorities). Liverpool offers Polish and Arabic, with an
example Polish translation of its published demo narrative ("Our Liverpool", a campaign name kept as it is). Both
were written for the demo and are marked as examples on their pages; the other languages show the languages page's
"Enter the translation" state. Idempotent: a translation already there (with any edits people made) is left as
it is, and one is only added while the English it translates is still the demo's."""

import datetime

from django.db import transaction

from inclusive_cities.narrative.models import Narrative
from inclusive_cities.network.models import Place
from inclusive_cities.plans.models import ActionPlan, PlanStatus

from . import services
from .models import NarrativeTranslation, PlaceLanguage, PlanTranslation

BRISTOL = "E06000023"
LIVERPOOL = "E08000012"
OFFERED = {BRISTOL: ["pl", "uk", "ar"], LIVERPOOL: ["pl", "ar"]}
CREDIT = {
    "translator": "Inclusive Cities platform (an example for the demo)",
    "translated_on": datetime.date(2026, 11, 28),
}
# The English it translates (plans/demodata.py, BRISTOL_V2).
BRISTOL_ENGLISH_TITLE = "Bristol Inclusive Cities action plan"
BRISTOL_PLAN_PL = {
    "title": "Plan działań Bristolu w ramach programu Inclusive Cities",
    "vision": (
        "Przykładowe streszczenie: Bristol jako jedno miasto, w którym zarówno osoby, które tu przybywają, jak i te, "
        "które mieszkają tu od dawna, mają udział w jego rozwoju, usługach i historii."
    ),
    "priorities": [
        "Wspólna opowieść o Bristolu jako gościnnym mieście",
        "Wzrost sprzyjający włączeniu społecznemu i ścieżki do zatrudnienia",
        "Usługi dla wszystkich, w tym dla osób bez prawa do korzystania ze środków publicznych "
        "(no recourse to public funds)",
    ],
}
# The English it translates (narrative/demodata.py, Liverpool), recognised by its opening words.
LIVERPOOL_ENGLISH_START = "Liverpool is a port city whose people have always come and gone by sea."
LIVERPOOL_NARRATIVE_PL = {
    "campaign_name": "Our Liverpool",
    "statement": (
        "Liverpool to miasto portowe, którego mieszkańcy od zawsze przypływali i odpływali morzem. Our Liverpool to "
        "przesłanie powitalne miasta: miejsce, w którym uchodźcy, osoby ubiegające się o azyl i inni migranci mogą "
        "odbudować swoje życie od dnia przyjazdu, a rada miasta, grupy lokalne i organizacje prowadzone przez "
        "migrantów działają razem, oddolnie. (Przykładowe streszczenie napisane na potrzeby wersji demonstracyjnej.)"
    ),
}


def _offer(place) -> None:
    if not PlaceLanguage.objects.filter(place=place).exists():
        services.languages_set(place=place, by=None, codes=OFFERED[place.code])


def _bristol_plan(place) -> int:
    plan = ActionPlan.objects.filter(place=place, status=PlanStatus.PUBLISHED, title=BRISTOL_ENGLISH_TITLE).first()
    if (
        plan is None
        or plan.priorities.count() != len(BRISTOL_PLAN_PL["priorities"])
        or not PlaceLanguage.objects.filter(place=place, code="pl").exists()
        or PlanTranslation.objects.filter(place=place, line=plan.line, code="pl").exists()
    ):
        return 0
    services.plan_translation_save(plan=plan, code="pl", by=None, is_illustrative=True, **BRISTOL_PLAN_PL, **CREDIT)
    return 1


def _liverpool_narrative(place) -> int:
    narrative = Narrative.objects.filter(place=place, statement__startswith=LIVERPOOL_ENGLISH_START).first()
    if (
        narrative is None
        or not narrative.is_published
        or narrative.campaign_name != LIVERPOOL_NARRATIVE_PL["campaign_name"]
        or not PlaceLanguage.objects.filter(place=place, code="pl").exists()
        or NarrativeTranslation.objects.filter(narrative=narrative, code="pl").exists()
    ):
        return 0
    services.narrative_translation_save(
        narrative=narrative, code="pl", by=None, is_illustrative=True, **LIVERPOOL_NARRATIVE_PL, **CREDIT
    )
    return 1


@transaction.atomic
def load() -> str:
    places = {p.code: p for p in Place.objects.filter(code__in=OFFERED)}
    made = 0
    for code, place in places.items():
        _offer(place)
        made += _bristol_plan(place) if code == BRISTOL else _liverpool_narrative(place)
    return f"languages offered in {len(places)} places; {made} example translation(s) added"
