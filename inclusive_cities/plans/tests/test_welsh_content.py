"""Plans in Welsh (issue 14): today's text survives the migration, the form writes both languages, a Welsh page and
PDF show the Welsh, and an English-only plan on a Welsh page says so."""

import json
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inclusive_cities.core.translated import NOTICE_CY
from inclusive_cities.plans import exchange, services
from inclusive_cities.plans.models import Action, ActionPlan, PlanStatus, Priority

WELSH_TITLE = "Cynllun cynhwysiant Bryste"
WELSH_VISION = "Dinas lle mae newydd-ddyfodiaid yn perthyn."


def en(make_url, *args, **kwargs) -> str:
    """An English address: `reverse` gives the active language's, and serving a /cy/ page leaves Welsh active."""
    with translation.override("en-gb"):
        return make_url(*args, **kwargs)


def cy(url: str) -> str:
    return "/cy" + url


def _welsh(plan: ActionPlan) -> ActionPlan:
    """The Welsh of a (published) plan and its priority, as a translator would have given it before publication."""
    ActionPlan.objects.filter(pk=plan.pk).update(title_cy=WELSH_TITLE, vision_cy=WELSH_VISION)
    Priority.objects.filter(plan=plan).update(title_cy="Croeso a pherthyn")
    plan.refresh_from_db()
    return plan


def test_welsh_plan_page_shows_the_welsh_and_no_notice(published):
    _welsh(published)
    html = Client().get(cy(published.get_absolute_url())).content.decode()
    assert f">{WELSH_TITLE}</h1>" in html
    assert WELSH_VISION in html and "Croeso a pherthyn" in html
    assert "Bristol inclusion plan" not in html.split("<main")[1]
    # The action has no Welsh: it alone says so.
    assert html.count(NOTICE_CY) == 1
    assert '<span lang="en">Run a welcome campaign</span>' in html


def test_english_only_plan_on_a_welsh_page_says_so(published):
    html = Client().get(cy(published.get_absolute_url())).content.decode()
    assert '<h1 class="govuk-heading-l"><span lang="en">Bristol inclusion plan</span>' in html
    assert NOTICE_CY in html
    assert '<div lang="en"><p class="govuk-body">A city where newcomers belong.</p></div>' in html
    english = Client().get(en(published.get_absolute_url)).content.decode()
    assert NOTICE_CY not in english and "This text is not yet available in Welsh" not in english
    assert '<h1 class="govuk-heading-l">Bristol inclusion plan</h1>' in english


def test_cached_english_page_is_never_served_for_the_welsh_address(published, settings):
    """The anonymous page cache keys on the address: the Welsh address gets its own, Welsh, page."""
    from django.core.cache import caches

    settings.PAGE_CACHE, settings.PAGE_CACHE_SECONDS = True, 600
    _welsh(published)
    url = published.get_absolute_url()
    assert WELSH_TITLE not in Client().get(url).content.decode()
    assert any("ic:page:" in key for key in caches["default"]._cache), "the English page was cached"
    assert WELSH_TITLE not in Client().get(url).content.decode()  # from the cache
    assert WELSH_TITLE in Client().get(cy(url)).content.decode()
    assert WELSH_TITLE not in Client().get(url).content.decode()


def test_plan_pdf_in_welsh_has_the_welsh_title(published):
    _welsh(published)
    url = en(reverse, "plans:pdf", args=[published.place.code, published.pk, "plan"])
    response = Client().get(cy(url))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    text = text.decode()
    assert WELSH_TITLE in text and WELSH_VISION in text
    english = Client().get(url).content
    english_text = subprocess.run(["pdftotext", "-", "-"], input=english, capture_output=True, check=True).stdout
    assert WELSH_TITLE not in english_text.decode() and "Bristol inclusion plan" in english_text.decode()


def _plan_post(**extra):
    return {
        "title": "Cardiff plan",
        "title_cy": "Cynllun Caerdydd",
        "period_start": "2026-01-01",
        "period_end": "2027-12-31",
        "vision": "Belonging.",
        "vision_cy": "Perthyn.",
        "update_interval_days": "90",
        **extra,
    }


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_plan_form_saves_both_languages_whatever_the_page_language(as_role, place, framework, prefix):
    client = as_role("officer")
    url = prefix + en(reverse, "plans:plan_create", args=[place.code])
    form = client.get(url).content.decode()
    assert 'name="title_cy"' in form and 'lang="cy"' in form and 'lang="en"' in form
    response = client.post(url, _plan_post())
    assert response.status_code == 302
    plan = ActionPlan.objects.get(title_en="Cardiff plan")
    assert (plan.title_cy, plan.vision_en, plan.vision_cy) == ("Cynllun Caerdydd", "Belonging.", "Perthyn.")
    # Editing on the Welsh page shows the English in the English field, not the Welsh.
    edit = client.get("/cy" + en(reverse, "plans:plan_edit", args=[place.code, plan.pk])).content.decode()
    assert 'value="Cardiff plan"' in edit and 'value="Cynllun Caerdydd"' in edit
    client.post(
        prefix + en(reverse, "plans:plan_edit", args=[place.code, plan.pk]),
        _plan_post(title="Cardiff plan 2", title_cy=""),
    )
    plan.refresh_from_db()
    assert (plan.title_en, plan.title_cy) == ("Cardiff plan 2", "")
    # The audit history records the English in the plain field and both languages by name.
    latest = plan.history.latest()
    assert (latest.title, latest.title_en, latest.title_cy) == ("Cardiff plan 2", "Cardiff plan 2", "")


