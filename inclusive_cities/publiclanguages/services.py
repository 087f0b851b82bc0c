"""Writes for newcomers' languages: a place's choice of languages, and translations of its published plan summary
and narrative. Each in one transaction: a refused save writes nothing."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .languages import BY_CODE
from .models import (
    STATEMENT_MAX,
    TITLE_MAX,
    TRANSLATOR_MAX,
    VISION_MAX,
    NarrativeTranslation,
    PlaceLanguage,
    PlanTranslation,
)

# Characters refused in translations: control characters (but tab and line breaks), and the invisible Unicode
# direction embeddings, overrides and isolates, which can make text display in an order other than the one stored
# (the pages set each block's direction themselves).
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _known_code(code) -> str:
    code = str(code or "").strip().lower()
    if code not in BY_CODE:
        raise ValidationError(_("“%(code)s” is not a language on the list.") % {"code": code[:20]})
    return code


def _text(value, *, label: str, field: str, limit: int, required: bool = True) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError({field: _("Enter the %(what)s.") % {"what": label}})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("The %(what)s is %(n)s characters long; the most is %(max)s.")
                % {"what": label, "n": len(text), "max": limit}
            }
        )
    bad = _REFUSED.search(text)
    if bad:
        raise ValidationError(
            {
                field: _(
                    "The %(what)s contains an invisible control character (U+%(code)04X); remove it: the page sets "
                    "the text’s direction itself."
                )
                % {"what": label, "code": ord(bad.group())}
            }
        )
    return text


def _credit(translator, translated_on) -> tuple[str, datetime.date]:
    translator = _text(
        translator, label=_("translator’s name or organisation"), field="translator", limit=TRANSLATOR_MAX
    )
    if not isinstance(translated_on, datetime.date):
        raise ValidationError({"translated_on": _("Enter the date it was translated.")})
    if translated_on > timezone.localdate():
        raise ValidationError({"translated_on": _("The date it was translated cannot be in the future.")})
    return translator, translated_on


def _offered(place, code: str) -> None:
    if not PlaceLanguage.objects.filter(place=place, code=code).exists():
        raise ValidationError(
            _("%(place)s does not offer %(language)s: choose it on the place’s languages page first.")
            % {"place": place.name, "language": BY_CODE[code].name}
        )


@transaction.atomic
def languages_set(*, place, by, codes) -> list[str]:
    """The place offers exactly these further languages. Translations in a language taken off the list are kept
    (not shown) and come back if it is chosen again."""
    wanted = [_known_code(code) for code in codes]
    wanted = list(dict.fromkeys(wanted))
    existing = {row.code: row for row in PlaceLanguage.objects.select_for_update().filter(place=place)}
    for code, row in existing.items():
        if code not in wanted:
            row.delete()
    for code in wanted:
        if code not in existing:
            PlaceLanguage.objects.create(place=place, code=code, created_by=by)
    return wanted


@transaction.atomic
def plan_translation_save(
    *, plan, code: str, by, title: str, vision: str, priorities, translator: str, translated_on, is_illustrative=False
) -> PlanTranslation:
    """Enter (or replace) the translation of a published plan's summary in one of the place's languages. It then
    records this version and its English summary as what it translates."""
    from inclusive_cities.plans.models import PlanStatus

    code = _known_code(code)
    if plan.status != PlanStatus.PUBLISHED:
        raise ValidationError(_("Only a published plan’s summary can be translated; this version is not published."))
    _offered(plan.place, code)
    source = selectors.plan_source(plan)
    title = _text(title, label=_("title"), field="title", limit=TITLE_MAX)
    vision = _text(vision, label=_("vision"), field="vision", limit=VISION_MAX, required=bool(source["vision"]))
    priorities = list(priorities or [])
    if len(priorities) != len(source["priorities"]):
        raise ValidationError(
            _("The plan has %(n)s priorities and %(m)s translated titles were given: translate each priority.")
            % {"n": len(source["priorities"]), "m": len(priorities)}
        )
    rows = [
        {
            "title": _text(
                value, label=_("title of priority %(n)s") % {"n": i + 1}, field=f"priority_{i + 1}", limit=TITLE_MAX
            )
        }
        for i, value in enumerate(priorities)
    ]
    translator, translated_on = _credit(translator, translated_on)
    found = PlanTranslation.objects.select_for_update().filter(
        place=plan.place, line=plan.line, code=code
    ).first() or PlanTranslation(place=plan.place, line=plan.line, code=code, created_by=by)
    found.plan = plan
    found.is_illustrative = is_illustrative
    found.title = title
    found.vision = vision
    found.priorities = rows
    found.translator = translator
    found.translated_on = translated_on
    found.source = source
    found.updated_by = by
    found.save()
    return found


@transaction.atomic
def narrative_translation_save(
    *,
    narrative,
    code: str,
    by,
    campaign_name: str,
    statement: str,
    translator: str,
    translated_on,
    is_illustrative=False,
) -> NarrativeTranslation:
    """Enter (or replace) the translation of the place's published narrative in one of its languages."""
    code = _known_code(code)
    if not narrative.is_published:
        raise ValidationError(_("Only a published narrative can be translated; this one is a draft."))
    _offered(narrative.place, code)
    source = selectors.narrative_source(narrative)
    campaign_name = _text(
        campaign_name,
        label=_("campaign name"),
        field="campaign_name",
        limit=TITLE_MAX,
        required=bool(source["campaign_name"]),
    )
    statement = _text(statement, label=_("narrative statement"), field="statement", limit=STATEMENT_MAX)
    translator, translated_on = _credit(translator, translated_on)
    found = NarrativeTranslation.objects.select_for_update().filter(
        narrative=narrative, code=code
    ).first() or NarrativeTranslation(narrative=narrative, code=code, created_by=by)
    found.campaign_name = campaign_name
    found.is_illustrative = is_illustrative
    found.statement = statement
    found.translator = translator
    found.translated_on = translated_on
    found.source = source
    found.updated_by = by
    found.save()
    return found
