"""Schema design: built-in starter schemas, checking DDL a user or a model proposes (sqlglot,
for the connected database), and applying it all or nothing."""
