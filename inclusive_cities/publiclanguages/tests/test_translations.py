"""The rules of newcomers' languages: the language list, what a translation must hold, what it records, when it
is out of date, what the pages say and how they are marked up, history, and the anonymous page cache."""

import datetime
import re

import pytest
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inclusive_cities.narrative import services as narrative_services
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.publiclanguages import selectors, services
from inclusive_cities.publiclanguages.forms import LanguagesForm, PlanTranslationForm
from inclusive_cities.publiclanguages.languages import BY_CODE, LANGUAGES
from inclusive_cities.publiclanguages.models import PlaceLanguage, PlanTranslation

from .conftest import AR_PRIORITY, AR_STATEMENT, AR_TITLE, save_narrative_translation, save_plan_translation

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# The list of languages


def test_the_list_has_the_languages_asked_for_with_their_direction():
    for code in ("ar", "uk", "pl", "ur", "ps", "ti", "fa", "ku", "ckb", "so", "ro", "pt", "es", "fr", "zh-hans"):
        assert code in BY_CODE
    assert {lang.code for lang in LANGUAGES if lang.rtl} == {"ar", "ur", "ps", "fa", "ckb"}
    assert len(BY_CODE) == len(LANGUAGES)
    assert BY_CODE["zh-hans"].tag == "zh-Hans"


def test_directions_agree_with_djangos_own_language_table():
    for language in LANGUAGES:
        if language.code in LANG_INFO:
            assert language.rtl == LANG_INFO[language.code]["bidi"], language.code


# Choosing languages


def test_languages_set_adds_and_removes(place, officer):
    services.languages_set(place=place, by=officer, codes=["ar", "uk", "ar"])
    assert set(PlaceLanguage.objects.values_list("code", flat=True)) == {"ar", "uk"}
    services.languages_set(place=place, by=officer, codes=["uk"])
    assert list(PlaceLanguage.objects.values_list("code", flat=True)) == ["uk"]
    assert PlaceLanguage.history.filter(code="ar", history_type="-").exists()


def test_an_unknown_language_code_is_refused_and_nothing_written(place, officer):
    with pytest.raises(ValidationError, match="“klingon” is not a language on the list"):
        services.languages_set(place=place, by=officer, codes=["ar", "klingon"])
    assert not PlaceLanguage.objects.exists()
    form = LanguagesForm({"codes": ["ar", "xx"]})
    assert not form.is_valid()
    assert "“xx” is not a language on the list." in form.errors["codes"][0]


def test_the_languages_page_refuses_an_unknown_code_with_a_message(place, as_role):
    client = as_role("officer")
    body = client.post(reverse("publiclanguages:manage", args=[place.code]), {"codes": ["ar", "xx"]}).content.decode()
    assert "is not a language on the list" in body
    assert not PlaceLanguage.objects.exists()


# Translating the plan summary


def test_a_translation_records_the_version_and_the_english_it_was_made_from(plan, plan_ar):
    assert plan_ar.plan == plan
    assert plan_ar.line == plan.line
    assert plan_ar.source == {
        "title": "Bristol inclusion plan",
        "vision": "A city where newcomers belong.",
        "priorities": ["Welcome and belonging"],
    }
    assert plan_ar.priority_rows() == [{"title": AR_PRIORITY, "english": "Welcome and belonging"}]
    assert not selectors.plan_is_out_of_date(plan_ar, plan)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "   "}, "Enter the title"),
        ({"vision": ""}, "Enter the vision"),
        ({"priorities": [""]}, "Enter the title of priority 1"),
        ({"priorities": []}, "The plan has 1 priorities and 0 translated titles were given"),
        ({"translator": ""}, "Enter the translator’s name or organisation"),
        ({"translated_on": None}, "Enter the date it was translated"),
        ({"title": "ا" * 301}, "The title is 301 characters long; the most is 300"),
        ({"vision": "ب" * 15001}, "The vision is 15001 characters long; the most is 15000"),
        ({"translator": "x" * 201}, "characters long; the most is 200"),
        ({"title": "خطة\u202e"}, "invisible control character \\(U\\+202E\\)"),
        ({"title": "a\x00b"}, "invisible control character \\(U\\+0000\\)"),
        ({"code": "xx"}, "“xx” is not a language on the list"),
        ({"code": "uk"}, "Bristol does not offer Ukrainian"),
    ],
)
def test_bad_plan_translations_are_refused_with_a_message_and_nothing_written(
    plan, offered, officer, overrides, message
):
    with pytest.raises(ValidationError, match=message):
        save_plan_translation(plan, officer, **overrides)
    assert not PlanTranslation.objects.exists()


