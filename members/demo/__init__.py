"""Demo and benchmark data of the members app, built street by street by ``seed_demo``:
the roll (``roll``), the development pipeline (``development``), a year of dues (``dues``)
and of training (``training``).

Everything is drawn from ``random.Random`` seeded with the street's code, so the same street
always gets the same people. Because a street has about 1,500 members and tens of thousands
of dues and training rows, the rows go in with ``bulk_create``: that bypasses ``save()``
(the derived ``name_initials`` and ``id_last4`` are set here instead) and the
django-simple-history signals, so seeded rows have no history entry, which is acceptable
for demo data. Each step decides per street whether to run: a street that already has
members (development records, dues, courses) is left alone, so running the seeding again
writes nothing, and running it on a database seeded before members existed adds them."""

from members.demo.base import DEFAULT_SIZE, Roll
from members.demo.development import build_development
from members.demo.dues import build_dues
from members.demo.roll import build_roll
from members.demo.training import build_training

__all__ = [
    "DEFAULT_SIZE",
    "Roll",
    "build_development",
    "build_dues",
    "build_roll",
    "build_training",
]
