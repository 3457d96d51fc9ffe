"""The encrypted blob store: round trip, tamper detection, caps, crash safety, backup/restore."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from support.paths import REPO
from support.vault import PASSPHRASE, make_vault, open_vault

from privacy_tui.core.errors import UserError
from privacy_tui.vault.blobs import MAGIC, MAX_BLOB, BlobDamaged, BlobStore


@pytest.fixture
def vault():
    p, _ = make_vault()
    with open_vault(p, writable=True) as v:
        yield v


def test_round_trip_encrypted_and_private(vault):
    store = vault.blobs
    secret = b"From: dpo@example.com\r\n\r\nYour data: ada@example.com lives at 1 Secret Street"
    bid = store.put(secret)
    assert store.get(bid) == secret
    assert store.ids() == [bid]
    path = vault.paths.blobs / f"{bid}.blob"
    on_disk = path.read_bytes()
    assert on_disk.startswith(MAGIC) and b"Secret Street" not in on_disk and b"dpo@" not in on_disk
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(vault.paths.blobs.stat().st_mode & 0o777) == oct(0o700)
    assert store.verify_all() == {}
    store.delete(bid)
    assert store.ids() == []


@pytest.mark.parametrize("where", ["hash", "nonce", "ciphertext", "truncate"])
def test_tampering_is_detected(vault, where):
    store = vault.blobs
    bid = store.put(b"evidence " * 100)
    path = vault.paths.blobs / f"{bid}.blob"
    raw = bytearray(path.read_bytes())
    offset = {"hash": len(MAGIC) + 3, "nonce": len(MAGIC) + 33, "ciphertext": len(MAGIC) + 60}.get(where)
    if offset is None:
        raw = raw[: len(raw) // 2]
    else:
        raw[offset] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(BlobDamaged):
        store.get(bid)
    assert bid in store.verify_all()


def test_a_blob_swapped_for_another_or_from_another_vault_is_refused(vault, tmp_path):
    store = vault.blobs
    a, b = store.put(b"first reply"), store.put(b"second reply")
    pa, pb = (vault.paths.blobs / f"{x}.blob" for x in (a, b))
    data_a = pa.read_bytes()
    pa.write_bytes(pb.read_bytes())  # same key, other id: the AAD tells them apart
    with pytest.raises(BlobDamaged):
        store.get(a)
    pa.write_bytes(data_a)
    other = BlobStore(vault.paths, vault._key, "another-vault-id")
    with pytest.raises(BlobDamaged):
        other.get(a)
    assert store.get(a) == b"first reply"


def test_ids_that_could_escape_the_folder_are_refused(vault):
    for bad in ("../vault", "x" * 32, "", "0" * 31 + "/"):
        with pytest.raises(BlobDamaged):
            vault.blobs.get(bad)


def test_cap_refuses_oversized_blob_with_a_clear_note(vault):
    with pytest.raises(UserError, match="25 MiB"):
        vault.blobs.put(b"x" * (MAX_BLOB + 1), what="a message")
    assert vault.blobs.ids() == []


def test_a_symlinked_blob_folder_is_refused(vault, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    vault.paths.blobs.symlink_to(elsewhere)
    from privacy_tui.core.errors import VaultError

    with pytest.raises(VaultError):
        vault.blobs.put(b"data")
    assert list(elsewhere.iterdir()) == []


_CHILD = r"""
import os, sys
from pathlib import Path
from privacy_tui.vault.paths import Paths
from privacy_tui.vault.vault import Vault

vault = Vault.open(Paths(Path(sys.argv[1])), writable=True, passphrase=sys.argv[2])
blobs = vault.blobs
payload = os.urandom(200_000)
os.write(1, b"ready\n")
n = 0
while True:
    bid = blobs.put(payload[:-8] + n.to_bytes(8, "big"))
    os.write(1, f"{bid} {n}\n".encode())
    n += 1
"""


@pytest.mark.timeout(180)
def test_sigkill_during_blob_writes_loses_no_acknowledged_blob_and_accepts_no_partial_one(tmp_path):
    p, _ = make_vault()
    child = tmp_path / "writer.py"
    child.write_text(_CHILD)
    acknowledged: dict[str, int] = {}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    for round_ in range(8):
        proc = subprocess.Popen([sys.executable, str(child), str(p.home), PASSPHRASE], stdout=subprocess.PIPE, env=env)
        assert proc.stdout.readline() == b"ready\n"
        # Kill after a varying number of acknowledged blobs: somewhere inside the next write.
        for _ in range(1 + round_ % 4):
            line = proc.stdout.readline().split()
            acknowledged[line[0].decode()] = int(line[1])
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        for line in rest.splitlines():  # acknowledged just before the kill landed
            bid, n = line.split()
            acknowledged[bid.decode()] = int(n)
    with open_vault(p, writable=True) as vault:  # opening for writing clears the killed writers' temp files
        store = vault.blobs
        ids = set(store.ids())
        assert set(acknowledged) <= ids
        for bid, n in acknowledged.items():
            assert store.get(bid)[-8:] == n.to_bytes(8, "big")
        # Whatever else is there (a blob linked but not yet acknowledged) is complete and verifies.
        assert store.verify_all() == {}
        assert not [n for n in os.listdir(p.blobs) if n.startswith(".tmp-")]


def test_backup_and_restore_round_trip_blobs(vault, tmp_path):
    from privacy_tui.services.vault_admin import backup_to, restore_from

    bid = vault.blobs.put(b"the company's reply, exact bytes")
    paths = vault.paths
    vault.close()
    target = backup_to(paths, tmp_path / "backup.ptv")
    copies = list((tmp_path / "backup.ptv.blobs").iterdir())
    assert [c.name for c in copies] == [f"{bid}.blob"]
    assert b"exact bytes" not in copies[0].read_bytes()  # the backup stays encrypted
    (paths.blobs / f"{bid}.blob").unlink()
    counts = restore_from(paths, target, passphrase=PASSPHRASE)
    assert counts["blobs"] == 1
    with open_vault(paths) as v:
        assert v.blobs.get(bid) == b"the company's reply, exact bytes"


def test_restore_refuses_a_backup_with_a_damaged_blob_and_changes_nothing(vault, tmp_path):
    from privacy_tui.services.vault_admin import backup_to, restore_from

    bid = vault.blobs.put(b"reply")
    paths = vault.paths
    vault.close()
    target = backup_to(paths, tmp_path / "backup.ptv")
    copy = tmp_path / "backup.ptv.blobs" / f"{bid}.blob"
    copy.write_bytes(copy.read_bytes()[:-1] + b"\0")
    before = paths.vault.read_bytes()
    with pytest.raises(UserError, match="cannot be used"):
        restore_from(paths, target, passphrase=PASSPHRASE)
    assert paths.vault.read_bytes() == before
