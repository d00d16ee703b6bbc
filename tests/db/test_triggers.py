"""The trigger reader: bodies in each dialect's syntax into writes and rejections (pure), and
what introspection finds on real databases."""

from __future__ import annotations

import pytest

from querynl.db.engine import make_engine
from querynl.db.introspection import introspect
from querynl.db.trigger_bodies import body_statements
from querynl.db.trigger_rules import ParentsAgree, ParentValue, SameAsParent, TriggerWrite
from querynl.db.triggers import parse_trigger
from tests.databases import execute_statements
from tests.edge_cases import triggers as cases

STORE_REGION = ParentValue(via="store_id", table="stores", key="id", column="region")
TEAM_ORG = ParentValue(via="team_id", table="teams", key="id", column="org_id")
PROJECT_ORG = ParentValue(via="project_id", table="projects", key="id", column="org_id")

# One rejecting body per dialect, around a condition and a message.
BODIES = {
    "sqlite": "CREATE TRIGGER t BEFORE INSERT ON sales WHEN {cond} BEGIN SELECT RAISE(ABORT, '{msg}'); END",
    "mysql": "BEGIN IF {cond} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{msg}'; END IF; END",
    "postgres": "\nBEGIN\n  IF {cond} THEN\n    RAISE EXCEPTION '{msg}: %', NEW.id;\n  END IF;\n"
    "  RETURN NEW;\nEND\n",
}
READERS = list(BODIES)


def _rejection(read: str, condition: str, message: str = "no"):
    found = parse_trigger(BODIES[read].format(cond=condition, msg=message), read)
    assert found.writes == []
    assert len(found.rejections) == 1, found
    return found.rejections[0]


@pytest.mark.parametrize("read", READERS)
def test_same_value_as_the_parent(read):
    rejection = _rejection(
        read, "NEW.region <> (SELECT region FROM stores WHERE id = NEW.store_id)", "bad region"
    )
    assert rejection.message.startswith("bad region")
    assert rejection.same_as_parent == [SameAsParent(column="region", parent=STORE_REGION)]
    assert rejection.understood


@pytest.mark.parametrize("read", READERS)
def test_parent_first_and_key_compared_the_other_way_round(read):
    rejection = _rejection(read, "(SELECT region FROM stores WHERE NEW.store_id = id) != NEW.region")
    assert rejection.same_as_parent == [SameAsParent(column="region", parent=STORE_REGION)]


@pytest.mark.parametrize("read", READERS)
def test_two_parents_agree(read):
    condition = (
        "(SELECT org_id FROM teams WHERE id = NEW.team_id)"
        " <> (SELECT org_id FROM projects WHERE id = NEW.project_id)"
    )
    rejection = _rejection(read, condition)
    assert rejection.parents_agree == [ParentsAgree(first=TEAM_ORG, second=PROJECT_ORG)]
    assert rejection.understood


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize(
    ("condition", "kept"),
    [
        ("NEW.amount > 5000", "{q}amount{q} <= 5000"),
        ("NEW.amount <= 0", "{q}amount{q} > 0"),
        ("0 >= NEW.amount", "{q}amount{q} > 0"),  # a constant first: mirrored
        ("NEW.status = 'void'", "{q}status{q} <> 'void'"),
    ],
)
def test_comparison_with_a_constant_becomes_a_check(read, condition, kept):
    rejection = _rejection(read, condition)
    quote = "`" if read == "mysql" else '"'
    assert rejection.checks == [kept.format(q=quote)]
    assert rejection.understood


@pytest.mark.parametrize("read", READERS)
def test_each_part_of_an_or_is_read(read):
    rejection = _rejection(
        read, "NEW.amount > 5000 OR NEW.region <> (SELECT region FROM stores WHERE id = NEW.store_id)"
    )
    assert len(rejection.checks) == 1 and len(rejection.same_as_parent) == 1
    assert rejection.understood


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize(
    "condition",
    [
        "NEW.score % 3 = 0",
        "(SELECT COUNT(*) FROM depots WHERE id = NEW.depot_id AND status = 'closed') > 0",
        "lower(NEW.name) = 'x'",
        "NEW.a > 1 AND NEW.b > 1",
        "EXISTS (SELECT 1 FROM stores WHERE id = NEW.store_id AND region = NEW.region)",
    ],
)
def test_conditions_not_read_keep_the_message(read, condition):
    rejection = _rejection(read, condition, "refused")
    assert rejection.message.startswith("refused")
    assert rejection.condition == condition
    assert not rejection.understood
    assert not (rejection.checks or rejection.same_as_parent or rejection.parents_agree)


def test_sqlite_raise_with_a_where_clause():
    body = (
        "CREATE TRIGGER t BEFORE INSERT ON sales"
        " BEGIN SELECT RAISE(ABORT, 'too much') WHERE NEW.amount > 10; END"
    )
    (rejection,) = parse_trigger(body, "sqlite").rejections
    assert rejection.message == "too much" and rejection.checks == ['"amount" <= 10']


