"""The whole corpus (tests/fixtures/inbox) through `inbox import` into a vault built from
requests.json: the RequestKeys come from the vault (companies, requests, sent messages), so
this checks the storage side end to end. Prints the accuracy figures."""

from __future__ import annotations

import json
from pathlib import Path

from support.paths import FIXTURES
from support.vault import make_vault, open_vault

from privacy_tui.core.models import Company, Event, Message, Request, to_record
from privacy_tui.services import inbox
from privacy_tui.services.inbox_sync import import_paths
from privacy_tui.vault.store import Store

CORPUS = FIXTURES / "inbox"


def _vault_from_corpus(store: Store) -> None:
    spec = json.loads((CORPUS / "requests.json").read_text())
    companies, requests, messages = {}, [], []
    for r in spec["requests"]:
        companies.setdefault(r["company_id"], to_record(Company(
            id=r["company_id"], name=r["company_id"].title(), emails=tuple(f"privacy@{d}" for d in r["domains"]), country="DE")))
        events = [Event(r["request_id"], "created", "2020-01-01"), Event(r["request_id"], "sent", "2020-01-01")]
        if not r["open"]:
            events.append(Event(r["request_id"], "fulfilled", "2020-02-01"))
        requests.append(to_record(Request(id=r["request_id"], company_id=r["company_id"], type="access", regime=r["regime"],
                                          reference=r["reference"], events=tuple(events))))
        for i, mid in enumerate(r["message_ids"]):
            messages.append(to_record(Message(id=f"m{r['request_id']}{i}", request_id=r["request_id"], kind="request",
                                              transport="smtp", to="x", subject="s", body="b", message_id=mid)))
    with store.batch():
        store.add_records("companies", list(companies.values()))
        store.add_records("requests", requests)
        store.add_records("messages", messages)
        store.set_setting(inbox.LEARNED_SETTING, spec.get("learned", {}))


def test_corpus_import_matches_through_the_vault(capsys):
    p, _ = make_vault()
    expected = json.loads((CORPUS / "expected.json").read_text())
    with open_vault(p, writable=True) as vault:
        store = Store(vault)
        _vault_from_corpus(store)
        report = import_paths(store, [CORPUS], dkim=lambda raw: "not checked")
        assert report.added == len(expected), report.refused
        by_file = {Path(r["origin"]).name: r for r in inbox.list_messages(store)}
    hits = sum(1 for name, want in expected.items() if by_file[name]["request_id"] == want["request"])
    kinds = sum(1 for name, want in expected.items() if by_file[name]["kind"] == want["kind"])
    with capsys.disabled():
        print(f"\ncorpus through the vault: match {hits}/{len(expected)}, kind {kinds}/{len(expected)}")
    # Never assigned to the wrong request: an unrelated or lookalike message stays unmatched.
    wrong = [n for n, w in expected.items() if by_file[n]["request_id"] not in (None, w["request"])]
    assert wrong == []
    assert hits >= 0.9 * len(expected)
