#!/usr/bin/env bash
# Back up the database and the uploads into a new folder BACKUP_DIR/<UTC time> (BACKUP_DIR
# defaults to var/backups):
#   database.dump   pg_dump --format=custom of DATABASE_URL (PostgreSQL), or
#   db.sqlite3      a copy made with SQLite's online backup API (the embedded default)
#   media.tar.gz    everything under MEDIA_ROOT (activity attachments, problem photos, …)
#   row-counts.tsv  the rows of every table, read from the copy itself
#   manifest.txt    when, which database, which tools
#   SHA256SUMS      checksums of the above, checked by scripts/restore.sh
# The folder appears under its final name only when complete. The database is saved before the
# uploads, so every file a saved row names is in the archive (a file uploaded meanwhile is
# there too, unused). Backups hold personal data: they are readable by their owner only.
set -euo pipefail
source "$(dirname "$0")/backup-common.sh"
umask 077

BACKUP_DIR=${BACKUP_DIR:-$VAR_DIR/backups}
ENGINE=$(database_engine)
mkdir -p "$BACKUP_DIR"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
FOLDER=$BACKUP_DIR/$STAMP
[ ! -e "$FOLDER" ] || die "$FOLDER already exists"
PARTIAL=$(mktemp -d "$BACKUP_DIR/.partial-$STAMP-XXXXXX")
trap 'rm -rf "$PARTIAL"' EXIT

if [ "$ENGINE" = postgresql ]; then
  DATABASE=$(run_psql --command "SELECT current_database()")
  pg_dump --format=custom --file="$PARTIAL/database.dump" --dbname="$(libpq_url)"
  dump_row_counts "$PARTIAL/database.dump" >"$PARTIAL/row-counts.tsv"
  DATA_FILE=database.dump
  TOOL=$(pg_dump --version)
else
  DB_FILE=$(sqlite_path)
  [ -f "$DB_FILE" ] || die "no SQLite database at $DB_FILE"
  DATABASE=$(basename "$DB_FILE")
  "$PYTHON" - "$DB_FILE" "$PARTIAL/db.sqlite3" >"$PARTIAL/row-counts.tsv" <<'PY'
import sqlite3
import sys

source, copy = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
source.backup(copy)  # consistent even while the application writes
tables = copy.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
)
for (name,) in sorted(tables):
    quoted = '"' + name.replace('"', '""') + '"'
    print(f"{name}\t{copy.execute('SELECT count(*) FROM ' + quoted).fetchone()[0]}")
PY
  DATA_FILE=db.sqlite3
  TOOL="sqlite3 $("$PYTHON" -c 'import sqlite3; print(sqlite3.sqlite_version)')"
fi

if [ -d "$MEDIA_ROOT" ]; then
  # GNU tar exits with 1 when a file changed or vanished while it read it: an upload written
  # after the dump's snapshot (no saved row names it) or one deleted meanwhile. Not an error.
  status=0
  tar --create --gzip --file="$PARTIAL/media.tar.gz" --directory="$MEDIA_ROOT" \
    --warning=no-file-changed --warning=no-file-removed . || status=$?
  [ "$status" -le 1 ] || die "tar could not archive $MEDIA_ROOT"
  UPLOADS=$(find "$MEDIA_ROOT" -type f | wc -l)
else
  tar --create --gzip --file="$PARTIAL/media.tar.gz" --files-from=/dev/null
  UPLOADS=0
fi

{
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "engine: $ENGINE"
  echo "database: $DATABASE"
  echo "data: $DATA_FILE ($TOOL)"
  echo "uploads: media.tar.gz ($UPLOADS files)"
  echo "tables: $(wc -l <"$PARTIAL/row-counts.tsv")"
  echo "rows: $(awk -F'\t' '{ n += $2 } END { print n + 0 }' "$PARTIAL/row-counts.tsv")"
} >"$PARTIAL/manifest.txt"
(cd "$PARTIAL" && sha256sum "$DATA_FILE" media.tar.gz row-counts.tsv manifest.txt >SHA256SUMS)

mv "$PARTIAL" "$FOLDER"
trap - EXIT
cat "$FOLDER/manifest.txt" >&2
echo "$FOLDER"
