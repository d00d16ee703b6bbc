from tests.llm_server import llm_server, no_network  # noqa: F401 (fixtures)
