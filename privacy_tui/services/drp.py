"""Data Rights Protocol on top of the vault: configuration, pairing, sending, polling, revoking.

The transport package (`privacy_tui.transport.drp`) speaks the protocol; this module decides
what to send for a request and records every answer in the request's timeline.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date

from privacy_tui.core.errors import UserError
from privacy_tui.core.events import CLOSED_STATUSES
from privacy_tui.core.models import Company, Message, Request, new_id, now_iso
from privacy_tui.services.requests import append_event
from privacy_tui.vault.store import Store

# Our request types onto DRP exercises (DRP 1.0 §2.01 "exercise").
ACTIONS = {"access": "access", "deletion": "deletion", "opt_out_sale": "sale:opt-out", "portability": "access"}


def settings(store: Store) -> dict:
    return dict(store.setting("drp", {}) or {})


def configure(store: Store, *, agent_id: str | None = None, version: str | None = None) -> dict:
    from privacy_tui.core.validation import clean_text

    current = settings(store)
    if agent_id is not None:
        current["agent_id"] = clean_text("agent id", agent_id, required=True)
    if version is not None:
        if version not in ("1.0", "0.9.4"):
            raise UserError("--drp-version must be 1.0 or 0.9.4")
        current["version"] = version
    store.set_setting("drp", current)
    return current


def import_businesses(store: Store, source: str) -> list:
    from privacy_tui.transport.drp import load_business_directory

    businesses = load_business_directory(source)
    current = settings(store)
    current["businesses"] = [asdict(b) for b in businesses]
    current["directory_source"] = source
    store.set_setting("drp", current)
    return businesses


def businesses(store: Store) -> list:
    from privacy_tui.transport.drp import parse_business_directory

    raw = settings(store).get("businesses") or []
    parsed, _ = parse_business_directory(raw)
    return parsed


def business(store: Store, business_id: str):
    from privacy_tui.transport.drp import find_business

    known = businesses(store)
    if not known:
        raise UserError("no DRP businesses known: load a directory with `privacy-tui drp businesses FILE|URL`")
    return find_business(known, business_id)


def link(store: Store, company_ident: str, business_id: str) -> Company:
    b = business(store, business_id)
    company = store.company(company_ident)
    return store.save_company(replace(company, drp_business_id=b.id, updated=now_iso()))


def _client(store: Store):
    from privacy_tui.transport.drp import DrpClient
    from privacy_tui.vault.drp_keys import get_agent_key

    cfg = settings(store)
    key = get_agent_key()
    if key is None:
        raise UserError("no DRP agent key: create one with `privacy-tui drp keygen`")
    return DrpClient(cfg.get("agent_id", ""), key, version=cfg.get("version", "1.0"))


def pair(store: Store, business_id: str) -> str:
    from privacy_tui.vault.drp_keys import store_token

    b = business(store, business_id)
    with _client(store) as client:
        token = client.pair(b)
    store_token(b.id, token)
    return b.id


def _token(store: Store, b) -> str:
    from privacy_tui.vault.drp_keys import get_token, store_token

    token = get_token(b.id)
    if token:
        return token
    with _client(store) as client:
        token = client.pair(b)
    store_token(b.id, token)
    return token


def _record_status(request: Request, status, today: date) -> Request:
    """Append the event a DRP status maps to, unless the timeline already says it."""
    from privacy_tui.core.errors import UserError as _UserError
    from privacy_tui.transport.drp import status_event_data, status_to_event

    previous = next((e for e in reversed(request.events) if "drp_status" in e.data), None)
    prev_expected = previous.data.get("expected_by", "") if previous else ""
    kind, detail = status_to_event(status, prev_expected)
    data = status_event_data(status)
    if previous is not None and previous.data.get("drp_status") == status.status and (previous.data.get("expected_by") or "") == (status.expected_by or ""):
        return request  # nothing new
    try:
        return append_event(request, kind, today, detail, data)
    except _UserError:
        # The timeline cannot take this kind now (e.g. acknowledged twice): keep the facts anyway.
        return append_event(request, "drp_status", today, f"{status.status}: {detail}", data)


def send_drp(store: Store, request: Request, company: Company | None, *, today: date, resend: bool = False):
    from privacy_tui.services import outbox
    from privacy_tui.services.sending import SendOutcome
    from privacy_tui.services.transports import DrpTransport
    from privacy_tui.transport.drp import select_claims

    if request.sent and not resend:
        raise UserError(f"request {request.id} was already sent on {request.sent}; use --resend to send it again")
    if company is None or not company.drp_business_id:
        raise UserError("this company is not linked to a DRP business: run `privacy-tui drp link COMPANY_ID BUSINESS_ID`")
    action = ACTIONS.get(request.type)
    if action is None:
        raise UserError(f"DRP has no exercise for a {request.type} request (it covers access, deletion and sale opt-out)")
    b = business(store, company.drp_business_id)
    claims = select_claims(store.profile(), b.supported_verifications)
    regime = "ccpa" if request.regime == "ccpa" else "voluntary"
    token = _token(store, b)
    record = Message(
        id=new_id("m"),
        request_id=request.id,
        kind="request",
        transport="drp",
        to=f"{b.name} ({b.id}) {b.api_base}",
        subject=f"DRP {action} under {regime}",
        body=json.dumps({"exercise": action, "regime": regime, "claims": sorted(claims)}, ensure_ascii=False),
        created=now_iso(),
    )

    def sent(req: Request, message: Message, delivery: outbox.Delivery) -> Request:
        status = delivery.answer
        updated = req
        if not req.sent:
            updated = append_event(updated, "sent", today, f"sent through DRP to {b.name}", {"drp_request_id": status.request_id})
        updated = replace(updated, transport="drp", drp_request_id=status.request_id)
        if status.status != "open":
            updated = _record_status(updated, status, today)
        return updated

    transport = DrpTransport(lambda: _client(store), b, token, action, regime, claims, request.reference)
    done = outbox.send(store, outbox.Letter(request, record, (), label=request.id), transport, resend=resend, on_sent=sent)
    status = done.delivery.answer
    return SendOutcome(done.request, f"sent through DRP to {b.name}: request {status.request_id} is {status.status}", sent=True)


def poll(store: Store, ident: str | None, *, today: date) -> list[tuple[Request, str]]:
    """Ask each business for the status of our open DRP requests; returns (request, status) pairs."""
    from privacy_tui.core.timeline import derive_status

    targets = [store.request(ident)] if ident else [r for r in store.requests() if r.drp_request_id]
    if ident and not targets[0].drp_request_id:
        raise UserError(f"request {targets[0].id} was not sent through DRP")
    results = []
    updates = []
    for request in targets:
        if not ident and derive_status(request, today) in CLOSED_STATUSES:
            continue
        company = store.find_company(request.company_id)
        b = business(store, company.drp_business_id if company else "")
        with _client(store) as client:
            status = client.status(b, _token(store, b), request.drp_request_id)
        updated = _record_status(request, status, today)
        if updated is not request:
            updates.append(updated)
        results.append((updated, status.status))
    if updates:
        store.save_requests(updates)
    return results


def revoke(store: Store, ident: str, reason: str, *, today: date) -> Request:
    """2.04 revoke. The business's answer is recorded whatever it says; unless it is the new
    `revoked` state 2.04.1 requires (for this request), DrpNotRevoked says what it answered."""
    from privacy_tui.core.text import printable
    from privacy_tui.transport.drp import DrpNotRevoked

    request = store.request(ident)
    if not request.drp_request_id:
        raise UserError(f"request {request.id} was not sent through DRP")
    company = store.find_company(request.company_id)
    b = business(store, company.drp_business_id if company else "")
    with _client(store) as client:
        status = client.revoke(b, _token(store, b), request.drp_request_id, reason or "withdrawn by the consumer")
    if status.request_id != request.drp_request_id:
        raise DrpNotRevoked(
            f"{printable(b.name, multiline=False)} answered the revoke of {request.id} for another request "
            f"({printable(status.request_id, multiline=False)!r}); nothing was recorded — check with the business"
        )
    updated = _record_status(request, status, today)
    store.save_request(updated)
    if status.status != "revoked":
        said = ", ".join(printable(part, multiline=False) for part in (status.status, status.reason, status.processing_details) if part)
        raise DrpNotRevoked(
            f"{printable(b.name, multiline=False)} did not revoke request {request.id}: it answered {said!r} instead of "
            "'revoked'; its answer is in the request's timeline (`privacy-tui request show ID`)"
        )
    return updated
