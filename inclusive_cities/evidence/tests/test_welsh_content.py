"""Case studies in Welsh (issue 14): the contribution form saves both languages; the case study page shows the Welsh,
or the English with a notice and lang="en"; search keeps indexing the English."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.core.translated import NOTICE_CY
from inclusive_cities.evidence.models import CaseStudy

from .test_contribute import form_data


def _url(name, *args) -> str:
    with translation.override("en-gb"):
        return reverse(name, args=args)


def test_contribution_on_the_welsh_page_saves_both_languages(framework, place, client):
    client.force_login(user_with_role("officer", place))
    page = client.get("/cy" + _url("evidence:contribute")).content.decode()
    assert 'name="title_cy"' in page and 'name="summary_cy"' in page
    data = form_data(
        credited_place=place.pk, title_cy="Teithiau croeso", summary_cy="Gwirfoddolwyr yn arwain teithiau."
    )
    response = client.post("/cy" + _url("evidence:contribute"), data)
    assert response.status_code == 302
    case_study = CaseStudy.objects.get(title_en="Welcome walks")
    assert (case_study.title_cy, case_study.summary_cy) == ("Teithiau croeso", "Gwirfoddolwyr yn arwain teithiau.")
    assert case_study.summary_en.startswith("Volunteers lead walks")


def test_case_study_page_in_welsh(make_case_study):
    welsh = make_case_study("published", title_cy="Caffi iaith cymunedol", summary_cy="Sesiynau sgwrsio wythnosol.")
    html = Client().get("/cy" + _url("evidence:detail", welsh.slug)).content.decode()
    assert '<h1 class="govuk-heading-l">Caffi iaith cymunedol</h1>' in html
    assert "Sesiynau sgwrsio wythnosol." in html and NOTICE_CY not in html


def test_english_only_case_study_on_a_welsh_page_says_so(make_case_study):
    english = make_case_study("published")
    html = Client().get("/cy" + _url("evidence:detail", english.slug)).content.decode()
    assert f'<span lang="en">{english.title_en}</span>' in html
    assert NOTICE_CY in html and '<div lang="en"><p class="govuk-body">Volunteers run weekly' in html
