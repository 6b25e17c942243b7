"""Which branches of a street meet the criteria of a weak and lax organization on a review
date, with the figures behind each reason: a dozen aggregate queries for the whole street,
whatever the number of its branches.

The criteria (assessment.models.WeakCriteria, each on or off, the figures admin-editable):
- ``no_secretary``: no secretary in office on the review date, and none for at least N months
  (since the day after the last secretary's post ended, or since the branch was established;
  "no secretary on record" when neither is known);
- ``meetings_missing``: in each of the last N quarters ended before the review date, the
  branch's required meetings of the quarter (its months' and the quarter's own) were all
  missing, none held or exempt;
- ``few_full_members``: fewer than N full members on the roll on the review date (branches);
- ``last_in_community``: last in its community committee's organizations in each of the last N
  years' published yearly assessment results of the street (a community with one ranked
  organization has no last)."""

import datetime
from collections import defaultdict

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from activities.models import Frequency
from activities.periods import Period, period_of, periods_of_year
from activities.selectors.compliance import EXEMPT, HELD, evaluate, required_types
from assessment.models import PeriodKind, Result, Scheme, SchemeLevel, SchemeState, WeakCriteria
from assessment.models.weak import FLAGGED_KINDS
from members.models import Member
from organizations import scoping
from organizations.models import Organization, OrgKind, Post
from organizations.models.posts import Role
from policies.calendar import add_months

NO_SECRETARY = "no_secretary"
MEETINGS_MISSING = "meetings_missing"
FEW_FULL_MEMBERS = "few_full_members"
LAST_IN_COMMUNITY = "last_in_community"


def criteria_of(street: Organization) -> WeakCriteria:
    """The street's criteria, or the defaults (unsaved) when its admins set none."""
    return WeakCriteria.objects.filter(organization=street).first() or WeakCriteria(
        organization=street
    )


def _branches(street: Organization, on: datetime.date) -> tuple[list[Organization], dict]:
    """The branches and general branches of the street in office on ``on``, and the names of
    its community committees by id."""
    rows = list(
        Organization.objects.filter(scoping.under_q(street, field=None))
        .filter(kind__in=[*FLAGGED_KINDS, OrgKind.COMMUNITY_COMMITTEE])
        .only("pk", "path", "kind", "name", "established_on", "dissolved_on")
        .order_by("path")
    )
    communities = {o.pk: o.name for o in rows if o.kind == OrgKind.COMMUNITY_COMMITTEE}
    branches = [
        o
        for o in rows
        if o.kind in FLAGGED_KINDS
        and (o.established_on is None or o.established_on <= on)
        and (o.dissolved_on is None or o.dissolved_on > on)
    ]
    return branches, communities


def _no_secretary(branches, on, months) -> dict[int, dict]:
    rows = (
        Post.objects.filter(
            organization_id__in=[b.pk for b in branches], role=Role.SECRETARY, started_on__lte=on
        )
        .values("organization_id")
        .annotate(
            in_office=Count("pk", filter=Q(ended_on__isnull=True) | Q(ended_on__gte=on)),
            last_end=Max("ended_on"),
        )
        .order_by()
        .values_list("organization_id", "in_office", "last_end")
    )
    posts = {pk: (in_office, last_end) for pk, in_office, last_end in rows}
    found = {}
    for branch in branches:
        in_office, last_end = posts.get(branch.pk, (0, None))
        if in_office:
            continue
        since = last_end + datetime.timedelta(days=1) if last_end else branch.established_on
        if since is None or add_months(since, months) <= on:
            found[branch.pk] = {
                "code": NO_SECRETARY,
                "since": since.isoformat() if since else None,
                "months": months,
            }
    return found


def _quarters_before(on: datetime.date, count: int) -> list[Period]:
    """The last ``count`` quarters ended before ``on``, the latest first."""
    quarters, day = [], on
    while len(quarters) < count:
        quarter = period_of(day, Frequency.QUARTER)
        if quarter.end < on:
            quarters.append(quarter)
        day = quarter.start - datetime.timedelta(days=1)
    return quarters


def _meetings_missing(branches, on, count) -> dict[int, dict]:
    quarters = _quarters_before(on, count)
    type_periods = [
        (t, p)
        for t in required_types()
        if t.frequency in (Frequency.MONTH, Frequency.QUARTER)
        for q in quarters
        for p in periods_of_year(q.start.year, t.frequency)
        if p.start >= q.start and p.end <= q.end
    ]
    if not type_periods:
        return {}
    rows = evaluate(
        Organization.objects.filter(pk__in=[b.pk for b in branches]), type_periods, today=on
    )
    found = {}
    for org, cells in rows:
        figures = []
        for quarter in quarters:
            inside = [c for c in cells if quarter.start <= c.period.start <= quarter.end]
            done = sum(1 for c in inside if c.state in (HELD, EXEMPT))
            if not inside or done:
                break
            figures.append(
                {"quarter": quarter.key, "missing": len(inside), "required": len(inside)}
            )
        if len(figures) == len(quarters):
            found[org.pk] = {"code": MEETINGS_MISSING, "quarters": figures}
    return found


