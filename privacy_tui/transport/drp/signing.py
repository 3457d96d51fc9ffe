"""Agent identity and message signing, exactly as DRP 1.0 section 3.07.1 describes.

"Requests SHALL be signed by prepending the JSON document with the signature (so-called
'combined mode' libsodium APIs will do this by default), base64 encoding the resulting binary
buffer, and then sending that request with Content-Type `text/plain`."

libsodium's `crypto_sign` combined mode is: 64-byte Ed25519 signature || message. Ed25519 is
deterministic, so `cryptography` produces the very bytes libsodium/PyNaCl would for the same
key seed and message. The verify key is registered as base64 of the 32-byte raw public key
(spec 3.05.1 `verify_key`: "Base64 encoded Libsodium public verifying key").
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from privacy_tui.transport.drp.errors import DrpSignatureError
from privacy_tui.vault.agent_key import AgentKey, generate_agent_key

SIGNATURE_BYTES = 64


def verify_key_b64(key: AgentKey) -> str:
    """What the agent registers with the DRP network: base64 of the 32-byte raw public key."""
    return base64.b64encode(key.verify_key_bytes()).decode("ascii")


def encode_message(obj: Mapping[str, Any]) -> bytes:
    # Compact and ASCII-only: the signed bytes are the bytes sent, so keep them boring.
    return json.dumps(dict(obj), separators=(",", ":"), ensure_ascii=True).encode("ascii")


def sign_message(key: AgentKey, obj: Mapping[str, Any]) -> str:
    """JSON-encode `obj`, sign it, and return base64(signature || message) for a text/plain body."""
    message = encode_message(obj)
    return base64.b64encode(key.private.sign(message) + message).decode("ascii")


def verify_signed_message(verify_key_bytes: bytes, b64: str | bytes) -> dict[str, Any]:
    """Check a combined-mode signed message and return the JSON object it carries.

    The checks run in the spec's order (3.07): base64 decoding first, then the signature
    against the key registered for the agent. Raises DrpSignatureError with `stage` set to
    "base64", "signature" or "json".
    """
    try:
        raw = base64.b64decode(b64.strip(), validate=True)  # a trailing newline is not an error
    except AttributeError:
        raise DrpSignatureError("the message is not text", stage="base64") from None
    except (binascii.Error, ValueError, TypeError) as exc:
        raise DrpSignatureError(f"the message is not valid base64 ({exc})", stage="base64") from None
    if len(raw) < SIGNATURE_BYTES:
        raise DrpSignatureError("the message is shorter than an Ed25519 signature", stage="signature")
    signature, message = raw[:SIGNATURE_BYTES], raw[SIGNATURE_BYTES:]
    try:
        Ed25519PublicKey.from_public_bytes(verify_key_bytes).verify(signature, message)
    except InvalidSignature:
        raise DrpSignatureError("the signature does not match the agent's verify key", stage="signature") from None
    except ValueError as exc:  # a verify key of the wrong length
        raise DrpSignatureError(f"unusable verify key ({exc})", stage="signature") from None
    try:
        obj = json.loads(message.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DrpSignatureError(f"the signed message is not JSON ({exc})", stage="json") from None
    if not isinstance(obj, dict):
        raise DrpSignatureError("the signed message is not a JSON object", stage="json")
    return obj


__all__ = [
    "AgentKey",
    "encode_message",
    "generate_agent_key",
    "sign_message",
    "verify_key_b64",
    "verify_signed_message",
]
