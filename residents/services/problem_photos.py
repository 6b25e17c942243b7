"""Photos of a residents' problem, checked by their content as activities' attachments are
(activities.attachments): a real JPEG, PNG or WebP photo within the size limit, written again
without its metadata (a photo taken at a resident's home may carry where it was taken); and
recording a problem with its photos at once, as the recording pages do."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activities import attachments
from policies.registry import value
from residents import rules
from residents.models.problems import Problem, ProblemPhoto
from residents.services.problems import _locked, problem_report

MOST_PHOTOS = 9


@transaction.atomic
def problem_add_photos(user, problem, uploads) -> list[ProblemPhoto]:
    """Add photos to a problem the user may deal with; refuse them all if one is refused."""
    problem = _locked(user, problem)
    uploads = list(uploads or [])
    if problem.photos.count() + len(uploads) > MOST_PHOTOS:
        raise ValidationError(
            {"photos": _("A problem has at most %(most)s photos.") % {"most": MOST_PHOTOS}}
        )
    limit = value(rules.PROBLEM_PHOTO_MAX_MB) * attachments.MB
    checked = []
    for upload in uploads:
        try:
            kind, content_type = attachments.validate_upload(upload, limit_bytes=limit)
        except ValidationError as exc:
            raise ValidationError({"photos": exc.messages}) from exc
        if not content_type.startswith("image/"):
            raise ValidationError({"photos": _("%(name)s is not a photo.") % {"name": upload.name}})
        checked.append((upload, content_type))
    photos = []
    for upload, content_type in checked:
        photo = ProblemPhoto(
            problem=problem,
            content_type=content_type,
            original_name=attachments.safe_file_name(upload.name, fallback="photo"),
            uploaded_by=user,
        )
        clean = attachments.without_metadata(upload, content_type)
        photo.size = clean.size
        photo.file.save(f"photo.{content_type.split('/')[1]}", clean, save=False)
        photo.save()
        photos.append(photo)
    return photos


@transaction.atomic
def problem_report_with_photos(user, data) -> Problem:
    """Record a problem (``data``: the recording form's cleaned data) with its photos; if a
    photo is refused, the problem is not recorded either."""
    problem = problem_report(
        user,
        grid_cell=data["grid_cell"],
        category=data["category"],
        channel=data["channel"],
        description=data["description"],
        resident_name=data["resident_name"],
        resident_phone=data["resident_phone"],
    )
    problem_add_photos(user, problem, data.get("photos"))
    return problem
