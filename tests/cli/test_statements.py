"""SQL cut into statements with the dialect's sqlglot tokenizer; which ones ask first."""

from __future__ import annotations

import pytest

from querynl.cli.statements import split_statements


def texts(sql: str, read: str = "sqlite") -> list[str]:
    return [s.text for s in split_statements(sql, read)]


def test_statements_are_split_at_semicolons_outside_strings_and_comments():
    sql = "SELECT 'a;b';\n-- not; this\nSELECT 2 ; ;\n\nINSERT INTO t VALUES (';')"
    assert texts(sql) == ["SELECT 'a;b'", "SELECT 2", "INSERT INTO t VALUES (';')"]
    assert [s.line for s in split_statements(sql, "sqlite")] == [1, 3, 5]


def test_a_dollar_quoted_body_is_one_statement_on_postgresql():
    sql = "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql; SELECT f()"
    assert texts(sql, "postgres") == [sql.split("; SELECT")[0], "SELECT f()"]


@pytest.mark.parametrize("read", ["sqlite", "mysql"])
def test_a_trigger_body_is_one_statement(read):
    trigger = (
        "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN "
        "IF NEW.x > 0 THEN SET @y = CASE WHEN 1 THEN 2 END; END IF; INSERT INTO b VALUES (1); END"
    )
    assert texts(f"{trigger};\nSELECT 1;", read) == [trigger, "SELECT 1"]


def test_begin_as_a_transaction_is_its_own_statement():
    assert texts("BEGIN; DELETE FROM t WHERE id = 1; COMMIT;") == [
        "BEGIN",
        "DELETE FROM t WHERE id = 1",
        "COMMIT",
    ]


@pytest.mark.parametrize(
    ("sql", "destructive", "schema"),
    [("DROP TABLE t", True, True), ("truncate t", True, False), ("DELETE FROM t", True, False),
     ("DELETE FROM t WHERE id = 1", False, False), ("UPDATE t SET x = 1", False, False),
     ("CREATE TABLE t (id int)", False, True), ("ALTER TABLE t ADD c int", False, True),
     ("SELECT * FROM t", False, False), ("INSERT INTO t SELECT 'DROP'", False, False)],
)  # fmt: skip
def test_what_asks_first_and_what_changes_the_schema(sql, destructive, schema):
    [statement] = split_statements(sql, "postgres")
    assert (statement.destructive, statement.changes_schema) == (destructive, schema)


def test_text_the_tokenizer_cannot_read_is_one_statement_for_the_database_to_judge():
    [statement] = split_statements("DELETE FROM t WHERE name = 'unterminated;", "sqlite")
    assert statement.text == "DELETE FROM t WHERE name = 'unterminated"
    assert statement.destructive  # not read: asked about, to be safe
