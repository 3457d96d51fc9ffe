"""DKIM results recorded per message: pass and fail proven with a test key served by an injected
DNS lookup (no network); none without a signature; not checked when the lookup itself fails."""

from __future__ import annotations

import base64

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from support.inbox import reply

from privacy_tui.transport.dkim_check import DkimChecker


@pytest.fixture(scope="module")
def key():
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    der = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)
    return pem, record


def _signed(pem: bytes) -> bytes:
    raw = reply(sender="dpo@acme.example", subject="Your data", body="Please find your data attached.")
    signature = dkim.sign(raw, b"sel1", b"acme.example", pem, include_headers=[b"from", b"subject", b"date", b"message-id"])
    return signature + raw


def _dns(record: bytes, calls: list):
    def lookup(name: bytes, timeout: float = 5):
        calls.append(name)
        return record if name == b"sel1._domainkey.acme.example." else None

    return lookup


def test_pass_fail_none(key):
    pem, record = key
    calls: list = []
    checker = DkimChecker(_dns(record, calls))
    signed = _signed(pem)
    assert checker.check(signed) == "pass"
    tampered = signed.replace(b"Please find", b"Please find NOT")
    assert checker.check(tampered) == "fail"
    assert checker.check(reply(sender="a@b.example", subject="x", body="y")) == "none"
    assert calls == [b"sel1._domainkey.acme.example."]  # the key was looked up once, then cached


def test_a_missing_key_is_fail_but_an_unreachable_dns_is_not_checked(key):
    pem, _ = key
    assert DkimChecker(lambda name, timeout=5: None).check(_signed(pem)) == "fail"

    calls = []

    def offline(name, timeout=5):
        calls.append(name)
        raise OSError("network unreachable")

    checker = DkimChecker(offline)
    assert checker.check(_signed(pem)) == "not checked"
    assert checker.check(_signed(pem)) == "not checked"
    assert len(calls) == 1  # offline once: the rest of the batch does not wait for DNS again


def test_ingest_records_the_result(key, private_home):
    from support.vault import make_vault, open_vault

    from privacy_tui.services import inbox
    from privacy_tui.vault.store import Store

    pem, record = key
    p, _ = make_vault()
    with open_vault(p, writable=True) as vault:
        store = Store(vault)
        checker = DkimChecker(_dns(record, []))
        (mid,) = inbox.ingest_many(store, [(_signed(pem), {})], dkim=checker.check).ids
        assert inbox.get_message(store, mid)["dkim"] == "pass"
