"""Backslash commands as plain functions: what each returns, against real databases."""

from __future__ import annotations

import io
import sys

import pytest
from rich.console import Console
from sqlalchemy import text

from querynl.cli.render import render_special
from querynl.cli.results import SpecialResult
from querynl.cli.session import OutputSettings, Session
from querynl.cli.special import COMMANDS, CommandNotFound, QuitRequested
from querynl.cli.special.basics import EXAMPLES, quit_repl, show_help
from querynl.cli.special.dbcommands import list_tables
from querynl.cli.special.registry import CommandRegistry
from querynl.db.engine import make_engine
from querynl.errors import ConnectionFailed, QueryNLError, StatementFailed, UnknownTableError
from tests.databases import connected, fresh_database
from tests.schemas import create_schema


def test_dt_lists_every_table_with_its_row_count(db_url):
    create_schema(db_url, "blog")
    with connected(db_url) as (_engine, conn), conn.begin():
        conn.execute(text("INSERT INTO tags (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')"))
    with connected(db_url) as (_engine, conn):
        [result] = list_tables(conn)
    assert result.headers == ["table", "rows"]
    assert sorted(result.rows) == [("comments", 0), ("post_tags", 0), ("posts", 0), ("tags", 3), ("users", 0)]
    assert result.status is None


def test_dt_on_an_empty_database_says_no_tables(tmp_path):
    with connected(f"sqlite:///{tmp_path / 'empty.db'}") as (_engine, conn):
        assert list_tables(conn) == [SpecialResult(status="No tables.")]


def test_help_lists_every_registered_command_once():
    [result] = show_help()
    assert result.title == "Commands"
    names = [names for names, _ in result.rows]
    # the built-in commands first; modules of other command families register more after them
    assert names[:3] == ["\\q, quit, exit", "\\help, \\?, help", "\\dt"]
    assert len(set(names)) == len(names)
    assert "\\schema design [STARTER | description]" in names
    assert [row[1] for row in result.rows] == [c.description for c in COMMANDS.commands()]
    assert all(f'"{example}"' in result.status for example in EXAMPLES)


def test_quit_raises_quit_requested():
    with pytest.raises(QuitRequested):
        quit_repl()


@pytest.mark.parametrize("line", ["\\help", "\\?", "help", "HELP", "  \\Help  "])
def test_every_help_alias_gives_the_same_results(line, tmp_path):
    engine_url = f"sqlite:///{tmp_path / 'x.db'}"
    with connected(engine_url) as (engine, _conn):
        assert COMMANDS.execute(Session(engine), line) == show_help()


def test_execute_passes_a_connection_to_commands_that_take_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    create_schema(url, "blog")
    with connected(url) as (engine, _conn):
        [result] = COMMANDS.execute(Session(engine), "\\dt")
    assert dict(result.rows)["users"] == 0


def test_unknown_command_raises_with_its_word(tmp_path):
    with (
        connected(f"sqlite:///{tmp_path / 'x.db'}") as (engine, _conn),
        pytest.raises(CommandNotFound) as err,
    ):
        COMMANDS.execute(Session(engine), "\\frobnicate now")
    assert err.value.args == ("\\frobnicate",)


@pytest.mark.parametrize(
    ("line", "special"),
    [("\\dt", True), ("\\anything", True), ("quit", True), ("Exit", True), ("help", True),
     ("help me add data", False), ("add sample data", False), ("SELECT 1", False)],
)  # fmt: skip
def test_which_lines_are_special_commands(line, special):
    assert COMMANDS.is_special(line) is special


def test_a_handler_gets_what_it_takes_in_order(tmp_path):
    registry = CommandRegistry()
    seen = []

    @registry.command("\\echo", description="Echo.", takes=("arg", "conn"))
    def echo(arg, conn):
        seen.append(conn.exec_driver_sql("SELECT 1").scalar_one())
        return [SpecialResult(status=arg)]

    @registry.command("\\none", description="Nothing.")
    def nothing():
        return []

    with connected(f"sqlite:///{tmp_path / 'x.db'}") as (engine, _conn):
        assert registry.execute(Session(engine), "\\ECHO  two words ") == [SpecialResult(status="two words")]
        assert registry.execute(Session(engine), "\\none ignored") == []
    assert seen == [1]
    assert [c.names for c in registry.commands()] == [("\\echo",), ("\\none",)]


def render(results: list[SpecialResult]) -> str:
    out = io.StringIO()
    render_special(Console(file=out, width=100, color_system=None), results)
    return out.getvalue()


def test_rendering_draws_a_table_then_the_status():
    shown = render([SpecialResult("Things", [("a", 1234), ("b", None)], ["name", "n"], "Done [x].")])
    lines = shown.splitlines()
    assert "Things" in lines[0]
    assert any("name" in line and " n " in line for line in lines)
    assert any("a" in line and "1,234" in line for line in lines)
    assert any("b" in line and "NULL" in line for line in lines)
    assert lines[-1] == "Done [x]."


