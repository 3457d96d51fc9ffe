"""`vault check` runs inbox records through core.schema, reports blobs that are missing,
unreferenced or damaged, and `vault repair` removes inbox records it cannot keep."""

from __future__ import annotations

import pytest
from support.inbox import add_sent_request, reply

from privacy_tui.core.schema import check_record
from privacy_tui.services import inbox
from privacy_tui.services.vault_admin import check, repair

BODY = "Due to the complexity of your request we need to extend the deadline by two further months."


def _ingest(store, **extra):
    _, request = add_sent_request(store)
    raw = reply(sender="dpo@acme.example", subject=f"Your request {request.reference}", body=BODY,
                attachments=[("data.csv", "text/csv", b"a,b\n1,2\n")], **extra)
    inbox.ingest_many(store, [(raw, {"source": "import", "origin": "a.eml"})], dkim=lambda raw: "not checked")
    ((doc_id, rec),) = store.raw_records("inbox").items()
    return doc_id, rec


def test_records_the_inbox_writes_pass_the_schema_unchanged(store):
    doc_id, rec = _ingest(store)
    cleaned, problems = check_record("inbox", rec, f"inbox/{doc_id}")
    assert problems == [] and cleaned == rec
    inbox.accept(store, rec["id"])
    ((_, accepted),) = store.raw_records("inbox").items()
    assert accepted["applied_event"] and check_record("inbox", accepted, "inbox/1") == (accepted, [])
    assert check(store)["problems"] == []


@pytest.mark.parametrize("field, value, words", [
    ("state", "deleted", "state"),
    ("kind", "<script>", "kind"),
    ("blob", "../../etc/passwd", "blob id"),
    ("confidence", 7, "0 to 1"),
    ("request_id", "a b", "id"),
    ("attachments", [{"blob": 3}], "blob"),
    ("applied_event", {"request_id": "r1", "event": "exploded"}, "event"),
])
def test_vault_check_reports_a_bad_inbox_record_and_repair_removes_it(store, field, value, words):
    doc_id, rec = _ingest(store)
    store.replace_records("inbox", {doc_id: {**rec, field: value}})
    problems = check(store)["problems"]
    assert any(p.startswith(f"inbox/{doc_id}") and field in p and words in p for p in problems), problems
    done = repair(store)
    assert done["removed"] == [f"inbox/{doc_id}"] and done["backup"]
    after = check(store)
    assert after["problems"] == []
    # the removed record's blobs stay on disk (evidence) and are listed as unreferenced
    assert sorted(after["blobs"]["unreferenced"]) == sorted(store.vault.blobs.ids()) and len(after["blobs"]["unreferenced"]) == 2


def test_a_record_missing_its_blob_reference_is_reported(store):
    doc_id, rec = _ingest(store)
    store.replace_records("inbox", {doc_id: {k: v for k, v in rec.items() if k != "blob"}})
    assert any("blob is missing" in p for p in check(store)["problems"])


def test_control_characters_in_an_inbox_record_are_cleaned_by_repair(store):
    doc_id, rec = _ingest(store)
    store.replace_records("inbox", {doc_id: {**rec, "subject": "Re: \x1b[2Jhello"}})
    assert any("control characters" in p for p in check(store)["problems"])
    done = repair(store)
    assert done["cleaned"] == [f"inbox/{doc_id}"]
    assert store.raw_records("inbox")[doc_id]["subject"] == "Re: [2Jhello"
    assert check(store)["problems"] == []


def test_unreferenced_and_damaged_blobs_are_reported(store):
    _ingest(store)
    stray = store.vault.blobs.put(b"left by an interrupted import")
    report = check(store)
    assert report["blobs"]["unreferenced"] == [stray] and report["problems"] == []
    path = store.vault.paths.blobs / f"{stray}.blob"
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 1
    path.write_bytes(bytes(raw))
    assert any(stray in p and "integrity" in p for p in check(store)["problems"])
