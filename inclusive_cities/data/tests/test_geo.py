"""The boundary map: every local authority drawn once, coloured by class, with a legend."""

import json

import pytest

from inclusive_cities.data import geo


def test_every_area_of_the_shipped_boundary_file_is_drawn_once():
    features = json.loads(geo.BOUNDARIES.read_text())["features"]
    shapes, height = geo.areas()
    assert len(shapes) == len(features) == 361
    assert {a.code for a in shapes} == {f["properties"]["areacd"] for f in features}
    assert all(a.path.startswith("M") and a.path.endswith("Z") for a in shapes)
    assert height > geo.WIDTH  # the UK is taller than wide


def test_choropleth_colours_by_quantile_class_and_marks_missing_values():
    shapes, _ = geo.areas()
    values = {a.code: float(i) for i, a in enumerate(shapes)}
    lowest, highest, missing = shapes[0].code, shapes[-1].code, shapes[5].code
    values[missing] = None
    svg = geo.choropleth_svg(title="Test map", values=values, unit="")
    assert 'role="img"' in svg and '<title id="map-title">Test map</title>' in svg
    assert svg.count("<path ") == len(shapes)
    assert f'fill="{geo.CLASS_COLOURS[0]}"><title>{shapes[0].name}: 0</title>' in svg
    assert f'fill="{geo.CLASS_COLOURS[-1]}"><title>{shapes[-1].name}' in svg
    assert f'fill="{geo.NO_DATA}"><title>{shapes[5].name}: no data</title>' in svg
    assert lowest != highest != missing


def test_class_breaks_split_values_into_quantiles():
    breaks = geo.class_breaks(list(range(101)))
    assert breaks == [20, 40, 60, 80]
    assert geo.class_of(20, breaks) == 0 and geo.class_of(21, breaks) == 1 and geo.class_of(100, breaks) == 4


@pytest.mark.parametrize("year", geo.BOUNDARY_YEARS)
def test_the_precomputed_paths_file_matches_the_boundary_file(year):
    # if this fails, run geo.build_paths_file(year) and commit the file
    cached = json.loads(geo.BOUNDARY_FILES[year][1].read_text())
    assert cached["source"] == geo._source_digest(year)
    shapes, height = geo.compute_areas(year)
    assert cached["height"] == height
    assert cached["areas"] == [[a.code, a.name, a.path] for a in shapes]


def test_2021_boundaries_carry_the_councils_merged_in_2023():
    assert len(geo.areas(2021)[0]) == 374
    merged = {"E07000026", "E07000163", "E07000187"}  # Allerdale, Craven, Mendip: on the 2021 map only
    new = {"E06000063", "E06000065", "E06000066"}  # Cumberland, North Yorkshire, Somerset: 2023 only
    assert merged <= geo.area_codes(2021) and not merged & geo.area_codes(2023)
    assert new <= geo.area_codes(2023) and not new & geo.area_codes(2021)


def test_the_map_is_drawn_on_the_boundaries_that_match_the_figures():
    census_like = dict.fromkeys(geo.area_codes(2021) - {"S12000049"}, 1.0)  # E&W 2021 codes and the rest
    assert geo.boundary_year(census_like) == 2021
    svg = geo.choropleth_svg(title="Census", values=census_like)
    assert svg.count("<path ") == 374 and svg.count(": no data</title>") == 1  # only Glasgow, left out above
    current = dict.fromkeys(geo.area_codes(2023), 1.0)
    assert geo.boundary_year(current) == 2023
    assert geo.boundary_year({}) == 2023  # nothing to match: the current boundaries
    assert geo.boundary_year({"E08000038": 1.0}) == 2023  # Barnsley's 2025 code is drawn on its 2023 shape
