"""The posts people hold in the organizations: who, which role, from when to when."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from organizations import rules
from organizations.membership import roll_size_of
from organizations.models.tree import Organization, OrgKind
from policies.registry import values


class Role(models.TextChoices):
    SECRETARY = "secretary", pgettext_lazy("post role", "secretary")
    DEPUTY_SECRETARY = "deputy_secretary", pgettext_lazy("post role", "deputy secretary")
    ORGANIZATION_MEMBER = (
        "organization_member",
        pgettext_lazy("post role", "organization committee member"),
    )
    PROPAGANDA_MEMBER = (
        "propaganda_member",
        pgettext_lazy("post role", "propaganda committee member"),
    )
    DISCIPLINE_MEMBER = (
        "discipline_member",
        pgettext_lazy("post role", "discipline inspection member"),
    )
    COMMITTEE_MEMBER = "committee_member", pgettext_lazy("post role", "committee member")
    GROUP_LEADER = "group_leader", pgettext_lazy("post role", "party group leader")
    STAFF = "staff", pgettext_lazy("post role", "staff")


# posts a branch under the committee threshold may have: it elects no committee
POSTS_WITHOUT_COMMITTEE = frozenset({Role.SECRETARY, Role.DEPUTY_SECRETARY})

ROLES_BY_KIND: dict[str, set[str]] = {
    OrgKind.STREET_COMMITTEE: set(Role.values) - {Role.GROUP_LEADER},
    OrgKind.COMMUNITY_COMMITTEE: set(Role.values) - {Role.GROUP_LEADER},
    OrgKind.GENERAL_BRANCH: set(Role.values) - {Role.GROUP_LEADER, Role.STAFF},
    OrgKind.BRANCH: set(Role.values) - {Role.GROUP_LEADER, Role.STAFF},
    OrgKind.PARTY_GROUP: {Role.GROUP_LEADER},
}


# Posts that are seats of the elected committee (a party group leader and staff are not).
COMMITTEE_ROLES = frozenset(Role.values) - {Role.GROUP_LEADER, Role.STAFF}


class PostQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on)
        )

    def by_rank(self):
        """Secretary, deputy, then the committee members in the order of Role, each by start."""
        rank = Case(
            *(When(role=role, then=Value(i)) for i, role in enumerate(Role.values)),
            default=Value(len(Role.values)),
        )
        return self.order_by(rank, "started_on", "pk")


class Post(models.Model):
    """Who holds which post in which organization, from when to when. Posts are also
    what gives a user access: an active post opens its organization and everything below."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="posts", verbose_name=_("organization")
    )
    role = models.CharField(_("post"), max_length=30, choices=Role.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["organization__path", "role", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="post_ends_after_start",
                violation_error_message=_("A post cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(role="secretary", ended_on__isnull=True),
                name="one_open_secretary_per_organization",
                violation_error_message=_(
                    "This organization already has a secretary in office; end that post first."
                ),
            ),
            models.UniqueConstraint(
                fields=["organization", "user", "role"],
                condition=Q(ended_on__isnull=True),
                name="one_open_post_per_person_role_and_organization",
                violation_error_message=_("This person already holds this post here."),
            ),
        ]
        indexes = [models.Index(fields=["user", "ended_on"], name="post_user_ended_on")]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_role_display()} {self.user}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)

    def _is_new_appointment(self) -> bool:
        if self.ended_on is not None and self.ended_on < timezone.localdate():
            return False  # a post of the past: the branch may have been larger then
        if self._state.adding or self.pk is None:
            return True
        stored = Post.objects.filter(pk=self.pk).values("role", "organization_id").first()
        return stored != {"role": self.role, "organization_id": self.organization_id}

    def _committee_refusal(self) -> str | None:
        """Under BRANCH_COMMITTEE_THRESHOLD full members a branch has a secretary and maybe a
        deputy, but no committee (branch work regulations, 2018)."""
        if self.organization.kind != OrgKind.BRANCH or self.role in POSTS_WITHOUT_COMMITTEE:
            return None
        if not self._is_new_appointment():
            return None
        size = roll_size_of(self.organization_id)
        if size is None or size.on_roll == 0:
            # no roll entered yet (posts are often set up before the roll is imported): the
            # size is unknown, and the branch is flagged as too small until the roll is in
            return None
        threshold = values(rules.BRANCH_COMMITTEE_THRESHOLD)[rules.BRANCH_COMMITTEE_THRESHOLD.key]
        if size.full >= threshold:
            return None
        count = size.full
        return _(
            "A branch with fewer than %(threshold)s full members elects no committee: "
            "%(organization)s has %(count)s, so only a secretary and a deputy secretary may "
            "be appointed, not a %(role)s."
        ) % {
            "threshold": threshold,
            "organization": self.organization.name,
            "count": count,
            "role": self.get_role_display(),
        }

    def clean(self) -> None:
        errors = {}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("A post cannot end before it starts.")
        if self.organization_id and self.role:
            allowed = ROLES_BY_KIND.get(self.organization.kind, set())
            if self.role not in allowed:
                errors["role"] = _("A %(kind)s has no post of %(role)s.") % {
                    "kind": self.organization.get_kind_display(),
                    "role": self.get_role_display(),
                }
            else:
                refusal = self._committee_refusal()
                if refusal:
                    errors["role"] = refusal
        if errors:
            raise ValidationError(errors)
