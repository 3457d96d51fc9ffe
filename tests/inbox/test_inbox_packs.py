"""Packs (vault/packs.py): one encrypted file per import; tamper detection per entry, the sealed
index, vault check, backup/restore, removal (the pack rewritten without the removed blobs),
and SIGKILL in the middle of writing a pack."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support.inbox import add_sent_request, no_dkim, reply
from support.paths import REPO
from support.vault import PASSPHRASE, make_vault, open_vault

from privacy_tui.core.errors import UserError
from privacy_tui.services import inbox
from privacy_tui.vault.blobs import MAGIC, BlobDamaged
from privacy_tui.vault.packs import PACK_MAGIC
from privacy_tui.vault.store import Store

EXTENDED = "Due to the complexity of your request we need to extend the deadline by two further months."


def _replies(request, n: int, marker: str = "Secret Street") -> list[tuple[bytes, dict]]:
    return [(reply(sender="dpo@acme.example", subject=f"Re: [{request.reference}] {i}",
                   body=f"{EXTENDED} Reply {i}: you live at {i} {marker}.", message_id=f"<r{i}.{marker[:3]}@acme.example>"),
             {"source": "import", "origin": f"r{i}.eml"}) for i in range(n)]


def _packs(store: Store) -> list[Path]:
    return sorted(store.vault.paths.blobs.glob("*.pack"))


def test_an_import_writes_one_pack_holding_every_message_encrypted(store):
    _, request = add_sent_request(store)
    items = _replies(request, 30)
    report = inbox.ingest_many(store, items, dkim=no_dkim)
    assert report.added == 30
    (pack,) = _packs(store)
    assert [p.name for p in store.vault.paths.blobs.iterdir()] == [pack.name]  # no file per message
    data = pack.read_bytes()
    assert data.startswith(PACK_MAGIC) and b"Secret Street" not in data and b"acme.example" not in data
    assert oct(pack.stat().st_mode & 0o777) == oct(0o600)
    for rec, (raw, _) in zip(sorted(inbox.list_messages(store), key=lambda r: r["origin"]), sorted(items, key=lambda i: i[1]["origin"]), strict=True):
        assert inbox.raw_message(store, rec["id"]) == raw
    # A second import: a second pack; both read back, from a fresh store too (indexes read from disk).
    inbox.ingest_many(store, _replies(request, 5, "Hidden Lane"), dkim=no_dkim)
    assert len(_packs(store)) == 2
    assert len(store.vault.blobs.ids()) == 35 and store.vault.blobs.verify_all() == {}


def test_a_flipped_byte_in_one_entry_damages_that_blob_only(store):
    from privacy_tui.services.vault_admin import check

    _, request = add_sent_request(store)
    inbox.ingest_many(store, _replies(request, 3), dkim=no_dkim)
    (pack,) = _packs(store)
    blobs = store.vault.blobs
    data = bytearray(pack.read_bytes())
    starts = [i for i in range(len(data)) if data.startswith(MAGIC, i)]  # each entry is a blob file's bytes
    assert len(starts) == 3
    data[starts[2] - 5] ^= 1  # the end of the second entry: its tag
    pack.write_bytes(bytes(data))
    damaged = blobs.verify_all()
    assert len(damaged) == 1 and "integrity" in next(iter(damaged.values()))
    (victim,) = damaged
    with pytest.raises(BlobDamaged, match="integrity"):
        blobs.get(victim)
    assert all(blobs.get(b) for b in blobs.ids() if b != victim)  # the others still open
    assert any(victim in p and "integrity" in p for p in check(store)["problems"])


def test_an_altered_index_or_a_pack_from_another_vault_is_refused(store, tmp_path):
    from privacy_tui.services.vault_admin import check
    from privacy_tui.vault.blobs import BlobStore

    _, request = add_sent_request(store)
    inbox.ingest_many(store, _replies(request, 2), dkim=no_dkim)
    (pack,) = _packs(store)
    other = BlobStore(store.vault.paths, store.vault._key, "another-vault-id")
    assert other.ids() == [] and pack.stem in other.pack_problems()
    intact = pack.read_bytes()
    data = bytearray(intact)
    data[-40] ^= 1  # the sealed index
    pack.write_bytes(bytes(data))
    problems = check(store)["problems"]
    assert any(p.startswith(f"pack {pack.stem}:") and "integrity" in p for p in problems)
    assert any("missing" in p for p in problems)  # its blobs are no longer readable
    pack.write_bytes(intact)
    assert check(store)["problems"] == []


def test_removing_a_request_rewrites_the_pack_without_its_messages(store):
    from privacy_tui.services.removal import remove_requests

    _, first = add_sent_request(store)
    _, second = add_sent_request(store, name="Bolt GmbH", domain="bolt.example")
    items = _replies(first, 3, "Secret Street") + [
        (reply(sender="dpo@bolt.example", subject=f"Re: [{second.reference}]", body=f"{EXTENDED} Kept Road 9.",
               message_id="<keep@bolt.example>"), {"source": "import", "origin": "keep.eml"})]
    inbox.ingest_many(store, items, dkim=no_dkim)
    (pack,) = _packs(store)
    kept = next(r for r in inbox.list_messages(store) if r["request_id"] == second.id)
    doomed = [r["blob"] for r in inbox.list_messages(store) if r["request_id"] == first.id]
    doomed_bytes = [store.vault.blobs.raw(b) for b in doomed]
    remove_requests(store, [store.request(first.id)])
    (after,) = _packs(store)
    assert after.name == pack.name
    data = after.read_bytes()
    assert all(raw not in data for raw in doomed_bytes)  # removed evidence does not linger in the pack
    assert store.vault.blobs.ids() == [kept["blob"]]
    assert b"Kept Road 9." in inbox.raw_message(store, kept["id"])
    remove_requests(store, [store.request(second.id)])
    assert _packs(store) == []  # nothing left: the pack itself is gone


def test_backup_and_restore_carry_packs(store, tmp_path):
    from privacy_tui.services.vault_admin import backup_to, restore_from

    _, request = add_sent_request(store)
    items = _replies(request, 4)
    inbox.ingest_many(store, items, dkim=no_dkim)
    (pack,) = _packs(store)
    paths = store.vault.paths
    ids = store.vault.blobs.ids()
    store.vault.close()
    target = backup_to(paths, tmp_path / "backup.ptv")
    copies = sorted((tmp_path / "backup.ptv.blobs").iterdir())
    assert [c.name for c in copies] == [pack.name] and copies[0].read_bytes() == pack.read_bytes()
    pack.unlink()
    counts = restore_from(paths, target, passphrase=PASSPHRASE)
    assert counts["blobs"] == 4
    with open_vault(paths) as v:
        assert v.blobs.ids() == ids and v.blobs.verify_all() == {}
    # A damaged copy in the backup: refused before anything changes.
    data = bytearray(copies[0].read_bytes())
    data[len(PACK_MAGIC) + 70] ^= 1
    copies[0].write_bytes(bytes(data))
    before = paths.vault.read_bytes()
    with pytest.raises(UserError, match="cannot be used"):
        restore_from(paths, target, passphrase=PASSPHRASE)
    assert paths.vault.read_bytes() == before


def test_a_failed_vault_write_leaves_no_pack(store, monkeypatch):
    _, request = add_sent_request(store)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "add_records", fail)
    with pytest.raises(OSError):
        inbox.ingest_many(store, _replies(request, 3), dkim=no_dkim)
    assert list(store.vault.paths.blobs.iterdir()) == []


_CHILD = r"""
import os, sys
from pathlib import Path
from privacy_tui.vault.paths import Paths
from privacy_tui.services.inbox_sync import import_paths
from privacy_tui.vault import packs
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

