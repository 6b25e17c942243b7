"""The assessment admin: street staff set up schemes with the services' checks, a secretary
reads only their own organization's scores and results (a 404 for another branch's, history
pages included), and a published scheme is read-only."""

import pytest
from django.urls import reverse

from assessment.models import Indicator, Result, Scheme, SchemeState, Score
from assessment.services.results import results_compute
from assessment.tests.support.schemes import give_score, standard_scheme


@pytest.fixture
def scheme(world, fake_metric, street_staff):
    scheme, computed, reviewed = standard_scheme(world.street_committee1, reviewer=street_staff)
    for org in (world.branch_a, world.branch_b):
        give_score(scheme, org, reviewed, 30, reason=f"{org.name}理由")
    results_compute(scheme=scheme)
    return scheme


def _url(model, action, *args):
    return reverse(f"admin:assessment_{model}_{action}", args=args)


def test_street_staff_open_their_scheme_with_its_inlines(client, scheme, street_staff):
    client.force_login(street_staff)
    response = client.get(_url("scheme", "change", scheme.pk))
    assert response.status_code == 200
    assert "三会一课" in response.content.decode()


def test_a_secretary_lists_only_their_own_results_and_scores(client, scheme, secretary_a):
    client.force_login(secretary_a)
    for model in ("result", "score"):
        html = client.get(_url(model, "changelist")).content.decode()
        assert "A支部" in html and "B支部" not in html, model


@pytest.mark.parametrize("action", ["change", "history"])
@pytest.mark.parametrize("model", ["result", "score"])
def test_another_branch_s_result_or_score_is_a_404(
    client, scheme, world, secretary_a, model, action
):
    record = {"result": Result, "score": Score}[model].objects.get(organization=world.branch_b)
    client.force_login(secretary_a)
    assert client.get(_url(model, action, record.pk)).status_code == 404


def test_a_secretary_reads_the_street_s_scheme_but_may_not_change_it(client, scheme, secretary_a):
    client.force_login(secretary_a)
    url = _url("scheme", "change", scheme.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "改名"})
    assert response.status_code == 403
    assert Scheme.objects.get().name == scheme.name


def test_another_street_s_scheme_is_a_404(client, scheme, other_street_staff):
    client.force_login(other_street_staff)
    assert client.get(_url("scheme", "change", scheme.pk)).status_code == 404
    assert client.get(_url("scheme", "history", scheme.pk)).status_code == 404


def _scheme_form(scheme, weights) -> dict:
    indicators = list(Indicator.objects.filter(scheme=scheme).order_by("pk"))
    data = {
        "name": scheme.name,
        "organization": scheme.organization_id,
        "level": scheme.level,
        "period_kind": scheme.period_kind,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "scoring_deadline": "2027-01-15",
    }
    for prefix, rows in (
        ("categories", scheme.categories.all()),
        ("grade_bands", scheme.grade_bands.all()),
    ):
        rows = list(rows)
        data |= {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)}
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-scheme"] = scheme.pk
            data[f"{prefix}-{i}-name"] = row.name
            data[f"{prefix}-{i}-order"] = row.order
            if prefix == "grade_bands":
                data[f"{prefix}-{i}-min_total"] = row.min_total
                data[f"{prefix}-{i}-incentive"] = row.incentive
    data |= {"indicators-TOTAL_FORMS": len(indicators), "indicators-INITIAL_FORMS": len(indicators)}
    for i, (indicator, weight) in enumerate(zip(indicators, weights, strict=True)):
        data |= {
            f"indicators-{i}-id": indicator.pk,
            f"indicators-{i}-scheme": scheme.pk,
            f"indicators-{i}-category": indicator.category_id,
            f"indicators-{i}-order": indicator.order,
            f"indicators-{i}-name": indicator.name,
            f"indicators-{i}-kind": indicator.kind,
            f"indicators-{i}-metric": indicator.metric,
            f"indicators-{i}-weight": weight,
            f"indicators-{i}-max_score": weight,
            f"indicators-{i}-target": "1",
        }
    return data


def test_the_admin_refuses_weights_not_adding_up_to_100_and_saves_nothing(
    client, scheme, street_staff, english
):
    client.force_login(street_staff)
    response = client.post(_url("scheme", "change", scheme.pk), _scheme_form(scheme, [60, 35]))
    assert response.status_code == 200
    assert "The weights of the indicators add up to 95.00, not 100." in response.content.decode()
    assert sorted(Indicator.objects.values_list("weight", flat=True)) == [40, 60]


def test_the_admin_saves_weights_adding_up_to_100(client, scheme, street_staff):
    client.force_login(street_staff)
    response = client.post(_url("scheme", "change", scheme.pk), _scheme_form(scheme, [70, 30]))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert sorted(Indicator.objects.values_list("weight", flat=True)) == [30, 70]


def test_a_published_scheme_is_read_only(client, scheme, street_staff):
    Scheme.objects.filter(pk=scheme.pk).update(state=SchemeState.PUBLISHED)
    client.force_login(street_staff)
    response = client.post(_url("scheme", "change", scheme.pk), _scheme_form(scheme, [70, 30]))
    assert response.status_code == 403


def _new_scheme_form(organization) -> dict:
    data = {
        "name": "2027年度党支部考核",
        "organization": organization.pk,
        "level": "branch",
        "period_kind": "year",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "scoring_deadline": "2028-01-15",
    }
    for prefix in ("categories", "indicators", "grade_bands"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data


def test_street_staff_add_a_scheme_which_gets_the_default_grades(client, world, street_staff):
    client.force_login(street_staff)
    response = client.post(_url("scheme", "add"), _new_scheme_form(world.street_committee1))
    assert response.status_code == 302
    scheme = Scheme.objects.get()
    assert list(scheme.grade_bands.values_list("name", "min_total")) == [
        ("优秀", 90),
        ("良好", 80),
        ("一般", 60),
        ("较差", 0),
    ]


def test_a_scheme_belongs_to_a_street_the_user_manages(client, world, street_staff):
    client.force_login(street_staff)
    response = client.post(_url("scheme", "add"), _new_scheme_form(world.street_committee2))
    assert response.status_code == 200
    assert not Scheme.objects.exists()


def test_a_secretary_may_not_add_a_scheme(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(_url("scheme", "add"), _new_scheme_form(world.branch_a))
    assert response.status_code == 403
    assert not Scheme.objects.exists()


def test_the_admin_refuses_grade_thresholds_out_of_order(client, scheme, street_staff, english):
    data = _scheme_form(scheme, [60, 40])
    data["grade_bands-1-min_total"] = "95"  # 良好 above 优秀
    client.force_login(street_staff)
    response = client.post(_url("scheme", "change", scheme.pk), data)
    assert response.status_code == 200
    assert "Grade thresholds must go down in order" in response.content.decode()
    assert scheme.grade_bands.get(name="良好").min_total == 80


def test_the_copy_action_copies_a_scheme_to_the_next_period(client, scheme, street_staff):
    client.force_login(street_staff)
    response = client.post(
        _url("scheme", "changelist"),
        {"action": "copy_to_next_period", "_selected_action": [scheme.pk]},
    )
    assert response.status_code == 302
    copy = Scheme.objects.get(copied_from=scheme)
    assert (copy.name, copy.indicators.count()) == ("2027年度党支部考核", 2)
