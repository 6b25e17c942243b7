# Shared by scripts/backup.sh and scripts/restore.sh (sourced, not run): where the database
# and the uploads are, resolved from the environment with the same defaults as
# config/settings.py, and how to read the row counts of a database or a dump.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR_DIR=${VAR_DIR:-$ROOT/var}
DATABASE_URL=${DATABASE_URL:-sqlite:///$VAR_DIR/db.sqlite3}
MEDIA_ROOT=${MEDIA_ROOT:-$VAR_DIR/media}
PYTHON=${PYTHON:-python3}

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# The engine of DATABASE_URL: postgresql or sqlite (anything else stops the script).
database_engine() {
  case "$DATABASE_URL" in
    postgres://* | postgresql://* | pgsql://* | postgis://*) echo postgresql ;;
    sqlite://*) echo sqlite ;;
    *) die "DATABASE_URL is neither PostgreSQL nor SQLite: ${DATABASE_URL%%://*}://…" ;;
  esac
}

# DATABASE_URL as libpq reads it (psql, pg_dump, pg_restore take it as the database name).
# A password is better kept out of it, in ~/.pgpass or PGPASSWORD: command lines are visible
# to the machine's other users.
libpq_url() {
  echo "postgresql://${DATABASE_URL#*://}"
}

# The file of an SQLite DATABASE_URL (sqlite:///relative/path or sqlite:////absolute/path).
sqlite_path() {
  local path=${DATABASE_URL#sqlite://}
  path=${path#/}
  [ -n "$path" ] && [ "$path" != ":memory:" ] || die "DATABASE_URL is an in-memory SQLite database"
  echo "$path"
}

run_psql() {
  psql --no-psqlrc --quiet --set ON_ERROR_STOP=1 --no-align --tuples-only \
    --field-separator=$'\t' --dbname="$(libpq_url)" "$@"
}

# "schema.table<TAB>rows" for every table of the database, quoted as pg_dump quotes names.
database_row_counts() {
  run_psql --command "
    SELECT format('%I.%I', table_schema, table_name),
           (xpath('/row/n/text()', query_to_xml(
             format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
             false, true, '')))[1]::text
    FROM information_schema.tables
    WHERE table_type = 'BASE TABLE'
      AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY 1" | LC_ALL=C sort
}

# The same, read from a custom-format dump: one COPY line per row (COPY's text format writes
# a newline inside a value as \n), so the counts are those of the dump's own snapshot.
dump_row_counts() {
  pg_restore --data-only --file=- "$1" | LC_ALL=C awk '
    /^COPY .* FROM stdin;$/ {
      table = $0
      sub(/^COPY /, "", table)
      sub(/ (\(.*\) )?FROM stdin;$/, "", table)
      rows = 0
      inside = 1
      next
    }
    inside && $0 == "\\." { print table "\t" rows; inside = 0; next }
    inside { rows++ }
  ' | LC_ALL=C sort
}
