"""The authorized-agent side of DRP 1.0 over HTTP: pair, exercise, status, revoke.

Endpoints (spec section 2): `POST /v1/agent/{agent-id}` (2.05, pairing), `GET /v1/agent/{agent-id}`
(2.06, token check), `POST /v1/data-rights-request` (2.01), `GET /v1/data-rights-request/{id}`
(2.02) and `DELETE /v1/data-rights-request/{id}` (2.04). Signed bodies are base64 text sent as
`text/plain` (3.07.1); answers are JSON.

Retries: 3.06 says errors without `fatal: true` "shall be assumed to be retryable". We retry on
our own, with bounded exponential backoff, only where a second try can give another answer:
network failures, timeouts, 408/425/429 and 5xx. Other non-fatal 4xx answers would repeat
themselves at once, so they surface as DrpRetryableError straight away for the user to retry
later. Each attempt is signed afresh so a slow retry never sends an expired message; an exercise
keeps one `agent-request-id` over its attempts so a business can spot a duplicate.
"""

from __future__ import annotations

import email.utils
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from privacy_tui import __version__
from privacy_tui.core.errors import UserError
from privacy_tui.transport import http
from privacy_tui.transport.drp.businesses import DrpBusiness, require_secure_url
from privacy_tui.transport.drp.errors import (
    AUTH_HINT,
    DrpAuthError,
    DrpError,
    DrpFatalError,
    DrpRetryableError,
    DrpTimeout,
)
from privacy_tui.transport.drp.signing import AgentKey, sign_message
from privacy_tui.transport.drp.status import DrpStatus
from privacy_tui.transport.drp.vocabulary import DEFAULT_VERSION, EXERCISES, REGIMES, normalize_action

DEADLINE = 30.0  # seconds for one operation: connect, TLS, request and answer, retries included
MAX_RESPONSE_BYTES = 1024 * 1024  # a DRP answer is a small JSON object
USER_AGENT = f"privacy-tui/{__version__} (DRP authorized agent)"

# 2.01: "we recommend no more than 10 minute time windows"; we use half of it.
MAX_VALIDITY = timedelta(minutes=10)
DEFAULT_VALIDITY = timedelta(minutes=5)

TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_DELAY = 30.0  # seconds; caps both our backoff and a server's Retry-After

# Keys of the signed envelope a claim must never overwrite.
ENVELOPE_KEYS = frozenset(
    {"agent-id", "business-id", "issued-at", "expires-at", "drp.version", "agent-request-id",
     "exercise", "regime", "relationships", "status_callback"}
)


def iso(moment: datetime) -> str:
    # Whole seconds, rounded down, so `issued-at` is never later than the moment of signing.
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _retry_after(response: http.HttpResponse) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - _utcnow()).total_seconds()) if when.tzinfo else None


