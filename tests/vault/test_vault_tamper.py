"""Tamper detection: every single-byte change of a small vault is refused with a one-line error,
both as accidental damage (checksum) and as a deliberate edit that also fixes the checksum (AES-GCM)."""

from __future__ import annotations

import pytest
from support.cli import assert_one_line_error, run_cli
from support.vault import PASSPHRASE, fix_crc, layout, make_vault, open_vault

from privacy_tui.core.errors import VaultError
from privacy_tui.core.models import Company
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store

# What a refusal must tell the user to do, by cause.
ACTIONS = ("restore", "upgrade", "recover", "passphrase")


@pytest.fixture
def small_vault() -> bytes:
    p, _ = make_vault()
    with open_vault(p, writable=True) as vault:
        Store(vault).save_company(Company(id="c1", name="Tamper Test Ltd", emails=("privacy@tamper.example",)))
    return p.vault.read_bytes()


def _refusal(data: bytes) -> str:
    """Write `data` as the vault, try to open it, return the error (asserting the file was not touched)."""
    p = paths()
    p.vault.write_bytes(data)
    with pytest.raises(VaultError) as info:
        open_vault(p).close()
    assert p.vault.read_bytes() == data
    message = str(info.value)
    assert message and "\n" not in message and "\r" not in message, message
    assert any(a in message.lower() for a in ACTIONS), f"the message does not say what to do: {message}"
    return message


def test_the_untouched_vault_opens(small_vault):
    with open_vault() as vault:
        assert [c.name for c in Store(vault).companies()] == ["Tamper Test Ltd"]


def test_every_single_byte_flip_is_detected(small_vault):
    assert len(small_vault) < 4096  # keep the sweep small and fast
    for i in range(len(small_vault)):
        flipped = bytearray(small_vault)
        flipped[i] ^= 0xFF
        _refusal(bytes(flipped))


@pytest.mark.parametrize("mask", [0x01, 0x80])
def test_every_flip_with_a_recomputed_checksum_is_detected(small_vault, mask):
    """An attacker recomputes the CRC32; the authenticated encryption must still refuse the file.
    (Low-bit flips keep base64 and JSON characters valid, so they reach the cryptography.)"""
    parts = layout(small_vault)
    causes: dict[str, set[str]] = {}
    for i in range(len(small_vault) - 4):  # the last 4 bytes are the checksum itself
        flipped = bytearray(small_vault)
        flipped[i] ^= mask
        message = _refusal(fix_crc(bytes(flipped)))
        part = next(name for name, r in parts.items() if i in r)
        causes.setdefault(part, set()).add(message.split(" (")[0].split(":")[0])
    # Changes to the ciphertext and tag are caught by AES-GCM, not by parsing.
    assert all("integrity" in m or "failed" in m for m in causes["ciphertext"] | causes["gcm_tag"]), causes


@pytest.mark.parametrize("part", ["magic", "version", "header_len", "header", "ciphertext", "gcm_tag", "crc"])
def test_cli_refuses_a_flipped_byte_with_exit_3(small_vault, part):
    p = paths()
    r = layout(small_vault)[part]
    flipped = bytearray(small_vault)
    flipped[(r.start + r.stop) // 2] ^= 0x01
    p.vault.write_bytes(bytes(flipped))
    for args in (("company", "list"), ("company", "add", "New Co")):
        rc, out, err = run_cli(*args)
        assert rc == 3, (part, args, rc, out, err)
        assert_one_line_error(err)
        assert out == ""
        assert p.vault.read_bytes() == bytes(flipped)
    assert not p.backups.exists() or all(b.read_bytes() != bytes(flipped) for b in p.backups.iterdir())


def test_wrong_passphrase_is_not_mistaken_for_damage(small_vault):
    with pytest.raises(VaultError, match="wrong passphrase"):
        open_vault(passphrase=PASSPHRASE + "x")
