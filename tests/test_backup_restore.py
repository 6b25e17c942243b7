"""make backup and make restore on PostgreSQL: a backup restored into a new database has every
table's rows, the uploads byte for byte and working logins; a restore refuses a database or an
uploads folder that already holds something unless forced. The scripts run as an operator
runs them, as subprocesses; pg_dump sees only committed data, so the test that fills the
database is transactional (the others back up the migrated test database as it is)."""

import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password

from activities.services.activities.attachments import attachment_add
from activities.tests.factories import ActivityFactory
from activities.tests.support.activities import jpeg
from members.tests.factories import MemberFactory
from tests.support.backups import (
    backup,
    connected,
    create_database,
    database_url,
    drop_database,
    manage_py_shell,
    row_counts,
    run_script,
)

PASSWORD = "restored-login-2026"

# authenticate() through the project's backends (django-axes first), as the login page does
LOGIN = f"""
from django.contrib.auth import authenticate
from django.test import RequestFactory
for password in ({PASSWORD!r}, "wrong-password-2026"):
    user = authenticate(RequestFactory().post("/"), username="secretary_a", password=password)
    print(user.username if user else "refused")
"""


@pytest.fixture
def fresh_database(postgres):
    name = f"restore_{uuid.uuid4().hex[:12]}"
    create_database(name)
    yield name
    drop_database(name)


def restore(into: str, backup_folder: Path, media_root: Path, **env: str):
    return run_script(
        "restore.sh",
        DATABASE_URL=database_url(into),
        BACKUP=str(backup_folder),
        MEDIA_ROOT=str(media_root),
        **env,
    )


def relations(database: str) -> int:
    return len(row_counts(database))


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_row_the_uploads_and_working_logins(
    postgres, world, secretary_a, fresh_database, tmp_path
):
    # the test settings hash with MD5, which a real server does not accept: a real hash
    secretary_a.password = make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
    secretary_a.save(update_fields=["password"])
    MemberFactory.create_batch(3, organization=world.branch_a)
    activity = ActivityFactory(organization=world.branch_a)
    photo = attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg("现场.jpg"))
    uploaded = Path(settings.MEDIA_ROOT) / photo.file.name
    source = settings.DATABASES["default"]["NAME"]

    folder = backup(
        DATABASE_URL=database_url(source),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        BACKUP_DIR=str(tmp_path / "backups"),
    )
    restored_media = tmp_path / "restored-media"
    result = restore(fresh_database, folder, restored_media)

    assert result.returncode == 0, result.stderr
    assert "every row count matches the backup" in result.stderr
    counts = row_counts(source)
    assert row_counts(fresh_database) == counts
    assert counts["public.members_member"] == 3
    assert counts["public.activities_attachment"] == 1
    assert (restored_media / photo.file.name).read_bytes() == uploaded.read_bytes()
    assert manage_py_shell(fresh_database, LOGIN).split() == ["secretary_a", "refused"]
    manifest = (folder / "manifest.txt").read_text()
    assert f"database: {source}" in manifest and "uploads: media.tar.gz (1 files)" in manifest


def test_restore_refuses_a_database_that_is_not_empty_and_replaces_it_when_forced(
    postgres, db, fresh_database, tmp_path
):
    source = settings.DATABASES["default"]["NAME"]
    folder = backup(DATABASE_URL=database_url(source), BACKUP_DIR=str(tmp_path / "backups"))
    assert restore(fresh_database, folder, tmp_path / "media").returncode == 0
    with connected(fresh_database) as link, link.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'activities'")
    changed = row_counts(fresh_database)

    refused = restore(fresh_database, folder, tmp_path / "media-2")

    assert refused.returncode != 0
    assert f"the database {fresh_database} is not empty" in refused.stderr
    assert "RESTORE_FORCE=1" in refused.stderr
    assert row_counts(fresh_database) == changed
    assert not (tmp_path / "media-2").exists()

    forced = restore(fresh_database, folder, tmp_path / "media-2", RESTORE_FORCE="1")

    assert forced.returncode == 0, forced.stderr
    assert row_counts(fresh_database) == row_counts(source) != changed


def test_restore_refuses_uploads_over_a_media_root_that_is_not_empty(
    postgres, db, fresh_database, tmp_path
):
    source = settings.DATABASES["default"]["NAME"]
    folder = backup(DATABASE_URL=database_url(source), BACKUP_DIR=str(tmp_path / "backups"))
    media = tmp_path / "media"
    media.mkdir()
    (media / "kept.pdf").write_bytes(b"%PDF-1.4 already here")

    refused = restore(fresh_database, folder, media)

    assert refused.returncode != 0
    assert "MEDIA_ROOT" in refused.stderr and "is not empty" in refused.stderr
    assert relations(fresh_database) == 0
    assert [p.name for p in media.iterdir()] == ["kept.pdf"]