def _few_full_members(branches, on, minimum) -> dict[int, dict]:
    ids = [b.pk for b in branches if b.kind == OrgKind.BRANCH]
    full = dict(
        Member.objects.filter(organization_id__in=ids, full_member_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .values("organization_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("organization_id", "n")
    )
    return {
        pk: {"code": FEW_FULL_MEMBERS, "full": full.get(pk, 0), "minimum": minimum}
        for pk in ids
        if full.get(pk, 0) < minimum
    }


def _community_of(path: str, communities: dict) -> int | None:
    return next((pk for pk in reversed(scoping.ids_on_path(path)) if pk in communities), None)


def _last_in_community(street, branches, communities, on, years) -> dict[int, dict]:
    schemes = dict(
        Scheme.objects.filter(
            organization=street,
            state=SchemeState.PUBLISHED,
            period_kind=PeriodKind.YEAR,
            level__in=[SchemeLevel.BRANCH, SchemeLevel.GENERAL_BRANCH],
            ends_on__lt=on,
        ).values_list("pk", "ends_on")
    )
    last_years = sorted({ends.year for ends in schemes.values()}, reverse=True)[:years]
    if len(last_years) < years:
        return {}
    rows = Result.objects.filter(
        scheme_id__in=[pk for pk, ends in schemes.items() if ends.year in last_years]
    ).values_list("scheme_id", "organization_id", "organization__path", "rank")
    groups = defaultdict(list)  # (scheme, community) -> [(rank, organization)]
    for scheme_id, org_id, path, rank in rows:
        community = _community_of(path, communities)
        if community is not None:
            groups[(scheme_id, community)].append((rank, org_id))
    last = defaultdict(set)  # organization -> years it was last in its community
    for (scheme_id, _community), ranked in groups.items():
        if len(ranked) > 1:
            lowest = max(rank for rank, _org in ranked)
            for rank, org_id in ranked:
                if rank == lowest:
                    last[org_id].add(schemes[scheme_id].year)
    found = {}
    for branch in branches:
        if set(last_years) <= last[branch.pk]:
            community = _community_of(branch.path, communities)
            found[branch.pk] = {
                "code": LAST_IN_COMMUNITY,
                "years": last_years,
                "community": communities.get(community, ""),
            }
    return found


def weak_candidates(street: Organization, on: datetime.date) -> dict[int, list[dict]]:
    """``{organization id: [reason, ...]}`` for the street's branches meeting a criterion
    switched on, in the order of the criteria."""
    criteria = criteria_of(street)
    branches, communities = _branches(street, on)
    if not branches:
        return {}
    found: list[dict[int, dict]] = []
    if criteria.check_secretary:
        found.append(_no_secretary(branches, on, criteria.months_without_secretary))
    if criteria.check_meetings:
        found.append(_meetings_missing(branches, on, criteria.quarters_of_missing_meetings))
    if criteria.check_members:
        found.append(_few_full_members(branches, on, criteria.min_full_members))
    if criteria.check_results:
        found.append(
            _last_in_community(street, branches, communities, on, criteria.years_last_in_community)
        )
    candidates = {}
    for branch in branches:
        reasons = [by_branch[branch.pk] for by_branch in found if branch.pk in by_branch]
        if reasons:
            candidates[branch.pk] = reasons
    return candidates


def reason_text(reason: dict) -> str:
    """A reason as a sentence in the reader's language."""
    code = reason.get("code")
    if code == NO_SECRETARY:
        if not reason.get("since"):
            return _("No secretary on record.")
        return _("No secretary since %(since)s (%(months)s months or more).") % reason
    if code == MEETINGS_MISSING:
        return " ".join(
            _("%(quarter)s: %(missing)s of %(required)s required meetings missing.") % quarter
            for quarter in reason.get("quarters", [])
        )
    if code == FEW_FULL_MEMBERS:
        return _("%(full)s full members on the roll (fewer than %(minimum)s).") % reason
    if code == LAST_IN_COMMUNITY:
        return _("Last in %(community)s in the assessment results of %(years)s.") % {
            "community": reason.get("community", ""),
            "years": ", ".join(str(year) for year in reason.get("years", [])),
        }
    return str(code)
