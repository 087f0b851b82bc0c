"""Words people read: sources cited by title, publisher and year (never "seed 004"), dates as "31 March 2014",
select lists without "---------", and forms without internal field names. Checked on the helpers and on the key
pages of the real demo network (home, a published plan, a case study, a data profile, the framework)."""

import datetime
import html
import re

import pytest
from django import forms
from django.test import Client

from inclusive_cities.accounts.models import User
from inclusive_cities.core.formats import human_date, human_dates
from inclusive_cities.core.sources import SOURCE_DOCUMENTS, cite_sources, cite_sources_in
from inclusive_cities.core.templatetags.govuk import govuk_field
from inclusive_cities.core.tests.test_crawl import load_demo_without_data

DEMO = "@demo.inclusive-cities.test"
INTERNAL_LABEL = re.compile(r"\bseeds?\s+00\d", re.I)
ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")
US_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)
HIDDEN = re.compile(r"<(script|style|svg)\b.*?</\1>|<[^>]+>", re.S)


def visible_text(response) -> str:
    """What a person reads: the page without tags, attributes, scripts, styles or drawings."""
    return re.sub(r"\s+", " ", html.unescape(HIDDEN.sub(" ", response.content.decode())))


# --- the helpers ----------------------------------------------------------------------------------------------


def test_a_document_label_reads_as_title_publisher_and_year_keeping_the_section():
    assert cite_sources("Source: seed 004, section 3") == (
        "Source: Inclusive Cities learning report, phase one (COMPAS, 2019), section 3"
    )
    assert cite_sources("Seeds 000 and 003 describe it") == (
        "Integrating and including migrants in European city planning and policy (University of Oxford, 2021) and "
        "Lighting the way (UCL Policy Lab, 2023) describe it"
    )
    assert cite_sources("Demo content: the seeds do not record this.") == (
        "Demo content: the source documents do not record this."
    )
    # a random seed is not a document
    assert cite_sources("random seed 20171101") == "random seed 20171101"
    assert cite_sources(None) is None
    assert [d.year for d in SOURCE_DOCUMENTS.values()] == [2021, 2020, 2017, 2023, 2019]


def test_api_answers_cite_documents_in_every_nested_text():
    data = {"source": "seed 001", "actions": [{"source": "seed 002, section 6.2", "id": 3}], "n": None}
    assert cite_sources_in(data) == {
        "source": "Inclusive Cities Framework policy brief (COMPAS, 2020)",
        "actions": [{"source": "Inclusive practices for newcomers at city level (COMPAS, 2017), section 6.2", "id": 3}],
        "n": None,
    }


def test_dates_read_as_people_write_them():
    assert human_date(datetime.date(2014, 3, 31)) == "31 March 2014"
    assert human_date("2014-03-31") == "31 March 2014"
    assert human_date("2021") == "2021"
    assert human_date(None, "–") == "–"
    assert human_dates("2014-03-31, …, 2024-09-30 (43 periods)") == "31 March 2014, …, 30 September 2024 (43 periods)"
    from django.template import Context, Template

    rendered = Template("{{ d }}|{{ d|date }}").render(Context({"d": datetime.date(2014, 3, 31)}))
    assert rendered == "31 March 2014|31 March 2014"


def test_select_lists_name_their_empty_choice():
    class Form(forms.Form):
        sector = forms.ChoiceField(label="Sector", choices=[("", "---------"), ("a", "Arts")])
        theme = forms.ChoiceField(label="Theme (optional)", required=False, choices=[("", "---------"), ("t", "T")])
        named = forms.ChoiceField(label="Place", choices=[("", "Choose a council"), ("b", "Bristol")])

    form = Form()
    assert '<option value="" selected>Choose sector</option>' in govuk_field(form["sector"])
    assert '<option value="" selected>None</option>' in govuk_field(form["theme"])
    assert '<option value="" selected>Choose a council</option>' in govuk_field(form["named"])


# --- the key pages of the demo ----------------------------------------------------------------------------------


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_without_data()
    from inclusive_cities.data import services
    from inclusive_cities.data.tests.conftest import read_file

    # quarterly figures whose periods are dates, and categories as the Home Office writes them
    services.import_file(content=read_file("asylum_support_by_la_2014_2024.csv.gz"), file_name="asy.csv.gz")


def _client(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.django_db
def test_key_pages_show_no_internal_labels_iso_dates_or_dashes(demo):
    from inclusive_cities.plans.models import ActionPlan

    plan = ActionPlan.objects.get(place__code="E06000023", status="published")
    pages = [
        "/",
        "/framework/",
        "/framework/versions/1.0/themes/T1/",
        "/about/",
        "/network/",
        "/places/E06000023/",
        plan.get_absolute_url(),
        "/evidence/brighton-hove-migrant-needs-assessment/",
        "/places/E06000023/data/",
        "/data/indicators/asylum-support/",
    ]
    for who in [None, f"officer.bristol{DEMO}", f"facilitator{DEMO}"]:
        client = _client(who)
        for path in pages + (
            [] if who is None else ["/home/", "/places/E06000023/baseline/", "/places/E06000023/taskforce/"]
        ):
            response = client.get(path)
            assert response.status_code == 200, (who, path)
            text = visible_text(response)
            for pattern in (INTERNAL_LABEL, ISO_DATE, US_DATE, re.compile("-{5,}")):
                found = pattern.search(text)
                assert found is None, (who, path, text[max(0, found.start() - 80) : found.end() + 80])

    text = visible_text(_client(None).get(plan.get_absolute_url()))
    assert "(University of Oxford, 2021)" in text or "(UCL Policy Lab, 2023)" in text
    profile = visible_text(_client(None).get("/places/E06000023/data/"))
    assert "30 September 2024" in profile
    indicator = visible_text(_client(None).get("/data/indicators/asylum-support/"))
    assert "Subsistence only" in indicator and "Subsistence Only" not in indicator
    assert "accommodation_type" not in indicator
    about = visible_text(_client(None).get("/about/"))
    assert "Inclusive Cities learning report, phase one (COMPAS, 2019)" in about


@pytest.mark.django_db
def test_forms_offer_words_not_dashes_or_internal_fields(demo):
    from inclusive_cities.plans.models import ActionPlan

    officer = _client(f"officer.bristol{DEMO}")
    draft = ActionPlan.objects.get(place__code="E06000023", status="draft")
    pages = {
        "/places/E06000023/taskforce/organisations/add/": "Choose sector",
        f"{draft.get_absolute_url()}priorities/add/": "Position in the list",
    }
    for path, words in pages.items():
        response = officer.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert "---------" not in page, path
        assert words in page, path
    priority_form = visible_text(officer.get(f"{draft.get_absolute_url()}priorities/add/"))
    assert not re.search(r"\bOrder\b", priority_form)
    facilitator = _client(f"facilitator{DEMO}")
    page = facilitator.get("/network/convenings/new/").content.decode()
    assert "---------" not in page
    assert "Choose programme" in page