def test_rendering_a_status_alone_prints_one_line():
    assert render([SpecialResult(status="No tables.")]) == "No tables.\n"


def test_rendering_expanded_shows_one_block_per_record():
    out = io.StringIO()
    results = [SpecialResult(None, [("1", "ann"), ("2", "[b]")], ["id", "name"], "2 rows")]
    render_special(Console(file=out, width=100, color_system=None), results, OutputSettings(expanded=True))
    assert out.getvalue().splitlines() == [
        "-[ RECORD 1 ]---",
        "id   | 1",
        "name | ann",
        "-[ RECORD 2 ]---",
        "id   | 2",
        "name | [b]",
        "2 rows",
    ]


def test_an_empty_result_shows_its_headers_unless_expanded():
    empty = [SpecialResult(None, [], ["id", "name"], "0 rows")]
    assert "name" in render(empty)
    out = io.StringIO()
    render_special(Console(file=out, width=100, color_system=None), empty, OutputSettings(expanded=True))
    assert out.getvalue() == "0 rows\n"


def test_values_are_never_read_as_markup():
    assert "[bold]x[/bold]" in render([SpecialResult(None, [("[bold]x[/bold]",)], ["v"])])


ORDERS_EXTRAS = {
    "sqlite": "CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN SELECT 1; END",
    "postgresql": (
        "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
        "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION noop()"
    ),
    "mysql": "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW SET @x = 1",
}


def test_d_describes_columns_keys_checks_references_and_triggers(dialect, db_url):
    create_schema(db_url, "ecommerce")
    with connected(db_url) as (engine, conn):
        with conn.begin():
            conn.exec_driver_sql(ORDERS_EXTRAS[dialect])
        columns, constraints = COMMANDS.execute(Session(engine), "\\d orders")
        [_, items] = COMMANDS.execute(Session(engine), "\\d ORDER_ITEMS;")
    assert columns.title == "Table orders"
    assert [row[0] for row in columns.rows] == [
        "id", "customer_id", "shipping_address_id", "status", "total_amount", "ordered_at"
    ]  # fmt: skip
    assert (columns.rows[1][0], columns.rows[1][2]) == ("customer_id", "not null")
    kinds = [(kind, definition) for kind, _name, definition in constraints.rows]
    assert ("primary key", "(id)") in kinds
    assert ("foreign key", "(customer_id) -> customers(id)") in kinds
    assert ("foreign key", "(shipping_address_id) -> addresses(id)") in kinds
    assert ("referenced by", "order_items(order_id) -> (id)") in kinds
    assert ("trigger", "orders_audit", "AFTER INSERT") in constraints.rows
    item_kinds = {(kind, definition.replace("`", "").replace('"', "")) for kind, _, definition in items.rows}
    assert ("unique", "(order_id, product_id)") in item_kinds
    assert any(kind == "check" and "quantity > 0" in text for kind, text in item_kinds)


def test_d_on_an_unknown_table_suggests_the_closest(tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    create_schema(url, "ecommerce")
    with connected(url) as (engine, _conn), pytest.raises(UnknownTableError) as err:
        COMMANDS.execute(Session(engine), "\\d ordrs")
    assert str(err.value) == "No table named 'ordrs'. Did you mean 'orders'?"


def test_dn_lists_schemas_or_says_there_are_none(dialect, db_url):
    with connected(db_url) as (engine, _conn):
        [result] = COMMANDS.execute(Session(engine), "\\dn")
    if dialect == "postgresql":
        assert ("public", 0) in result.rows
    else:
        assert result.rows == () and "has no schemas" in result.status


def test_c_connects_elsewhere_and_a_bad_url_keeps_the_old_connection(tmp_path):
    first, second = (f"sqlite:///{tmp_path / name}" for name in ("a.db", "b.db"))
    create_schema(second, "blog")
    with connected(first) as (engine, _conn):
        session = Session(engine)
        with pytest.raises(ConnectionFailed):
            COMMANDS.execute(session, "\\c nosuch://somewhere")
        assert session.engine is engine
        [result] = COMMANDS.execute(session, f"\\c {second}")
        assert session.engine is not engine and session.schema_changed
        assert result.status == f"Connected to {second}."
        assert dict(COMMANDS.execute(session, "\\dt")[0].rows)["users"] == 0
        session.engine.dispose()


def test_c_never_shows_a_password(tmp_path):
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn):
        session = Session(engine)
        with pytest.raises(ConnectionFailed) as err:
            COMMANDS.execute(session, "\\c postgresql://someone:s3cret@127.0.0.1:1/x")
    assert "s3cret" not in str(err.value) and "***" in str(err.value)