added = packs.PackWriter.add

def add(self, blob_id, entry):
    added(self, blob_id, entry)
    if len(self.rows) == int(sys.argv[4]):
        self._fh.flush()  # the entries so far are in the temporary file
        os.write(1, b"writing\n")
        sys.stdin.read()  # the parent kills us here

packs.PackWriter.add = add
vault = Vault.open(Paths(Path(sys.argv[1])), writable=True, passphrase=sys.argv[2])
import_paths(Store(vault), [Path(sys.argv[3])], dkim=lambda raw: "not checked")
os.write(1, b"finished\n")
"""


@pytest.mark.timeout(180)
@pytest.mark.parametrize("entries", [1, 25])
def test_sigkill_while_writing_a_pack_keeps_the_vault_and_earlier_blobs(tmp_path, entries):
    p, _ = make_vault()
    with open_vault(p, writable=True) as vault:
        store = Store(vault)
        _, request = add_sent_request(store)
        inbox.ingest_many(store, _replies(request, 2, "Earlier Avenue"), dkim=no_dkim)
        earlier = {r["id"]: inbox.raw_message(store, r["id"]) for r in inbox.list_messages(store)}
    vault_before = p.vault.read_bytes()
    box = tmp_path / "replies.mbox"
    with open(box, "wb") as fh:
        for raw, _ in _replies(request, 30, "Killed Court"):
            fh.write(b"From MAILER-DAEMON Thu Nov  5 09:30:00 2026\n" + raw.replace(b"\r\n", b"\n") + b"\n")
    child = tmp_path / "importer.py"
    child.write_text(_CHILD)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, str(child), str(p.home), PASSPHRASE, str(box), str(entries)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout.readline() == b"writing\n"  # inside the pack write
        temps = [n for n in os.listdir(p.blobs) if n.startswith(".tmp-")]
        assert len(temps) == 1 and (p.blobs / temps[0]).stat().st_size > 0
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    for name in os.listdir(p.blobs):  # only ciphertext reached the disk
        data = (p.blobs / name).read_bytes()
        assert b"Killed Court" not in data and b"Earlier Avenue" not in data
    assert p.vault.read_bytes() == vault_before
    with open_vault(p, writable=True) as vault:  # opening for writing clears the killed writer's temp file
        store = Store(vault)
        assert {r["id"]: inbox.raw_message(store, r["id"]) for r in inbox.list_messages(store)} == earlier
        assert vault.blobs.verify_all() == {} and len(vault.blobs.ids()) == 2
        assert not [n for n in os.listdir(p.blobs) if n.startswith(".tmp-")]
        # The import can simply be run again.
        from privacy_tui.services.inbox_sync import import_paths

        assert import_paths(store, [box], dkim=no_dkim).added == 30
        assert len(vault.blobs.ids()) == 32 and vault.blobs.verify_all() == {}


def test_events_applied_during_an_import_leave_the_deadlines_refreshed(store):
    # The import refreshes each request's cached deadlines once, after all its events.
    from privacy_tui.services.requests import refresh_deadlines

    _, request = add_sent_request(store)
    ack = ("This is an automatic confirmation: we have received your data subject access request. "
           "Ticket #48213. We will respond within one month.")
    items = [(reply(sender="privacy@acme.example", subject=f"Re: [{request.reference}] {i}", body=ack,
                    in_reply_to=request.message_id, headers={"Auto-Submitted": "auto-replied"}), {"source": "import"})
             for i in range(3)]
    report = inbox.ingest_many(store, items, dkim=no_dkim)
    assert report.auto_applied >= 1
    stored = store.request(request.id)
    assert len(stored.events) == len(request.events) + report.auto_applied
    assert stored == refresh_deadlines(stored) and stored.due


def test_append_event_without_refresh_leaves_the_deadlines_to_one_refresh_later(store):
    from datetime import date

    from privacy_tui.services.requests import append_event, refresh_deadlines

    _, request = add_sent_request(store)
    at_once = append_event(request, "extended", date(2026, 11, 20))
    later = append_event(request, "extended", date(2026, 11, 20), refresh=False)
    assert at_once.extended_due and not later.extended_due  # not refreshed yet
    refreshed = refresh_deadlines(later)
    assert (refreshed.due, refreshed.extended_due, refreshed.ack_due) == (at_once.due, at_once.extended_due, at_once.ack_due)


def test_a_large_import_rolls_over_to_further_packs_and_a_failure_removes_them_all(store, monkeypatch):
    from privacy_tui.vault import packs

    _, request = add_sent_request(store)
    monkeypatch.setattr(packs, "MAX_PACK", 2_000)  # a few messages per pack
    inbox.ingest_many(store, _replies(request, 12), dkim=no_dkim)
    assert len(_packs(store)) > 2
    assert len(store.vault.blobs.ids()) == 12 and store.vault.blobs.verify_all() == {}
    before = sorted(p.name for p in store.vault.paths.blobs.iterdir())

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "add_records", fail)
    with pytest.raises(OSError):
        inbox.ingest_many(store, _replies(request, 12, "Other Way"), dkim=no_dkim)
    assert sorted(p.name for p in store.vault.paths.blobs.iterdir()) == before  # the finished packs too
