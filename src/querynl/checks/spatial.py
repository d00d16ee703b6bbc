"""What CHECK constraints say of a spatial column's shape and SRID.

Columns made the PostGIS 1.x way (`AddGeometryColumn`, or by hand) are plain `geometry`
with checks such as `geometrytype(geom) = 'POLYGON'::text OR geom IS NULL` and
`st_srid(geom) = 4326`; MariaDB and MySQL tables may say `ST_GeometryType(g) = 'POINT'` or
`ST_SRID(g) = 3857`. Each equality of a shape or SRID function of one column with a
constant (anywhere but under a NOT) names what the column holds: the first one found wins,
which satisfies a disjunction of several. The checks themselves stay with the database
(the parser does not understand them); these only choose what is generated.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlglot
from sqlglot import exp

from querynl.checks.literals import strip_casts
from querynl.geometry import shape_and_dims
from querynl.schema import SpatialType

_SHAPE_FUNCTIONS = frozenset({"geometrytype", "st_geometrytype"})
_SRID_FUNCTIONS = frozenset({"st_srid", "srid"})
SpatialHints = dict[str, dict[str, str | int]]  # {column: {"shape": ..., "srid": ...}}


def spatial_hints(sqltexts: Sequence[str], read: str) -> SpatialHints:
    """{column: {"shape": name, "srid": number}} from the checks' texts (parse failures ignored)."""
    hints: SpatialHints = {}
    for sqltext in sqltexts:
        try:
            tree = sqlglot.parse_one(sqltext, read=read)
        except sqlglot.errors.SqlglotError:
            continue
        for equality in tree.find_all(exp.EQ):
            if equality.find_ancestor(exp.Not) is None:
                _hint(hints, equality.left, equality.right) or _hint(hints, equality.right, equality.left)
    return hints


def refined(spatial: SpatialType, hint: dict[str, str | int]) -> SpatialType:
    """The declared type, with the shape and SRID its checks name where it declares none."""
    update: dict[str, str | int] = {}
    if spatial.shape == "geometry" and "shape" in hint:
        update["shape"] = hint["shape"]
    if spatial.srid == 0 and "srid" in hint:
        update["srid"] = hint["srid"]
    return spatial.model_copy(update=update) if update else spatial


def _hint(hints: SpatialHints, call: exp.Expression, value: exp.Expression) -> bool:
    function = strip_casts(call)
    function = function.expression if isinstance(function, exp.Dot) else function  # gis.st_srid
    constant = strip_casts(value)
    if not isinstance(function, exp.Anonymous) or not isinstance(constant, exp.Literal):
        return False
    arguments = function.expressions
    if len(arguments) != 1 or not isinstance(arguments[0], exp.Column):
        return False
    name, column = function.name.lower(), arguments[0].name
    if name in _SHAPE_FUNCTIONS and constant.is_string:
        shape, _dims = shape_and_dims(constant.this.lower().removeprefix("st_"))
        if shape is not None:
            hints.setdefault(column, {}).setdefault("shape", shape)
            return True
    if name in _SRID_FUNCTIONS and not constant.is_string and constant.this.isdigit():
        hints.setdefault(column, {}).setdefault("srid", int(constant.this))
        return True
    return False
