"""The chat call against a real local HTTP endpoint: answers, retries, and each way it fails."""

from __future__ import annotations

import logging

import pytest

from querynl.errors import LLMUnavailable
from querynl.llm.answers import NotJSON, extract_json, extract_sql
from querynl.llm.client import LLMClient
from querynl.llm.settings import LLMSettings
from tests.llm_server import TEST_KEY

ASK = [{"role": "user", "content": "plan please"}]
SCHEMA = {"type": "object", "properties": {"ok": {"type": "boolean"}}}


def client(**kwargs) -> LLMClient:
    return LLMClient(LLMSettings.from_env(), sleep=lambda s: None, **kwargs)


def test_answer_and_structured_output_request(llm_server):
    llm_server.reply('{"ok": true}')
    assert extract_json(client().chat(ASK, json_schema=SCHEMA)) == {"ok": True}
    sent = llm_server.requests[0]
    assert sent["model"] == "test-model"
    assert sent["response_format"]["json_schema"]["schema"] == SCHEMA
    assert llm_server.headers[0]["authorization"] == f"Bearer {TEST_KEY}"


def test_endpoint_without_structured_output_is_asked_for_a_fenced_block(llm_server):
    llm_server.reply(status=400, body={"error": {"message": "response_format is not supported"}})
    llm_server.reply('Here it is:\n```json\n{"ok": false}\n```\n')
    assert extract_json(client().chat(ASK, json_schema=SCHEMA)) == {"ok": False}
    assert "response_format" in llm_server.requests[0]
    assert "response_format" not in llm_server.requests[1]


def test_rate_limit_is_retried_with_backoff(llm_server):
    waits: list[float] = []
    llm_server.reply(status=429, headers={"Retry-After": "0.25"})
    llm_server.reply("fine")
    answer = LLMClient(LLMSettings.from_env(), sleep=waits.append).chat(ASK)
    assert answer == "fine"
    assert waits == [0.25]


def test_rate_limit_that_lasts_gives_up(llm_server):
    for _ in range(3):
        llm_server.reply(status=429)
    with pytest.raises(LLMUnavailable, match=r"rate limited \(429, 3 tries\)"):
        client().chat(ASK)


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ({"status": 401}, r"refused the API key \(401\)"),
        ({"status": 403}, r"may not use this model \(403\)"),
        ({"status": 503}, r"the endpoint failed \(503\)"),
        ({"status": 400}, r"refused the request \(400: scripted status 400\)"),
        ({"content": ""}, "empty answer"),
        ({"body": {"unexpected": True}}, "empty answer"),
    ],
)
def test_each_failure_is_one_line(llm_server, reply, message):
    llm_server.reply(**reply)
    with pytest.raises(LLMUnavailable, match=message) as caught:
        client().chat(ASK)
    assert "\n" not in str(caught.value)
    assert TEST_KEY not in str(caught.value)


def test_timeout(llm_server, monkeypatch):
    monkeypatch.setenv("QUERYNL_LLM_TIMEOUT", "0.3")
    llm_server.reply("too late", delay=1.5)
    with pytest.raises(LLMUnavailable, match=r"no answer within 0.3 s"):
        client().chat(ASK)


def test_refused_connection(llm_server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    with pytest.raises(LLMUnavailable, match=r"cannot reach http://127.0.0.1:9/v1"):
        client().chat(ASK)


def test_debug_log_has_prompt_and_answer_without_the_key(llm_server, caplog):
    llm_server.reply(f"echo {TEST_KEY}")
    with caplog.at_level(logging.DEBUG, logger="querynl.llm.client"):
        client().chat([{"role": "user", "content": f"my key is {TEST_KEY}"}])
    assert "my key is ***" in caplog.text
    assert "echo ***" in caplog.text
    assert TEST_KEY not in caplog.text


def test_not_configured_means_no_client_and_no_network(no_network):
    settings = LLMSettings.from_env()
    assert not settings.configured
    with pytest.raises(LLMUnavailable, match="no LLM configured"):
        LLMClient(settings)


def test_settings_describe_never_shows_the_key():
    settings = LLMSettings.from_env({"OPENAI_API_KEY": TEST_KEY, "QUERYNL_MODEL": "m"})
    assert settings.describe() == "m at api.openai.com"
    assert TEST_KEY not in repr(settings)
    assert settings.secrets() == [TEST_KEY]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": 1}', {"a": 1}),
        ('Sure!\n```json\n{"a": 2}\n```', {"a": 2}),
        ('```\n{"a": 3}\n```', {"a": 3}),
        ('The plan is {"a": 4} as asked.', {"a": 4}),
    ],
)
def test_extract_json(text, value):
    assert extract_json(text) == value


@pytest.mark.parametrize("text", ["", "no json here", '{"a": ', "```json\n{broken\n```"])
def test_extract_json_refuses(text):
    with pytest.raises(NotJSON, match="no JSON in the answer"):
        extract_json(text)


def test_extract_sql():
    assert extract_sql("```sql\nSELECT 1;\n```") == "SELECT 1;"
    assert extract_sql("  SELECT 2 ") == "SELECT 2"
