"""Profile and map pages: public to every role, 404 naming an unknown code, few queries whatever the volume."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import ROLES
from inclusive_cities.data import profiles

from .profile_fixtures import small_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_profile_is_public(as_role, place, role):
    small_world(2)
    response = as_role(role).get(f"/places/{place.code}/data/")
    assert response.status_code == 200
    assert "Data profile" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_map_is_public(as_role, role):
    small_world(2)
    response = as_role(role).get("/data/map/?indicator=population-mid-year")
    assert response.status_code == 200
    assert 'id="map-table"' in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_chart_csv_is_public(as_role, role):
    town = small_world(2)[0]
    response = as_role(role).get(f"/places/{town.code}/data/asylum-support.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("role", ROLES)
def test_unknown_code_is_404_naming_the_code(as_role, role):
    response = as_role(role).get("/places/E0999ZZZ9/data/")
    assert response.status_code == 404
    assert "E0999ZZZ9" in response.content.decode()


def test_unknown_chart_and_unknown_map_indicator_are_404_with_a_message(client):
    town = small_world(1)[0]
    response = client.get(f"/places/{town.code}/data/no-such-chart.csv")
    assert response.status_code == 404 and "no-such-chart" in response.content.decode()
    response = client.get("/data/map/?indicator=nope-not-here")
    assert response.status_code == 404 and "nope-not-here" in response.content.decode()


def test_profile_shows_headlines_charts_with_tables_comparisons_and_indices(client):
    towns = small_world(3)
    town = towns[0]
    html = client.get(f"/places/{town.code}/data/").content.decode()
    # headlines with period and source
    assert "100,000" in html and "2022" in html
    assert "Residents born outside the UK" in html and "20.0%" in html
    # every chart carries its data table and a CSV link
    profile = profiles.build_profile(town)
    assert profile.charts, "the profile should have charts"
    for chart in profile.charts:
        assert f'id="chart-{chart.chart_id}"' in html
        assert f'data-chart="{chart.chart_id}"' in html
        assert f"/places/{town.code}/data/{chart.chart_id}.csv" in html
    # region and nation columns
    assert "10.5%" in html and "17.4%" in html
    # similar places list the other towns
    assert towns[1].name in html and towns[2].name in html
    # diversity: leaves europe_united_kingdom 800, europe_other 100, africa 100 -> 1 - (.64+.01+.01) = 0.34
    assert profile.diversity["value"] == pytest.approx(0.34)
    assert "0.340" in html
    # segregation at two levels with the scale note
    assert [s.level for s in profile.segregation] == ["oa", "msoa"]
    assert 'id="scale-note"' in html


def test_chart_csv_holds_the_chart_rows(client):
    town = small_world(1)[0]
    body = client.get(f"/places/{town.code}/data/asylum-support.csv").content.decode()
    lines = body.splitlines()
    assert lines[0] == f"Period,{town.name}"
    assert lines[1:5] == ["2020 Q4,200.0", "2021 Q4,210.0", "2022 Q4,220.0", "2023 Q4,230.0"]


def test_place_page_has_the_data_section(client):
    town = small_world(1)[0]
    html = client.get(f"/places/{town.code}/").content.decode()
    assert "Local data" in html
    assert f"/places/{town.code}/data/" in html
    assert "100,000" in html


def _profile_queries(client, code) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/places/{code}/data/").status_code == 200
    return len(ctx.captured_queries)


def test_profile_query_count_does_not_grow_with_the_number_of_places(client):
    first = small_world(2)[0]
    few = _profile_queries(client, first.code)
    small_world(12)
    many = _profile_queries(client, first.code)
    assert many == few
    assert few <= 12


def test_map_query_count_does_not_grow_with_the_number_of_places(client):
    small_world(2)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/data/map/?indicator=census21-born-outside-uk-pct&category=Born+outside+the+UK")
    few = len(ctx.captured_queries)
    small_world(10)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/data/map/?indicator=census21-born-outside-uk-pct&category=Born+outside+the+UK")
    assert response.status_code == 200
    assert len(ctx.captured_queries) == few


def test_map_defaults_to_the_newest_well_covered_period_and_ignores_a_stale_group(client):
    from inclusive_cities.data.models import Indicator

    from .profile_fixtures import observe

    towns = small_world(4)
    population = Indicator.objects.get(code="population-mid-year")
    observe(population, towns[0], "2023", 5, start=__import__("datetime").date(2023, 6, 30))  # one area only
    html = client.get("/data/map/?indicator=population-mid-year&category=Stale+group").content.decode()
    assert "Mid-year population estimate (2022)" in html
    assert "101,000" in html  # the second town's 2022 figure, in the table
    html = client.get("/data/map/?indicator=population-mid-year&period=2023").content.decode()
    assert "Mid-year population estimate (2023)" in html
    body = client.get("/data/map/?indicator=population-mid-year&period=2022&format=csv").content.decode()
    assert f"{towns[1].code},{towns[1].name},101000.0" in body


def test_census_figures_are_mapped_on_2021_boundaries_and_current_ones_on_2023(client):
    import datetime as dt

    from inclusive_cities.core.factories import PlaceFactory

    from .profile_fixtures import indicator, observe

    places = {
        code: PlaceFactory(code=code, name=name)
        for code, name in [
            ("E07000026", "Allerdale"),  # merged into Cumberland in 2023
            ("E07000163", "Craven"),  # merged into North Yorkshire in 2023
            ("E06000063", "Cumberland"),
            ("E06000023", "Bristol"),
        ]
    }
    census = indicator("census-test", name="Census test count")
    for code, value in (("E07000026", 7), ("E07000163", 8), ("E06000023", 9)):
        observe(census, places[code], "2021", value, start=dt.date(2021, 3, 21))
    html = client.get("/data/map/?indicator=census-test").content.decode()
    assert "as they stood in 2021" in html
    assert "no boundary on this" not in html  # the merged districts are drawn, not only listed
    assert html.count("<path ") == 374
    current = indicator("current-test", name="Current test count")
    for code, value in (("E06000063", 7), ("E06000023", 9)):
        observe(current, places[code], "2024", value, start=dt.date(2024, 6, 30))
    html = client.get("/data/map/?indicator=current-test").content.decode()
    assert "as they stood in 2023" in html and html.count("<path ") == 361
