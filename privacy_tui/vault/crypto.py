"""Key derivation, key wrapping and authenticated encryption for the vault.

scrypt (from `cryptography`, so no extra dependency) with N=2**17, r=8, p=1: OWASP's
recommended minimum for scrypt, 128 MiB of memory per guess, which makes GPU cracking
expensive, and about 0.3-0.5 s on this project's 2-core reference machine: slow enough to
hurt an attacker, fast enough that a person unlocking without a keyring does not wait.
The parameters are recorded in each vault's header, so they can be raised later without
breaking old vaults.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96-bit GCM nonce, fresh and random for every encryption
SALT_BYTES = 16

# Crockford-style base32 without padding: unambiguous to read aloud and type back.
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789"[:32]


class DecryptionFailed(Exception):
    """Wrong key, or data that was altered."""


@dataclass(frozen=True)
class KdfParams:
    name: str = "scrypt"
    n: int = 2**17
    r: int = 8
    p: int = 1

    def to_dict(self) -> dict:
        return {"name": self.name, "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_dict(cls, raw: dict) -> KdfParams:
        if raw.get("name") != "scrypt":
            raise ValueError(f"unknown key derivation {raw.get('name')!r}")
        n, r, p = int(raw["n"]), int(raw["r"]), int(raw["p"])
        # Refuse absurd values a damaged or hostile header could carry (memory exhaustion).
        if not (2 <= n <= 2**22 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("key derivation parameters out of range")
        return cls(n=n, r=r, p=p)


# The parameters new passphrase slots get. No switch lowers them: a test suite that needs
# cheap vaults replaces this object from its own code (tests/conftest.py).
DEFAULT_KDF = KdfParams()


def default_kdf() -> KdfParams:
    return DEFAULT_KDF


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def new_recovery_key() -> str:
    """8 groups of 5 base32 characters: 200 bits, printed once at init."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(40))
    return "-".join(chars[i : i + 5] for i in range(0, 40, 5))


def normalize_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1").replace("U", "V")
    if len(cleaned) != 40 or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
        raise ValueError("a recovery key is 40 characters in 8 groups of 5")
    return "-".join(cleaned[i : i + 5] for i in range(0, 40, 5))


def recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    """The recovery key already has 200 bits of entropy, so a fast KDF (HKDF) is enough."""
    material = normalize_recovery_key(recovery_key).encode("ascii")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"privacy-tui recovery").derive(material)


def encrypt(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(key: bytes, nonce: bytes, ciphertext: bytes | memoryview, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag as exc:
        raise DecryptionFailed from exc


def wrap_key(kek: bytes, data_key: bytes, slot_aad: bytes) -> dict:
    nonce, wrapped = encrypt(kek, data_key, slot_aad)
    return {"nonce": b64(nonce), "wrapped": b64(wrapped)}


def unwrap_key(kek: bytes, slot: dict, slot_aad: bytes) -> bytes:
    return decrypt(kek, unb64(slot["nonce"]), unb64(slot["wrapped"]), slot_aad)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
