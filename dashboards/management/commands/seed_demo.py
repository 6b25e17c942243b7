"""``manage.py seed_demo [--scale N] [--if-empty] [--members-per-street N]
[--allow-without-debug]``: demo data for development, demonstrations and the benchmark.

The demo logins share one published password, so the command refuses to run with DEBUG off
(a production server) unless told so with ``--allow-without-debug``.

Street 1 is 城东街道 with the fixed demo logins; streets 2..N are generated alike. Each street
is built by running ``STEPS`` in order on a ``SeedContext``, each step reading what the earlier
ones left on it: seeding more (members, activities…) means adding a step. Every step is
idempotent, so running the command again changes nothing.

The member steps (members/demo/) add about 1,500 members a street with their development
records, a year of dues and of training; ``--scale 67`` makes about 100,000 members. They
write in bulk and skip a street that has its rows already, so running the command on a
database seeded before members existed adds them to every street. About 60 mobile members
and 30 relation transfers a street follow, written through the services (small numbers).
The activities step (activities/demo/) adds a year of activities of every organization, about
3 a branch a month, with attendance, some required meetings missed, co-building lists and
reports in every review state, in bulk. The assessment step (assessment/demo/) adds last
year's published assessment of the branches, this year's open one near its deadline and a
half-year's past its deadline, through the services."""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from activities.demo import seed_activities
from activities.models import (
    Activity,
    Attendance,
    Exemption,
    Need,
    PairingAgreement,
    Project,
    Report,
    ReportEvent,
    Resource,
)
from assessment.demo import seed_assessment
from assessment.models import Result, Scheme, Score
from grid.demo import Territory, build_territory
from grid.models import Building, Community, GridCell, GridWorkerAssignment, Street
from members.demo import (
    DEFAULT_SIZE,
    Roll,
    build_development,
    build_dues,
    build_roll,
    build_training,
)
from members.demo.mobile import build_mobile
from members.demo.people import MAX_STREETS
from members.demo.transfers import build_transfers
from members.models import (
    ActivistReview,
    DevelopmentRecord,
    DuesPayment,
    DuesRecord,
    Member,
    MobileContact,
    MobileMember,
    PermitRenewal,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
    Transfer,
    TransferBatch,
    TransferEvent,
)
from organizations.demo import (
    Tree,
    build_grid_workers,
    build_jurisdiction,
    build_posts,
    build_tree,
    demo_logins_table,
    ensure_demo_logins,
)
from organizations.models import (
    CommitteeTerm,
    MassOrganization,
    Organization,
    Post,
    TwoNewOrganization,
    UnitOrganization,
)
from reminders.services.sweep import run_sweep
from residents.demo import seed_residents


@dataclass
class SeedContext:
    index: int  # 1-based; street 1 is the demo street with the fixed logins
    scale: int
    today: datetime.date
    members_per_street: int = DEFAULT_SIZE
    logins: dict[str, User] = field(default_factory=dict)  # fixed logins, street 1 only
    territory: Territory | None = None
    tree: Tree | None = None
    roll: Roll | None = None

    @property
    def is_demo_street(self) -> bool:
        return self.index == 1


def seed_territory(ctx: SeedContext) -> None:
    ctx.territory = build_territory(ctx.index)


def seed_demo_logins(ctx: SeedContext) -> None:
    if ctx.is_demo_street:
        ctx.logins = ensure_demo_logins()


def seed_organizations(ctx: SeedContext) -> None:
    ctx.tree = build_tree(ctx.territory, ctx.today)


def seed_posts(ctx: SeedContext) -> None:
    build_posts(ctx.tree, ctx.today, ctx.logins)


def seed_grid_workers(ctx: SeedContext) -> None:
    build_grid_workers(ctx.territory, ctx.today, ctx.logins)


def seed_jurisdiction(ctx: SeedContext) -> None:
    build_jurisdiction(ctx.territory, ctx.tree)


def seed_members(ctx: SeedContext) -> None:
    ctx.roll = build_roll(ctx.index, ctx.territory, ctx.tree, ctx.today, ctx.members_per_street)


def seed_development(ctx: SeedContext) -> None:
    if ctx.members_per_street > 0:
        build_development(ctx.roll)


def seed_dues(ctx: SeedContext) -> None:
    if ctx.members_per_street > 0:
        build_dues(ctx.roll)


def seed_training(ctx: SeedContext) -> None:
    if ctx.members_per_street > 0:
        build_training(ctx.roll)


def seed_mobile(ctx: SeedContext) -> None:
    if ctx.members_per_street > 0:
        build_mobile(ctx.roll)


def seed_transfers(ctx: SeedContext) -> None:  # after seed_mobile: it reads the census
    if ctx.members_per_street > 0:
        build_transfers(ctx.roll)


