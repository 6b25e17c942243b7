"""Photos and PDFs of an activity: checking uploads, storing them, adding and deleting.

Attachments are stored last: if storing fails, the files already stored are removed and
nothing is saved. Photos are stored without their metadata (EXIF, with the place where they
were taken): see activities.attachments.without_metadata."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from activities import attachments as checks
from activities.models import Activity, Attachment, AttachmentKind
from activities.services.activities.locking import lock_for_change
from members.errors import RuleError


def check_uploads(uploads: list, existing: int, errors: dict) -> list[tuple]:
    """``[(file, kind, content_type)]``, or the messages of every refused file in ``errors``."""
    checked, messages = [], []
    if uploads:
        try:
            checks.check_count(existing, len(uploads))
        except ValidationError as exc:
            messages += exc.messages
    for upload in uploads:
        try:
            kind, content_type = checks.validate_upload(upload)
        except ValidationError as exc:
            messages += exc.messages
        else:
            checked.append((upload, kind, content_type))
    if messages:
        errors["attachments"] = messages
    return checked


def store_attachments(
    user, activity: Activity, checked: list[tuple], caption: str = ""
) -> list[Attachment]:
    """Store the checked uploads; if one fails, remove the files already stored."""
    stored: list[Attachment] = []
    try:
        for upload, kind, content_type in checked:
            name = checks.safe_file_name(upload.name, fallback=kind)
            content = (
                checks.without_metadata(upload, content_type)
                if kind == AttachmentKind.IMAGE
                else upload
            )
            attachment = Attachment(
                activity=activity,
                kind=kind,
                content_type=content_type,
                original_name=name,
                size=content.size,
                caption=caption[:150],
                uploaded_by=user,
            )
            content.seek(0)
            attachment.file.save(name, content, save=False)
            stored.append(attachment)
            attachment.save()
    except Exception:
        for attachment in stored:
            default_storage.delete(attachment.file.name)
        raise
    return stored


@transaction.atomic
def attachments_add(
    *, user, activity: Activity, files: Iterable, caption: str = ""
) -> list[Attachment]:
    """Add photos or PDFs to an activity: every file is checked before any is stored."""
    activity = lock_for_change(user, activity)
    uploads = list(files)
    errors: dict = {}
    if not uploads:
        errors["attachments"] = [_("Choose a photo or PDF to add.")]
    checked = check_uploads(uploads, activity.attachments.count(), errors)
    if errors:
        raise RuleError(errors)
    return store_attachments(user, activity, checked, caption)


def attachment_add(*, user, activity: Activity, uploaded_file, caption: str = "") -> Attachment:
    [attachment] = attachments_add(
        user=user, activity=activity, files=[uploaded_file], caption=caption
    )
    return attachment


@transaction.atomic
def attachment_delete(*, user, attachment: Attachment) -> None:
    activity = lock_for_change(user, attachment.activity)
    name = attachment.file.name
    deleted, _rows = Attachment.objects.filter(pk=attachment.pk, activity=activity).delete()
    if not deleted:
        raise PermissionDenied
    transaction.on_commit(lambda: default_storage.delete(name))
