"""services.inbox: ingest (dedupe, blobs, match, classify, auto-apply), accept / ignore / undo."""

from __future__ import annotations

import pytest
from support.inbox import add_sent_request, no_dkim, reply

from privacy_tui.core.errors import UserError
from privacy_tui.services import inbox
from privacy_tui.vault.rollback import generation

AUTO_ACK = ("This is an automatic confirmation: we have received your data subject access request. "
            "Ticket #48213. We will respond within one month.")
EXTENDED = ("Dear Ada, due to the complexity of your request we need to extend the deadline by two further months, "
            "as Article 12(3) allows. We will respond by 2 February 2027.")


def test_ingest_matches_stores_blobs_and_auto_applies_with_one_vault_write(store):
    company, request = add_sent_request(store)
    before = generation(store.vault.header)
    items = [
        (reply(sender="Acme Privacy <privacy@acme.example>", subject=f"Re: Subject access request [{request.reference}]",
               body=AUTO_ACK, in_reply_to=request.message_id, headers={"Auto-Submitted": "auto-replied"}), {"source": "import", "origin": "a.eml"}),
        (reply(sender="dpo@acme.example", subject=f"Your request {request.reference}", body=EXTENDED,
               attachments=[("letter.pdf", "application/pdf", b"%PDF-1.4 the letter")]), {"source": "import", "origin": "b.eml"}),
        (reply(sender="news@shop.example", subject="Black Friday deals", body="Save 50% on everything this week. Unsubscribe here."),
         {"source": "import", "origin": "c.eml"}),
    ]
    report = inbox.ingest_many(store, items, dkim=no_dkim)
    assert generation(store.vault.header) == before + 1  # one vault write for the whole batch
    assert (report.added, report.matched, report.auto_applied) == (3, 2, 1)
    listed = inbox.list_messages(store)
    assert listed[0]["request_id"] is None  # new and unmatched first
    ack = next(m for m in listed if m["kind"] == "acknowledged")
    assert ack["state"] == "accepted" and ack["auto_applied"] and ack["ticket"] == "48213"
    assert store.request(request.id).acknowledged == "2026-11-05"
    ext = next(m for m in listed if m["kind"] == "extended")
    assert ext["state"] == "new" and ext["request_id"] == request.id
    assert inbox.waiting_count(store) == 2
    # The evidence: exact bytes back, the attachment too, nothing readable on disk.
    assert inbox.raw_message(store, ext["id"]) == items[1][0]
    assert inbox.attachment(store, ext["id"], 0) == ("letter.pdf", "application/pdf", b"%PDF-1.4 the letter")
    for path in store.vault.paths.blobs.iterdir():
        assert b"Article 12" not in path.read_bytes() and b"the letter" not in path.read_bytes()
    assert "two further months" in inbox.get_message(store, ext["id"])["text"]
    assert [m["id"] for m in inbox.messages_for_request(store, request.id)] == sorted(
        [ack["id"], ext["id"]], key=lambda i: inbox.get_message(store, i)["date"])


def test_duplicates_by_message_id_or_bytes_are_skipped(store):
    _, request = add_sent_request(store)
    raw = reply(sender="privacy@acme.example", subject=f"Re: [{request.reference}]", body=EXTENDED, message_id="<same@acme.example>")
    assert inbox.ingest_many(store, [(raw, {})], dkim=no_dkim).added == 1
    again = reply(sender="privacy@acme.example", subject="resent", body="other", message_id="<same@acme.example>")
    before = generation(store.vault.header)
    report = inbox.ingest_many(store, [(raw, {}), (again, {})], dkim=no_dkim)
    assert (report.added, report.duplicates) == (0, 2)
    assert generation(store.vault.header) == before  # nothing new: no write
    assert len(store.vault.blobs.ids()) == 1


def test_accept_applies_the_event_and_undo_removes_it(store):
    _, request = add_sent_request(store)
    raw = reply(sender="dpo@acme.example", subject=f"Your request {request.reference}", body=EXTENDED)
    (mid,) = inbox.ingest_many(store, [(raw, {})], dkim=no_dkim).ids
    due_before = store.request(request.id).due
    inbox.accept(store, mid)
    extended = store.request(request.id)
    assert extended.last_date("extended") and extended.extended_due > due_before
    assert inbox.get_message(store, mid)["state"] == "accepted"
    inbox.undo(store, mid)
    back = store.request(request.id)
    assert not back.last_date("extended") and back.due == due_before
    assert inbox.get_message(store, mid)["state"] == "new"
    inbox.ignore(store, mid)
    assert inbox.waiting_count(store) == 0


def test_undo_of_an_auto_applied_acknowledgement(store):
    _, request = add_sent_request(store)
    raw = reply(sender="privacy@acme.example", subject=f"Re: [{request.reference}]", body=AUTO_ACK,
                in_reply_to=request.message_id, headers={"Auto-Submitted": "auto-replied"})
    (mid,) = inbox.ingest_many(store, [(raw, {})], dkim=no_dkim).ids
    assert store.request(request.id).acknowledged
    inbox.undo(store, mid)
    assert not store.request(request.id).acknowledged


