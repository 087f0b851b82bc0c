"""Places and the programmes the seeds record: loaded from the shipped real files, browsable."""

import csv

import pytest

from inclusive_cities.network import services
from inclusive_cities.network.models import Cohort, Membership, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    services.places_load()
    services.network_load()


def _csv_rows():
    with open(services.PLACES_CSV, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_current_council_is_a_place(loaded):
    rows = [r for r in _csv_rows() if r["lower-or-unitary"] == "True" and not r["end-date"]]
    current = Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True, is_uk_local_authority=True)
    assert current.count() == len(rows)
    assert set(current.values_list("code", flat=True)) == {r["gss-code"] for r in rows}
    bristol = Place.objects.get(code="E06000023")
    source = next(r for r in _csv_rows() if r["gss-code"] == "E06000023")
    assert (bristol.name, bristol.region, bristol.nation) == (source["nice-name"], source["region"], source["nation"])


def test_loading_again_is_idempotent(loaded):
    assert services.places_load() == (0, 0)
    before = Membership.objects.count()
    services.network_load()
    assert Membership.objects.count() == before


def test_network_load_keeps_a_facilitators_edit(loaded):
    membership = Membership.objects.get(cohort__code="ic-phase-one", place__code="E06000023")
    services.membership_update(membership=membership, by=None, hosting_department="Edited")
    services.network_load()
    membership.refresh_from_db()
    assert membership.hosting_department == "Edited"


def test_phase_one_as_the_learning_report_records_it(loaded):
    phase_one = Cohort.objects.get(code="ic-phase-one")
    members = {m.place.code: m for m in phase_one.memberships.select_related("place")}
    assert {"E06000023", "W06000015", "S12000049", "E08000012", "E06000031"} <= set(members)
    assert members["E06000023"].hosting_department == "Mayors' Office"
    assert members["E06000023"].sponsor_role == "Deputy Mayor"
    assert members["S12000049"].hosting_department == "Economic Regeneration"
    london = [m for m in members.values() if m.kind == "associate"]
    assert len(london) == 1 and "London" in london[0].place.name
    assert all("seed 004" in m.source for m in members.values())


def test_action_towards_inclusion_names_european_cities(loaded):
    places = set(
        Membership.objects.filter(cohort__programme__code="action-towards-inclusion").values_list(
            "place__name", flat=True
        )
    )
    assert {"Hamburg", "Vienna"} <= places
    assert Cohort.objects.get(code="ati-network").programme.working_groups.count() == 3


def test_directory_search_sort_and_pagination(client, loaded):
    body = client.get("/places/?q=bristol").content.decode()
    assert "E06000023" in body and "E08000012" not in body
    page1 = client.get("/places/?sort=-code").content.decode()
    assert "Showing 1 to 50 of" in page1
    codes = (
        Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True)
        .order_by("-code")
        .values_list("code", flat=True)[:2]
    )
    assert page1.index(codes[0]) < page1.index(codes[1])
    scotland = client.get("/places/?nation=Scotland").content.decode()
    assert "32 places" in scotland
    assert "No places match" in client.get("/places/?q=zzzzqqq").content.decode()
    former = client.get("/places/?q=Allerdale&include_former=on").content.decode()
    assert "Allerdale" in former and "Former" in former


def test_hostile_and_overlong_queries(client, loaded):
    response = client.get("/places/", {"q": "<script>alert(1)</script>" + "x" * 500, "sort": "drop table"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unknown_place_code_names_the_code(client, loaded):
    response = client.get("/places/Q12345678/")
    assert response.status_code == 404
    assert "No place has the code “Q12345678”" in response.content.decode()


def test_place_and_cohort_pages_show_sources(client, loaded):
    assert (
        "Inclusive Cities learning report, phase one (COMPAS, 2019)"
        in client.get("/network/cohorts/ic-phase-one/").content.decode()
    )
    assert "Cabinet Member for Communities" in client.get("/places/E06000031/").content.decode()


def test_network_members_now_are_the_running_programmes_members_who_stayed(loaded):
    from inclusive_cities.network.selectors import network_member_places

    names = set(network_member_places().values_list("name", flat=True))
    assert {"Liverpool", "Cardiff", "Glasgow City"} <= names
    assert not {n for n in names if "Peterborough" in n}  # left the programme (seed 003, Appendix)
    assert not {"Hamburg", "Vienna"} & names  # Action Towards Inclusion ended in 2016
