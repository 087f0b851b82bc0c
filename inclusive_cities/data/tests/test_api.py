"""Open data API: filters, formats, pagination, errors; figures equal the publisher's files for several places."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from inclusive_cities.data import services

from .conftest import read_file, read_rows, to_csv

TS012 = "census2021_ts012_country_of_birth_detailed_ltla.csv.gz"
MYE = "ons_mye_mid2022_population_uk_la.csv"
ASYLUM = "asylum_support_by_la_2014_2024.csv.gz"


PLACES = ["E06000023", "W06000015", "E09000030", "E08000012"]  # Bristol, Cardiff, Tower Hamlets, Liverpool


@pytest.fixture
def imported(real_places):
    """The real population file, and the real TS012 rows of four places (a subset, to keep the tests quick)."""
    services.import_file(content=read_file(MYE), file_name=MYE, period="mid-2022")
    rows = [r for r in read_rows(TS012) if r["ltla21_code"] in PLACES]
    services.import_file(content=to_csv(rows), file_name="ts012-four-places.csv")


def all_pages(client, url):
    items = []
    while url:
        data = client.get(url).json()
        items += data["results"]
        url = data["next"]
    return items


def test_every_observation_of_a_place_equals_the_source_file(client, real_places):
    """Bristol, Cardiff, Tower Hamlets, Liverpool: each TS012 and population row of the real files is in the API."""
    for name in (MYE, TS012):
        services.import_file(content=read_file(name), file_name=name, period="mid-2022" if name == MYE else "")
    for code in PLACES:
        check_place(client, code)


def check_place(client, code):
    items = all_pages(client, f"/api/v1/observations/?place={code}&format=json")
    got = {(i["indicator"], i["period"], i["disaggregation"], i["category"]): i["value"] for i in items}
    assert all({"indicator", "period", "value", "disaggregation", "category"} <= set(i) for i in items)
    source = [r for r in read_rows(TS012) if r["ltla21_code"] == code]
    assert len(source) == 82
    for row in source:
        assert got[("census21-country-of-birth", "2021", "country_of_birth", row["country_of_birth"])] == float(
            row["count"]
        )
    assert got[("census21-usual-residents", "2021", "", "")] == float(source[0]["total_usual_residents"])
    population = next(r for r in read_rows(MYE) if r["Code"] == code)
    assert got[("population-mid-year", "mid-2022", "", "")] == float(population["Population"])
    assert len(items) == 82 + 1 + 1


def test_glasgow_asylum_support_equals_the_file_including_old_codes(client, real_places):
    services.import_file(content=read_file(ASYLUM), file_name=ASYLUM)
    rows = read_rows(ASYLUM)
    items = all_pages(client, "/api/v1/observations/?place=S12000049&indicator=asylum-support&disaggregation=total")
    got = {i["period"]: i["value"] for i in items}
    # The file uses both the pre-2019 code S12000046 and the current S12000049 for Glasgow City, and in 2022 Q4
    # some rows of other councils carry Glasgow's code (stored under the council they name).
    for date in ("2015-03-31", "2019-12-31", "2024-09-30"):
        expected = sum(
            int(r["People"])
            for r in rows
            if r["Date"] == date
            and r["LAD Code"] in ("S12000046", "S12000049")
            and r["Local Authority"] == "Glasgow City"
        )
        assert got[date] == expected


def test_pagination_has_a_next_link_and_page_size(client, imported):
    data = client.get("/api/v1/observations/?place=E06000023&page_size=10").json()
    assert data["count"] == 84 and len(data["results"]) == 10
    assert "page=2" in data["next"] and "place=E06000023" in data["next"]


def test_csv_format(client, imported):
    response = client.get("/api/v1/observations/?place=W06000015&indicator=census21-country-of-birth&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 82
    source = {r["country_of_birth"]: r["count"] for r in read_rows(TS012) if r["ltla21_code"] == "W06000015"}
    assert {r["category"]: float(r["value"]) for r in rows} == {k: float(v) for k, v in source.items()}


def test_csv_link_header_points_at_the_next_page(client, imported):
    response = client.get("/api/v1/observations/?place=W06000015&format=csv&page_size=5")
    assert 'rel="next"' in response["Link"] and "page=2" in response["Link"]


def test_filters(client, imported):
    base = "/api/v1/observations/?place=E06000023"
    assert client.get(f"{base}&indicator=population-mid-year").json()["count"] == 1
    assert client.get(f"{base}&period=mid-2022").json()["count"] == 1
    assert client.get(f"{base}&disaggregation=total").json()["count"] == 2
    assert client.get(f"{base}&disaggregation=country_of_birth").json()["count"] == 82
    one = client.get(f"{base}&category=europe_united_kingdom").json()
    assert one["count"] == 1 and one["results"][0]["category"] == "europe_united_kingdom"
    both = client.get("/api/v1/observations/?indicator=population-mid-year,census21-usual-residents&place=E06000023")
    assert both.json()["count"] == 2
    across = client.get("/api/v1/observations/?indicator=census21-usual-residents").json()
    assert across["count"] == len(PLACES)


def test_unknown_place_is_a_404_naming_the_code(client, imported):
    response = client.get("/api/v1/observations/?place=E06999999&format=json")
    assert response.status_code == 404
    assert "E06999999" in response.json()["place"]


def test_place_code_in_lower_case_is_the_same_place(client, imported):
    upper = client.get("/api/v1/observations/?place=E06000023&format=json").json()
    lower = client.get("/api/v1/observations/?place=e06000023&format=json").json()
    assert upper["count"] > 0 and lower["count"] == upper["count"]


def test_unknown_indicator_is_a_404(client, imported):
    response = client.get("/api/v1/observations/?indicator=nope&format=json")
    assert response.status_code == 404 and "nope" in response.json()["indicator"]


def test_places_filters(client, real_places):
    wales = client.get("/api/v1/places/?nation=Wales&page_size=100").json()
    assert wales["count"] == 22 and all(p["nation"] == "Wales" for p in wales["results"])
    sw = client.get("/api/v1/places/?region=South West&page_size=100").json()
    assert any(p["code"] == "E06000023" for p in sw["results"])
    assert all(p["region"] == "South West" for p in sw["results"])
    q = client.get("/api/v1/places/?q=cardiff").json()
    assert [p["code"] for p in q["results"]] == ["W06000015"]
    assert client.get("/api/v1/places/?q=W06000015&format=csv").content.decode().splitlines()[1].startswith("W06000015")


def test_indicators_list_and_filter(client, imported):
    data = client.get("/api/v1/indicators/").json()
    codes = {i["code"] for i in data["results"]}
    assert {"census21-country-of-birth", "population-mid-year"} <= codes
    cob = next(i for i in data["results"] if i["code"] == "census21-country-of-birth")
    assert cob["caveats"] and cob["publisher"] == "Office for National Statistics" and "T1" in cob["themes"]
    assert [i["code"] for i in client.get("/api/v1/indicators/?q=Mid-year").json()["results"]] == [
        "population-mid-year"
    ]


def test_api_is_read_only(client, imported):
    assert client.post("/api/v1/observations/", {}).status_code in (403, 405)


def test_export_command_matches_the_api(client, imported, tmp_path):
    out = tmp_path / "bristol.json"
    call_command("export_observations", place="E06000023", format="json", output=str(out))
    exported = json.loads(out.read_text())
    api = all_pages(client, "/api/v1/observations/?place=E06000023&format=json")
    assert exported == api
    csv_out = tmp_path / "bristol.csv"
    call_command("export_observations", place="E06000023", format="csv", output=str(csv_out))
    assert len(list(csv.DictReader(csv_out.open()))) == len(api)


def test_export_command_unknown_place(imported):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown place code"):
        call_command("export_observations", place="X123", format="csv")


def test_import_command(real_places, tmp_path, capsys):
    from django.core.management.base import CommandError

    path = tmp_path / "mye.csv"
    path.write_bytes(read_file(MYE))
    call_command("import_data", str(path), period="mid-2022")
    assert "applied" in capsys.readouterr().out
    call_command("import_data", str(path), importer="ons_mye_2022_uk", period="mid-2022")
    assert "already imported" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("Code,Name,Geography,Population\nE06999999,Nowhere,LAD,5\n")
    with pytest.raises(CommandError, match="rejected"):
        call_command("import_data", str(bad), period="mid-2022")


def test_openapi_describes_the_data_endpoints_and_filters(db):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator(patterns=[path("api/v1/", include("inclusive_cities.data.api_urls"))])
    schema = generator.get_schema(request=None, public=True)
    assert {"/api/v1/places/", "/api/v1/indicators/", "/api/v1/observations/"} <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/v1/observations/"]["get"]["parameters"]}
    assert {"place", "indicator", "period", "disaggregation", "category", "format", "page"} <= params
    observation = schema["components"]["schemas"]["Observation"]["properties"]
    assert {"indicator", "period", "value", "category", "disaggregation"} <= set(observation)