def test_accept_of_unmatched_mail_needs_a_request_then_learns_the_sender_domain(store):
    company, request = add_sent_request(store)
    raw = reply(sender="support@acme-help.example", subject="Case 7781", body=EXTENDED)
    (mid,) = inbox.ingest_many(store, [(raw, {})], dkim=no_dkim).ids
    assert inbox.get_message(store, mid)["request_id"] is None
    with pytest.raises(UserError, match="--request"):
        inbox.accept(store, mid)
    inbox.accept(store, mid, as_kind="extended", request_id=request.id)
    assert store.setting(inbox.LEARNED_SETTING) == {"acme-help.example": company.id}
    # The next message from that ticket system is matched to the company by its domain.
    raw2 = reply(sender="support@acme-help.example", subject="Case 7781 update", body="We have received your request.")
    (mid2,) = inbox.ingest_many(store, [(raw2, {})], dkim=no_dkim).ids
    assert inbox.get_message(store, mid2)["company_id"] == company.id


def test_reassign_moves_the_event_to_the_other_request(store):
    company, first = add_sent_request(store)
    _, second = add_sent_request(store, company_id=company.id)
    raw = reply(sender="dpo@acme.example", subject=f"Your request {first.reference}", body=EXTENDED)
    (mid,) = inbox.ingest_many(store, [(raw, {})], dkim=no_dkim).ids
    inbox.accept(store, mid)
    assert store.request(first.id).last_date("extended")
    inbox.accept(store, mid, request_id=second.id)
    assert not store.request(first.id).last_date("extended")
    assert store.request(second.id).last_date("extended")


def test_unknown_kind_is_refused(store):
    add_sent_request(store)
    (mid,) = inbox.ingest_many(store, [(reply(sender="a@b.example", subject="x", body="y"), {})], dkim=no_dkim).ids
    with pytest.raises(UserError, match="unknown kind"):
        inbox.accept(store, mid, as_kind="rm -rf")


def test_a_failed_vault_write_leaves_no_blobs(store, monkeypatch):
    add_sent_request(store)
    from privacy_tui.vault import atomic

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "replace_file", full_disk)
    from privacy_tui.core.errors import VaultError

    with pytest.raises(VaultError):
        inbox.ingest_many(store, [(reply(sender="a@b.example", subject="x", body="y"), {})], dkim=no_dkim)
    assert store.vault.blobs.ids() == []
    assert inbox.list_messages(store) == []


def test_removed_with_their_request(store):
    company, request = add_sent_request(store)
    raw = reply(sender="dpo@acme.example", subject=f"Your request {request.reference}", body=EXTENDED,
                attachments=[("data.csv", "text/csv", b"a,b\n1,2\n")])
    inbox.ingest_many(store, [(raw, {})], dkim=no_dkim)
    assert len(store.vault.blobs.ids()) == 2
    with store.batch():
        doomed = inbox.remove_for_requests(store, [request.id])
    inbox.delete_blobs(store, doomed)
    assert inbox.list_messages(store) == [] and store.vault.blobs.ids() == []


def test_vault_check_lists_and_verifies_blobs(store):
    from privacy_tui.services.vault_admin import check

    _, request = add_sent_request(store)
    inbox.ingest_many(store, [(reply(sender="dpo@acme.example", subject=request.reference, body=EXTENDED), {})], dkim=no_dkim)
    report = check(store)
    assert report["blobs"]["count"] == 1 and not report["problems"]
    (bid,) = store.vault.blobs.ids()
    (path,) = store.vault.paths.blobs.glob("*.pack")  # an import writes one pack
    assert report["blobs"]["packs"] == {path.stem: 1}
    intact = path.read_bytes()
    flipped = bytearray(intact)
    flipped[len(b"PTPACK1\n") + 100] ^= 1  # inside the entry's ciphertext
    path.write_bytes(bytes(flipped))
    assert any(bid in p and "integrity" in p for p in check(store)["problems"])
    path.write_bytes(intact[:-3])  # the index's trailer cut off
    assert any(p.startswith(f"pack {path.stem}:") for p in check(store)["problems"])
    path.unlink()
    assert any("missing" in p for p in check(store)["problems"])


def test_export_includes_the_blobs_and_vault_check_cli_lists_them(store, tmp_path):
    import base64
    import json

    from privacy_tui.services.vault_admin import export_plaintext

    _, request = add_sent_request(store)
    raw = reply(sender="dpo@acme.example", subject=request.reference, body=EXTENDED)
    inbox.ingest_many(store, [(raw, {})], dkim=no_dkim)
    target = export_plaintext(store, tmp_path / "export.json")
    payload = json.loads(target.read_bytes())
    assert [base64.b64decode(v) for v in payload["blobs"].values()] == [raw]
    assert len(payload["tables"]["inbox"]) == 1
    store.vault.close()
    from support.cli import run_cli

    rc, out, err = run_cli("vault", "check")
    assert rc == 0, out + err
    assert "blobs" in out and "1 encrypted" in out and "1 pack file(s)" in out
