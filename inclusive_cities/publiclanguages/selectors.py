"""Reads for newcomers' languages. A translated page is seen by whoever may see what it translates (the plans' and
the narrative's own `visible_q`), and only in a language the place offers."""

from django.conf import settings
from django.http import Http404
from django.utils import translation

from .languages import BY_CODE, Language
from .models import NarrativeTranslation, PlaceLanguage, PlanTranslation


def _english(obj, field: str) -> str:
    """The English text of a content field, whatever the page's language (Welsh fields may sit beside it)."""
    with translation.override(settings.LANGUAGE_CODE):
        return getattr(obj, field) or ""


def plan_source(plan) -> dict:
    """The English summary of a plan a translation is made from: title, vision and the priorities' titles."""
    return {
        "title": _english(plan, "title"),
        "vision": _english(plan, "vision"),
        "priorities": [_english(p, "title") for p in plan.priorities.order_by("order", "pk")],
    }


def narrative_source(narrative) -> dict:
    return {
        "campaign_name": _english(narrative, "campaign_name"),
        "statement": _english(narrative, "statement"),
    }


def offered_languages(place) -> list[Language]:
    codes = set(PlaceLanguage.objects.filter(place=place).values_list("code", flat=True))
    return [language for code, language in BY_CODE.items() if code in codes]


def offered_language(place, code: str) -> Language:
    """The language, when the place offers it; 404 for an unknown code or one the place does not offer."""
    language = BY_CODE.get(code)
    if language is None or not PlaceLanguage.objects.filter(place=place, code=code).exists():
        raise Http404
    return language


def _visible_plan(*, user, place, pk):
    from inclusive_cities.plans.models import ActionPlan
    from inclusive_cities.plans.selectors import visible_q

    plan = ActionPlan.objects.filter(visible_q(user), place=place, pk=pk).select_related("place").first()
    if plan is None:
        raise Http404
    return plan


def plan_translations_shown(plan) -> dict[str, PlanTranslation]:
    """The translations a published plan's page offers, by language code: the place's translations of the plan's
    line in the languages it offers; on an archived version, only those made from that very version."""
    from inclusive_cities.plans.models import PlanStatus

    if not plan.is_public:
        return {}
    offered = PlaceLanguage.objects.filter(place_id=plan.place_id).values_list("code", flat=True)
    found = PlanTranslation.objects.filter(place_id=plan.place_id, line=plan.line, code__in=offered)
    if plan.status != PlanStatus.PUBLISHED:
        found = found.filter(plan=plan)
    return {t.code: t for t in found.select_related("place")}


def plan_translation_page(*, user, place, pk: int, code: str):
    """(plan, language, translation) for a translated plan page; 404 when any of them may not be seen."""
    plan = _visible_plan(user=user, place=place, pk=pk)
    language = offered_language(place, code)
    translation_ = plan_translations_shown(plan).get(code)
    if translation_ is None:
        raise Http404
    return plan, language, translation_


def visible_narrative(*, user, place):
    from inclusive_cities.narrative.selectors import narrative_for_place

    return narrative_for_place(user=user, place=place)


def narrative_translations_shown(narrative) -> dict[str, NarrativeTranslation]:
    if narrative is None or not narrative.is_published:
        return {}
    offered = PlaceLanguage.objects.filter(place_id=narrative.place_id).values_list("code", flat=True)
    found = NarrativeTranslation.objects.filter(narrative=narrative, code__in=offered).select_related(
        "narrative__place"
    )
    return {t.code: t for t in found}


def narrative_translation_page(*, user, place, code: str):
    narrative = visible_narrative(user=user, place=place)
    language = offered_language(place, code)
    translation_ = narrative_translations_shown(narrative).get(code)
    if translation_ is None:
        raise Http404
    return narrative, language, translation_


def plan_is_out_of_date(translation_: PlanTranslation, plan) -> bool:
    """Whether the English summary shown for `plan` now differs from the one the translation was made from."""
    return translation_.source != plan_source(plan)


def narrative_is_out_of_date(translation_: NarrativeTranslation, narrative) -> bool:
    return translation_.source != narrative_source(narrative)


def published_plans(place) -> list:
    """The place's current published plans (one per line), which translators may translate."""
    from inclusive_cities.plans.models import ActionPlan, PlanStatus

    return list(ActionPlan.objects.filter(place=place, status=PlanStatus.PUBLISHED).order_by("line", "-version"))


def place_overview(place) -> dict:
    """For the place's languages page: every offered language with its plan and narrative translations' state."""
    from inclusive_cities.narrative.models import Narrative

    plans = published_plans(place)
    narrative = Narrative.objects.filter(place=place).first()
    plan_rows = {(t.line, t.code): t for t in PlanTranslation.objects.filter(place=place).select_related("plan")}
    narrative_rows = (
        {t.code: t for t in NarrativeTranslation.objects.filter(narrative=narrative)} if narrative is not None else {}
    )
    rows = []
    for language in offered_languages(place):
        plan_cells = []
        for plan in plans:
            found = plan_rows.get((plan.line, language.code))
            plan_cells.append(
                {
                    "plan": plan,
                    "translation": found,
                    "out_of_date": found is not None and plan_is_out_of_date(found, plan),
                }
            )
        found = narrative_rows.get(language.code)
        rows.append(
            {
                "language": language,
                "plans": plan_cells,
                "narrative": found,
                "narrative_out_of_date": found is not None and narrative_is_out_of_date(found, narrative),
            }
        )
    return {
        "rows": rows,
        "plans": plans,
        "narrative": narrative,
        "narrative_published": narrative is not None and narrative.is_published,
    }
