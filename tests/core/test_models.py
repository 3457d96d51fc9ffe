"""Every model survives to_record -> JSON -> from_record, and arbitrary records survive the vault."""

from __future__ import annotations

import json
import tempfile
from dataclasses import fields
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.vault import PASSPHRASE, make_vault, open_vault

from privacy_tui.core.models import (
    SCHEMA_VERSION,
    Company,
    DataItem,
    Event,
    Message,
    Profile,
    Request,
    Source,
    from_record,
    to_record,
)
from privacy_tui.vault.paths import Paths
from privacy_tui.vault.store import Store

SOURCE = Source(kind="policy", ref="https://example.com/privacy", evidence="We collect your email address.", offset=1234)

COMPANY = Company(
    id="c0123abcd",
    name="Acme Ltd",
    aliases=("Acme", "ACME Group"),
    website="https://acme.example",
    emails=("privacy@acme.example", "dpo@acme.example"),
    webform="https://acme.example/dsar",
    address="1 Road\nTown",
    country="GB",
    subdivision="SCT",
    regimes=("uk_gdpr", "gdpr"),
    categories=("A", "B", "K"),
    data_items=(DataItem("email_address", "A", SOURCE), DataItem("purchase_history", "D")),
    rights=("access", "deletion"),
    response_days=30,
    provenance={"emails": Source(kind="typed"), "categories": SOURCE},
    drp_business_id="acme",
    notes="called them",
    created="2024-01-02T03:04:05+00:00",
    updated="2024-02-03T04:05:06+00:00",
)

EVENTS = (
    Event(request_id="r1", kind="sent", date="2024-03-01", at="2024-03-01T10:00:00+00:00", detail="by email",
          data={"message_id": "<a@b>", "count": 2, "flag": True, "none": None}),
    Event(request_id="r1", kind="acknowledged", date="2024-03-05"),
)

REQUEST = Request(
    id="r1", company_id="c0123abcd", type="access", regime="gdpr", reference="PT-ABCDEFGH",
    created="2024-03-01T09:00:00+00:00", subject="Subject access request", body="Dear DPO,\n\nPlease...",
    identity_fields=("name", "email"), transport="smtp", message_id="<a@b>", sent_text="Dear DPO",
    country="GB", subdivision="ENG", due="2024-04-01", extended_due="2024-06-01", ack_due="2024-03-08",
    drp_request_id="drp-1", events=EVENTS,
)

PROFILE = Profile(name="Jo Bloggs", email="jo@example.org", address="2 Street\nCity", country="GB", state="SCT",
                  phone="+44 1234", extra={"customer_number": "123", "username": "jo"})

MESSAGE = Message(id="m1", request_id="r1", kind="request", transport="smtp", to="privacy@acme.example",
                  subject="Subject access request", body="Dear DPO", created="2024-03-01T10:00:00+00:00",
                  sent_at="2024-03-01T10:00:01+00:00", message_id="<a@b>", raw="RGVhciBEUE8=", server_reply="250 OK")

MODELS = [COMPANY, REQUEST, PROFILE, MESSAGE, Company(id="c1", name="Bare"), Request("r2", "c1", "deletion", "ccpa", "PT-X"),
          Profile(), Message("m2", "r2", "reminder", "eml", "a@b.c", "s", "b")]


def _json_round_trip(obj):
    record = json.loads(json.dumps(to_record(obj), ensure_ascii=False))
    return from_record(type(obj), record)


def test_every_model_round_trips_through_json():
    for obj in MODELS:
        assert _json_round_trip(obj) == obj, type(obj).__name__


def test_nested_models_round_trip():
    # Source, DataItem and Event only live inside other records; check their fields survive intact.
    back = _json_round_trip(COMPANY)
    assert back.data_items[0].source == SOURCE
    assert isinstance(back.data_items, tuple) and isinstance(back.data_items[0], DataItem)
    assert back.provenance["categories"] == SOURCE and isinstance(back.provenance["categories"], Source)
    req = _json_round_trip(REQUEST)
    assert req.events == EVENTS and all(isinstance(e, Event) for e in req.events)
    assert req.sent == "2024-03-01" and req.acknowledged == "2024-03-05"


def test_records_carry_the_schema_version():
    for obj in MODELS:
        record = to_record(obj)
        assert record["v"] == SCHEMA_VERSION
        assert set(record) == {f.name for f in fields(obj)} | {"v"}


def test_unknown_fields_are_ignored_when_reading():
    # A record written by a newer minor version with an extra field still loads.
    record = dict(to_record(COMPANY), future_field="x")
    assert from_record(Company, record) == COMPANY


