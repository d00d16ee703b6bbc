"""The shape of src/querynl, checked by reading its source with `ast` (nothing is imported).

Three rules, each a checker function tested on synthetic snippets below, then applied to the
real tree:

1. No import cycles among querynl's modules. Every import counts: module-level ones,
   function-local ones and ``if TYPE_CHECKING:`` ones. A type-only import is still a
   dependency of the design (a change to the imported module can break the importer, and
   the two can no longer be layered), and a cycle hidden behind TYPE_CHECKING is exactly the
   kind this rule is for. ``from querynl.a import b`` depends on the module ``querynl.a.b``
   when there is one, else on ``querynl.a``. Importing ``querynl.a.b`` also depends on the
   package ``querynl.a`` (its ``__init__`` runs first), except from inside ``querynl.a``,
   whose ``__init__`` has started already; there, only an explicit import of a name from
   ``querynl.a`` depends on its ``__init__``.

2. No branch on a database's name outside src/querynl/dialects/: a comparison (``==``,
   ``!=``, ``in``, ``not in``, ...) with a string constant naming a database (or a tuple,
   list or set holding one), a dict literal keyed by one (or ``dict(sqlite=...)``), a
   ``match`` case on one, and the SQLAlchemy attribute ``_is_mariadb``. Code asks its
   ``Dialect`` instead.

3. No function longer than MAX_FUNCTION_LINES and no class longer than MAX_CLASS_LINES.
   Length counts the lines from ``def``/``class`` to the end, leaving out blank lines,
   comment-only lines and the docstring. A definition may be longer when its docstring says
   why, in a sentence starting with ``Long because`` (e.g. "Long because it is the one
   table of rules, read top to bottom.").
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

import querynl

SRC = Path(querynl.__file__).resolve().parent
PACKAGE = "querynl"
DIALECT_PACKAGE = "querynl.dialects"
DIALECT_NAMES = frozenset({"sqlite", "postgresql", "postgres", "mysql", "mariadb"})
PRIVATE_DIALECT_ATTRIBUTES = frozenset({"_is_mariadb"})
MAX_FUNCTION_LINES = 50
MAX_CLASS_LINES = 250
LONG_BECAUSE = "Long because"


@dataclass(frozen=True)
class Module:
    name: str  # dotted: querynl.cli.repl
    path: str  # as shown in messages
    source: str
    is_package: bool = False

    @property
    def package(self) -> str:
        return self.name if self.is_package else self.name.rpartition(".")[0]


def load_tree(root: Path = SRC, package: str = PACKAGE) -> dict[str, Module]:
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        shown = f"src/{package}/{path.relative_to(root).as_posix()}"
        modules[name] = Module(name, shown, path.read_text(encoding="utf-8"), is_package)
    return modules


# ----- 1. import cycles ----------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    target: str
    line: int


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _imported_modules(node: ast.Import | ast.ImportFrom, module: Module, known: set[str]) -> set[str]:
    """The querynl modules an import statement names: `import a.b` names a.b; `from a import b`
    names the module a.b if there is one, else a (b is then a name defined in a)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & known
    base = node.module or ""
    if node.level:
        anchor = module.package.split(".")
        anchor = anchor[: len(anchor) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names} & known


