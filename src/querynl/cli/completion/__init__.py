"""Completion at the prompt, in two layers: `suggest` says what kind of name comes from the
text alone, the Completer lists the names of that kind (metadata.py)."""
