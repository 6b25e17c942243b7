"""Ids in an API query string that are not whole numbers a column can hold: a 400 naming the
parameter, never a server error."""

import pytest


@pytest.mark.parametrize("value", ["1e300", "-7.38e187", "1.5", "99999999999999999999"])
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/co-building-needs/", "community"),
        ("/api/pairing-agreements/", "community"),
        ("/api/transfers/", "batch"),
        ("/api/activity-exemptions/", "organization"),
        ("/api/volunteer-hours/", "organization"),
    ],
)
def test_an_id_that_is_not_a_whole_number_is_a_400_naming_it(
    client, street_staff, path, parameter, value
):
    client.force_login(street_staff)

    response = client.get(path, {parameter: value})

    assert response.status_code == 400
    assert parameter in response.json()
