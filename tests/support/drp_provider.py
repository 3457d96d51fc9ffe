"""A small but real DRP 1.0 Privacy Infrastructure Provider for the tests.

It serves the PIP endpoints of the spec on 127.0.0.1 in a thread and validates like a strict
provider: 2.05 pairing against the Agent Service Directory (3.05.1 `verify_key`), bearer
tokens tied to their agent (3.07), and every signed message in the order 3.07 lists — base64,
signature against the agent's registered key, `agent-id`, `business-id`, issued-at <= now <
expires-at — plus the 10-minute window of 2.01, `drp.version`, `exercise` and `regime`.
Requests keep their state (3.02) so tests can move them along with `set_status`.

Switches for failure paths: `inject` (answer the next N matching calls with a given status and
body, e.g. 503 non-fatal, 400 `fatal: true`, a bare 403) and `hang` (hold the next N calls
until the client gives up).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from privacy_tui.transport.drp import DrpSignatureError, verify_signed_message

EXERCISES = {"access", "deletion", "sale:opt-out", "sale:opt-in", "sale:opt_out", "sale:opt_in",
             "access:categories", "access:specific"}
REGIMES = {"ccpa", "voluntary"}
IDENTITY_CLAIMS = {"name", "email", "phone_number", "address", "power_of_attorney"}
MAX_WINDOW = timedelta(minutes=10)


class Reject(Exception):
    """Answer the call with `status` and `body` (None: no body, as 2.05.1 asks for pairing)."""

    def __init__(self, status: int, message: str = "", *, fatal: bool | None = None, bare: bool = False):
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] | None = None
        if not bare:
            # 3.06: `code` (the HTTP code as a string), `message`, optional `fatal`.
            self.body = {"code": str(status), "message": message}
            if fatal is not None:
                self.body["fatal"] = fatal


@dataclass
class Injection:
    status: int
    body: dict[str, Any] | None
    times: int
    method: str | None = None
    path: str | None = None
    retry_after: str | None = None

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (self.path is None or path.startswith(self.path))


@dataclass
class Received:
    method: str
    path: str
    status: int
    content_type: str = ""
    authorization: str = ""
    message: dict[str, Any] | None = None  # the verified signed message, when there was one


@dataclass
class StoredRequest:
    agent_id: str
    message: dict[str, Any]
    status: dict[str, Any]
    revoke_reason: str | None = None
    history: list[str] = field(default_factory=list)


class DrpProvider:
    def __init__(
        self,
        business_id: str = "TEST_BUSINESS",
        *,
        supported_actions: tuple[str, ...] = ("access", "deletion", "sale:opt_out", "sale:opt_in"),
        supported_verifications: tuple[str, ...] = ("email",),
        versions: tuple[str, ...] = ("1.0", "0.9.4"),
        auto_acknowledge: bool = False,
        refuse_revoke: bool = False,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.business_id = business_id
        self.supported_actions = supported_actions
        self.supported_verifications = supported_verifications
        self.versions = versions
        self.auto_acknowledge = auto_acknowledge
        # A business that answers a revoke 200 with the request's unchanged state (2.04.1 says
        # the answer MUST carry `revoked`): the agent must not report it as revoked.
        self.refuse_revoke = refuse_revoke
        self.clock = clock or (lambda: datetime.now(UTC))
        self.agents: dict[str, bytes] = {}  # agent-id -> verify key (the Agent Service Directory)
        self.tokens: dict[str, str] = {}  # bearer token -> agent-id
        self.requests: dict[str, StoredRequest] = {}
        self.log: list[Received] = []
        self._injections: list[Injection] = []
        self._hangs = 0
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        # A short poll interval lets shutdown() return at once instead of after up to half a second.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="drp-provider", daemon=True
        )

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> DrpProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> DrpProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def api_base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def business_entry(self, **overrides: Any) -> dict[str, Any]:
        """This provider's entry for a businesses.json (3.05.2)."""
        entry = {
            "id": self.business_id,
            "name": f"{self.business_id.title()} Inc.",
            "logo": None,
            "api_base": self.api_base,
            "supported_actions": list(self.supported_actions),
            "supported_verifications": list(self.supported_verifications),
            "web_url": "https://business.example",
            "technical_contact": "drp@business.example",
            "business_contact": "privacy@business.example",
        }
        entry.update(overrides)
        return entry

    # --- test controls ---------------------------------------------------------------------

    def register_agent(self, agent_id: str, verify_key_b64: str) -> None:
        """Out of band, as 3.05.1 describes: the agent's `verify_key` from the Agent directory."""
        self.agents[agent_id] = base64.b64decode(verify_key_b64, validate=True)

    def inject(
        self,
        status: int,
        body: dict[str, Any] | None = None,
        *,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
        retry_after: str | None = None,
    ) -> None:
        with self._lock:
            self._injections.append(Injection(status, body, times, method, path, retry_after))

    def hang(self, times: int = 1) -> None:
        with self._lock:
            self._hangs += times

    def set_status(self, request_id: str, status: str, reason: str = "", **fields: Any) -> None:
        with self._lock:
            stored = self.requests[request_id]
            stored.status["status"] = status
            stored.status.pop("reason", None)
            if reason:
                stored.status["reason"] = reason
            stored.status.update(fields)
            stored.history.append(status)

    def forget_tokens(self) -> None:
        with self._lock:
            self.tokens.clear()

    def calls(self, method: str | None = None, path: str | None = None) -> list[Received]:
        return [r for r in self.log if (method is None or r.method == method) and (path is None or r.path.startswith(path))]

    # --- request handling ------------------------------------------------------------------

    def _take_injection(self, method: str, path: str) -> Injection | None:
        with self._lock:
            for injection in self._injections:
                if injection.times > 0 and injection.matches(method, path):
                    injection.times -= 1
                    return injection
        return None

    def _take_hang(self) -> bool:
        with self._lock:
            if self._hangs > 0:
                self._hangs -= 1
                return True
        return False

    def _agent_for_token(self, authorization: str) -> str:
        scheme, _, token = authorization.partition(" ")
        agent = self.tokens.get(token.strip()) if scheme == "Bearer" else None
        if agent is None:
            raise Reject(403, "unknown bearer token")
        return agent

    def _verify(self, agent_id: str, body: bytes, *, pairing: bool) -> dict[str, Any]:
        """3.07: base64, signature by the agent's key, agent-id, business-id, issued-at, expires-at."""
        bare = pairing  # 2.05.1: a failed pairing is a 403 with no body
        key = self.agents.get(agent_id)
        if key is None:
            raise Reject(403, "agent not in the service directory", bare=True)
        try:
            message = verify_signed_message(key, body.decode("ascii", errors="replace"))
        except DrpSignatureError as exc:
            if exc.stage == "base64":
                raise Reject(403 if pairing else 400, f"body is not base64: {exc}", fatal=True, bare=bare) from None
            raise Reject(403, f"bad signature: {exc}", bare=bare) from None
        if message.get("agent-id") != agent_id:
            raise Reject(403, "agent-id does not match the bearer token's agent", bare=bare)
        self._check_claims(message, bare=bare, status=403 if pairing else 400)
        return message

    def _check_claims(self, message: dict[str, Any], *, bare: bool, status: int) -> None:
        if message.get("business-id") != self.business_id:
            raise Reject(status, f"this is {self.business_id}, not {message.get('business-id')}", fatal=True, bare=bare)
        issued, expires = _when(message.get("issued-at")), _when(message.get("expires-at"))
        if issued is None or expires is None:
            raise Reject(status, "issued-at / expires-at missing or not ISO 8601 with a time zone", fatal=True, bare=bare)
        now = self.clock()
        if not issued <= now:
            raise Reject(status, "issued-at is in the future (clock skew?)", fatal=True, bare=bare)
        if not now < expires:
            raise Reject(status, "the message has expired", fatal=True, bare=bare)
        if expires - issued > MAX_WINDOW:
            raise Reject(status, "expires-at is more than 10 minutes after issued-at", fatal=True, bare=bare)
        if message.get("drp.version") not in self.versions:
            raise Reject(status, f"unsupported drp.version {message.get('drp.version')!r}", fatal=True, bare=bare)

    def handle(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any] | None, dict[str, str], dict | None]:
        """(status, JSON body or None, extra headers, verified message) for one call."""
        injection = self._take_injection(method, path)
        if injection is not None:
            extra = {"Retry-After": injection.retry_after} if injection.retry_after else {}
            return injection.status, injection.body, extra, None
        if self._take_hang():
            self._release.wait(timeout=10)
            return 503, {"code": "503", "message": "hung"}, {}, None
        parts = [unquote(p) for p in path.strip("/").split("/")]
        authorization = headers.get("Authorization", "")
        message: dict[str, Any] | None = None
        try:
            if len(parts) == 3 and parts[:2] == ["v1", "agent"]:
                if method == "POST":
                    self._require_text(headers)
                    message = self._verify(parts[2], body, pairing=True)
                    token = secrets.token_hex(32)
                    with self._lock:
                        self.tokens[token] = parts[2]
                    return 200, {"agent-id": message["agent-id"], "token": token}, {}, message
                if method == "GET":
                    if self._agent_for_token(authorization) != parts[2]:
                        raise Reject(403, "token belongs to another agent")
                    return 200, {}, {}, None
            elif parts[:2] == ["v1", "data-rights-request"] and len(parts) == 2 and method == "POST":
                agent = self._agent_for_token(authorization)
                self._require_text(headers)
                message = self._verify(agent, body, pairing=False)
                return 200, self._exercise(agent, message), {}, message
            elif parts[:2] == ["v1", "data-rights-request"] and len(parts) == 3 and method in ("GET", "DELETE"):
                agent = self._agent_for_token(authorization)
                stored = self.requests.get(parts[2])
                if stored is None:
                    raise Reject(404, f"no request {parts[2]}", fatal=True)
                if stored.agent_id != agent:
                    raise Reject(403, "request is managed by another agent")  # 2.02.1
                if method == "GET":
                    return 200, dict(stored.status), {}, None
                self._require_text(headers)
                message = self._verify_revoke(agent, body)
                return 200, self._revoke(stored, message), {}, message
            raise Reject(404, f"no route {method} {path}", fatal=True)
        except Reject as exc:
            return exc.status, exc.body, {}, message

    @staticmethod
    def _require_text(headers: Any) -> None:
        if headers.get("Content-Type", "").split(";")[0].strip() != "text/plain":
            raise Reject(415, "signed requests are text/plain (3.07.1)", fatal=True)

    def _verify_revoke(self, agent: str, body: bytes) -> dict[str, Any]:
        key = self.agents[agent]
        try:
            message = verify_signed_message(key, body.decode("ascii", errors="replace"))
        except DrpSignatureError as exc:
            raise Reject(400 if exc.stage == "base64" else 403, f"bad signed body: {exc}", fatal=exc.stage == "base64") from None
        # 2.04's body is just `reason`; 3.07's claims are checked whenever the agent sends them.
        if "agent-id" in message and message["agent-id"] != agent:
            raise Reject(403, "agent-id does not match the bearer token's agent")
        if "business-id" in message or "issued-at" in message:
            self._check_claims(message, bare=False, status=400)
        return message

    def _exercise(self, agent: str, message: dict[str, Any]) -> dict[str, Any]:
        exercise = message.get("exercise")
        if exercise not in EXERCISES:
            raise Reject(400, "Unsupported rights actions submitted.", fatal=True)
        supported = {a.replace("_", "-") for a in self.supported_actions}
        if exercise.replace("_", "-") not in supported:
            raise Reject(400, "Unsupported rights actions submitted.", fatal=True)
        if "regime" in message and message["regime"] not in REGIMES:
            raise Reject(400, f"unsupported regime {message['regime']!r}", fatal=True)
        if not IDENTITY_CLAIMS & set(message):
            raise Reject(400, "no identity claims (3.04)", fatal=True)
        now = self.clock().replace(microsecond=0)
        status: dict[str, Any] = {"request_id": str(uuid.uuid4()), "status": "open"}
        if "agent-request-id" in message:
            status["agent_request_id"] = message["agent-request-id"]
        if self.auto_acknowledge:  # 3.03 [1]: a business running its own endpoints goes straight on
            status.update(status="in_progress", received_at=now.isoformat(), expected_by=(now + timedelta(days=45)).isoformat())
        with self._lock:
            self.requests[status["request_id"]] = StoredRequest(agent, message, status, history=[status["status"]])
        return dict(status)

    def _revoke(self, stored: StoredRequest, message: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if stored.status["status"] not in ("open", "in_progress"):
                raise Reject(409, f"request is already {stored.status['status']}", fatal=True)
            if self.refuse_revoke:
                return dict(stored.status)
            stored.revoke_reason = str(message.get("reason", ""))
            stored.status["status"] = "revoked"
            stored.status.pop("reason", None)
            stored.history.append("revoked")
            return dict(stored.status)


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _handler_for(provider: DrpProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in two writes; don't wait for an ACK

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = urlsplit(self.path).path
            status, payload, extra, message = provider.handle(self.command, path, self.headers, body)
            provider.log.append(
                Received(self.command, path, status, self.headers.get("Content-Type", ""),
                         self.headers.get("Authorization", ""), message)
            )
            data = json.dumps(payload).encode() if payload is not None else b""
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json")
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = _serve

    return Handler
