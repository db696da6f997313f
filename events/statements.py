"""The hot paths' statements compiled once (a registration, its seat, a door scan and its admission). Django's
compiler builds the same statement anew for every row, which cost more CPU than the database took to run it
(bench/README.md). No rule lives here: an UPDATE is the rule's own queryset (`compiled_update`), compiled
once per database; an INSERT is built from the model's own fields (their defaults, `auto_now`, each field's
database form).

Fenced as documents/weasyprint_patches.py is (tests/events/test_statements_fence.py fails otherwise):
- Django internals used: `UpdateQuery` and `Query.chain`, `add_update_values`, `get_compiler(...).as_sql()`,
  `Field.get_db_prep_save` / `pre_save`, `Model._state`; for `prepared_cursor` the PostgreSQL backend's
  `ServerBindingCursor` and what `BaseDatabaseWrapper._cursor` does (`close_if_health_check_failed`,
  `ensure_connection`, `wrap_database_errors`, `_prepare_cursor`), read against Django `WRITTEN_FOR` only.
- An INSERT here sends no `pre_save` / `post_save` signal: `INSERTED` lists the models it writes, and no
  receiver may listen to them (the test connects none and checks that nobody did).
- Why: Django's compiler was about a fifth of a registration request (`as_sql` / `pre_sql_setup`, cProfile,
  bench/README.md); with these statements and the configuration cache a registration took 2.82 ms of server
  CPU instead of 7.33 ms and a scan 3 statements instead of 4 (bench/README.md, "statements compiled once",
  2026-12-01, PostgreSQL, 2 workers). Were the gain gone, `Model.save()` and `QuerySet.update` would do.
- `insert_both_if_new` and `insert_new_if_updated`: a first admission and its scan's row, a seat and its
  confirmed registration, each in one PostgreSQL statement instead of BEGIN, two statements and COMMIT
  (bench/README.md, "one statement for a first admission and for a confirmed registration", 2026-12-07).
"""

from collections.abc import Callable

from django.db import connection
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.models.sql import UpdateQuery

WRITTEN_FOR = "5.2"  # the Django (major.minor) whose compiler and fields this module was read against
# The models the INSERTs below write without save(): no pre_save / post_save receiver may listen to them.
INSERTED = ("events.Registration", "events.Scan", "events.Admission", "events.Handover")
_sql: dict[tuple, tuple[str, list]] = {}


