"""The backup scripts without PostgreSQL: restore's refusals that need no database server
(which must come before anything is changed), and the backup of the embedded SQLite
database. The restore itself is in test_backup_restore.py (PostgreSQL)."""

import hashlib
import sqlite3
import subprocess
import tarfile

from tests.support.backups import backup, run_script

# restore.sh refuses these before connecting, so no server needs to answer at this address
POSTGRES = "postgres://nobody@127.0.0.1:1/party"


def a_backup_folder(path, **files: bytes):
    path.mkdir()
    contents = {
        "database.dump": b"PGDMP",
        "media.tar.gz": b"",
        "row-counts.tsv": b"",
        "manifest.txt": b"engine: postgresql\n",
        **files,
    }
    for name, content in contents.items():
        (path / name).write_bytes(content)
    (path / "SHA256SUMS").write_text(
        "".join(f"{hashlib.sha256(c).hexdigest()}  {n}\n" for n, c in contents.items())
    )
    return path


def refusal(**env: str) -> str:
    result = run_script("restore.sh", **env)
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stderr


def test_restore_refuses_without_a_backup_folder(tmp_path):
    assert "say which backup folder" in refusal(DATABASE_URL=POSTGRES, BACKUP="")


def test_restore_refuses_a_missing_folder(tmp_path):
    message = refusal(DATABASE_URL=POSTGRES, BACKUP=str(tmp_path / "nothing"))
    assert "no backup folder at" in message


def test_restore_refuses_a_folder_without_its_dump(tmp_path):
    folder = a_backup_folder(tmp_path / "backup")
    (folder / "database.dump").unlink()
    message = refusal(DATABASE_URL=POSTGRES, BACKUP=str(folder))
    assert "is incomplete: database.dump is missing" in message


def test_restore_refuses_a_damaged_dump(tmp_path):
    folder = a_backup_folder(tmp_path / "backup")
    (folder / "database.dump").write_bytes(b"PGD")  # cut short after the checksums were taken
    message = refusal(DATABASE_URL=POSTGRES, BACKUP=str(folder))
    assert "does not match its SHA256SUMS" in message


def test_restore_refuses_a_backup_of_sqlite(tmp_path):
    folder = a_backup_folder(tmp_path / "backup", **{"manifest.txt": b"engine: sqlite\n"})
    message = refusal(DATABASE_URL=POSTGRES, BACKUP=str(folder))
    assert "is not a PostgreSQL backup" in message


def test_restore_refuses_a_database_url_that_is_not_postgresql(tmp_path):
    folder = a_backup_folder(tmp_path / "backup")
    database = tmp_path / "db.sqlite3"
    message = refusal(DATABASE_URL=f"sqlite:///{database}", BACKUP=str(folder))
    assert "DATABASE_URL is not PostgreSQL" in message
    assert f"copy db.sqlite3 from the backup folder to {database}" in message
    assert not database.exists()


def test_backup_refuses_a_database_url_of_another_engine(tmp_path):
    result = run_script(
        "backup.sh", DATABASE_URL="mysql://party@db/party", BACKUP_DIR=str(tmp_path / "b")
    )
    assert result.returncode != 0
    assert "DATABASE_URL is neither PostgreSQL nor SQLite: mysql://" in result.stderr
    assert not (tmp_path / "b").exists()


def test_a_failed_backup_leaves_no_folder_behind(tmp_path):
    result = run_script("backup.sh", DATABASE_URL=POSTGRES, BACKUP_DIR=str(tmp_path / "b"))
    assert result.returncode != 0
    assert list((tmp_path / "b").iterdir()) == []


def test_backup_of_sqlite_copies_the_database_and_the_uploads(tmp_path):
    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as link:
        link.execute("CREATE TABLE members (name TEXT)")
        link.executemany("INSERT INTO members VALUES (?)", [("张三",), ("李四",)])
        link.execute("CREATE TABLE empty (x INT)")
    media = tmp_path / "media"
    (media / "problems" / "2026" / "12").mkdir(parents=True)
    photo = media / "problems" / "2026" / "12" / "路灯.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo")

    folder = backup(
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media),
        BACKUP_DIR=str(tmp_path / "backups"),
    )

    assert folder.parent == tmp_path / "backups"
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "db.sqlite3",
        "manifest.txt",
        "media.tar.gz",
        "row-counts.tsv",
    ]
    with sqlite3.connect(folder / "db.sqlite3") as link:
        assert link.execute("SELECT name FROM members ORDER BY rowid").fetchall() == [
            ("张三",),
            ("李四",),
        ]
    assert (folder / "row-counts.tsv").read_text() == "empty\t0\nmembers\t2\n"
    manifest = (folder / "manifest.txt").read_text()
    assert "engine: sqlite\n" in manifest and "database: db.sqlite3\n" in manifest
    assert "uploads: media.tar.gz (1 files)\n" in manifest and "rows: 2\n" in manifest
    with tarfile.open(folder / "media.tar.gz") as archive:
        assert archive.extractfile("./problems/2026/12/路灯.jpg").read() == photo.read_bytes()
    subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=folder, check=True)
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
