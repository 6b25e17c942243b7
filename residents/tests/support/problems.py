"""Helpers of the problems tests: a category and a problem reported in a grid cell."""

import io

from PIL import Image

from residents.models import ProblemCategory, ProblemChannel
from residents.services.problems import problem_report


def category(code="environment") -> ProblemCategory:
    return ProblemCategory.objects.get(code=code)


def report(user, grid_cell, code="environment", **kwargs):
    """A problem reported by ``user`` today in ``grid_cell`` (a category's deadline applies)."""
    values = {
        "channel": ProblemChannel.VISIT,
        "description": "楼道堆放杂物，影响通行",
        "resident_name": "王大妈",
        "resident_phone": "13812345678",
    }
    values.update(kwargs)
    return problem_report(user, grid_cell=grid_cell, category=category(code), **values)


def png_bytes() -> bytes:
    """A small real PNG photo (decoded to the last pixel by the content checks)."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()
