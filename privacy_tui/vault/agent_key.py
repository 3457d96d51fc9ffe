"""The DRP agent's Ed25519 signing key: a secret, so it lives with the vault's keys.

Signing with it (DRP's combined mode) is the wire's business, in transport/drp/signing.py;
keeping it in the OS keyring is vault/drp_keys.py's.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

KEY_BYTES = 32


@dataclass(frozen=True)
class AgentKey:
    """The agent's Ed25519 signing key. `repr` never shows key material."""

    private: Ed25519PrivateKey = field(repr=False)

    @classmethod
    def from_seed(cls, seed: bytes) -> AgentKey:
        """From the 32-byte seed (libsodium's `crypto_sign_seed_keypair` input, PyNaCl's SigningKey bytes)."""
        if len(seed) != KEY_BYTES:
            raise ValueError(f"an Ed25519 seed is {KEY_BYTES} bytes, got {len(seed)}")
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def from_seed_b64(cls, text: str) -> AgentKey:
        return cls.from_seed(base64.b64decode(text, validate=True))

    def seed(self) -> bytes:
        return self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def seed_b64(self) -> str:
        return base64.b64encode(self.seed()).decode("ascii")

    def verify_key_bytes(self) -> bytes:
        return self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def generate_agent_key() -> AgentKey:
    return AgentKey(Ed25519PrivateKey.generate())
