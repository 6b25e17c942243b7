import pytest
import time_machine

from dashboards.tests import test_seed_demo as t

pytestmark = pytest.mark.django_db

DATES = ["2027-01-01 09:00 +08:00", "2028-02-29 10:00 +08:00", "2027-03-31 10:00 +08:00", "2027-12-31 20:00 +08:00", "2027-06-01 08:00 +08:00"]


@pytest.mark.parametrize("when", DATES)
@pytest.mark.parametrize(
    "test",
    [
        t.test_every_development_stage_is_present_with_dates_that_need_attention,
        t.test_a_year_of_dues_with_some_arrears_reaching_six_months,
        t.test_training_by_level_leaves_some_members_and_cadres_short,
        t.test_second_run_changes_nothing,
    ],
)
def test_at(when, test):
    with time_machine.travel(when, tick=False):
        test()