def import_edges(module: Module, known: set[str]) -> list[Edge]:
    """Every import of a querynl module in `module`, at any depth of its syntax tree, and the
    packages it loads first (but not the importer's own packages, already loading)."""
    edges = []
    own_packages = set(_ancestors(module.name)) | ({module.name} if module.is_package else set())
    for node in ast.walk(ast.parse(module.source)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for target in sorted(_imported_modules(node, module, known)):
            implicit = [p for p in _ancestors(target) if p in known and p not in own_packages]
            edges += [Edge(name, node.lineno) for name in [*implicit, target] if name != module.name]
    return edges


def import_graph(modules: dict[str, Module]) -> dict[str, list[Edge]]:
    known = set(modules)
    return {name: import_edges(module, known) for name, module in modules.items()}


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components in discovery order, members sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def import_cycles(modules: dict[str, Module]) -> list[str]:
    """One message per group of modules that import each other, naming every import in it."""
    graph = import_graph(modules)
    targets = {name: {e.target for e in edges} for name, edges in graph.items()}
    messages = []
    for component in _strongly_connected(targets):
        if len(component) < 2 and component[0] not in targets[component[0]]:
            continue
        members = set(component)
        imports = sorted(
            f"{modules[name].path}:{edge.line} imports {edge.target}"
            for name in component
            for edge in graph[name]
            if edge.target in members
        )
        messages.append(f"import cycle among {', '.join(component)}: " + "; ".join(dict.fromkeys(imports)))
    return messages


# ----- 2. branches on a database's name ------------------------------------------------


def _names_dialect(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.lower() in DIALECT_NAMES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_names_dialect(e) for e in node.elts)
    return False


def _is_call_of(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _dialect_branch(node: ast.AST) -> str | None:
    """What makes `node` a branch on a database's name, or None."""
    if isinstance(node, ast.Compare) and any(_names_dialect(n) for n in [node.left, *node.comparators]):
        return "compares with a database name"
    if isinstance(node, ast.Dict) and any(k is not None and _names_dialect(k) for k in node.keys):
        return "dict keyed by database names"
    if _is_call_of(node, "dict") and any(k.arg in DIALECT_NAMES for k in node.keywords):
        return "dict keyed by database names"
    if isinstance(node, ast.match_case) and any(
        isinstance(p, ast.MatchValue) and _names_dialect(p.value) for p in ast.walk(node.pattern)
    ):
        return "match case on a database name"
    if isinstance(node, ast.Attribute) and node.attr in PRIVATE_DIALECT_ATTRIBUTES:
        return f"reads {node.attr}"
    return None


def dialect_branches(module: Module) -> list[str]:
    if module.name == DIALECT_PACKAGE or module.name.startswith(DIALECT_PACKAGE + "."):
        return []
    found = []
    for node in ast.walk(ast.parse(module.source)):
        reason = _dialect_branch(node)
        if reason:
            line = getattr(node, "lineno", None) or node.pattern.lineno
            found.append(f"{module.path}:{line}: {reason}")
    return sorted(found, key=_by_line)


def _by_line(message: str) -> tuple[str, int]:
    path, line, _ = message.split(":", 2)
    return path, int(line)


# ----- 3. long functions and classes ---------------------------------------------------


_LAYOUT_TOKENS = frozenset(
    {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
)


def _uncounted_lines(source: str) -> set[int]:
    """Blank lines and comment-only lines."""
    counted = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _LAYOUT_TOKENS:
            counted.update(range(token.start[0], token.end[0] + 1))
    return set(range(1, source.count("\n") + 2)) - counted


def _docstring_lines(node: ast.AST) -> set[int]:
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(getattr(first.value, "value", None), str):
        return set(range(first.lineno, first.end_lineno + 1))
    return set()


def definition_length(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, uncounted: set[int]
) -> int:
    lines = set(range(node.lineno, node.end_lineno + 1))
    return len(lines - uncounted - _docstring_lines(node))


def long_definitions(module: Module) -> list[str]:
    tree = ast.parse(module.source)
    uncounted = _uncounted_lines(module.source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            kind, limit = "class", MAX_CLASS_LINES
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            kind, limit = "function", MAX_FUNCTION_LINES
        else:
            continue
        length = definition_length(node, uncounted)
        if length > limit and LONG_BECAUSE not in (ast.get_docstring(node) or ""):
            found.append(f"{module.path}:{node.lineno}: {kind} {node.name} has {length} lines (> {limit})")
    return sorted(found, key=_by_line)


# ----- the checkers on synthetic source -------------------------------------------------


def tree_of(**sources: str) -> dict[str, Module]:
    """Modules from keyword arguments: `pkg__init__` is package pkg, `pkg__mod` is pkg.mod."""
    modules = {}
    for key, source in sources.items():
        is_package = key.endswith("__init__")
        name = key.removesuffix("__init__").removesuffix("__").replace("__", ".")
        modules[name] = Module(name, f"{name.replace('.', '/')}.py", source, is_package)
    return modules


def test_finds_a_cycle_between_two_modules():
    tree = tree_of(q__init__="", q__a="from q.b import f\n", q__b="import q.a\n")
    assert import_cycles(tree) == ["import cycle among q.a, q.b: q/a.py:1 imports q.b; q/b.py:1 imports q.a"]


def test_finds_a_cycle_through_type_checking_and_function_local_imports():
    tree = tree_of(
        q__init__="",
        q__a="from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from q.b import B\n",
        q__b="def f():\n    from q import c\n",
        q__c="from . import a\n",
    )
    [message] = import_cycles(tree)
    assert message.startswith("import cycle among q.a, q.b, q.c:")
    assert "q/a.py:3 imports q.b" in message
    assert "q/b.py:2 imports q.c" in message
    assert "q/c.py:1 imports q.a" in message


def test_importing_a_submodule_depends_on_its_package_init():
    tree = tree_of(q__init__="", q__p__init__="from q.a import x\n", q__p__m="", q__a="import q.p.m\n")
    [message] = import_cycles(tree)
    assert "q/a.py:1 imports q.p" in message


def test_a_package_init_importing_its_own_submodules_is_no_cycle():
    tree = tree_of(
        q__init__="", q__p__init__="from q.p.m import x\n", q__p__m="from q.p.n import y\n", q__p__n=""
    )
    assert import_cycles(tree) == []


def test_layered_imports_are_no_cycle():
    tree = tree_of(
        q__init__="", q__a="import q.b\nimport os\n", q__b="from q import c\n", q__c="import json\n"
    )
    assert import_cycles(tree) == []


def test_names_a_module_that_imports_itself_through_its_package():
    tree = tree_of(q__init__="", q__p__init__="from q.p import m\n", q__p__m="from q.p import CONSTANT\n")
    assert import_cycles(tree) == [
        "import cycle among q.p, q.p.m: q/p.py:1 imports q.p.m; q/p/m.py:1 imports q.p"
    ]


BRANCHY = """\
def f(conn, name):
    if conn.dialect.name == "sqlite":
        pass
    if name in ("postgresql", "mysql"):
        pass
    if "mariadb" != name:
        pass
    if conn.dialect._is_mariadb:
        pass
    driver = {"postgres": "psycopg2", "other": 1}[name]
    flags = dict(mysql=1)
    match name:
        case "sqlite" | "x":
            pass
        case _:
            pass
"""


def test_finds_every_kind_of_dialect_branch():
    found = dialect_branches(Module("q.loading.x", "q/loading/x.py", BRANCHY))
    assert found == [
        "q/loading/x.py:2: compares with a database name",
        "q/loading/x.py:4: compares with a database name",
        "q/loading/x.py:6: compares with a database name",
        "q/loading/x.py:8: reads _is_mariadb",
        "q/loading/x.py:10: dict keyed by database names",
        "q/loading/x.py:11: dict keyed by database names",
        "q/loading/x.py:13: match case on a database name",
    ]


def test_dialect_branches_are_allowed_inside_the_dialects_package():
    assert dialect_branches(Module("querynl.dialects.sqlite", "x.py", BRANCHY)) == []
    assert dialect_branches(Module("querynl.dialects", "x.py", BRANCHY)) == []


def test_other_strings_and_type_literals_are_no_dialect_branch():
    source = (
        'from typing import Literal\nKind = Literal["sqlite", "mysql"]\n'
        'def f(x: str) -> bool:\n    return x == "sqlite3" or x in ("a", "b") or {"a": 1}.get(x)\n'
    )
    assert dialect_branches(Module("q.x", "q/x.py", source)) == []


def _function(body_lines: int, docstring: str = "") -> str:
    doc = f'    """{docstring}"""\n' if docstring else ""
    return "def f():\n" + doc + "".join(f"    x{i} = {i}\n" for i in range(body_lines))


def test_finds_a_long_function():
    found = long_definitions(Module("q.x", "q/x.py", _function(MAX_FUNCTION_LINES)))
    assert found == [f"q/x.py:1: function f has {MAX_FUNCTION_LINES + 1} lines (> {MAX_FUNCTION_LINES})"]


def test_blank_lines_comments_and_the_docstring_do_not_count():
    padded = _function(MAX_FUNCTION_LINES - 1, "A docstring\n\nover lines.").replace(
        "\n    x", "\n\n    # c\n    x"
    )
    assert long_definitions(Module("q.x", "q/x.py", padded)) == []


def test_a_long_function_may_say_why():
    source = _function(MAX_FUNCTION_LINES + 10, f"{LONG_BECAUSE} it is one table read top to bottom.")
    assert long_definitions(Module("q.x", "q/x.py", source)) == []


def test_finds_a_long_class():
    methods = "".join(f"    def m{i}(self):\n        return {i}\n" for i in range(MAX_CLASS_LINES // 2 + 1))
    found = long_definitions(Module("q.x", "q/x.py", "class C:\n" + methods))
    assert found == [f"q/x.py:1: class C has {MAX_CLASS_LINES + 3} lines (> {MAX_CLASS_LINES})"]


# ----- the real tree ----------------------------------------------------------------------


def test_the_tree_is_found():
    tree = load_tree()
    assert {"querynl", "querynl.cli.repl", "querynl.dialects", "querynl.planning.validation"} <= set(tree)


def test_no_import_cycles():
    cycles = import_cycles(load_tree())
    assert not cycles, "\n".join(cycles)


def test_no_dialect_branches_outside_the_dialects_package():
    found = [message for module in load_tree().values() for message in dialect_branches(module)]
    assert not found, "ask the Dialect instead:\n" + "\n".join(found)


def test_no_long_functions_or_classes():
    found = [message for module in load_tree().values() for message in long_definitions(module)]
    assert not found, f"split them, or say why in a docstring starting '{LONG_BECAUSE}':\n" + "\n".join(found)
