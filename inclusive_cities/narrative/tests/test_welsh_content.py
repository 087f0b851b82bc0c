"""The narrative in Welsh (issue 14): the form saves both languages; a Welsh page shows the Welsh, or the English with
a notice and lang="en"."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from inclusive_cities.core.translated import NOTICE_CY
from inclusive_cities.narrative import services
from inclusive_cities.narrative.models import Narrative


def _url(name, place) -> str:
    with translation.override("en-gb"):
        return reverse(name, args=[place.code])


def test_form_on_the_welsh_page_saves_both_languages(place, as_role):
    client = as_role("officer")
    page = client.get("/cy" + _url("narrative:edit", place)).content.decode()
    assert 'name="statement_cy"' in page and 'lang="cy"' in page
    response = client.post(
        "/cy" + _url("narrative:edit", place),
        {"statement": "Bristol belongs to all of us.", "statement_cy": "Mae Bryste yn perthyn i bawb ohonom."},
    )
    assert response.status_code == 302
    narrative = Narrative.objects.get(place=place)
    assert narrative.statement_en == "Bristol belongs to all of us."
    assert narrative.statement_cy == "Mae Bryste yn perthyn i bawb ohonom."
    # Opened again on the Welsh page, the English field holds the English.
    again = client.get("/cy" + _url("narrative:edit", place)).content.decode()
    assert ">\nBristol belongs to all of us.</textarea>" in again
    assert ">\nMae Bryste yn perthyn i bawb ohonom.</textarea>" in again


def test_welsh_page_shows_the_welsh_without_a_notice(place):
    narrative = services.narrative_save(
        place=place, by=None, statement="Our story.", statement_cy="Ein stori.", audiences=["residents"]
    )
    services.narrative_publish(narrative=narrative, by=None)
    html = Client().get("/cy" + _url("narrative:detail", place)).content.decode()
    assert '<div class="govuk-inset-text" id="statement"><p>Ein stori.</p></div>' in html
    assert NOTICE_CY not in html and "Our story." not in html


def test_english_only_narrative_on_a_welsh_page_says_so(place):
    narrative = services.narrative_save(place=place, by=None, statement="Our story.", audiences=["residents"])
    services.narrative_publish(narrative=narrative, by=None)
    html = Client().get("/cy" + _url("narrative:detail", place)).content.decode()
    assert NOTICE_CY in html and '<div lang="en"><p>Our story.</p></div>' in html
    english = Client().get(_url("narrative:detail", place)).content.decode()
    assert NOTICE_CY not in english and "<p>Our story.</p>" in english


def test_channels_and_notes_in_welsh_from_a_welsh_page_and_on_the_welsh_narrative(place, as_role):
    client = as_role("officer")
    page = client.get("/cy" + _url("narrative:edit", place)).content.decode()
    assert 'name="channels_cy"' in page and 'name="defensive_notes_cy"' in page
    response = client.post(
        "/cy" + _url("narrative:edit", place),
        {
            "statement": "Our story.",
            "statement_cy": "Ein stori.",
            "channels": "Local radio",
            "channels_cy": "Radio lleol",
            "defensive_notes": "Answer myths with facts",
            "defensive_notes_cy": "",
            "audiences": ["residents"],
        },
    )
    assert response.status_code == 302
    narrative = Narrative.objects.get(place=place)
    # Saved from a Welsh page, the English stays English and the Welsh goes beside it.
    assert (narrative.channels_en, narrative.channels_cy) == ("Local radio", "Radio lleol")
    assert (narrative.defensive_notes_en, narrative.defensive_notes_cy or "") == ("Answer myths with facts", "")
    services.narrative_publish(narrative=narrative, by=None)
    welsh = Client().get("/cy" + _url("narrative:detail", place)).content.decode()
    assert ">Radio lleol</p>" in welsh and "Local radio" not in welsh
    notes = welsh.split("Answer myths with facts")[0]  # no Welsh yet: the English, said so, marked as English
    assert notes.rstrip().endswith('<div lang="en"><p class="govuk-body">') and NOTICE_CY in notes
    english = Client().get(_url("narrative:detail", place)).content.decode()
    assert ">Local radio</p>" in english and "Radio lleol" not in english