def test_i_runs_a_file_and_stops_at_the_first_error_with_its_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    script = tmp_path / "setup.sql"
    script.write_text("CREATE TABLE t (id INT PRIMARY KEY);\n-- two rows\nINSERT INTO t VALUES (1), (2);\n")
    broken = tmp_path / "broken.sql"
    broken.write_text("INSERT INTO t VALUES (3);\n\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (4);\n")
    with connected(url) as (engine, conn):
        session = Session(engine, settings=OutputSettings(timing=False))
        assert [r.status for r in COMMANDS.execute(session, f"\\i {script}")] == ["OK", "OK, 2 rows affected"]
        with pytest.raises(StatementFailed) as err:
            COMMANDS.execute(session, f"\\i {broken}")
        assert str(err.value).startswith(f"{broken}, line 3: IntegrityError: UNIQUE constraint failed")
        assert conn.exec_driver_sql("SELECT id FROM t ORDER BY id").scalars().all() == [1, 2]
        with pytest.raises(QueryNLError, match="Cannot read nowhere.sql: No such file"):
            COMMANDS.execute(session, "\\i nowhere.sql")


def test_e_runs_what_the_editor_saved(tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text("import pathlib, sys\npath = pathlib.Path(sys.argv[1])\n")
    editor.write_text(editor.read_text() + "path.write_text(path.read_text() + ' + 1')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn):
        session = Session(engine, last_query="SELECT 41")
        assert COMMANDS.execute(session, "\\e") == [SpecialResult(status="SELECT 41 + 1")]
    assert session.queued == ["SELECT 41 + 1"]


def test_e_with_a_failing_editor_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.delenv("VISUAL", raising=False)
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn):
        session = Session(engine, last_query="SELECT 1")
        with pytest.raises(QueryNLError, match="exited with status 1"):
            COMMANDS.execute(session, "\\e")
    assert session.queued == []


@pytest.mark.parametrize(
    ("lines", "expanded", "timing"),
    [(["\\x"], True, True), (["\\x", "\\x"], False, True), (["\\timing"], False, False),
     (["\\timing off", "\\timing on"], False, True), (["\\x on", "\\x ON"], True, True)],
)  # fmt: skip
def test_x_and_timing_toggle_or_set(lines, expanded, timing, tmp_path):
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn):
        session = Session(engine)
        for line in lines:
            COMMANDS.execute(session, line)
    assert (session.settings.expanded, session.settings.timing) == (expanded, timing)


def test_a_toggle_with_a_wrong_word_says_so(tmp_path):
    with connected(f"sqlite:///{tmp_path / 'a.db'}") as (engine, _conn), pytest.raises(QueryNLError) as err:
        COMMANDS.execute(Session(engine), "\\x maybe")
    assert str(err.value) == "Expected on or off, not 'maybe'."


@pytest.mark.server
def test_dt_and_d_name_tables_of_other_schemas_by_schema(tmp_path):
    with fresh_database("postgresql", tmp_path) as url, connected(url) as (engine, conn):
        with conn.begin():
            conn.exec_driver_sql("CREATE TABLE orders (id int PRIMARY KEY)")
            conn.exec_driver_sql("CREATE SCHEMA sales")
            conn.exec_driver_sql(
                "CREATE TABLE sales.refunds (id int PRIMARY KEY, order_id int REFERENCES orders)"
            )
            conn.exec_driver_sql("INSERT INTO orders VALUES (1)")
        [tables] = COMMANDS.execute(Session(engine), "\\dt")
        _columns, constraints = COMMANDS.execute(Session(engine), "\\d sales.refunds")
        [_, referenced] = COMMANDS.execute(Session(engine), "\\d orders")
    assert sorted(tables.rows) == [("orders", 1), ("sales.refunds", 0)]
    assert ("foreign key", "refunds_order_id_fkey", "(order_id) -> orders(id)") in constraints.rows
    assert ("referenced by", "refunds_order_id_fkey", "sales.refunds(order_id) -> (id)") in referenced.rows


def test_a_failing_file_leaves_no_table_behind_or_says_which_stayed(dialect, db_url, tmp_path):
    script = tmp_path / "setup.sql"
    script.write_text(
        "CREATE TABLE made (id INT PRIMARY KEY);\nINSERT INTO made VALUES (1);\nSELECT * FROM nowhere;\n"
    )
    engine = make_engine(db_url)  # as the REPL makes it (SQLite's transactions under SQLAlchemy's control)
    try:
        with pytest.raises(StatementFailed) as err:
            COMMANDS.execute(Session(engine), f"\\i {script}")
        [tables] = COMMANDS.execute(Session(engine), "\\dt")
    finally:
        engine.dispose()
    assert str(err.value).startswith(f"{script}, line 3: ")
    kept = dialect == "mysql"  # MySQL commits DDL at once: the table stays, empty, and it says so
    assert (
        str(err.value).endswith(" (1 schema change before it stayed: this database commits DDL at once)")
        is kept
    )
    assert tables.rows == ([("made", 0)] if kept else ())
