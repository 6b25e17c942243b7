"""The access log's receivers: logins and logouts (Django's auth signals, sent for axes'
refusals too), and the Django admin's actions (its LogEntry rows)."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import User
from organizations.models import AccessKind
from organizations.services import access_event_record

ADMIN_ACTIONS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


@receiver(user_logged_in, dispatch_uid="access_log_login")
def _logged_in(sender, request, user, **kwargs):
    access_event_record(kind=AccessKind.LOGIN, user=user, request=request, user_street=True)


@receiver(user_logged_out, dispatch_uid="access_log_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        access_event_record(kind=AccessKind.LOGOUT, user=user, request=request, user_street=True)


@receiver(user_login_failed, dispatch_uid="access_log_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str((credentials or {}).get(User.USERNAME_FIELD) or "")[:150]
    known = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    access_event_record(
        kind=AccessKind.LOGIN_FAILED,
        user=known,
        username=username,
        request=request,
        user_street=True,
    )


@receiver(post_save, sender=LogEntry, dispatch_uid="access_log_admin_action")
def _admin_action(sender, instance: LogEntry, created: bool, **kwargs):
    if not created:
        return
    model = instance.content_type.model if instance.content_type_id else ""
    action = ADMIN_ACTIONS.get(instance.action_flag, str(instance.action_flag))
    access_event_record(
        kind=AccessKind.ADMIN,
        user=instance.user,
        what=f"{action} {model} #{instance.object_id}: {instance.object_repr}",
        user_street=True,
    )
