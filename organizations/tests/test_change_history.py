"""The changes an object's page lists: who, when, which fields, the latest first, in one query."""

from organizations.selectors import change_history


def _change(obj, user, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


def test_changes_name_who_when_and_which_fields(world, superuser, english):
    organization = world.branch_a
    _change(organization, superuser, name="A支部（新）")
    _change(organization, None, code="X-1", name="A支部")
    latest, renamed, created = change_history(organization)
    assert latest.user is None and set(latest.fields) == {"name", "organization code"}
    assert (renamed.user, renamed.fields, str(renamed.kind)) == (superuser, ("name",), "Changed")
    assert (created.fields, str(created.kind)) == ((), "Created")
    assert latest.at >= renamed.at >= created.at


def test_changes_are_read_in_one_query_and_bounded(
    world, superuser, english, django_assert_num_queries
):
    organization = world.branch_a
    for n in range(15):
        _change(organization, superuser, name=f"A支部{n}")
    with django_assert_num_queries(1):
        changes = change_history(organization)
    assert len(changes) == 10
    assert changes[0].fields == ("name",)
