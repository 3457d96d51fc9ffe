"""Signing exactly as DRP 3.07.1 says: base64(64-byte Ed25519 signature || JSON message)."""

from __future__ import annotations

import base64
import json

import pytest

from privacy_tui.transport.drp import (
    AgentKey,
    DrpSignatureError,
    generate_agent_key,
    sign_message,
    verify_key_b64,
    verify_signed_message,
)

# RFC 8032 section 7.1, TEST 1: the seed, its public key and the signature of the empty message.
RFC_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
RFC_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def test_seed_gives_the_standard_ed25519_key_and_signature():
    key = AgentKey.from_seed(RFC_SEED)
    assert key.verify_key_bytes() == RFC_PUBLIC
    assert key.private.sign(b"") == RFC_SIGNATURE
    assert verify_key_b64(key) == base64.b64encode(RFC_PUBLIC).decode()


def test_combined_mode_is_signature_then_the_json_message():
    key = AgentKey.from_seed(RFC_SEED)
    obj = {"agent-id": "AGENT", "business-id": "CB", "drp.version": "1.0"}
    raw = base64.b64decode(sign_message(key, obj), validate=True)
    signature, message = raw[:64], raw[64:]
    assert json.loads(message) == obj
    assert key.private.sign(message) == signature  # Ed25519 is deterministic
    assert verify_signed_message(RFC_PUBLIC, sign_message(key, obj)) == obj


def test_verify_key_is_base64_of_32_raw_bytes():
    key = generate_agent_key()
    assert len(base64.b64decode(verify_key_b64(key), validate=True)) == 32
    assert AgentKey.from_seed_b64(key.seed_b64()).verify_key_bytes() == key.verify_key_bytes()
    assert key.seed_b64() not in repr(key)


def test_tampered_message_fails_the_signature_stage():
    key = generate_agent_key()
    raw = bytearray(base64.b64decode(sign_message(key, {"exercise": "access"})))
    raw[-3] ^= 0x01
    with pytest.raises(DrpSignatureError) as info:
        verify_signed_message(key.verify_key_bytes(), base64.b64encode(bytes(raw)).decode())
    assert info.value.stage == "signature"


def test_another_agents_key_does_not_verify():
    signed = sign_message(generate_agent_key(), {"a": 1})
    with pytest.raises(DrpSignatureError) as info:
        verify_signed_message(generate_agent_key().verify_key_bytes(), signed)
    assert info.value.stage == "signature"


def test_bad_base64_and_non_json_are_told_apart():
    key = generate_agent_key()
    with pytest.raises(DrpSignatureError) as info:
        verify_signed_message(key.verify_key_bytes(), "not base64 at all!")
    assert info.value.stage == "base64"
    not_json = base64.b64encode(key.private.sign(b"[1, 2") + b"[1, 2").decode()
    with pytest.raises(DrpSignatureError) as info:
        verify_signed_message(key.verify_key_bytes(), not_json)
    assert info.value.stage == "json"
    short = base64.b64encode(b"x" * 10).decode()
    with pytest.raises(DrpSignatureError):
        verify_signed_message(key.verify_key_bytes(), short)


def test_wrong_seed_length_is_refused():
    with pytest.raises(ValueError):
        AgentKey.from_seed(b"\x00" * 31)
