"""Crash safety: a writer SIGKILLed at arbitrary moments never loses a write whose call returned,
and never leaves a vault that fails to open."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

import pytest
from support.cli import cli_env
from support.vault import PASSPHRASE, make_vault, open_vault

from privacy_tui.vault.atomic import BACKUPS_KEPT, list_backups
from privacy_tui.vault.envelope import unpack
from privacy_tui.vault.vault import Vault

ROUNDS = 60
MAX_ACKS = 6

# The writer: open the vault for writing once, then insert numbered records forever, printing each
# number only after the insert (an atomic, fsynced replacement of the vault) has returned.
_CHILD = r"""
import os, sys
from pathlib import Path
from privacy_tui.vault.paths import Paths
from privacy_tui.vault.vault import Vault

home, start, passphrase = sys.argv[1], int(sys.argv[2]), sys.argv[3]
vault = Vault.open(Paths(Path(home)), writable=True, passphrase=passphrase)
table = vault.db.table("crash")
pad = os.urandom(384).hex()  # ~1 KB per record, incompressible
os.write(1, b"ready\n")
n = start
while True:
    table.insert({"n": n, "pad": pad})
    os.write(1, f"{n}\n".encode())
    n += 1
"""


def _numbers(vault: Vault) -> list[int]:
    return [d["n"] for d in vault.db.table("crash").all()]


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(private_home, tmp_path):
    rng = random.Random(os.environ.get("PT_CRASH_SEED") or None)
    p, _ = make_vault()
    # Start from a vault of a few hundred KB so every write takes long enough for kills to land inside it.
    with open_vault(p, writable=True) as vault:
        vault.db.table("settings").insert({"key": "ballast", "value": os.urandom(150_000).hex()})
    child = tmp_path / "writer.py"
    child.write_text(_CHILD)

    acknowledged: set[int] = set()
    next_n = 0
    temps_left = unacked_persisted = reads_during_writes = 0
    for round_no in range(ROUNDS):
        target = rng.randint(0, MAX_ACKS)  # 0: killed during its very first write
        proc = subprocess.Popen(
            [sys.executable, str(child), str(p.home), str(next_n), PASSPHRASE],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
        )
        try:
            assert proc.stdout.readline() == b"ready\n", proc.stderr.read().decode()
            acked_now: list[int] = []
            while len(acked_now) < target:
                line = proc.stdout.readline()
                assert line, f"writer died on its own: {proc.stderr.read().decode()}"
                acked_now.append(int(line))
            # Read the vault while the writer keeps writing: a reader always sees a complete vault
            # holding everything acknowledged so far. The reads also take a variable time, which
            # moves the kill below to a different point of the writer's current write each round.
            for _ in range(rng.randint(0, 2)):
                with open_vault(p) as vault:
                    assert set(acked_now) <= set(_numbers(vault))
                reads_during_writes += 1
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            # Lines still in the pipe were printed after their write returned: acknowledged too.
            acked_now += [int(line) for line in proc.stdout.read().split()]
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()
        acknowledged.update(acked_now)
        temps_left += any(f.name.startswith(".tmp-") for f in p.home.iterdir())

        with open_vault(p) as vault:  # must open, whatever instant the kill hit
            present = _numbers(vault)
        assert len(present) == len(set(present)), f"round {round_no}: a record was written twice"
        missing = acknowledged - set(present)
        assert not missing, f"round {round_no}: acknowledged writes lost: {sorted(missing)[:10]}"
        in_flight = next_n + len(acked_now)  # the one write that may or may not have landed
        extra = set(present) - acknowledged
        assert extra <= {in_flight}, f"round {round_no}: records that were never written: {sorted(extra)}"
        unacked_persisted += bool(extra)
        acknowledged |= extra
        next_n = max(present, default=-1) + 1

    assert len(acknowledged) >= ROUNDS // 2  # the writers really wrote
    # Evidence that kills landed inside writes (a temporary file left behind) at least once.
    assert temps_left + unacked_persisted > 0
    print(f"\n{ROUNDS} kills: {len(acknowledged)} records, {temps_left} temp files left mid-write, "
          f"{unacked_persisted} in-flight writes that had landed, {reads_during_writes} concurrent reads")

    # Every automatic backup is itself a complete vault.
    # A kill between the backup link and the pruning after the rename leaves one more than are
    # kept; the next completed write prunes it. So at most BACKUPS_KEPT + 1, never more.
    backups = list_backups(p.backups)
    assert 0 < len(backups) <= BACKUPS_KEPT + 1
    for b in backups:
        unpack(b.read_bytes(), name=b.name)
    # The next writer cleans up what the killed ones left behind, and the lock is free.
    with open_vault(p, writable=True) as vault:
        assert sorted(_numbers(vault)) == sorted(acknowledged)
        vault.db.table("crash").insert({"n": -1})  # a completed write prunes the backups to what is kept
    assert not [f for f in p.home.iterdir() if f.name.startswith(".tmp-")]
    assert len(list_backups(p.backups)) == BACKUPS_KEPT