def test_sqlite_raise_ignore_and_postgres_notice_are_no_rejections():
    ignore = "CREATE TRIGGER t BEFORE INSERT ON a WHEN NEW.x > 1 BEGIN SELECT RAISE(IGNORE); END"
    assert parse_trigger(ignore, "sqlite").rejections == []
    notice = "BEGIN IF NEW.x > 1 THEN RAISE NOTICE 'big'; END IF; RETURN NEW; END"
    assert parse_trigger(notice, "postgres").rejections == []


def test_a_branch_under_else_or_nested_ifs_is_not_read():
    body = (
        "BEGIN IF NEW.x > 1 THEN RETURN NEW; ELSE RAISE EXCEPTION 'small'; END IF; "
        "IF NEW.a > 1 THEN IF NEW.b > 1 THEN RAISE EXCEPTION 'both'; END IF; END IF; RETURN NEW; END"
    )
    small, both = parse_trigger(body, "postgres").rejections
    assert (small.message, small.condition, small.understood) == ("small", None, False)
    assert (both.message, both.condition, both.understood) == ("both", "(NEW.a > 1) AND (NEW.b > 1)", False)


def test_statements_keep_semicolons_inside_strings():
    statements = body_statements(
        "BEGIN IF NEW.x > 1 THEN RAISE EXCEPTION 'a; b'; END IF; RETURN NEW; END", "postgres"
    )
    assert [(s.text, s.conditions) for s in statements] == [
        ("RAISE EXCEPTION 'a; b'", ("NEW.x > 1",)),
        ("RETURN NEW", ()),
    ]


LINK = "INSERT INTO member_roles (member_id, role_id) VALUES (NEW.id, 0)"
WRITES = {
    "sqlite": f"CREATE TRIGGER t AFTER INSERT ON members BEGIN {LINK}; END",
    "mysql": LINK,
    "postgres": f"\nBEGIN\n  {LINK};\n  RETURN NEW;\nEND\n",
}


@pytest.mark.parametrize("read", READERS)
def test_insert_of_a_constant_key(read):
    (write,) = parse_trigger(WRITES[read], read).writes
    assert write == TriggerWrite(target="member_roles", copies={"member_id": "id"}, constants={"role_id": 0})


@pytest.mark.parametrize("read", READERS)
def test_insert_select_without_from_and_quoted_names(read):
    q = "`" if read == "mysql" else '"'
    body = f"INSERT INTO {q}audit{q} ({q}member{q}, kind, note) SELECT NEW.id, 'joined', NULL"
    (write,) = parse_trigger(body, read).writes
    assert write == TriggerWrite(target="audit", copies={"member": "id"}, constants={"kind": "joined"})


def test_insert_from_other_rows_names_only_its_target():
    body = "INSERT INTO member_roles (member_id, role_id) SELECT NEW.id, r.id FROM roles r"
    assert parse_trigger(body, "mysql").writes == [TriggerWrite(target="member_roles")]


def test_an_unreadable_body_still_names_the_tables_it_writes():
    assert parse_trigger("INSERT INTO `log` (x) VALUES ('unterminated", "mysql").writes == [
        TriggerWrite(target="log")
    ]


# ----- on real databases ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["constant_parent", "same_as_parent", "parents_agree", "unreadable"])
def test_introspection_reads_each_dialects_triggers(db_url, dialect, name):
    execute_statements(db_url, cases.TRIGGER_SCHEMAS[name][dialect])  # as written: '%' included
    engine = make_engine(db_url)
    with engine.connect() as conn:
        schema = introspect(conn)
    engine.dispose()
    if name == "constant_parent":
        assert schema.table("members").triggers.writes == [
            TriggerWrite(target="member_roles", copies={"member_id": "id"}, constants={"role_id": 0})
        ]
        assert schema.table("member_roles").written_by_triggers_of == ["members"]
    elif name == "same_as_parent":
        rejections = schema.table("sales").triggers.rejections
        assert sorted(r.message.split(" (")[0] for r in rejections) == sorted(
            [cases.AMOUNT_MESSAGE, cases.REGION_MESSAGE]
        )
        assert [r.same_as_parent for r in rejections if r.same_as_parent] == [
            [SameAsParent(column="region", parent=STORE_REGION)]
        ]
        assert any(c.name == "trigger" for c in schema.table("sales").check_constraints)
    elif name == "parents_agree":
        (rejection,) = schema.table("assignments").triggers.rejections
        assert rejection.parents_agree == [ParentsAgree(first=TEAM_ORG, second=PROJECT_ORG)]
    else:
        (rejection,) = schema.table("shipments").triggers.rejections
        assert rejection.message.startswith(cases.DEPOT_MESSAGE) and not rejection.understood


@pytest.mark.parametrize("dialect", ["sqlite"])  # SQLite lists every trigger's CREATE statement
def test_sqlite_update_triggers_are_not_read(introspected):
    schema = introspected(
        "CREATE TABLE a (id INTEGER PRIMARY KEY, x INTEGER)",
        "CREATE TABLE log (id INTEGER PRIMARY KEY, a_id INTEGER)",
        "CREATE TRIGGER a_upd AFTER UPDATE ON a BEGIN INSERT INTO log (a_id) VALUES (NEW.id); END",
    )
    assert schema.table("log").written_by_triggers_of == []
