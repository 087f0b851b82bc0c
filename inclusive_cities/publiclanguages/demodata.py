"""Demo: Bristol offers Polish, Ukrainian and Arabic, with one example translation: a Polish summary of Bristol's
published demo plan (version 2: its title, vision and three priorities), written for the demo and marked as an
example on its page. Ukrainian and Arabic show the languages page's "Enter the translation" state. Idempotent: a
translation already there (with any edits people made) is left as it is."""

import datetime

from django.db import transaction

from inclusive_cities.network.models import Place
from inclusive_cities.plans.models import ActionPlan, PlanStatus

from . import services
from .models import PlaceLanguage, PlanTranslation

BRISTOL = "E06000023"
OFFERED = ["pl", "uk", "ar"]
# The English it translates (plans/demodata.py, BRISTOL_V2); the example is only added while the plan says this.
ENGLISH_TITLE = "Bristol Inclusive Cities action plan"
POLISH = {
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
    "translator": "Inclusive Cities platform (an example for the demo)",
    "translated_on": datetime.date(2026, 11, 28),
}


@transaction.atomic
def load() -> str:
    place = Place.objects.filter(code=BRISTOL).first()
    if place is None:
        return "no Bristol: no newcomers' languages"
    officer = None
    if not PlaceLanguage.objects.filter(place=place).exists():
        services.languages_set(place=place, by=officer, codes=OFFERED)
    plan = ActionPlan.objects.filter(place=place, status=PlanStatus.PUBLISHED, title=ENGLISH_TITLE).first()
    made = 0
    if (
        plan is not None
        and plan.priorities.count() == len(POLISH["priorities"])
        and PlaceLanguage.objects.filter(place=place, code="pl").exists()
        and not PlanTranslation.objects.filter(place=place, line=plan.line, code="pl").exists()
    ):
        services.plan_translation_save(plan=plan, code="pl", by=officer, is_illustrative=True, **POLISH)
        made = 1
    return f"Bristol offers {', '.join(OFFERED)}; {made} example translation(s) added"
