#!/usr/bin/env bash
# Restore a folder made by scripts/backup.sh into the PostgreSQL database of DATABASE_URL and
# unpack its uploads into MEDIA_ROOT:  BACKUP=var/backups/<time> scripts/restore.sh
#
# Refuses, changing nothing, when DATABASE_URL is not PostgreSQL, when the folder is missing,
# incomplete or altered (SHA256SUMS), or when the database or MEDIA_ROOT already holds
# something. RESTORE_FORCE=1 restores over them: pg_restore --clean drops and recreates the
# backup's tables (tables the backup does not have stay), and the uploads overwrite files of
# the same name. The restore is one transaction; afterwards the row count of every table is
# compared with the backup's.
set -euo pipefail
source "$(dirname "$0")/backup-common.sh"

BACKUP=${BACKUP:-${1:-}}
FORCE=${RESTORE_FORCE:-0}
[ -n "$BACKUP" ] || die "say which backup folder: BACKUP=var/backups/<time> (make restore BACKUP=…)"

if [ "$(database_engine)" != postgresql ]; then
  die "DATABASE_URL is not PostgreSQL: this script restores PostgreSQL only. For the embedded \
SQLite database stop the application, copy db.sqlite3 from the backup folder to $(sqlite_path) \
and unpack media.tar.gz into MEDIA_ROOT."
fi

[ -d "$BACKUP" ] || die "no backup folder at $BACKUP"
for name in database.dump media.tar.gz row-counts.tsv manifest.txt SHA256SUMS; do
  [ -f "$BACKUP/$name" ] || die "the backup at $BACKUP is incomplete: $name is missing"
done
grep -qx "engine: postgresql" "$BACKUP/manifest.txt" || die "$BACKUP is not a PostgreSQL backup"
(cd "$BACKUP" && sha256sum --check --quiet --strict SHA256SUMS) >&2 \
  || die "the backup at $BACKUP does not match its SHA256SUMS: a file is damaged or incomplete"

DATABASE=$(run_psql --command "SELECT current_database()") \
  || die "cannot connect to the database of DATABASE_URL"
RELATIONS=$(run_psql --command "
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname !~ '^pg_'
    AND n.nspname <> 'information_schema'")
CLEAN=()
if [ "$RELATIONS" -gt 0 ]; then
  [ "$FORCE" = 1 ] || die "the database $DATABASE is not empty ($RELATIONS tables, views or \
sequences): restore into a new database (createdb), or set RESTORE_FORCE=1 to replace its \
contents with the backup's"
  CLEAN=(--clean --if-exists)
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  [ "$FORCE" = 1 ] || die "MEDIA_ROOT ($MEDIA_ROOT) is not empty: empty it, point MEDIA_ROOT \
elsewhere, or set RESTORE_FORCE=1 to unpack the uploads over it"
fi

echo "restoring $BACKUP into the database $DATABASE" >&2
# --no-owner, --no-privileges: the objects belong to the user of DATABASE_URL, whatever role
# owned them on the server the backup came from.
pg_restore --single-transaction --exit-on-error --no-owner --no-privileges "${CLEAN[@]}" \
  --dbname="$(libpq_url)" "$BACKUP/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$BACKUP/media.tar.gz" --directory="$MEDIA_ROOT"

# Every table of the backup has its rows back.
DIFFERENCES=$(database_row_counts | LC_ALL=C awk -F'\t' '
  NR == FNR { restored[$1] = $2; next }
  restored[$1] != $2 { print $1 ": " $2 " in the backup, " ($1 in restored ? restored[$1] : "no table") " restored" }
' - "$BACKUP/row-counts.tsv")
[ -z "$DIFFERENCES" ] || die "the restored row counts differ from the backup's:
$DIFFERENCES"
echo "restored $(wc -l <"$BACKUP/row-counts.tsv") tables; every row count matches the backup" >&2