STEPS: list[Callable[[SeedContext], None]] = [
    seed_territory,
    seed_demo_logins,
    seed_organizations,
    seed_posts,
    seed_grid_workers,
    seed_jurisdiction,
    seed_members,
    seed_development,
    seed_dues,
    seed_training,
    seed_mobile,
    seed_transfers,
    seed_activities,  # after the member steps: it reads the roll and the mobile census
    seed_residents,  # after the activities: pairing visits count as volunteer service
    seed_assessment,  # after the activities: its metrics read the records
]

SUMMARY: list[tuple[str, type[models.Model]]] = [
    ("streets", Street),
    ("communities", Community),
    ("grid cells", GridCell),
    ("buildings", Building),
    ("grid worker assignments", GridWorkerAssignment),
    ("party organizations", Organization),
    ("committee terms", CommitteeTerm),
    ("posts", Post),
    ("users", User),
    ("unit party organizations", UnitOrganization),
    ("two-new organizations", TwoNewOrganization),
    ("mass organizations", MassOrganization),
    ("party members", Member),
    ("development records", DevelopmentRecord),
    ("activist reviews", ActivistReview),
    ("dues records", DuesRecord),
    ("dues payments", DuesPayment),
    ("training courses", TrainingCourse),
    ("training sessions", TrainingSession),
    ("training attendance", TrainingAttendance),
    ("mobile members", MobileMember),
    ("permit renewals", PermitRenewal),
    ("mobile member contacts", MobileContact),
    ("relation transfers", Transfer),
    ("transfer steps", TransferEvent),
    ("activities", Activity),
    ("activity attendance", Attendance),
    ("exemptions", Exemption),
    ("reports", Report),
    ("report steps", ReportEvent),
    ("co-building needs", Need),
    ("co-building resources", Resource),
    ("co-building projects", Project),
    ("pairing agreements", PairingAgreement),
    ("group transfers", TransferBatch),
    ("assessment schemes", Scheme),
    ("assessment scores", Score),
    ("assessment results", Result),
]


class Command(BaseCommand):
    help = (
        "Load demo data: streets, grid cells, party organizations, posts, demo logins, and "
        "party members with their development records, dues, training, mobile members and "
        "relation transfers; a year of activities, co-building lists and reports; assessment "
        "schemes with their scores and results."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=int, default=1, help="Number of streets to build (default 1)."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any street exists already."
        )
        parser.add_argument(
            "--members-per-street",
            type=int,
            default=DEFAULT_SIZE,
            help=f"About this many party members in each street that has none yet "
            f"(default {DEFAULT_SIZE}; 0 for none).",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even with DEBUG off: the demo logins and their shared password would "
            "then be on a server that may be reachable.",
        )

    def handle(
        self,
        *args,
        scale: int,
        if_empty: bool,
        members_per_street: int,
        verbosity: int,
        allow_without_debug: bool = False,
        **options,
    ) -> None:
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off: this looks like a production server, where demo logins with a "
                "published password do not belong. Run with DEBUG=1, or pass "
                "--allow-without-debug if demo data is really wanted here."
            )
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        if members_per_street < 0:
            raise CommandError("--members-per-street must not be negative.")
        if members_per_street and scale > MAX_STREETS:  # the ID numbers' sequence codes
            raise CommandError(f"Members can be generated for {MAX_STREETS} streets at most.")
        if if_empty and Street.objects.exists():
            self.stdout.write("Streets exist already: demo data not loaded (--if-empty).")
            return
        started = time.monotonic()
        rows_before = self.row_counts()
        today = timezone.localdate()
        step_seconds = dict.fromkeys((step.__name__ for step in STEPS), 0.0)
        for index in range(1, scale + 1):
            ctx = SeedContext(
                index=index, scale=scale, today=today, members_per_street=members_per_street
            )
            with transaction.atomic():
                for step in STEPS:
                    step_started = time.monotonic()
                    step(ctx)
                    step_seconds[step.__name__] += time.monotonic() - step_started
            if verbosity >= 2:
                self.stdout.write(f"Street {index}: {ctx.territory.street.name}")
        if self.row_counts() != rows_before:
            # The sweep otherwise first runs at 06:00: until then every inbox of a new
            # database would be empty.
            run = run_sweep(today)
            if run is not None:  # else a sweep was running, which does the same
                self.stdout.write(f"Reminder sweep: {run.created_count} reminders created.")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Demo data for {scale} street(s) in place ({elapsed:.1f} s).")
        if verbosity >= 2:  # where the time goes, for tuning the benchmark datasets
            for name, seconds in step_seconds.items():
                self.stdout.write(f"  {name:<20} {seconds:7.1f} s")
        self.write_summary()
        self.write_logins()

    def row_counts(self) -> list[int]:
        return [model._default_manager.count() for _, model in SUMMARY]

    def write_summary(self) -> None:
        width = max(len(label) for label, _ in SUMMARY)
        for label, model in SUMMARY:
            self.stdout.write(f"  {label:<{width}}  {model._default_manager.count():>9}")

    def write_logins(self) -> None:
        self.stdout.write("\nDemo logins:")
        for line in demo_logins_table():
            self.stdout.write(line)
