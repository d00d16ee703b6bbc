"""Talking to a language model: endpoint settings, one chat call with retries and fallbacks,
and getting JSON out of an answer. What the answers mean belongs to the callers (the LLM
planner, the SQL assistant, schema design); everything a model returns is untrusted."""
