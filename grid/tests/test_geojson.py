"""Grid cell boundaries as GeoJSON: validation and the outline drawn on the page."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from grid.geojson import boundary_outline, validate_boundary
from grid.tests.factories import square


def test_square_polygon_is_valid():
    validate_boundary(square())


def test_feature_wrapping_a_multipolygon_is_valid():
    validate_boundary(
        {
            "type": "Feature",
            "geometry": {"type": "MultiPolygon", "coordinates": [square()["coordinates"]]},
        }
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not json", "GeoJSON object"),
        ({"type": "Point", "coordinates": [118, 32]}, "Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": []}, "at least one ring"),
        (
            {"type": "Polygon", "coordinates": [[[118, 32], [119, 32], [118, 32]]]},
            "at least 4 positions",
        ),
        (
            {"type": "Polygon", "coordinates": [[[118, 32], [119, 32], [119, 33], [118, 33]]]},
            "closed",
        ),
        (
            {"type": "Polygon", "coordinates": [[[218, 32], [119, 32], [119, 33], [218, 32]]]},
            "±180",
        ),
        (
            {"type": "Polygon", "coordinates": [[["a", 32], [119, 32], [119, 33], ["a", 32]]]},
            "numbers",
        ),
    ],
)
def test_invalid_boundaries_are_refused_with_a_reason(value, message):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        validate_boundary(value)
    assert message in " ".join(exc.value.messages)


def test_outline_scales_into_the_sketch():
    outline = boundary_outline(square(size=0.01))
    assert outline["size"] == 240
    assert outline["polygons"][0].startswith("10.0,230.0")
    assert boundary_outline(None) is None
