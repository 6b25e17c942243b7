"""What an activity's photo or PDF really is, decided by its content, never by its name.

The size is checked first (before anything is decoded); then the first bytes say what the
file claims to be, and the claim is proven: photos (JPEG, PNG, WebP) are decoded by Pillow
to the last pixel, so that a truncated or forged file is refused; a PDF starts with
``%PDF-`` and ends with ``%%EOF``. An .exe renamed .jpg or a text file renamed .pdf is
refused whatever it is called."""

import io
import re
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from activities import rules
from activities.models import AttachmentKind
from policies.registry import value

MB = 1024 * 1024
PDF_TAIL = 1024  # the PDF specification puts %%EOF within the last 1024 bytes

# signature -> (Pillow's name for the format, content type)
JPEG = ("JPEG", "image/jpeg")
PNG = ("PNG", "image/png")
WEBP = ("WEBP", "image/webp")
PDF_TYPE = "application/pdf"


def max_bytes() -> int:
    return value(rules.ATTACHMENT_MAX_MB) * MB


SAFE_PUNCTUATION = set(" ._-()（）")
NAME_LENGTH = 200


def safe_file_name(name: str | None, fallback: str = "file") -> str:
    """The name a person gave a file, fit to keep and show: its last part only (after any
    ``/`` or ``\\``), letters and digits of any script with a little punctuation (anything
    else becomes ``_``), no leading dots, at most 200 characters with the extension kept."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c if c.isalnum() or c in SAFE_PUNCTUATION else "_" for c in base)
    cleaned = re.sub(r"\.{2,}", ".", cleaned).strip().lstrip(".").strip()
    if not cleaned.strip("._ "):
        return fallback
    stem, dot, extension = cleaned.rpartition(".")
    if dot and len(extension) <= 10 and len(cleaned) > NAME_LENGTH:
        return stem[: NAME_LENGTH - len(extension) - 1] + "." + extension
    return cleaned[:NAME_LENGTH]


def _name(uploaded_file) -> str:
    return getattr(uploaded_file, "name", "") or _("the file")


def _read(uploaded_file, offset: int, size: int) -> bytes:
    uploaded_file.seek(offset)
    data = uploaded_file.read(size)
    uploaded_file.seek(0)
    return data


def _sniff(head: bytes) -> tuple[str, str] | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return ("PDF", PDF_TYPE)
    return None


def _refuse(uploaded_file, message: str, code: str) -> ValidationError:
    return ValidationError(message % {"name": _name(uploaded_file)}, code=code)


def _check_image(uploaded_file, expected_format: str) -> None:
    broken = _refuse(
        uploaded_file,
        _("%(name)s is not a readable photo: the file is damaged, incomplete or not an image."),
        "broken_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded_file.seek(0)
            with Image.open(uploaded_file) as image:
                if image.format != expected_format:
                    raise broken
                image.verify()
            # verify() leaves the image unusable and misses truncated data: decode it all
            uploaded_file.seek(0)
            with Image.open(uploaded_file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(
            uploaded_file, _("%(name)s has too many pixels to be a photo."), "too_many_pixels"
        ) from exc
    except Exception as exc:  # Pillow raises many kinds of errors for a bad file
        raise broken from exc
    finally:
        uploaded_file.seek(0)


def _check_pdf(uploaded_file, size: int) -> None:
    tail = _read(uploaded_file, max(0, size - PDF_TAIL), PDF_TAIL)
    if b"%%EOF" not in tail:
        raise _refuse(
            uploaded_file,
            _("%(name)s is not a complete PDF document: its end is missing."),
            "broken_pdf",
        )


def validate_upload(uploaded_file, *, limit_bytes: int | None = None) -> tuple[str, str]:
    """``(kind, content_type)`` of an uploaded photo or PDF; ValidationError naming the file
    when it is too large, empty, or not what a photo or PDF must be."""
    limit = max_bytes() if limit_bytes is None else limit_bytes
    size = uploaded_file.size or 0
    if size > limit:
        raise ValidationError(
            _("%(name)s is %(size).1f MB; a photo or PDF may be at most %(limit)s MB.")
            % {"name": _name(uploaded_file), "size": size / MB, "limit": limit // MB},
            code="too_large",
        )
    if size == 0:
        raise _refuse(uploaded_file, _("%(name)s is empty."), "empty")
    found = _sniff(_read(uploaded_file, 0, 16))
    if found is None:
        raise _refuse(
            uploaded_file,
            _("%(name)s is not a photo (JPEG, PNG, WebP) or a PDF document, whatever its name."),
            "not_allowed",
        )
    pillow_format, content_type = found
    if content_type == PDF_TYPE:
        _check_pdf(uploaded_file, size)
        return AttachmentKind.PDF, content_type
    _check_image(uploaded_file, pillow_format)
    return AttachmentKind.IMAGE, content_type


def check_count(existing: int, adding: int) -> None:
    """Refuse adding ``adding`` attachments to an activity that has ``existing``."""
    most = value(rules.ATTACHMENTS_PER_ACTIVITY)
    if existing + adding > most:
        raise ValidationError(
            _(
                "An activity has at most %(most)s attachments; it has %(existing)s and "
                "%(adding)s more were sent."
            )
            % {"most": most, "existing": existing, "adding": adding},
            code="too_many",
        )


def without_metadata(uploaded_file, content_type: str) -> ContentFile:
    """A checked photo written again without its metadata (EXIF: the camera, the time and
    often the place where it was taken, which may be a member's home; XMP; comments): only
    the pixels, turned upright as the camera meant, and the colour profile are kept."""
    pillow_format = {JPEG[1]: JPEG[0], PNG[1]: PNG[0], WEBP[1]: WEBP[0]}[content_type]
    uploaded_file.seek(0)
    with Image.open(uploaded_file) as original:
        icc_profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
        options = {"icc_profile": icc_profile} if icc_profile else {}
        if pillow_format == "JPEG":
            options.update(quality=92, optimize=True)
        elif pillow_format == "WEBP":
            options.update(quality=90)
        buffer = io.BytesIO()
        image.save(buffer, format=pillow_format, **options)
    uploaded_file.seek(0)
    return ContentFile(buffer.getvalue())