def test_models_round_trip_through_the_vault():
    with tempfile.TemporaryDirectory() as tmp:
        p, _ = make_vault(Paths(Path(tmp) / "home"))
        with open_vault(p, writable=True) as vault:
            store = Store(vault)
            store.save_company(COMPANY)
            store.save_request(REQUEST)
            store.save_profile(PROFILE)
            store.save_message(MESSAGE)
        with open_vault(p) as vault:
            store = Store(vault)
            assert store.company(COMPANY.id) == COMPANY
            assert store.request(REQUEST.id) == REQUEST
            assert store.requests(COMPANY.id) == [REQUEST]
            assert store.profile() == PROFILE
            assert store.messages(REQUEST.id) == [MESSAGE]


# --- property test: arbitrary records survive write -> reopen -> read ---------------------------

# Any Unicode except lone surrogates (which no UTF-8 text can hold), including NUL and line breaks.
_text = st.text(max_size=40)
_long_text = st.one_of(_text, st.builds(lambda s, n: (s or "x") * n, st.text(min_size=1, max_size=8), st.integers(500, 3000)))
_ids = st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=12)
_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), _text,
                         st.floats(allow_nan=False, allow_infinity=False))
_sources = st.builds(Source, kind=st.sampled_from(["typed", "policy", "directory", "drp"]), ref=_text, evidence=_long_text,
                     offset=st.none() | st.integers(0, 10**9))
_letters = st.lists(st.sampled_from("ABCDEFGHIJKL"), unique=True).map(tuple)

_companies = st.builds(
    Company, id=_ids, name=_long_text, aliases=st.lists(_text, max_size=3).map(tuple), website=_text,
    emails=st.lists(_text, max_size=3).map(tuple), webform=_text, address=_long_text, country=_text, subdivision=_text,
    regimes=st.lists(_text, max_size=3).map(tuple), categories=_letters,
    data_items=st.lists(st.builds(DataItem, item=_text, category=st.sampled_from("ABCDEFGHIJKL"), source=_sources),
                        max_size=3).map(tuple),
    rights=st.lists(_text, max_size=3).map(tuple), response_days=st.none() | st.integers(0, 1000),
    provenance=st.dictionaries(_text, _sources, max_size=3), drp_business_id=_text, notes=_long_text,
    created=_text, updated=_text,
)
_events = st.builds(Event, request_id=_text, kind=_text, date=_text, at=_text, detail=_long_text,
                    data=st.dictionaries(_text, _json_scalar, max_size=4))
_requests = st.builds(
    Request, id=_ids, company_id=_ids, type=_text, regime=_text, reference=_text, created=_text, subject=_text,
    body=_long_text, identity_fields=st.lists(_text, max_size=3).map(tuple), transport=_text, message_id=_text,
    sent_text=_long_text, country=_text, subdivision=_text, due=_text, extended_due=_text, ack_due=_text,
    drp_request_id=_text, events=st.lists(_events, max_size=4).map(tuple),
)
_profiles = st.builds(Profile, name=_long_text, email=_text, address=_long_text, country=_text, state=_text, phone=_text,
                      extra=st.dictionaries(_text, _text, max_size=4))
_messages = st.builds(Message, id=_ids, request_id=_ids, kind=_text, transport=_text, to=_text, subject=_text,
                      body=_long_text, created=_text, sent_at=_text, message_id=_text, raw=_text, server_reply=_text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    companies=st.lists(_companies, max_size=3, unique_by=lambda c: c.id),
    requests=st.lists(_requests, max_size=3, unique_by=lambda r: r.id),
    profile=_profiles,
    messages=st.lists(_messages, max_size=2, unique_by=lambda m: m.id),
)
def test_arbitrary_records_survive_write_reopen_read(companies, requests, profile, messages):
    with tempfile.TemporaryDirectory() as tmp:
        p, _ = make_vault(Paths(Path(tmp) / "home"), passphrase=PASSPHRASE)
        with open_vault(p, writable=True) as vault:
            store = Store(vault)
            for c in companies:
                store.save_company(c)
            for r in requests:
                store.save_request(r)
            store.save_profile(profile)
            for m in messages:
                store.save_message(m)
        # A new Vault object reads only what is on disk (decrypted afresh).
        with open_vault(p) as vault:
            store = Store(vault)
            assert sorted(store.companies(), key=lambda c: c.id) == sorted(companies, key=lambda c: c.id)
            assert sorted(store.requests(), key=lambda r: r.id) == sorted(requests, key=lambda r: r.id)
            assert store.profile() == profile
            for m in messages:
                assert m in store.messages(m.request_id)
            assert store.counts()["messages"] == len(messages)
