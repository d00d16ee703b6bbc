"""Planning around INSERT triggers: the parent row a trigger's constant key needs, and tables
the run's triggers fill."""

from querynl.db.trigger_rules import TableTriggers, TriggerWrite
from querynl.models import TestDataRequest
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import ColumnInfo, ForeignKeyInfo, SchemaMetadata, TableInfo

LINK = TriggerWrite(target="member_roles", copies={"member_id": "id"}, constants={"role_id": 0})


def _int(name: str) -> ColumnInfo:
    return ColumnInfo(name=name, type_name="INTEGER", kind="integer", nullable=False)


def _schema() -> SchemaMetadata:
    def fk(column: str, parent: str) -> ForeignKeyInfo:
        return ForeignKeyInfo(columns=[column], referred_table=parent, referred_columns=["id"])

    name = ColumnInfo(name="name", type_name="VARCHAR(40)", kind="string", length=40, nullable=False)
    return SchemaMetadata(
        dialect="sqlite",
        tables=[
            TableInfo(name="member_roles", columns=[_int("member_id"), _int("role_id")],
                      primary_key=["member_id", "role_id"],
                      foreign_keys=[fk("member_id", "members"), fk("role_id", "roles")],
                      written_by_triggers_of=["members"]),
            TableInfo(name="members", columns=[_int("id"), name], primary_key=["id"],
                      triggers=TableTriggers(writes=[LINK])),
            TableInfo(name="roles", columns=[_int("id"), name], primary_key=["id"]),
        ],
    )  # fmt: skip


def _plan(text: str, counts: dict[str, int] | None = None):
    request = TestDataRequest(user_query=text, record_counts=counts or {}, seed=1)
    return RuleBasedPlanner().plan(_schema(), request)


def test_every_table_the_trigger_fills_its_table_and_needs_role_zero_first():
    plan = _plan("add sample data")
    assert plan.insertion_order.index("roles") < plan.insertion_order.index("members")
    assert plan.insertion_order.index("members") < plan.insertion_order.index("member_roles")
    assert plan.table("roles").required_rows == [{"id": 0}]
    assert plan.table("roles").record_count > 0
    notes = plan.table("roles").notes
    assert (
        "row id = 0 inserted unless already there: the INSERT trigger of members writes it into" in notes[-1]
    )
    links = plan.table("member_roles")
    assert links.record_count == 0
    assert links.notes == ["no rows generated: its rows are written by the INSERT triggers of members"]


def test_named_table_only_gets_the_needed_row_of_the_parent():
    plan = _plan("add 5 members", {"members": 5})
    assert set(plan.insertion_order) == {"roles", "members"}
    assert plan.insertion_order == ["roles", "members"]
    roles = plan.table("roles")
    assert (roles.record_count, roles.required_rows) == (0, [{"id": 0}])


def test_named_trigger_table_keeps_its_count():
    plan = _plan("add 5 members and 9 member roles", {"members": 5, "member_roles": 9})
    assert plan.table("member_roles").record_count == 9
    assert plan.table("roles").required_rows == [{"id": 0}]


def test_validation_refuses_required_rows_the_plan_cannot_insert():
    schema = _schema()
    plan = _plan("add sample data")
    roles = plan.table("roles")
    roles.required_rows = [{"name_of": 0}, {"id": [1]}]
    assert validate_plan(plan, schema) == [
        "required row: roles.name_of is not inserted by the plan",
        "required row: roles.id = [1] is not a plain value",
    ]


def test_the_needed_parent_brings_its_own_empty_parents():
    schema = _schema()
    roles = schema.table("roles")
    roles.columns.append(_int("org_id"))
    roles.foreign_keys.append(
        ForeignKeyInfo(columns=["org_id"], referred_table="orgs", referred_columns=["id"])
    )
    schema.tables.append(TableInfo(name="orgs", columns=[_int("id")], primary_key=["id"]))
    request = TestDataRequest(user_query="add 5 members", record_counts={"members": 5}, seed=1)
    plan = RuleBasedPlanner().plan(schema, request)
    assert plan.insertion_order == ["orgs", "roles", "members"]
    assert plan.table("orgs").record_count > 0 and plan.table("orgs").reason == "needed by roles.org_id"
    assert validate_plan(plan, schema) == []
