"""CSV downloads: a text cell a spreadsheet would run as a formula is quoted; numbers and our own round trip are not."""

import csv
import io
from decimal import Decimal

import pytest

from inclusive_cities.core import spreadsheet
from inclusive_cities.data.tests.profile_fixtures import indicator


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_text_is_quoted_and_unquoted_back(text):
    assert spreadsheet.safe_cell(text) == "'" + text
    assert spreadsheet.unsafe_cell(spreadsheet.safe_cell(text)) == text


@pytest.mark.parametrize("value", [-5, Decimal("-1.5"), 0, None, "plain", "it's fine", "'quoted already"])
def test_numbers_and_plain_text_pass_unchanged(value):
    assert spreadsheet.safe_cell(value) == value
    if isinstance(value, str):
        assert spreadsheet.unsafe_cell(value) == value


def test_writers_quote_every_cell():
    out = io.StringIO()
    spreadsheet.writer(out).writerows([["=1+1", -3], ["ok", "@x"]])
    spreadsheet.dict_writer(out, ["a"]).writerow({"a": "-rm"})
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "-3"], ["ok", "'@x"], ["'-rm"]]


@pytest.mark.django_db
def test_the_csv_api_quotes_a_hostile_indicator_name(client):
    indicator("hostile", name='=HYPERLINK("http://evil","x")', source="-2+3")
    response = client.get("/api/v1/indicators/?format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    hostile = next(r for r in rows if r["code"] == "hostile")
    assert hostile["name"] == '\'=HYPERLINK("http://evil","x")' and hostile["source"] == "'-2+3"
