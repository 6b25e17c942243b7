"""Plain inserts for the largest demo tables (members, dues, training attendance): one
prepared statement run for many rows on SQLite, COPY on PostgreSQL.

At 100,000 members the seeding writes millions of rows, and ``bulk_create`` spends most of
its time building a model instance and preparing each value of each row, several times
longer than the database takes to store them. The rows given here hold only ints, strings,
dates, decimals, booleans and None, which both drivers take as they are (SQLite through the
adapters Django registers); a datetime must come prepared with
``connection.ops.adapt_datetimefield_value``. Nothing is validated here: the callers
``full_clean()`` a sample built the same way, and the database checks its constraints."""

import io
from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]) -> None:
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = ", ".join(quote(meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor.cursor, f"COPY {table} ({names}) FROM STDIN", rows)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", list(rows))


def _copy(raw, sql: str, rows: Iterable[tuple]) -> None:
    if hasattr(raw, "copy"):  # psycopg 3 converts the values itself
        with raw.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    text = io.StringIO()  # psycopg2: COPY's text format
    for row in rows:
        text.write("\t".join(_copy_text(value) for value in row))
        text.write("\n")
    text.seek(0)
    raw.copy_expert(sql, text)


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(COPY_ESCAPES)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def insert_objects(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Unsaved instances, without their ``save()``: derived fields must be set already;
    ``auto_now`` and ``auto_now_add`` fields get the current time."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    stamped = [getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in fields]
    insert(
        model,
        [f.name for f in fields],
        (
            tuple(
                now if stamp else getattr(o, f.attname)
                for f, stamp in zip(fields, stamped, strict=True)
            )
            for o in objects
        ),
    )
