"""An upload kept between its preview and its confirmation.

The file goes to Django's default storage (never process memory: the confirmation may reach
another web process) under a random name in a folder of the user, and the session remembers
that name with a token that the preview's confirm form sends back. So only the same user in
the same session can confirm it, and only the file they last saw previewed.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "excel-imports"
# files left behind by abandoned previews are removed at the user's next upload of that kind
STALE_AFTER = datetime.timedelta(days=1)


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str  # in the storage
    filename: str  # as uploaded, to show

    def open(self):
        return default_storage.open(self.name, "rb")


def _session_key(kind: str) -> str:
    return f"excel_import:{kind}"


def _folder(kind: str, user) -> str:
    return f"{FOLDER}/{kind}/{user.pk}"


def _remove_stale(kind: str, user) -> None:
    folder = _folder(kind, user)
    try:
        _dirs, files = default_storage.listdir(folder)
        for name in files:
            path = f"{folder}/{name}"
            if timezone.now() - default_storage.get_modified_time(path) > STALE_AFTER:
                default_storage.delete(path)
    except (FileNotFoundError, NotImplementedError, OSError):
        pass  # nothing there yet, or a storage that cannot list: the sweep is a courtesy


def keep(request, kind: str, upload) -> PendingUpload:
    """Store ``upload`` for ``request.user``'s session, replacing their previous one."""
    discard(request, kind)
    _remove_stale(kind, request.user)
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    name = default_storage.save(f"{_folder(kind, request.user)}/{token}.xlsx", upload)
    pending = PendingUpload(token=token, name=name, filename=upload.name)
    request.session[_session_key(kind)] = {
        "token": pending.token,
        "name": pending.name,
        "filename": pending.filename,
    }
    return pending


def find(request, kind: str, token: str | None) -> PendingUpload | None:
    """The stored upload the preview with ``token`` showed, if it is still there."""
    data = request.session.get(_session_key(kind))
    if not data or not token or not secrets.compare_digest(data["token"], str(token)):
        return None
    if not data["name"].startswith(_folder(kind, request.user) + "/"):
        return None
    if not default_storage.exists(data["name"]):
        return None
    return PendingUpload(**data)


def discard(request, kind: str) -> None:
    data = request.session.pop(_session_key(kind), None)
    if data and data["name"].startswith(_folder(kind, request.user) + "/"):
        default_storage.delete(data["name"])
