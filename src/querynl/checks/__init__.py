"""Understand CHECK constraints (parsed with sqlglot) and repair generated rows so they satisfy them.

A check's reflected ``sqltext`` is parsed into an AST and reduced to:

* per-column bounds (:class:`ColumnBounds`): ranges, allowed / excluded values, length limits,
  ``IS NOT NULL`` and "not blank";
* rules between two columns of the row (:class:`PairRule`), e.g. ``end_date >= start_date``.

Understood forms: comparisons with constants in both orientations, ``BETWEEN`` / ``NOT BETWEEN``,
``IN`` / ``NOT IN``, PostgreSQL ``= ANY (ARRAY[...])`` / ``<> ALL (ARRAY[...])``, casts and parentheses
anywhere, ``length`` / ``char_length`` / ``character_length`` / ``len`` (MySQL ``length`` and
``octet_length`` count bytes), ``trim(col) <> ''``, ``length(trim(col)) > 0``, ``IS [NOT] NULL``,
``AND``, ``OR``, ``NOT`` (pushed down with De Morgan) and comparisons between two columns.

``OR`` semantics: ``col IS NULL`` branches are dropped (we never set values to NULL; for
``end_date IS NULL OR end_date >= start_date`` this is exact, since a NULL makes the other branch
UNKNOWN, which passes).  When every remaining branch is understood and constrains the same single
column, the branches are united (allowed values are merged, otherwise :attr:`ColumnBounds.any_of`
holds the alternatives).  Otherwise the FIRST understood branch, in the order written, is chosen and
enforced: satisfying one branch satisfies the disjunction (stricter than the check, never weaker).

Anything else (unknown functions, subqueries, LIKE, GLOB, regular expressions, arithmetic...) makes
the check ``unsupported``; understood conjuncts of a partly understood check are still enforced.
Parsing never raises.
"""