def test_a_future_date_is_refused(plan, offered, officer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        save_plan_translation(plan, officer, translated_on=tomorrow)


def test_only_a_published_plan_is_translated(place, framework, offered, officer):
    from inclusive_cities.plans.tests.conftest import make_plan

    for status in (PlanStatus.DRAFT, PlanStatus.IN_REVIEW, PlanStatus.SIGNED_OFF, PlanStatus.ARCHIVED):
        draft = make_plan(place, framework, status=status)
        with pytest.raises(ValidationError, match="Only a published plan"):
            save_plan_translation(draft, officer)
    assert not PlanTranslation.objects.exists()


def test_a_plan_without_a_vision_needs_no_translated_vision(plan, offered, officer):
    ActionPlan.objects.filter(pk=plan.pk).update(vision="")
    plan.refresh_from_db()
    saved = save_plan_translation(plan, officer, vision="")
    assert saved.vision == ""


def test_a_new_version_makes_the_translation_out_of_date_until_it_is_updated(plan, plan_ar, officer):
    v2 = plan_services.plan_new_version(plan=plan, by=officer)
    priority = v2.priorities.get()
    priority.title = "Welcome, belonging and safety"
    priority.save()
    ActionPlan.objects.filter(pk=v2.pk).update(status=PlanStatus.PUBLISHED)
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.ARCHIVED)
    v2.refresh_from_db()
    plan.refresh_from_db()
    # the translation (of version 1) shows on version 2's page, marked as possibly out of date
    body = text_of(Client().get(reverse("publiclanguages:plan", args=[v2.place.code, v2.pk, "ar"])))
    assert "This translation may be out of date" in body
    assert "version 1 of the plan" in body
    # the archived version 1 still has it, up to date for that version
    body = text_of(Client().get(reverse("publiclanguages:plan", args=[plan.place.code, plan.pk, "ar"])))
    assert "may be out of date" not in body
    # the form shows the new English and keeps the unchanged fields, leaving the changed priority empty
    source = selectors.plan_source(v2)
    initial = PlanTranslationForm.initial_from(plan_ar, source)
    assert initial["title"] == AR_TITLE and "priority_1" not in initial
    updated = save_plan_translation(v2, officer, priorities=["الترحيب والانتماء والأمان"])
    assert updated.pk == plan_ar.pk and updated.plan == v2
    assert not selectors.plan_is_out_of_date(updated, v2)
    assert PlanTranslation.history.filter(id=plan_ar.pk).count() == 2
    # version 1's page no longer offers a translation made from version 2
    assert Client().get(reverse("publiclanguages:plan", args=[plan.place.code, plan.pk, "ar"])).status_code == 404


def test_a_published_version_with_the_same_summary_is_not_out_of_date(plan, plan_ar, officer):
    v2 = plan_services.plan_new_version(plan=plan, by=officer)
    assert not selectors.plan_is_out_of_date(plan_ar, v2)


# Translating the narrative


def test_narrative_translation_and_its_out_of_date_notice(place, narrative, narrative_ar, officer):
    assert narrative_ar.source == {"campaign_name": "", "statement": "We are all Bristol."}
    url = reverse("publiclanguages:narrative", args=[place.code, "ar"])
    assert "may be out of date" not in text_of(Client().get(url))
    narrative_services.narrative_save(place=place, by=officer, statement="We are all Bristol, together.")
    assert "This translation may be out of date" in text_of(Client().get(url))


def test_a_narrative_with_a_campaign_name_needs_it_translated(place, narrative, offered, officer):
    narrative.campaign_name = "We Are Bristol"
    narrative.save()
    with pytest.raises(ValidationError, match="Enter the campaign name"):
        save_narrative_translation(narrative, officer)
    with pytest.raises(ValidationError, match="Enter the narrative statement"):
        save_narrative_translation(narrative, officer, campaign_name="نحن بريستول", statement=" ")
    with pytest.raises(ValidationError, match="the most is 30000"):
        save_narrative_translation(narrative, officer, campaign_name="نحن بريستول", statement="س" * 30001)


def test_a_draft_narrative_is_not_translated(place, narrative, offered, officer):
    narrative.status = "draft"
    narrative.save()
    with pytest.raises(ValidationError, match="Only a published narrative"):
        save_narrative_translation(narrative, officer)


# The pages


