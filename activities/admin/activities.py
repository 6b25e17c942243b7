"""Activity types (reference data: superusers only), and activities with their attendance
and attachments, scoped like the pages. Activities are recorded on the activity pages
(activities.services.activities); here they can be corrected, with the same rules: members
outside the organization are refused, and an activity whose report is submitted or approved
is read-only. Attachments are read-only here: they are added and removed on the pages, which
check their content."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from activities.models import (
    Activity,
    ActivityType,
    Attachment,
    Attendance,
    AttendanceStatus,
)
from activities.roll import may_attend
from activities.selectors.activities import (
    recorded_member_ids,
    visible_activities_for,
    visible_attachments_for,
)
from activities.selectors.cobuilding import projects_in_visible_communities
from activities.selectors.reports import activity_locked_by_report
from organizations import scoping
from organizations.admin.scoping import ScopedInlineMixin, ScopedModelAdmin
from organizations.models import OrgKind

# Activity types


class ActivityTypeAdminForm(forms.ModelForm):
    applies_to = forms.MultipleChoiceField(
        label=_("held by"),
        choices=OrgKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kinds of organization that hold it (and must, if it has a frequency)."),
    )

    class Meta:
        model = ActivityType
        fields = [
            "code",
            "name",
            "category",
            "frequency",
            "applies_to",
            "requires_committee",
            "remind_from_day",
            "secretary_yearly",
            "has_speaker",
            "is_service",
            "order",
            "active",
        ]


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    form = ActivityTypeAdminForm
    list_display = (
        "label",
        "code",
        "category",
        "frequency",
        "held_by",
        "has_speaker",
        "is_service",
        "active",
        "order",
    )
    list_filter = ("category", "frequency", "active")
    search_fields = ("name", "code")
    ordering = ("order", "code")

    @admin.display(description=_("name"), ordering="name")
    def label(self, obj) -> str:
        return str(obj.label)

    @admin.display(description=_("held by"))
    def held_by(self, obj) -> str:
        labels = dict(OrgKind.choices)
        separator = pgettext("list separator", ", ")
        return separator.join(str(labels.get(kind, kind)) for kind in obj.applies_to or [])

    def get_readonly_fields(self, request, obj=None):
        # codes are used by the reminder rules and the demo: fixed once a type exists
        return ("code",) if obj is not None else ()

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# Activities


def _reported(activity: Activity | None) -> bool:
    return activity is not None and activity.pk is not None and activity_locked_by_report(activity)


class AttendanceFormSet(BaseInlineFormSet):
    """The rules of activities.services.activities for rows typed in the admin."""

    def clean(self):
        super().clean()
        activity = self.instance
        if not activity.organization_id or not activity.activity_type_id:
            return
        kept = recorded_member_ids(activity)
        rows = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        members = {row["member"].pk for row in rows if row.get("member")}
        allowed = set(
            may_attend(activity.organization).filter(pk__in=members).values_list("pk", flat=True)
        ) | (members & kept)
        errors = []
        for row in rows:
            member = row.get("member")
            if member is not None and member.pk not in allowed:
                errors.append(
                    _("%(name)s is not a member of %(org)s.")
                    % {"name": member.name, "org": activity.organization.name}
                )
            if row.get("hours") is not None:
                if not activity.activity_type.is_service:
                    errors.append(_("Service hours are recorded for service activities only."))
                elif row.get("status") != AttendanceStatus.PRESENT:
                    errors.append(_("Only a member who was present has service hours."))
        if errors:
            raise ValidationError(errors)


class AttendanceInline(ScopedInlineMixin, admin.TabularInline):
    model = Attendance
    formset = AttendanceFormSet
    extra = 0
    fields = ("member", "status", "hours", "note")
    autocomplete_fields = ("member",)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "original_name",
        "kind",
        "size",
        "caption",
        "uploaded_by",
        "uploaded_at",
    )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(ScopedModelAdmin):
    view_scope = staticmethod(visible_activities_for)
    manage_scope = staticmethod(lambda user, qs: scoping.scoped_for_manage(user, qs))
    list_display = ("held_on", "topic", "activity_type", "organization", "status")
    list_filter = ("status", "activity_type", "form")
    search_fields = ("topic", "place", "organization__name")
    list_select_related = ("organization", "activity_type")
    date_hierarchy = "held_on"
    autocomplete_fields = ("organization", "speaker")
    readonly_fields = ("recorded_by", "created_at", "updated_at")
    inlines = [AttendanceInline, AttachmentInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _reported(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _reported(obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not request.user.is_superuser:
            kwargs["queryset"] = projects_in_visible_communities(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.recorded_by_id is None:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Attachment)
class AttachmentAdmin(ScopedModelAdmin):
    view_scope = staticmethod(visible_attachments_for)
    list_display = ("original_name", "activity", "kind", "size", "uploaded_by", "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("original_name", "caption", "activity__topic")
    list_select_related = ("activity", "uploaded_by")
    fields = readonly_fields = (
        "activity",
        "original_name",
        "kind",
        "content_type",
        "size",
        "caption",
        "uploaded_by",
        "uploaded_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
