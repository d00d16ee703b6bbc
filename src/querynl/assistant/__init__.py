"""Questions in English answered with SQL by a language model: the prompt (with a compact
description of the connected schema) and what the answer may do (read or write)."""
