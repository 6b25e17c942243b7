"""The street's own actions on a scheme's pages: asking for the computation, the progress the
ranking page polls, and the publish page naming the unfinished sheets before it publishes."""

import pytest
from django.urls import reverse

from assessment.models import ComputingState, Scheme, SchemeState, Score
from assessment.tests.support.pages import TODAY, ranked_scheme


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def ranked(world, fake_metric, street_staff):
    return ranked_scheme(world, street_staff)


@pytest.fixture
def sent(monkeypatch):
    """The computations sent to the broker (by task name and arguments)."""
    sent = []
    monkeypatch.setattr(
        "assessment.services.computing.signature",
        lambda name, args: type("S", (), {"delay": lambda self: sent.append((name, args))})(),
    )
    return sent


def test_the_ranking_shows_the_street_its_computation_and_actions(client, ranked, street_staff):
    scheme = ranked[0]
    client.force_login(street_staff)
    body = client.get(reverse("assessment:ranking", args=[scheme.pk])).content.decode()
    assert 'data-testid="computing"' in body
    assert reverse("assessment:compute", args=[scheme.pk]) in body
    assert reverse("assessment:publish", args=[scheme.pk]) in body


def test_a_branch_reads_the_ranking_without_the_street_s_actions(client, ranked, secretary_a):
    scheme = ranked[0]
    client.force_login(secretary_a)
    body = client.get(reverse("assessment:ranking", args=[scheme.pk])).content.decode()
    assert 'data-testid="computing"' not in body
    assert client.post(reverse("assessment:compute", args=[scheme.pk])).status_code == 403
    assert client.get(reverse("assessment:publish", args=[scheme.pk])).status_code == 403
    assert client.post(reverse("assessment:publish", args=[scheme.pk])).status_code == 403
    assert Scheme.objects.get(pk=scheme.pk).state == SchemeState.OPEN


def test_another_street_finds_none_of_the_actions(client, ranked, other_street_staff):
    scheme = ranked[0]
    client.force_login(other_street_staff)
    for name in ("compute", "progress", "publish"):
        assert client.post(reverse(f"assessment:{name}", args=[scheme.pk])).status_code == 404


def test_computing_is_queued_and_the_progress_says_so(
    client, ranked, street_staff, sent, django_capture_on_commit_callbacks
):
    scheme = ranked[0]
    client.force_login(street_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessment:compute", args=[scheme.pk]))
    assert response.status_code == 302
    assert sent == [("assessment.scheme_results_compute", (scheme.pk,))]
    progress = client.get(reverse("assessment:progress", args=[scheme.pk])).json()
    assert progress["state"] == ComputingState.QUEUED and progress["running"] is True
    body = client.get(reverse("assessment:ranking", args=[scheme.pk])).content.decode()
    assert 'data-running="1"' in body
    assert 'data-testid="compute" disabled' in body


def test_a_second_request_while_queued_is_refused_with_a_message(
    client, ranked, street_staff, sent, english
):
    scheme = ranked[0]
    Scheme.objects.filter(pk=scheme.pk).update(computing_state=ComputingState.QUEUED)
    client.force_login(street_staff)
    response = client.post(reverse("assessment:compute", args=[scheme.pk]), follow=True)
    assert "already being computed" in response.content.decode()
    assert sent == []


def test_the_progress_counts_the_steps(client, ranked, street_staff):
    scheme = ranked[0]
    Scheme.objects.filter(pk=scheme.pk).update(
        computing_state=ComputingState.RUNNING, computing_done=1, computing_total=4
    )
    client.force_login(street_staff)
    progress = client.get(reverse("assessment:progress", args=[scheme.pk])).json()
    assert (progress["done"], progress["total"], progress["percent"]) == (1, 4, 25)
    assert progress["computed_at"] == scheme.computed_at.isoformat()


def test_a_branch_reads_the_progress_of_its_street_s_scheme(client, ranked, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("assessment:progress", args=[ranked[0].pk]))
    assert response.status_code == 200 and response.json()["running"] is False


def test_the_publish_page_names_the_unfinished_sheets(client, ranked, street_staff, world):
    scheme, _, reviewed = ranked
    Score.objects.filter(indicator=reviewed, organization=world.branch_c).delete()
    client.force_login(street_staff)
    body = client.get(reverse("assessment:publish", args=[scheme.pk])).content.decode()
    assert body.count('data-testid="unfinished-sheet"') == 1
    assert "C支部" in body and reviewed.name in body


def test_publishing_with_sheets_unfinished_needs_the_confirmation(
    client, ranked, street_staff, world
):
    scheme, _, reviewed = ranked
    Score.objects.filter(indicator=reviewed, organization=world.branch_c).delete()
    client.force_login(street_staff)
    url = reverse("assessment:publish", args=[scheme.pk])
    refused = client.post(url)
    assert refused.status_code == 200
    assert 'data-testid="confirm-error"' in refused.content.decode()
    assert Scheme.objects.get(pk=scheme.pk).state == SchemeState.OPEN
    published = client.post(url, {"confirm": "on"})
    assert published.status_code == 302
    assert Scheme.objects.get(pk=scheme.pk).state == SchemeState.PUBLISHED


def test_a_complete_scheme_is_published_without_confirmation(client, ranked, street_staff):
    scheme = ranked[0]
    client.force_login(street_staff)
    body = client.get(reverse("assessment:publish", args=[scheme.pk])).content.decode()
    assert 'data-testid="all-scored"' in body
    response = client.post(reverse("assessment:publish", args=[scheme.pk]))
    assert response.status_code == 302
    assert Scheme.objects.get(pk=scheme.pk).published_at is not None


def test_publishing_twice_says_why(client, ranked, street_staff):
    scheme = ranked[0]
    client.force_login(street_staff)
    client.post(reverse("assessment:publish", args=[scheme.pk]))
    again = client.post(reverse("assessment:publish", args=[scheme.pk]))
    assert again.status_code == 200
    assert 'data-testid="form-errors"' in again.content.decode()
