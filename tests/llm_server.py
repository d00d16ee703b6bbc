"""A real OpenAI-compatible HTTP server for tests: the real `openai` client talks to it over
a socket; no mocking of the client.

    server.reply(content='{"tables": ...}')      # the next answer, in order
    server.reply(status=429, headers={"Retry-After": "0"})
    server.reply(delay=5)                       # longer than the client's timeout
    server.respond_with(lambda body: Reply(content=...))   # answers computed per request
    server.requests                             # the JSON bodies it received

Fixtures: `llm_server` starts one and points OPENAI_BASE_URL / OPENAI_API_KEY at it;
`no_network` fails the test on any outgoing connection attempt.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

TEST_KEY = "sk-test-4f1d8a0c9b7e6d5c"


@dataclass
class Reply:
    content: str | None = None
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None  # the whole JSON body, instead of a completion

    def payload(self, model: str) -> dict[str, Any]:
        if self.body is not None:
            return self.body
        if self.status != 200:
            return {"error": {"message": f"scripted status {self.status}", "type": "test"}}
        return completion(self.content or "", model)


def completion(content: str, model: str = "test-model") -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class ScriptedLLMServer:
    def __init__(self) -> None:
        self._replies: deque[Reply] = deque()
        self._responder: Callable[[dict], Reply] | None = None
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def reply(self, content: str | None = None, **kwargs: Any) -> None:
        self._replies.append(Reply(content=content, **kwargs))

    def respond_with(self, responder: Callable[[dict], Reply]) -> None:
        self._responder = responder

    def start(self) -> ScriptedLLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next(self, body: dict) -> Reply:
        with self._lock:
            self.requests.append(body)
            if self._replies:
                return self._replies.popleft()
        if self._responder is not None:
            return self._responder(body)
        return Reply(status=500, body={"error": {"message": "no scripted answer left"}})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = server._next(body)
                if reply.delay:
                    time.sleep(reply.delay)
                data = json.dumps(reply.payload(body.get("model", "test-model"))).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

        return Handler


@pytest.fixture
def llm_server(monkeypatch):
    """A scripted endpoint, configured through the environment like a user would."""
    server = ScriptedLLMServer().start()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", TEST_KEY)
    monkeypatch.setenv("QUERYNL_MODEL", "test-model")
    monkeypatch.setenv("QUERYNL_LLM_TIMEOUT", "2")
    yield server
    server.stop()


@pytest.fixture
def no_network(monkeypatch):
    """No LLM configured, and any outgoing connection attempt fails the test (so: SQLite
    databases only; the servers are reached over TCP)."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "QUERYNL_MODEL"):
        monkeypatch.delenv(name, raising=False)
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def refuse(address: Any) -> None:
        attempts.append(address)
        raise AssertionError(f"network connection attempted to {address}")

    def connect(self, address):  # noqa: ANN001
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        refuse(address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(address))
    yield attempts
    assert not attempts, f"network connections attempted: {attempts}"