class DrpClient:
    """One authorized agent talking DRP to Covered Businesses. Use as a context manager, or close()."""

    def __init__(
        self,
        agent_id: str,
        key: AgentKey,
        *,
        version: str = DEFAULT_VERSION,
        network: http.Network | None = None,
        max_retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = _utcnow,
        validity: timedelta = DEFAULT_VALIDITY,
        deadline: float = DEADLINE,
    ) -> None:
        if not agent_id.strip():
            raise UserError("no DRP agent id configured; set it with `privacy-tui drp config --agent-id ID`")
        if not timedelta(0) < validity <= MAX_VALIDITY:
            raise ValueError("a DRP message is valid for more than 0 and at most 10 minutes")
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.agent_id = agent_id.strip()
        self.key = key
        self.version = version
        self.max_retries = max_retries
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock
        self.validity = validity
        self.network = network
        self.deadline = deadline

    # --- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Nothing is kept open between operations; kept for the context-manager protocol."""

    def __enter__(self) -> DrpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- messages --------------------------------------------------------------------------

    def envelope(self, business: DrpBusiness) -> dict[str, str]:
        """The claims every signed message starts with (2.01 group 1, 2.05)."""
        issued = self.clock()
        return {
            "agent-id": self.agent_id,
            "business-id": business.id,
            "issued-at": iso(issued),
            "expires-at": iso(issued + self.validity),
            "drp.version": self.version,
        }

    # --- endpoints -------------------------------------------------------------------------

    def pair(self, business: DrpBusiness) -> str:
        """2.05 Pair-wise Key Setup: returns the bearer token for this agent and business."""
        body = self._call(
            business, "POST", f"/v1/agent/{quote(self.agent_id, safe='')}",
            what="pairing", sign=lambda: self.envelope(business),
        )
        # 2.05.1: "the `agent-id` key SHALL match the `agent-id` presented in the signed request"
        if body.get("agent-id") != self.agent_id:
            raise DrpFatalError(
                f"{self._who(business)} answered pairing for agent id {body.get('agent-id')!r}, not {self.agent_id!r}; "
                "contact the business's technical contact"
            )
        token = body.get("token")
        if not isinstance(token, str) or not token.strip():
            raise DrpFatalError(f"{self._who(business)} answered pairing without a token")
        return token

    def check_token(self, business: DrpBusiness, token: str) -> None:
        """2.06 Agent Information: returns quietly when the token is still valid (DrpAuthError if not)."""
        self._call(business, "GET", f"/v1/agent/{quote(self.agent_id, safe='')}", what="token check", token=token)

    def exercise(
        self,
        business: DrpBusiness,
        token: str,
        *,
        action: str,
        regime: str,
        claims: Mapping[str, Any],
        status_callback: str | None = None,
        relationships: Sequence[str] = (),
        agent_request_id: str | None = None,
    ) -> DrpStatus:
        """2.01 Data Rights Exercise: one right, one business, one signed request."""
        word = normalize_action(action)
        if not word:
            raise UserError(f"unknown DRP action {action!r}; use one of: {', '.join(EXERCISES)}")
        if not business.supports(word):
            raise UserError(
                f"{business.name} does not accept {word} through DRP (it accepts: {', '.join(business.supported_actions)})"
            )
        if regime not in REGIMES:
            raise UserError(f"DRP 1.0 knows the regimes {' and '.join(REGIMES)}, not {regime!r}")
        if not claims:
            raise UserError("no identity claims to send; fill in your profile (name, email, ...) first")
        clash = sorted(set(claims) & ENVELOPE_KEYS)
        if clash:
            raise ValueError(f"identity claims may not set protocol fields: {', '.join(clash)}")
        if status_callback:
            require_secure_url(status_callback, "status_callback")
        request_ref = agent_request_id or uuid.uuid4().hex

        def message() -> dict[str, Any]:
            body: dict[str, Any] = self.envelope(business)
            body["agent-request-id"] = request_ref
            body["exercise"] = word
            body["regime"] = regime
            if relationships:
                body["relationships"] = list(relationships)
            if status_callback:
                body["status_callback"] = status_callback
            body.update(claims)  # 3.04 identity claims sit at the top level of the message
            return body

        body = self._call(business, "POST", "/v1/data-rights-request", what="request", token=token, sign=message)
        return self._status(business, body, "request")

    def status(self, business: DrpBusiness, token: str, request_id: str) -> DrpStatus:
        """2.02 Data Rights Status."""
        path = f"/v1/data-rights-request/{quote(request_id, safe='')}"
        body = self._call(business, "GET", path, what="status check", token=token)
        return self._status(business, body, "status check")

    def revoke(self, business: DrpBusiness, token: str, request_id: str, reason: str) -> DrpStatus:
        """2.04 Data Rights Revoke, with the user's reason.

        The spec's body holds only `reason`, but 3.07 has the business check `agent-id`,
        `business-id`, `issued-at` and `expires-at` on every signed message; sending both keeps
        a strict business happy and stops a captured revoke from being replayed.
        """
        path = f"/v1/data-rights-request/{quote(request_id, safe='')}"

        def message() -> dict[str, Any]:
            body: dict[str, Any] = self.envelope(business)
            body["reason"] = reason
            return body

        body = self._call(business, "DELETE", path, what="revoke", token=token, sign=message)
        return self._status(business, body, "revoke")

    # --- plumbing --------------------------------------------------------------------------

    @staticmethod
    def _who(business: DrpBusiness) -> str:
        return f"{business.name} ({business.id})"

    def _status(self, business: DrpBusiness, body: Mapping[str, Any], what: str) -> DrpStatus:
        try:
            return DrpStatus.from_json(body)
        except ValueError as exc:
            raise DrpFatalError(f"{self._who(business)} answered the {what} with no valid DRP status: {exc}") from None

    def _call(
        self,
        business: DrpBusiness,
        method: str,
        path: str,
        *,
        what: str,
        token: str | None = None,
        sign: Callable[[], Mapping[str, Any]] | None = None,
    ) -> dict[str, Any]:
        url = require_secure_url(business.api_base, f"the api_base of {business.id}").rstrip("/") + path
        headers: dict[str, str] = {}
        if token is not None:
            if not token.strip():
                raise UserError(f"not paired with {business.id}; run `privacy-tui drp pair {business.id}` first")
            headers["Authorization"] = f"Bearer {token}"
        if sign is not None:
            headers["Content-Type"] = "text/plain"
        headers["User-Agent"] = USER_AGENT
        headers["Accept"] = "application/json"
        # One deadline for the whole operation: a retry only happens while time is left for it.
        end = time.monotonic() + self.deadline
        attempt = 0
        while True:
            content = sign_message(self.key, sign()).encode("ascii") if sign is not None else None
            delay: float | None = None
            try:
                # No redirects: a bearer token must only go to the business's own api_base.
                response = http.fetch(
                    method, url, deadline=max(0.0, end - time.monotonic()), max_bytes=MAX_RESPONSE_BYTES,
                    headers=headers, content=content, redirects=0, network=self.network,
                )
            except http.HttpTimeout as exc:
                raise DrpTimeout(
                    f"{self._who(business)} did not answer the {what} within {self.deadline:g} s "
                    f"(timed out while {exc.step}); try again later"
                ) from None
            except (http.HttpRefused, http.HttpTooLarge, http.HttpProtocolError) as exc:
                raise DrpFatalError(f"{self._who(business)} cannot be used for the {what}: {exc}") from None
            except http.HttpError as exc:
                error: DrpError = DrpRetryableError(
                    f"could not reach {self._who(business)} at {business.api_base} for the {what}: "
                    f"{_one_line(str(exc))}; check your connection and try again"
                )
            else:
                if 200 <= response.status < 300:
                    return self._json(business, response, what)
                error = self._error(business, response, what, pairing=token is None and sign is not None)
                delay = _retry_after(response)
            retry_now = isinstance(error, DrpRetryableError) and (
                error.status_code is None or error.status_code in TRANSIENT_STATUSES
            )
            wait = min(self.backoff * (2**attempt) if delay is None else delay, MAX_DELAY)
            if not retry_now or attempt >= self.max_retries or wait >= end - time.monotonic():
                raise error
            self.sleep(wait)
            attempt += 1

    def _json(self, business: DrpBusiness, response: http.HttpResponse, what: str) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            raise DrpFatalError(
                f"{self._who(business)} answered the {what} with HTTP {response.status} but no JSON"
            ) from None
        if not isinstance(body, dict):
            raise DrpFatalError(f"{self._who(business)} answered the {what} with JSON that is not an object")
        return body

    def _error(self, business: DrpBusiness, response: http.HttpResponse, what: str, *, pairing: bool) -> DrpError:
        """Map a non-2xx answer to our error types (3.06 Error States)."""
        code = response.status
        body: Any = None
        try:
            body = response.json()
        except ValueError:
            pass
        fields = body if isinstance(body, dict) else {}
        server_message = _one_line(fields.get("message") or "")
        said = f": {server_message}" if server_message else ""
        who = self._who(business)
        kwargs = {"status_code": code, "server_message": server_message, "body": body}
        if code in (401, 403):
            if pairing:
                # 2.05.1: a failed pairing validation is a bare 403.
                return DrpAuthError(
                    f"{who} refused to pair with agent id {self.agent_id!r} (HTTP {code}{said}): the agent id or "
                    "verify key is not the one registered with the DRP network, or this computer's clock is off; "
                    "compare `privacy-tui drp keygen` with the registration",
                    **kwargs,
                )
            return DrpAuthError(f"{who} refused the {what} (HTTP {code}{said}): {AUTH_HINT}", **kwargs)
        if fields.get("fatal") is True:
            return DrpFatalError(
                f"{who} rejected the {what} (HTTP {code}{said}); the business will not process it", **kwargs
            )
        if 300 <= code < 400:
            where = response.headers.get("Location", "elsewhere")
            return DrpFatalError(
                f"{who} redirected the {what} to {where}; DRP calls are not redirected, check the directory's api_base",
                **kwargs,
            )
        later = "try again later" if code in TRANSIENT_STATUSES or code >= 500 else "the business says it may be retried"
        return DrpRetryableError(f"{who} could not take the {what} (HTTP {code}{said}); {later}", **kwargs)


__all__ = ["DEADLINE", "DrpClient", "MAX_RESPONSE_BYTES", "MAX_VALIDITY", "USER_AGENT", "iso"]
