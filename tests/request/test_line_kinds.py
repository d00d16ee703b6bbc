"""Every REPL line gets one kind: command, SQL, test-data request, unclear request, question.
The table holds the issue's examples and the lines that look like one kind and are another."""

from __future__ import annotations

import pytest

from querynl.request.line_kind import LineKind, classify_line

C, S, T, U, Q = (
    LineKind.COMMAND,
    LineKind.SQL,
    LineKind.TEST_DATA,
    LineKind.UNCLEAR_TEST_DATA,
    LineKind.QUESTION,
)
READERS = ("sqlite", "postgres", "mysql")

LINES = [
    # backslash commands and their bare words
    ("\\dt", C),
    ("\\schema design ecommerce", C),
    ("quit", C),
    ("HELP", C),
    # SQL, by structure
    ("INSERT INTO users VALUES (1)", S),
    ("insert into users (name) values ('Ann')", S),
    ("select * from users", S),
    ("SELECT 1", S),
    ("select count(*) from orders where total > 10", S),
    ("with x as (select 1 as n) select n from x", S),
    ("drop table users;", S),
    ("DELETE FROM users WHERE id = 3", S),
    ("update users set name = 'x' where id = 1", S),
    ("create table users (id int primary key)", S),
    ("alter table users add column age int", S),
    ("describe users", S),
    ("show tables", S),
    ("explain select * from users", S),
    ("select the best plan for me;", S),  # a semicolon: the user means SQL
    ("select * from", S),  # SQL with a mistake: the database says which
    ("SELECT name FROM users WHERE", S),
    # test-data requests
    ("populate the orders table with 300 rows", T),
    ("add 3 users", T),
    ("add three users", T),
    ("fill the database", T),
    ("add sample data", T),
    ("add e-commerce sample data", T),
    ("add e-commerce product data", T),  # the spec's own example (US3)
    ("generate medical data", T),
    ("insert 5 orders", T),
    ("create 50 customers", T),
    ("generate test data", T),
    ("seed the database", T),
    ("users: 100, orders: 500", T),
    ("add a dozen tags", T),
    ("please add 20 products", T),
    ("insert 5 rows into orders", T),
    ("insert 10 records into users;", T),
    # unclear test-data requests: inline help
    ("add some users maybe", U),
    ("add data?", U),
    ("add some data", U),
    ("insert a few rows", U),
    ("maybe generate some records", U),
    # questions for the LLM
    ("how do I populate a dropdown?", Q),
    ("generate data report for March", Q),
    ("add a column to users", Q),
    ("show me the top customers", Q),
    ("select the best plan for me", Q),
    ("delete all users older than 90", Q),
    ("how many orders per customer last month?", Q),
    ("describe the orders table", Q),
    ("explain how joins work", Q),
    ("create a table for invoices", Q),
    ("update me on sales", Q),
    ("which products never sold?", Q),
    ("delete the test data", Q),
    ("what is the average order value", Q),
    ("select all users", Q),
    ("show all customers from Berlin", Q),
    ("list customers with more than 5 orders", Q),
]


def test_the_table_is_large_and_covers_every_kind():
    assert len(LINES) >= 40
    assert {kind for _, kind in LINES} == set(LineKind)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("line", "kind"), LINES)
def test_line_kind(line, kind, reader):
    assert classify_line(line, reader) is kind
