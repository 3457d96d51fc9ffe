"""The DRP client against a real provider on 127.0.0.1 (tests/support/drp_provider.py)."""

from __future__ import annotations

import base64
import socket
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from support.drp_provider import DrpProvider

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.transport.drp import (
    DrpAuthError,
    DrpBusiness,
    DrpClient,
    DrpFatalError,
    DrpRetryableError,
    DrpTimeout,
    generate_agent_key,
    load_business_directory,
    sign_message,
    verify_key_b64,
)
from privacy_tui.transport.drp.businesses import parse_business_entry

AGENT_ID = "PRIVACY_TUI_TEST"
CLAIMS = {"email": "ada@example.org", "email_verified": False}


class Sleeps(list):
    """A recording no-op sleep: retries are checked without waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def key():
    return generate_agent_key()


@pytest.fixture
def provider(key):
    with DrpProvider() as pip:
        pip.register_agent(AGENT_ID, verify_key_b64(key))  # out of band, via the Agent directory
        yield pip


@pytest.fixture
def business(provider) -> DrpBusiness:
    return parse_business_entry(provider.business_entry())


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def client(key, sleeps):
    with DrpClient(AGENT_ID, key, sleep=sleeps) as drp:
        yield drp


@pytest.fixture
def token(client, business):
    return client.pair(business)


def raw_post(provider, path, body, token=None, content_type="text/plain"):
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.post(provider.api_base + path, content=body, headers=headers, timeout=5)


def envelope(business_id, *, issued=None, window=timedelta(minutes=5), version="1.0"):
    issued = issued or datetime.now(UTC).replace(microsecond=0)
    return {
        "agent-id": AGENT_ID,
        "business-id": business_id,
        "issued-at": issued.isoformat(),
        "expires-at": (issued + window).isoformat(),
        "drp.version": version,
    }


# --- the happy path ------------------------------------------------------------------------


def test_pair_exercise_status_revoke(client, business, provider):
    token = client.pair(business)
    assert provider.tokens[token] == AGENT_ID
    pairing = provider.calls("POST", "/v1/agent/")[0]
    assert pairing.content_type == "text/plain"
    assert set(pairing.message) == {"agent-id", "business-id", "issued-at", "expires-at", "drp.version"}
    client.check_token(business, token)

    sent = client.exercise(business, token, action="sale:opt_out", regime="ccpa", claims=CLAIMS, agent_request_id="PT-ABCD2345")
    assert sent.status == "open" and sent.agent_request_id == "PT-ABCD2345"
    stored = provider.requests[sent.request_id]
    assert stored.message["exercise"] == "sale:opt-out"
    assert stored.message["regime"] == "ccpa"
    assert stored.message["drp.version"] == "1.0"
    assert stored.message["email"] == "ada@example.org"
    assert provider.calls("POST", "/v1/data-rights-request")[0].authorization == f"Bearer {token}"

    provider.set_status(sent.request_id, "in_progress", received_at="2025-01-02T00:00:00+00:00", expected_by="2025-02-16T00:00:00+00:00")
    polled = client.status(business, token, sent.request_id)
    assert (polled.status, polled.expected_by) == ("in_progress", "2025-02-16T00:00:00+00:00")

    revoked = client.revoke(business, token, sent.request_id, "I changed my mind")
    assert revoked.status == "revoked"
    assert provider.requests[sent.request_id].revoke_reason == "I changed my mind"
    revoke_call = provider.calls("DELETE")[0]
    assert revoke_call.message["business-id"] == business.id and revoke_call.message["reason"] == "I changed my mind"


def test_messages_stay_inside_the_ten_minute_window(client, business, token, provider):
    client.exercise(business, token, action="access", regime="voluntary", claims=CLAIMS)
    message = provider.calls("POST", "/v1/data-rights-request")[0].message
    issued, expires = datetime.fromisoformat(message["issued-at"]), datetime.fromisoformat(message["expires-at"])
    assert timedelta(0) < expires - issued <= timedelta(minutes=10)
    with pytest.raises(ValueError):
        DrpClient(AGENT_ID, generate_agent_key(), validity=timedelta(minutes=11))


def test_peers_on_0_9_4_are_accepted(key, business, provider):
    with DrpClient(AGENT_ID, key, version="0.9.4") as old:
        token = old.pair(business)
        status = old.exercise(business, token, action="deletion", regime="ccpa", claims=CLAIMS)
    assert provider.requests[status.request_id].message["drp.version"] == "0.9.4"


def test_relationships_and_callback_are_sent(client, business, token, provider):
    status = client.exercise(
        business, token, action="access", regime="ccpa", claims=CLAIMS,
        relationships=["customer"], status_callback="https://agent.example/drp/status",
    )
    message = provider.requests[status.request_id].message
    assert message["relationships"] == ["customer"]
    assert message["status_callback"] == "https://agent.example/drp/status"


def test_directory_to_request(tmp_path, client, provider):
    path = tmp_path / "businesses.json"
    path.write_text("[" + __import__("json").dumps(provider.business_entry()) + "]")
    (business,) = load_business_directory(str(path))
    token = client.pair(business)
    assert client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS).status == "open"


# --- the checks a provider makes -----------------------------------------------------------


def test_tampered_signature_is_refused(key, business, token, provider):
    message = dict(envelope(business.id), exercise="access", regime="ccpa", email="ada@example.org")
    raw = bytearray(base64.b64decode(sign_message(key, message)))
    raw[10] ^= 0x40  # inside the signature
    response = raw_post(provider, "/v1/data-rights-request", base64.b64encode(bytes(raw)), token)
    assert response.status_code == 403
    assert "signature" in response.json()["message"]
    assert provider.requests == {}
    good = raw_post(provider, "/v1/data-rights-request", sign_message(key, message), token)
    assert good.status_code == 200  # the same message, untampered, goes through


def test_body_that_is_not_base64_is_a_fatal_error(token, provider):
    response = raw_post(provider, "/v1/data-rights-request", b"{not base64}", token)
    assert response.status_code == 400 and response.json()["fatal"] is True


def test_expired_message_is_refused(key, business, token, provider):
    old = envelope(business.id, issued=datetime.now(UTC) - timedelta(minutes=20))
    response = raw_post(provider, "/v1/data-rights-request", sign_message(key, dict(old, exercise="access", email="a@b.example")), token)
    assert response.status_code == 400
    assert response.json() == {"code": "400", "message": "the message has expired", "fatal": True}
    # pairing with an expired message: 2.05.1's bare 403
    response = raw_post(provider, f"/v1/agent/{AGENT_ID}", sign_message(key, old))
    assert response.status_code == 403 and response.content == b""


def test_client_with_a_slow_clock_gets_a_fatal_error(key, business, token, provider, sleeps):
    past = lambda: datetime.now(UTC) - timedelta(hours=1)  # noqa: E731
    with DrpClient(AGENT_ID, key, sleep=sleeps, clock=past) as skewed:
        with pytest.raises(DrpFatalError, match="will not process") as info:
            skewed.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    assert info.value.status_code == 400 and "expired" in info.value.server_message
    assert sleeps == []


def test_message_from_the_future_and_too_long_a_window(key, business, token, provider):
    future = envelope(business.id, issued=datetime.now(UTC) + timedelta(minutes=3))
    assert raw_post(provider, "/v1/data-rights-request", sign_message(key, dict(future, exercise="access", email="a@b.example")), token).status_code == 400
    wide = envelope(business.id, window=timedelta(minutes=30))
    response = raw_post(provider, "/v1/data-rights-request", sign_message(key, dict(wide, exercise="access", email="a@b.example")), token)
    assert response.status_code == 400 and "10 minutes" in response.json()["message"]


def test_wrong_business_id(client, key, business, token, provider):
    elsewhere = DrpBusiness(id="OTHER_BUSINESS", name="Other", api_base=provider.api_base)
    with pytest.raises(DrpAuthError, match="refused to pair"):
        client.pair(elsewhere)
    with pytest.raises(DrpFatalError) as info:
        client.exercise(elsewhere, token, action="access", regime="ccpa", claims=CLAIMS)
    assert "OTHER_BUSINESS" in info.value.server_message
    assert provider.requests == {}


def test_agent_id_must_match_the_token(key, business, token, provider):
    provider.register_agent("SOMEONE_ELSE", verify_key_b64(key))
    other = dict(envelope(business.id), exercise="access", email="a@b.example")
    other["agent-id"] = "SOMEONE_ELSE"
    response = raw_post(provider, "/v1/data-rights-request", sign_message(key, other), token)
    assert response.status_code == 403 and "agent-id" in response.json()["message"]


def test_pairing_with_an_unregistered_key_is_a_403(business, provider, sleeps):
    with DrpClient(AGENT_ID, generate_agent_key(), sleep=sleeps) as impostor:
        with pytest.raises(DrpAuthError, match="verify key") as info:
            impostor.pair(business)
    assert info.value.status_code == 403 and sleeps == []


def test_unknown_token_is_a_403_with_the_likely_cause(client, business, token, provider):
    sent = client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    provider.forget_tokens()
    with pytest.raises(DrpAuthError) as info:
        client.status(business, token, sent.request_id)
    message = str(info.value)
    assert "HTTP 403" in message and "re-pair" in message and "agent id" in message
    assert isinstance(info.value, TransportError) and info.value.exit_code == 4


def test_another_agents_request_is_forbidden(client, key, business, token, provider, sleeps):
    sent = client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    other_key = generate_agent_key()
    provider.register_agent("OTHER_AGENT", verify_key_b64(other_key))
    with DrpClient("OTHER_AGENT", other_key, sleep=sleeps) as other:
        other_token = other.pair(business)
        with pytest.raises(DrpAuthError):
            other.status(business, other_token, sent.request_id)
        with pytest.raises(DrpAuthError):
            other.check_token(business, token)  # our token presented for their agent id


def test_revoking_a_final_request_is_fatal(client, business, token, provider):
    sent = client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    provider.set_status(sent.request_id, "fulfilled")
    with pytest.raises(DrpFatalError, match="already fulfilled"):
        client.revoke(business, token, sent.request_id, "too late")


# --- retries and errors --------------------------------------------------------------------


def test_non_fatal_errors_are_retried_then_succeed(client, business, token, provider, sleeps):
    provider.inject(503, {"code": "503", "message": "busy", "fatal": False}, times=2, path="/v1/data-rights-request")
    sent = client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    assert sent.status == "open"
    assert sleeps == [0.5, 1.0]
    attempts = provider.calls("POST", "/v1/data-rights-request")
    assert [c.status for c in attempts] == [503, 503, 200]
    assert len(provider.requests) == 1
    # every attempt carries the same agent-request-id so a business can spot duplicates
    assert provider.requests[sent.request_id].message["agent-request-id"] == sent.agent_request_id


def test_retries_are_bounded(client, business, token, provider, sleeps):
    provider.inject(500, {"code": "500", "message": "down"}, times=10)
    with pytest.raises(DrpRetryableError, match="HTTP 500: down") as info:
        client.status(business, token, "whatever")
    assert sleeps == [0.5, 1.0, 2.0]
    assert len(provider.calls("GET")) == 4
    assert not isinstance(info.value, DrpFatalError)


def test_retry_after_is_honoured_and_capped(key, business, token, provider, sleeps):
    provider.inject(429, {"code": "429", "message": "slow down"}, times=1, retry_after="7")
    provider.inject(503, None, times=1, retry_after="3600")
    with DrpClient(AGENT_ID, key, sleep=sleeps, deadline=120) as patient:
        sent = patient.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    assert sent.status == "open"
    assert sleeps == [7.0, 30.0]


def test_a_wait_past_the_deadline_ends_the_operation(client, business, token, provider, sleeps):
    provider.inject(429, {"code": "429", "message": "slow down"}, times=1, retry_after="7")
    provider.inject(503, None, times=1, retry_after="3600")
    with pytest.raises(DrpRetryableError, match="HTTP 503"):
        client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    assert sleeps == [7.0]  # the capped 30 s wait does not fit in the 30 s deadline


def test_fatal_error_is_not_retried(client, business, token, provider, sleeps):
    provider.inject(400, {"code": "400", "message": "Unsupported rights actions submitted.", "fatal": True})
    with pytest.raises(DrpFatalError, match="Unsupported rights actions submitted") as info:
        client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    assert info.value.status_code == 400 and sleeps == []
    assert "\n" not in str(info.value)


def test_injected_bare_403(client, business, token, provider, sleeps):
    provider.inject(403)
    with pytest.raises(DrpAuthError, match="re-pair"):
        client.status(business, token, "any")
    assert sleeps == []


def test_non_fatal_client_error_is_not_repeated_at_once(client, business, token, provider, sleeps):
    provider.inject(400, {"code": "400", "message": "try tomorrow"})
    with pytest.raises(DrpRetryableError, match="try tomorrow"):
        client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS)
    assert sleeps == [] and len(provider.calls("POST", "/v1/data-rights-request")) == 1


def test_timeout_is_one_deadline_for_the_operation(key, business, token, provider, sleeps):
    provider.hang(times=2)
    with DrpClient(AGENT_ID, key, sleep=sleeps, max_retries=1, deadline=0.3) as impatient:
        with pytest.raises(DrpTimeout, match="did not answer the status check within 0.3 s .timed out while waiting for the response"):
            impatient.status(business, token, "slow")
    # the deadline covers the retries too: no time was left for a second attempt
    assert sleeps == []


def test_connection_refused_is_retryable(key, sleeps):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    nowhere = DrpBusiness(id="GONE", name="Gone", api_base=f"http://127.0.0.1:{port}")
    with DrpClient(AGENT_ID, key, sleep=sleeps, max_retries=2) as drp:
        with pytest.raises(DrpRetryableError, match="could not reach Gone"):
            drp.pair(nowhere)
    assert sleeps == [0.5, 1.0]


def test_non_json_success_is_fatal(client, business, token, provider):
    provider.inject(200, None)
    with pytest.raises(DrpFatalError, match="no JSON"):
        client.status(business, token, "x")


# --- input checks before anything is sent --------------------------------------------------


def test_bad_input_is_refused_before_sending(client, business, token, provider):
    with pytest.raises(UserError, match="unknown DRP action"):
        client.exercise(business, token, action="erase-everything", regime="ccpa", claims=CLAIMS)
    with pytest.raises(UserError, match="does not accept access:specific"):
        client.exercise(business, token, action="access:specific", regime="ccpa", claims=CLAIMS)
    with pytest.raises(UserError, match="regimes"):
        client.exercise(business, token, action="access", regime="gdpr", claims=CLAIMS)
    with pytest.raises(UserError, match="profile"):
        client.exercise(business, token, action="access", regime="ccpa", claims={})
    with pytest.raises(UserError, match="not paired"):
        client.exercise(business, "", action="access", regime="ccpa", claims=CLAIMS)
    with pytest.raises(UserError, match="https"):
        client.exercise(business, token, action="access", regime="ccpa", claims=CLAIMS, status_callback="http://agent.example/cb")
    with pytest.raises(ValueError):
        client.exercise(business, token, action="access", regime="ccpa", claims={"business-id": "X", **CLAIMS})
    assert provider.calls("POST", "/v1/data-rights-request") == []


def test_plain_http_off_this_machine_is_refused(client):
    remote = DrpBusiness(id="REMOTE", name="Remote", api_base="http://drp.example")
    with pytest.raises(UserError, match="https"):
        client.pair(remote)


def test_no_agent_id_is_a_user_error(key):
    with pytest.raises(UserError, match="--agent-id"):
        DrpClient("  ", key)