def _statement(model, names: tuple[str, ...], ignore_conflict: bool) -> tuple[str, list]:
    key = (model, names, ignore_conflict, connection.vendor)
    hit = _sql.get(key)
    if hit is None:
        opts = model._meta
        fields = [opts.get_field(name) for name in names]
        sql = "INSERT INTO {} ({}) VALUES ({}){} RETURNING {}".format(
            connection.ops.quote_name(opts.db_table),
            ", ".join(connection.ops.quote_name(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
            " ON CONFLICT DO NOTHING" if ignore_conflict else "",
            connection.ops.quote_name(opts.pk.column),
        )
        hit = _sql[key] = (sql, fields)
    return hit


def prepared_cursor():
    """A cursor for the hot paths' few fixed statements. On PostgreSQL it binds on the server, so psycopg
    prepares a statement after its fifth run on a connection and PostgreSQL plans it once, not at every scan;
    the statements' parameters carry their types (`CAST` where a SELECT list holds them). Elsewhere Django's
    own cursor. (Prepared statements live in a database session: a pooler in front of PostgreSQL runs in session
    mode, docs/deploy.md.)"""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(ServerBindingCursor(connection.connection))


def _execute(sql: str, params: list) -> int | None:
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def insert_ignoring_conflict(model, values: dict) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id: the new id, or None when a unique row exists.

    One statement and no savepoint (an IntegrityError inside a PostgreSQL transaction would need one);
    SQLite has had the same syntax since 3.35.
    """
    sql, fields = _statement(model, tuple(values), True)
    params = [f.get_db_prep_save(value, connection) for f, value in zip(fields, values.values(), strict=True)]
    return _execute(sql, params)


def _typed_placeholders(fields) -> str:
    # A SELECT list's parameters have no column to take their type from (a NULL would be text).
    return ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in fields)


def insert_both_if_new(first, first_values: dict, then, then_values: dict) -> int | None:
    """PostgreSQL: INSERT `first` ON CONFLICT DO NOTHING and, only when its row is new, INSERT `then`, in one
    statement (a data-modifying WITH): `then`'s new id, or None when `first`'s unique row existed (nothing is
    written). A unique conflict on `then` raises IntegrityError and undoes both: one statement is all or
    nothing, so no transaction (BEGIN, COMMIT: two round trips) is needed around it. SQLite has no
    data-modifying WITH; callers use two statements in a transaction there."""
    key = ("both", first, tuple(first_values), then, tuple(then_values))
    hit = _sql.get(key)
    if hit is None:
        quote = connection.ops.quote_name
        one, one_fields = _statement(first, tuple(first_values), True)
        two_fields = [then._meta.get_field(name) for name in then_values]
        sql = "WITH fresh AS ({}) INSERT INTO {} ({}) SELECT {} FROM fresh RETURNING {}".format(
            one,
            quote(then._meta.db_table),
            ", ".join(quote(f.column) for f in two_fields),
            _typed_placeholders(two_fields),
            quote(then._meta.pk.column),
        )
        hit = _sql[key] = (sql, one_fields + two_fields)
    sql, fields = hit
    values = [*first_values.values(), *then_values.values()]
    return _execute(sql, [f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)])


def insert_new_if_updated(update: Callable[..., int], args: tuple, obj) -> bool:
    """PostgreSQL: run a `compiled_update` for `args` and, only when it changed a row, INSERT the new `obj` as
    `insert_new` does, in one statement (a data-modifying WITH): True when both were written (obj's primary key
    is set), False when the UPDATE changed nothing (nothing is written). An IntegrityError on the INSERT undoes
    the UPDATE too: one statement is all or nothing, no transaction around it."""
    update_sql, update_params = update.statement(*args)
    opts = obj._meta
    fields = [f for f in opts.local_concrete_fields if not (f.primary_key and obj.pk is None)]
    key = ("after-update", update_sql, type(obj), tuple(f.name for f in fields))
    sql = _sql.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        sql = _sql[key] = (
            "WITH changed AS ({} RETURNING 1) INSERT INTO {} ({}) SELECT {} FROM changed RETURNING {}".format(
                update_sql,
                quote(opts.db_table),
                ", ".join(quote(f.column) for f in fields),
                _typed_placeholders(fields),
                quote(opts.pk.column),
            )
        )
    params = [*update_params, *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)]
    pk = _execute(sql, params)
    if pk is None:
        return False
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = connection.alias
    return True


def insert_new(obj):
    """INSERT a new model instance as `obj.save()` would (every column, defaults and `auto_now` filled in by
    the fields themselves), in one statement compiled once; sets its primary key and returns it."""
    opts = obj._meta
    fields = [f for f in opts.local_concrete_fields if not (f.primary_key and obj.pk is None)]
    sql, _ = _statement(type(obj), tuple(f.name for f in fields), False)
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    obj.pk = _execute(sql, params)
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj


def _compiled(build: Callable, query_of: Callable) -> Callable[..., tuple[str, list]]:
    """The SQL and parameters of `query_of(build(*args))` for new `args`, compiled once per database: with
    stand-ins for the arguments, noting where each stands among the parameters."""
    compiled: dict[str, tuple[str, list, list[int | None]]] = {}

    def statement(*args) -> tuple[str, list]:
        hit = compiled.get(connection.vendor)
        if hit is None:
            stand_ins = [-2_000_000_000 - i for i in range(len(args))]
            sql, params = query_of(build(*stand_ins)).get_compiler(connection=connection).as_sql()
            slots = [stand_ins.index(p) if p in stand_ins else None for p in params]
            if sorted(s for s in slots if s is not None) != list(range(len(args))):
                raise ValueError("each argument must appear once among the statement's parameters")
            hit = compiled[connection.vendor] = (sql, list(params), slots)
        sql, params, slots = hit
        return sql, [p if slot is None else args[slot] for p, slot in zip(params, slots, strict=True)]

    return statement


def compiled_update(build: Callable, **values) -> Callable[..., int]:
    """`build(*args).update(**values)`, compiled once per database: returns a function that runs it for new
    `args` (ids and other plain values the compiler passes through as they are) and returns the number of
    rows changed, as `QuerySet.update` does."""

    def update_query(queryset):
        query = queryset.query.chain(UpdateQuery)
        query.add_update_values(values)
        return query

    statement = _compiled(build, update_query)

    def run(*args) -> int:
        with prepared_cursor() as cursor:
            cursor.execute(*statement(*args))
            return cursor.rowcount

    run.statement = statement  # its SQL and parameters, for `insert_new_if_updated`
    return run


def compiled_row(build: Callable) -> Callable[..., tuple | None]:
    """The first row of `build(*args)` (a `values_list` queryset, sliced to one row), compiled once per
    database: the columns as the database gives them (no field conversion), or None."""
    statement = _compiled(build, lambda queryset: queryset.query)

    def run(*args) -> tuple | None:
        with prepared_cursor() as cursor:
            cursor.execute(*statement(*args))
            return cursor.fetchone()

    return run
