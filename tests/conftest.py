"""Fixtures of the cross-app tests: the zh_Hans catalogue's entries, read once a module."""

import pytest

from tests.support.catalogue import PO, parse_po


@pytest.fixture(scope="module")
def entries():
    assert PO.exists(), (
        f"{PO} is missing: run makemessages (see the docstring of tests/test_translations.py)"
    )
    return parse_po(PO)
