"""The boundary map: every local authority drawn once, coloured by class, with a legend."""

import json

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


def test_the_precomputed_paths_file_matches_the_boundary_file():
    # if this fails, run geo.build_paths_file() and commit the file
    import json

    cached = json.loads(geo.PATHS_FILE.read_text())
    assert cached["source"] == geo._source_digest()
    shapes, height = geo.compute_areas()
    assert cached["height"] == height
    assert cached["areas"] == [[a.code, a.name, a.path] for a in shapes]
