"""Validation of grid boundaries: a GeoJSON Polygon or MultiPolygon in WGS 84 longitude/latitude."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _check_position(position, where: str) -> None:
    if not isinstance(position, list | tuple) or len(position) not in (2, 3):
        raise ValidationError(
            _("%(where)s: a position must be [longitude, latitude].") % {"where": where}
        )
    lon, lat = position[0], position[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
        raise ValidationError(
            _("%(where)s: longitude and latitude must be numbers.") % {"where": where}
        )
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            _("%(where)s: longitude must be within ±180 and latitude within ±90.")
            % {"where": where}
        )


def _check_ring(ring, where: str) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(_("%(where)s: a ring needs at least 4 positions.") % {"where": where})
    for index, position in enumerate(ring, start=1):
        _check_position(position, _("%(where)s, position %(n)s") % {"where": where, "n": index})
    if list(ring[0][:2]) != list(ring[-1][:2]):
        raise ValidationError(
            _("%(where)s: a ring must end where it starts (closed).") % {"where": where}
        )


def _check_polygon(rings, where: str) -> None:
    if not isinstance(rings, list) or not rings:
        raise ValidationError(_("%(where)s: a polygon needs at least one ring.") % {"where": where})
    for index, ring in enumerate(rings, start=1):
        _check_ring(ring, _("%(where)s, ring %(n)s") % {"where": where, "n": index})


def validate_boundary(value) -> None:
    """Accepts a Polygon, a MultiPolygon, or a Feature wrapping one; raises ValidationError."""
    if value in (None, "", {}):
        return
    if not isinstance(value, dict):
        raise ValidationError(_("The boundary must be a GeoJSON object."))
    if value.get("type") == "Feature":
        value = value.get("geometry")
        if not isinstance(value, dict):
            raise ValidationError(_("The GeoJSON feature has no geometry."))
    kind = value.get("type")
    coordinates = value.get("coordinates")
    if kind == "Polygon":
        _check_polygon(coordinates, _("Polygon"))
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise ValidationError(_("A MultiPolygon needs at least one polygon."))
        for index, polygon in enumerate(coordinates, start=1):
            _check_polygon(polygon, _("Polygon %(n)s") % {"n": index})
    else:
        raise ValidationError(
            _("The boundary must be a GeoJSON Polygon or MultiPolygon, not %(kind)s.")
            % {"kind": kind or _("an object without a type")}
        )


def boundary_outline(value, size: int = 240) -> dict | None:
    """Outer rings scaled into a square of ``size`` pixels, for a small inline SVG sketch."""
    if not isinstance(value, dict):
        return None
    if value.get("type") == "Feature":
        value = value.get("geometry") or {}
    if value.get("type") == "Polygon":
        polygons = [value.get("coordinates") or []]
    elif value.get("type") == "MultiPolygon":
        polygons = value.get("coordinates") or []
    else:
        return None
    rings = [polygon[0] for polygon in polygons if polygon]
    points = [p for ring in rings for p in ring]
    if not points:
        return None
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    span = max(max_x - min_x, max_y - min_y) or 1.0
    scale = (size - 20) / span

    def project(p):  # latitude grows northwards, SVG y grows downwards
        return f"{10 + (p[0] - min_x) * scale:.1f},{10 + (max_y - p[1]) * scale:.1f}"

    return {"size": size, "polygons": [" ".join(project(p) for p in ring) for ring in rings]}
