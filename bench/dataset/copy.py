"""COPY rows into a model's table, with the model's own column list and defaults.

Two ways in:
- `copy_rows(model, rows)`: rows are dicts keyed by field attname holding plain Python values; a field a
  row does not name gets the model's default (a callable default is called per row, `auto_now` fields
  get the dataset's clock). Fields of the project's own classes (encrypted columns, blind indexes) store
  what their own code computes from the plaintext given. A field added to a model later is filled the
  same way, so a new column with a default never breaks the generator; a new NOT NULL column without
  one fails loudly.
- `instance_rows(model, instances)`: for models whose stored values are computed by the model and the
  services together (search keys, encrypted CIN and its blind index): what Django's own INSERT would send,
  `field.get_db_prep_save(field.pre_save(obj, add=True))`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from random import Random

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models.fields import AutoFieldMixin
from psycopg import sql
from psycopg.types.json import Jsonb


def make_uuid(rng: Random) -> uuid.UUID:
    """A version-4 shaped UUID drawn from a seeded generator (deterministic datasets)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, AutoFieldMixin))]


def _default_getter(f: models.Field, now) -> Callable[[], object]:
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return lambda: now
    if f.has_default() and callable(f.default):
        return f.get_default
    value = f.get_default()
    if isinstance(f, models.JSONField) and value is not None:
        value = Jsonb(value)
    return lambda: value


@dataclass
class Stats:
    """Rows and seconds per table, for the build report."""

    tables: dict[str, dict] = field(default_factory=dict)

    def add(self, table: str, rows: int, seconds: float) -> None:
        entry = self.tables.setdefault(table, {"rows": 0, "seconds": 0.0})
        entry["rows"] += rows
        entry["seconds"] = round(entry["seconds"] + seconds, 3)


STATS = Stats()


LOADED: list = []  # the models written, for the foreign-key check after the load

# Plain indexes (not those backing a primary key or unique constraint) are dropped before a COPY and
# rebuilt after it: one sort per index instead of millions of random insertions.
_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
WHERE i.indrelid = %s::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
"""


_TYPES = "SELECT attname::text, atttypid::int FROM pg_attribute WHERE attrelid = %s::regclass AND attname = ANY(%s)"


def _prepare(f: models.Field, value, row: dict):
    if getattr(f, "source", None) and hasattr(f, "compute") and f.attname not in row:
        return f.compute(row.get(f.source))  # a blind index, from its source column's plaintext
    return f.get_db_prep_save(value, connection)


def copy_rows(model, rows: Iterable[dict], *, now) -> int:
    """COPY `rows` into `model`'s table; returns the number of rows written."""
    fields = _columns(model)
    names = [f.attname for f in fields]
    defaults = {f.attname: _default_getter(f, now) for f in fields}
    known = set(names)
    # The project's own field classes (encrypted columns, blind indexes) store what their code computes.
    custom = [(i, f) for i, f in enumerate(fields) if not type(f).__module__.startswith("django.")]
    table = model._meta.db_table
    columns = [f.column for f in fields]
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    started = time.perf_counter()
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(_TYPES, [table, columns])
        types = dict(cursor.fetchall())
        cursor.execute(_INDEXES, [table])
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        with cursor.copy(statement) as copy:
            copy.set_types([types[c] for c in columns])  # binary COPY: no text parsing on either side
            for row in rows:
                if count == 0:
                    unknown = set(row) - known
                    if unknown:
                        raise TypeError(f"{model.__name__} has no column(s) {sorted(unknown)}")
                values = [row[n] if n in row else defaults[n]() for n in names]
                for i, f in custom:
                    values[i] = _prepare(f, values[i], row)
                copy.write_row(values)
                count += 1
        for _name, definition in indexes:
            cursor.execute(definition)
    LOADED.append(model)
    STATS.add(table, count, time.perf_counter() - started)
    return count


def check_foreign_keys() -> int:
    """Every foreign key of every loaded table points to an existing row (the load skips the per-row
    triggers, see bench.dataset.build); one anti-join per key. Returns the number of keys checked."""
    checked = 0
    with connection.cursor() as cursor:
        for model in dict.fromkeys(LOADED):
            for f in model._meta.concrete_fields:
                if not (f.is_relation and f.db_constraint):
                    continue
                target = f.target_field
                cursor.execute(
                    sql.SQL(
                        "SELECT count(*) FROM {t} c WHERE c.{col} IS NOT NULL AND NOT EXISTS "
                        "(SELECT 1 FROM {rt} r WHERE r.{rcol} = c.{col})"
                    ).format(
                        t=sql.Identifier(model._meta.db_table),
                        col=sql.Identifier(f.column),
                        rt=sql.Identifier(target.model._meta.db_table),
                        rcol=sql.Identifier(target.column),
                    )
                )
                missing = cursor.fetchone()[0]
                if missing:
                    raise AssertionError(f"{missing} rows of {model._meta.db_table}.{f.column} point nowhere")
                checked += 1
    return checked


def instance_rows(
    model, instances: Iterable[models.Model], *, overrides: Callable[[models.Model], dict]
) -> Iterator[dict]:
    """Rows holding exactly what Django's INSERT of each instance would store.

    `overrides(obj)` gives values to store as they are instead (deterministic timestamps, for example)."""
    fields = _columns(model)
    db = connections[DEFAULT_DB_ALIAS]
    for obj in instances:
        fixed = overrides(obj)
        row = {}
        for f in fields:
            if f.attname in fixed:
                row[f.attname] = f.get_db_prep_save(fixed[f.attname], db)
            else:
                row[f.attname] = f.get_db_prep_save(f.pre_save(obj, True), db)
        yield row