def test_priority_and_action_forms_save_both_languages(as_role, draft):
    client = as_role("officer")
    priority = draft.priorities.get()
    url = "/cy" + en(reverse, "plans:priority_edit", args=[draft.place.code, draft.pk, priority.pk])
    response = client.post(
        url, {"title": "Welcome", "title_cy": "Croeso", "description": "", "description_cy": "Disgrifiad", "order": 1}
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.title_en, priority.title_cy, priority.description_cy) == ("Welcome", "Croeso", "Disgrifiad")
    action = Action.objects.get(priority=priority)
    page = client.get("/cy" + en(reverse, "plans:action_edit", args=[draft.place.code, draft.pk, action.pk]))
    assert 'name="title_cy"' in page.content.decode()


def test_new_version_carries_the_welsh(published):
    _welsh(published)
    with translation.override("cy"):  # as an officer on a Welsh page would
        new = services.plan_new_version(plan=published, by=None)
    new = ActionPlan.objects.get(pk=new.pk)
    assert (new.title_en, new.title_cy) == ("Bristol inclusion plan", WELSH_TITLE)
    assert new.priorities.get().title_cy == "Croeso a pherthyn"
    assert new.priorities.get().title_en == "Welcome and belonging"


def test_json_export_and_import_carry_the_welsh(published, draft):
    _welsh(published)
    action = Action.objects.get(priority__plan=published)
    Action.objects.filter(pk=action.pk).update(title_cy="Cynnal ymgyrch groeso")
    data = exchange.export_json(published)
    assert data["plan"]["title_cy"] == WELSH_TITLE and data["plan"]["vision_cy"] == WELSH_VISION
    first = data["priorities"][0]
    assert first["title_cy"] == "Croeso a pherthyn" and first["actions"][0]["title_cy"] == "Cynnal ymgyrch groeso"
    result = exchange.import_plan_file(plan=draft, by=None, text=json.dumps(data), fmt="json")
    assert not getattr(result, "errors", None)
    imported = Action.objects.filter(priority__plan=draft, title_cy="Cynnal ymgyrch groeso")
    assert imported.exists() and imported.first().title_en == "Run a welcome campaign"


@pytest.fixture
def published(plan_factory):
    return plan_factory(status=PlanStatus.PUBLISHED)


def test_success_criteria_in_welsh_from_the_action_form_and_on_the_welsh_action_page(as_role, published):
    action = Action.objects.get(priority__plan=published)
    Action.objects.filter(pk=action.pk).update(
        success_criteria_en="200 people in classes", success_criteria_cy="200 o bobl mewn dosbarthiadau"
    )
    url = en(reverse, "plans:action_detail", args=[published.place.code, published.pk, action.pk])
    welsh = Client().get(cy(url)).content.decode()
    assert "200 o bobl mewn dosbarthiadau" in welsh and "200 people in classes" not in welsh
    english = Client().get(url).content.decode()
    assert "200 people in classes" in english and "200 o bobl" not in english
    Action.objects.filter(pk=action.pk).update(success_criteria_cy="")
    assert NOTICE_CY in Client().get(cy(url)).content.decode()


def test_the_action_form_offers_welsh_success_criteria(as_role, draft):
    action = Action.objects.get(priority__plan=draft)
    page = as_role("officer").get(
        "/cy" + en(reverse, "plans:action_edit", args=[draft.place.code, draft.pk, action.pk])
    )
    assert 'name="success_criteria_cy"' in page.content.decode()


def test_csv_export_carries_the_welsh_in_its_own_columns_and_imports_back(published, draft):
    import csv
    import io

    _welsh(published)
    action = Action.objects.get(priority__plan=published)
    Action.objects.filter(pk=action.pk).update(title_cy="=Cynnal ymgyrch groeso", description_cy="Disgrifiad")
    text = exchange.export_csv(published)
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert list(row)[-4:] == exchange.WELSH_COLUMNS  # after the English columns, which keep their places
    assert row["priority_cy"] == "Croeso a pherthyn" and row["description_cy"] == "Disgrifiad"
    assert row["action_cy"] == "'=Cynnal ymgyrch groeso"  # the spreadsheet formula guard applies to the Welsh too
    assert row["action"] == "Run a welcome campaign"
    result = exchange.import_plan_file(plan=draft, by=None, text=text, fmt="csv")
    assert not getattr(result, "errors", None)
    imported = Action.objects.get(priority__plan=draft, title_en="Run a welcome campaign", description_cy="Disgrifiad")
    assert imported.title_cy == "=Cynnal ymgyrch groeso" and imported.priority.title_cy == "Croeso a pherthyn"
