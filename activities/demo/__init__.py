"""Demo and benchmark data of the activities app, built street by street by ``seed_demo``
(its ``seed_activities`` step, after the member steps): the co-building lists
(``cobuilding``), a year of activities with their attendance and one exemption
(``schedule``, with ``gaps`` and ``rows``), and reports in every state of the review with
their steps (``reports``, with ``summaries``).

Everything is drawn from ``random.Random`` seeded with the street's code and dated from
today, so the same street always gets the same year up to the day of seeding. A street has
about 2,000 activities and 40,000 attendance rows (about 3 activities a branch a month),
so activities, attendance, reports and report steps go in with the plain inserts of
members/demo/bulk.py, with primary keys handed out ahead (``base.Ids``) so that attendance
and steps need no reading back; the co-building lists, a few dozen rows, with
``bulk_create``. Both bypass ``save()`` and the django-simple-history signals: seeded rows
have no history entry, as for the members. Nothing is validated row by row: the tests
``full_clean()`` a sample of every model. No attachments are seeded (no files are written).

A street that has activities already is left alone, so running the seeding again writes
nothing, and running it on a database seeded before activities existed adds them."""

from activities.demo.base import Cast
from activities.demo.cobuilding import build_cobuilding
from activities.demo.reports import build_reports
from activities.demo.schedule import build_activities
from activities.models import Activity, Report

__all__ = ["build_activities", "build_cobuilding", "build_reports", "seed_activities"]


def seed_activities(ctx) -> None:
    """The ``seed_demo`` step (``ctx`` is its SeedContext): the street's co-building lists,
    activities and reports, unless it has activities already. Needs the members: a street
    seeded without members gets its activities when members are added."""
    street = ctx.territory.street
    if ctx.members_per_street <= 0 or Activity.objects.filter(organization__street=street).exists():
        return
    cast = Cast.read(street, ctx.today, ctx.tree)
    cobuilding = build_cobuilding(cast)
    built = build_activities(cast, cobuilding)
    if not Report.objects.filter(organization__street=street).exists():
        build_reports(cast, built.rows)
