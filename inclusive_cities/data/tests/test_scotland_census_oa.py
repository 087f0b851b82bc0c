"""Scotland's Census 2022 output-area tables (NRS), imported for one council with an output-area lookup.

The repository has no NRS lookup from 2022 output areas to council areas (none could be found; see
files/SOURCES.md), so these tests write a lookup in NRS's layout (OA2022, CA2019) whose assignments are MADE UP
FOR THE TEST: they say nothing about where these output areas really are. Everything else is real: the table rows
are the first 50 rows of NRS's UV801 and UV210 output-area tables, and the values below are typed by hand from
them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from inclusive_cities.data import services
from inclusive_cities.data.models import Import, ImportStatus, SmallAreaCount

from .conftest import read_file

UV801 = "scotland_census2022_UV801_oa_first50.csv"
UV210 = "scotland_census2022_UV210_oa_first50.csv"
GLASGOW = "S12000049"
# TEST-ONLY assignment (not NRS's geography): the first ten output areas of the file to the council under test,
# the other forty to Aberdeen City.
OAS = [f"S00{135307 + i}" for i in range(50)]
MINE, OTHERS = OAS[:10], OAS[10:]


def lookup_csv(rows=None) -> bytes:
    rows = rows if rows is not None else [(oa, GLASGOW) for oa in MINE] + [(oa, "S12000033") for oa in OTHERS]
    return ("OA2022,CA2019,EW2022,DZ2011\n" + "".join(f"{oa},{ca},,\n" for oa, ca in rows)).encode()


def run(content=None, *, name="scotland_census2022_UV801_oa.csv", area=GLASGOW, lookup=None):
    return services.import_file(
        content=read_file(UV801) if content is None else content,
        file_name=name,
        area=area,
        lookup=lookup_csv() if lookup is None else lookup,
        lookup_name="OA_TO_HIGHER_AREAS.csv",
    )


def count(oa, variable, category):
    return SmallAreaCount.objects.get(area_code=oa, variable=variable, category=category).count


# Typed from UV801 (Year of arrival in UK): OA -> (All people, Born in the UK, the twelve arrival bands added up)
UV801_TYPED = {
    "S00135307": (144, 123, 25),
    "S00135308": (65, 57, 9),
    "S00135309": (156, 142, 12),
    "S00135310": (153, 137, 15),
    "S00135311": (151, 131, 27),
}


def test_year_of_arrival_table_for_one_council(real_places):
    record = run()
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert record.importer == "nrs_census2022_oa" and record.publisher == "National Records of Scotland"
    assert record.release == "2022"
    for oa, (total, uk, outside) in UV801_TYPED.items():
        assert count(oa, "scotland_census2022_uv801", "All people") == total
        assert count(oa, "scotland_census2022_uv801", "Born in the UK") == uk
        assert count(oa, "country_of_birth_3a", "total") == total
        assert count(oa, "country_of_birth_3a", "born_uk") == uk
        assert count(oa, "country_of_birth_3a", "born_outside_uk") == outside
    # S00135307 arrived 2020 - 2022: 8 (typed)
    assert count("S00135307", "scotland_census2022_uv801", "Arrived 2020 - 2022") == 8
    stored = SmallAreaCount.objects.filter(variable="scotland_census2022_uv801")
    assert set(stored.values_list("area_code", flat=True)) == set(MINE)
    assert set(stored.values_list("la_code", "level", "period").distinct()) == {(GLASGOW, "oa", "2022")}
    assert stored.count() == 10 * 14
    notes = " ".join(record.notes)
    assert "OA_TO_HIGHER_AREAS.csv" in notes and "SHA-256" in notes and "40 rows" in notes


def test_english_skills_table(real_places):
    record = run(read_file(UV210), name="scotland_census2022_UV210_oa.csv")
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    typed = {
        "S00135307": (140, 137),
        "S00135308": (60, 57),
        "S00135309": (154, 146),
        "S00135310": (149, 143),
        "S00135311": (143, 139),
    }  # (All people aged 3 and over, Speaks, reads and writes English)
    for oa, (all3, srw) in typed.items():
        assert count(oa, "scotland_census2022_uv210", "All people aged 3 and over") == all3
        assert count(oa, "scotland_census2022_uv210", "Speaks, reads and writes English") == srw
    assert not SmallAreaCount.objects.filter(variable="country_of_birth_3a").exists()


def test_segregation_indices_on_the_place_profile(real_places):
    from inclusive_cities.data.profiles import Profile, _segregation
    from inclusive_cities.network.models import Place

    run()
    profile = Profile(place=Place.objects.get(code=GLASGOW))
    _segregation(profile)
    (oa,) = profile.segregation
    assert oa.level == "oa" and oa.areas == 10
    # typed: born outside the UK 25+9+12+15+27+26+5+18+12+16, born in the UK 123+57+142+137+131+160+177+154+98+110
    assert oa.born_outside == 165 and oa.total == 165 + 1289
    assert 0 < oa.dissimilarity < 1
    assert profile.segregation_census == "2022"


def test_without_council_or_lookup_nothing_is_written(real_places):
    record = services.import_file(content=read_file(UV801), file_name="scotland_census2022_UV801_oa.csv")
    assert record.status == ImportStatus.REJECTED and not SmallAreaCount.objects.exists()
    assert "give the council area" in record.problems[0]["message"]


@pytest.mark.parametrize(
    ("area", "message"),
    [("S12000099", "“S12000099” is not a Scottish council"), ("E07000048", "“E07000048” is not a Scottish council")],
)
def test_unknown_or_abolished_council_is_refused(real_places, area, message):
    record = run(area=area)
    assert record.status == ImportStatus.REJECTED and not SmallAreaCount.objects.exists()
    assert message in record.problems[0]["message"]


def test_old_council_code_is_the_same_council(real_places):
    # Glasgow City's code before 2018 (S12000046) in the lookup places the output areas in S12000049
    record = run(lookup=lookup_csv([(oa, "S12000046") for oa in MINE] + [(oa, "S12000033") for oa in OTHERS]))
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert count("S00135307", "country_of_birth_3a", "total") == 144


def test_missing_column_is_refused(real_places):
    text = read_file(UV801).decode()
    lines = [",".join(c for i, c in enumerate(line.split(",")) if i != 5) for line in text.splitlines()]
    record = run("\n".join(lines).encode())
    assert record.status == ImportStatus.REJECTED and not SmallAreaCount.objects.exists()
    assert record.problems[0]["row"] == 1 and "“UV8010005”" in record.problems[0]["message"]


def test_period_contradicting_the_name_is_refused(real_places):
    record = run(name="scotland_census2011_UV801_oa.csv")
    assert record.status == ImportStatus.REJECTED and not SmallAreaCount.objects.exists()
    assert "says 2011" in record.problems[0]["message"] and "2022" in record.problems[0]["message"]


def test_bad_codes_duplicates_and_lookup_gaps_name_row_and_column(real_places):
    lines = read_file(UV801).decode().splitlines()
    lines[3] = lines[3].replace("S00135309", "S0013X309", 1)  # row 4
    lines.append(lines[1])  # row 52 repeats row 2
    record = run("\n".join(lines).encode())
    assert record.status == ImportStatus.REJECTED and not SmallAreaCount.objects.exists()
    by_row = {p["row"]: p["message"] for p in record.problems}
    assert "“S0013X309” in column “OA”" in by_row[4]
    assert "Duplicate of row 2" in by_row[52]
    # an output area the lookup does not know
    record = run(lookup=lookup_csv([(oa, GLASGOW) for oa in MINE] + [(oa, "S12000033") for oa in OTHERS[1:]]))
    assert record.status == ImportStatus.REJECTED
    assert any(
        p["row"] == 12 and "S00135317 (column “OA”) is not in the lookup" in p["message"] for p in record.problems
    )


def test_lookup_without_its_columns_or_contradicting_itself(real_places):
    record = run(lookup=b"OutputArea,Council\nS00135307,S12000049\n")
    assert record.status == ImportStatus.REJECTED and "OA2022" in record.problems[0]["message"]
    both = lookup_csv() + b"S00135307,S12000033,,\n"
    record = run(lookup=both)
    assert record.status == ImportStatus.REJECTED and not SmallAreaCount.objects.exists()
    assert "row 52, column “CA2019”" in record.problems[0]["message"]


def test_over_the_row_cap_is_refused(real_places, settings):
    settings.MAX_IMPORT_ROWS = 20
    record = run()
    assert record.status == ImportStatus.REJECTED and not SmallAreaCount.objects.exists()
    assert "more than 20 rows" in record.problems[0]["message"]


def test_uploaded_on_the_web_with_council_and_lookup(as_role, real_places):
    client = as_role("facilitator")
    response = client.post(
        "/data/imports/new/",
        {"file": SimpleUploadedFile("UV801.csv", read_file(UV801)), "area": GLASGOW},
    )
    assert response.status_code == 200 and "Upload the output-area lookup" in response.content.decode()
    assert not Import.objects.exists()
    response = client.post(
        "/data/imports/new/",
        {
            "file": SimpleUploadedFile("UV801.csv", read_file(UV801)),
            "area": GLASGOW,
            "lookup": SimpleUploadedFile("OA_TO_HIGHER_AREAS.csv", lookup_csv()),
        },
        follow=True,
    )
    record = Import.objects.get()
    assert record.status == ImportStatus.APPLIED, record.problems[:3]
    assert count("S00135311", "country_of_birth_3a", "born_outside_uk") == 27


def test_command_line_with_council_and_lookup(real_places, tmp_path):
    table, lookup = tmp_path / "scotland_census2022_UV801_oa.csv", tmp_path / "OA_TO_HIGHER_AREAS.csv"
    table.write_bytes(read_file(UV801))
    lookup.write_bytes(lookup_csv())
    with pytest.raises(CommandError, match="Rejected|rejected"):
        call_command("import_data", str(table), stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("import_data", str(table), area=GLASGOW, lookup=str(lookup), stdout=out)
    assert "SHA-256" in out.getvalue()
    assert count("S00135310", "country_of_birth_3a", "born_uk") == 137


def test_a_revision_waits_for_confirmation_and_keeps_the_lookup(as_role, real_places):
    run()
    lines = read_file(UV801).decode().splitlines()
    lines[1] = lines[1].replace("S00135307,144,", "S00135307,145,", 1)
    client = as_role("facilitator")
    client.post(
        "/data/imports/new/",
        {
            "file": SimpleUploadedFile("UV801.csv", "\n".join(lines).encode()),
            "area": GLASGOW,
            "lookup": SimpleUploadedFile("OA_TO_HIGHER_AREAS.csv", lookup_csv()),
        },
    )
    pending = Import.objects.get(status=ImportStatus.NEEDS_CONFIRMATION)
    assert count("S00135307", "country_of_birth_3a", "total") == 144
    client.post(f"/data/imports/{pending.pk}/confirm/")
    assert Import.objects.get(pk=pending.pk).status == ImportStatus.CONFIRMED
    assert count("S00135307", "country_of_birth_3a", "total") == 145


def test_glasgow_profile_page_names_scotlands_census(client, real_places):
    run()
    page = client.get(f"/places/{GLASGOW}/data/").content.decode()
    assert (
        "Segregation indices at each small-area level (Scotland&#x27;s Census 2022)" in page
        or ("Segregation indices at each small-area level (Scotland’s Census 2022)" in page)
        or "(Scotland's Census 2022)" in page
    )
    assert "UV801 Year of arrival in UK" in page and "Census 2021 TS004" not in page
