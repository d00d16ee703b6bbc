r"""Understand CHECK constraints (parsed with sqlglot) and repair generated rows so they satisfy them.

A check's reflected ``sqltext`` is parsed into an AST and reduced to:

* per-column bounds (:class:`ColumnBounds`): ranges, allowed / excluded values, length limits,
  ``IS NOT NULL`` and "not blank";
* rules between two columns of the row (:class:`PairRule`), e.g. ``end_date >= start_date``.

Understood forms: comparisons with constants in both orientations, ``BETWEEN`` / ``NOT BETWEEN``,
``IN`` / ``NOT IN``, PostgreSQL ``= ANY (ARRAY[...])`` / ``<> ALL (ARRAY[...])``, casts and parentheses
anywhere, ``length`` / ``char_length`` / ``character_length`` / ``len`` (MySQL ``length`` and
``octet_length`` count bytes; on binary columns lengths count bytes and bytes values are
fitted), ``trim(col) <> ''``, ``length(trim(col)) > 0``, ``IS [NOT] NULL``, ``AND``, ``OR``,
``NOT`` (pushed down with De Morgan), comparisons between two columns, ``col = lower(col)`` /
``upper(col)``, ``upper(col) IN (...)`` / ``= ANY (ARRAY[...])`` (the values already in that case),
``[NOT] LIKE`` patterns, PostgreSQL ``~`` with simple regular expressions (anchors, classes,
``\d \w \s``, literals, counts; `patterns.py` generates matching strings), and
``CURRENT_DATE`` / ``now()`` / ``CURRENT_TIMESTAMP`` (their value when the check is parsed, UTC).

Conditional checks (``CASE WHEN c THEN a ELSE b END``, MySQL ``IF(c, a, b) = 1``) become
branches (`conditional.py`): ``(c AND a) OR (NOT c AND b)`` expanded into conjunctions of
``col IS NULL``, bounds and pairs. A row already meeting a branch is kept; otherwise the branch
needing the fewest changes that makes no NOT NULL column NULL is enforced (columns set NULL,
columns it needs non-NULL given a value). Any part of a conditional not understood makes it
unsupported.

``OR`` semantics: ``col IS NULL`` branches are dropped (we never set values to NULL; for
``end_date IS NULL OR end_date >= start_date`` this is exact, since a NULL makes the other branch
UNKNOWN, which passes).  When every remaining branch is understood and constrains the same single
column, the branches are united (allowed values are merged, otherwise :attr:`ColumnBounds.any_of`
holds the alternatives).  Otherwise the FIRST understood branch, in the order written, is chosen and
enforced: satisfying one branch satisfies the disjunction (stricter than the check, never weaker).

Anything else (unknown functions, subqueries, GLOB, other regular expressions, arithmetic...) makes
the check ``unsupported``; understood conjuncts of a partly understood check are still enforced.
Parsing never raises.
"""