def test_the_translated_plan_page_is_marked_up_for_its_language(place, plan, plan_ar):
    body = text_of(Client().get(reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"])))
    assert '<html lang="en-gb"' in body
    assert re.search(r'<div class="ic-translation[^"]*" id="translation" lang="ar" dir="rtl">', body)
    assert AR_TITLE in body and AR_PRIORITY in body
    assert "Translated by <bdi>Bristol Translation Service</bdi> on 2 March 2026." in body
    assert f'id="english-original" href="{plan.get_absolute_url()}" hreflang="en-GB"' in body
    assert "publiclanguages/translations" in body  # the right-to-left layout rules


def test_the_translated_page_in_welsh_keeps_the_translation_in_its_language(place, plan, plan_ar):
    body = text_of(Client().get("/cy" + reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"])))
    assert '<html lang="cy"' in body
    assert 'lang="ar" dir="rtl"' in body


def test_the_original_pages_offer_read_this_in_links(place, plan, narrative, plan_ar, narrative_ar, officer):
    save_plan_translation(
        plan, officer, code="pl", title="Plan integracji Bristolu", vision="Miasto.", priorities=["Powitanie"]
    )
    body = text_of(Client().get(plan.get_absolute_url()))
    assert "Read this in:" in body
    link = reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"])
    assert f'href="{link}" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in body
    assert 'hreflang="pl" lang="pl" dir="ltr">Polski</a>' in body
    body = text_of(Client().get(narrative.get_absolute_url()))
    link = reverse("publiclanguages:narrative", args=[place.code, "ar"])
    assert f'href="{link}" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in body


def test_a_language_taken_off_the_list_hides_its_translations_and_keeps_them(place, plan, plan_ar, officer):
    services.languages_set(place=place, by=officer, codes=["pl"])
    assert "Read this in:" not in text_of(Client().get(plan.get_absolute_url()))
    assert Client().get(reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"])).status_code == 404
    services.languages_set(place=place, by=officer, codes=["pl", "ar"])
    assert AR_TITLE in text_of(Client().get(reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"])))


def test_a_plan_without_translations_shows_no_links(plan):
    assert "Read this in:" not in text_of(Client().get(plan.get_absolute_url()))


def test_hostile_text_is_escaped(place, plan, narrative, offered, officer):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    save_plan_translation(plan, officer, title=hostile, priorities=[hostile], translator=hostile)
    save_narrative_translation(narrative, officer, statement=hostile, translator=hostile)
    for url in (
        reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"]),
        reverse("publiclanguages:narrative", args=[place.code, "ar"]),
    ):
        body = text_of(Client().get(url))
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_the_form_saves_and_types_in_the_languages_direction(as_role, place, plan, narrative, offered):
    client = as_role("officer")
    url = reverse("publiclanguages:plan_edit", args=[place.code, "ar", plan.pk])
    body = text_of(client.get(url))
    assert re.search(r'name="priority_1"[^>]*lang="ar"[^>]*dir="rtl"|name="priority_1"[^>]*dir="rtl"', body)
    assert "Welcome and belonging" in body  # the English original beside the field
    response = client.post(url, {"title": "", "vision": "", "priority_1": "", "translator": "", "translated_on": ""})
    body = text_of(response)
    assert "Enter the title" in body and "govuk-error-summary" in body
    assert not PlanTranslation.objects.exists()
    response = client.post(
        url,
        {
            "title": AR_TITLE,
            "vision": "رؤية",
            "priority_1": AR_PRIORITY,
            "translator": "Bristol Translation Service",
            "translated_on": "2026-03-02",
        },
    )
    assert response.status_code == 302
    saved = PlanTranslation.objects.get()
    assert saved.translated_on == datetime.date(2026, 3, 2) and saved.updated_by.email
    body = text_of(client.get(reverse("publiclanguages:manage", args=[place.code])))
    assert "Up to date" in body and saved.get_absolute_url() in body


def test_history_is_kept_and_shown_to_the_places_officers(as_role, place, plan, plan_ar, officer):
    save_plan_translation(plan, officer, title="خطة بريستول")
    assert PlanTranslation.history.filter(id=plan_ar.pk).count() == 2
    url = reverse("core:history", args=["publiclanguages", "plantranslation", plan_ar.pk])
    assert "خطة بريستول" in text_of(as_role("officer").get(url))
    assert as_role("partner").get(url).status_code in (403, 404)


def test_the_place_page_section(as_role, place, plan_ar):
    body = text_of(Client().get(place.get_absolute_url()))
    assert "Newcomers’ languages" in body and "العربية" in body
    body = text_of(as_role("officer").get(place.get_absolute_url()))
    assert reverse("publiclanguages:manage", args=[place.code]) in body


# The anonymous page cache


def test_the_cached_translated_page_changes_as_soon_as_the_translation_is_edited(
    page_cache, place, plan, plan_ar, officer
):
    url = reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"])
    first = Client().get(url)
    second = Client().get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    save_plan_translation(plan, officer, title="خطة بريستول المحدثة")
    third = Client().get(url)
    assert third["X-Page-Cache"] == "miss"
    assert "خطة بريستول المحدثة" in third.content.decode()


def test_the_cached_original_page_offers_a_new_translation_at_once(page_cache, place, plan, offered, officer):
    assert "Read this in:" not in text_of(Client().get(plan.get_absolute_url()))
    assert Client().get(plan.get_absolute_url())["X-Page-Cache"] == "hit"
    save_plan_translation(plan, officer)
    response = Client().get(plan.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "Read this in:" in response.content.decode()
    services.languages_set(place=place, by=officer, codes=["pl"])
    assert "Read this in:" not in text_of(Client().get(plan.get_absolute_url()))


def test_the_cached_narrative_translation_changes_when_edited(page_cache, place, narrative, narrative_ar, officer):
    url = reverse("publiclanguages:narrative", args=[place.code, "ar"])
    assert AR_STATEMENT in text_of(Client().get(url))
    assert Client().get(url)["X-Page-Cache"] == "hit"
    save_narrative_translation(narrative, officer, statement="نحن جميعاً بريستول.")
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss" and "نحن جميعاً بريستول." in response.content.decode()
