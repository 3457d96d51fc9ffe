"""The encrypted vault against plain TinyDB (JSONStorage) on the same data, in the same run.

For 1,000 and 10,000 requests of about 1 KB each (realistic `Request` records with events):
  open    from nothing to the first query answered: `TinyDB(path)` + `len(table)` against
          `Vault.open(...)` + `len(table)`, with the vault key available without key derivation
  insert  one new request (the vault: `Store.save_request`, an atomic, fsynced replacement)
  update  one existing request
  query   the requests of one company (a different company each time: TinyDB caches queries)
Medians of several runs. Targets on the 2-core reference machine: open of 10,000 requests
≤ 1.3× plain TinyDB and under 150 ms; one write ≤ 1.5× plain TinyDB.

The key: from the real OS keyring when one is available (run inside `scripts/with-keyring`, as
`make bench` does), and also from memory (the keyring lookup replaced by the key itself), which
isolates the vault's own cost from the D-Bus round trip. Then, for 10,000 requests, the stages
of one open and one write (file read, CRC32, AES-GCM, JSON, fsync/link/rename), to show where the
time goes. The machine is shared: the load average is printed, and figures move with it.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import Query, TinyDB  # noqa: E402

from privacy_tui.core.models import Event, Request, from_record, to_record  # noqa: E402
from privacy_tui.vault import atomic, crypto, keyring_store  # noqa: E402
from privacy_tui.vault.envelope import pack, unpack  # noqa: E402
from privacy_tui.vault.paths import Paths  # noqa: E402
from privacy_tui.vault.store import Store  # noqa: E402
from privacy_tui.vault.vault import Vault, _parse_document  # noqa: E402

SIZES = (1_000, 10_000)
COMPANIES = 200
OPEN_RUNS = 15
WRITE_RUNS = 21
QUERY_RUNS = 21
PASSPHRASE = "benchmark passphrase"
Q = Query()


# --- data ------------------------------------------------------------------------------------

def make_request(i: int) -> Request:
    rid = f"r{i:08x}"
    day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
    events = (
        Event(rid, "sent", day, f"{day}T09:00:00+00:00", "sent by email to privacy@company.example", {"message_id": f"<{rid}@pt>"}),
        Event(rid, "acknowledged", day, f"{day}T12:00:00+00:00", "auto-reply received"),
    )
    body = (
        "Dear Data Protection Officer,\n\nUnder Article 15 of the GDPR I ask for a copy of the personal data you "
        "hold about me, the purposes of processing, the recipients, the retention period and the source of the "
        f"data. Please reply within one month. My reference is PT-{i:08d}.\n\nYours faithfully,\nJo Bloggs"
    )
    return Request(
        id=rid, company_id=f"c{i % COMPANIES:08x}", type="access", regime="gdpr", reference=f"PT-{i:08d}",
        created=f"{day}T08:00:00+00:00", subject=f"Subject access request (PT-{i:08d})", body=body,
        identity_fields=("name", "email"), transport="smtp", message_id=f"<{rid}@pt>", country="GB",
        due="2026-06-01", ack_due="2026-05-08", events=events,
    )


def interleaved_medians(cases: dict[str, tuple[Callable[[], object], Callable[[object], None] | None]], runs: int) -> dict[str, float]:
    """Median wall time (ms) of each case's fn(); the cases take turns, run after run, so load
    from other processes on this shared machine falls on all of them alike. `teardown(result)`
    runs outside the timer."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (fn, teardown) in cases.items():
            t0 = time.perf_counter()
            result = fn()
            times[name].append((time.perf_counter() - t0) * 1000)
            if teardown:
                teardown(result)
            del result
    return {name: statistics.median(t) for name, t in times.items()}


@contextmanager
def key_from_memory(key: bytes):
    """The keyring lookup answered from memory: the vault's cost without the D-Bus round trip."""
    # The vault asks load_entry (key, generation); generation 0 is never newer than the file's.
    real = keyring_store.load_entry
    keyring_store.load_entry = lambda vault_id: (key, 0)
    try:
        yield
    finally:
        keyring_store.load_entry = real


# --- one size --------------------------------------------------------------------------------

def bench(n: int, root: Path, use_keyring: bool) -> tuple[dict[str, tuple[float, float]], Callable[[], None]]:
    records = [to_record(make_request(i)) for i in range(n)]
    plain_path = root / f"plain-{n}.json"
    with TinyDB(plain_path) as db:
        db.table("requests").insert_multiple(records)

    p = Paths(root / f"vault-{n}")
    vault, _ = Vault.create(p, PASSPHRASE, use_keyring=use_keyring)
    key = vault._key
    vault_id = vault.vault_id
    with vault:
        with vault.batch():
            vault.db.table("requests").insert_multiple(records)
    # Measure from a heap like a fresh app's: not holding the 10,000 records built above.
    del records, vault
    gc.collect()
    results: dict[str, tuple[float, float]] = {}
    sizes = (plain_path.stat().st_size, p.vault.stat().st_size)

    # open: from nothing to the first query answered (closing and freeing are not timed; plain
    # TinyDB frees its parsed copy inside len(), because it re-reads the file for every query).
    def open_plain():
        db = TinyDB(plain_path)
        assert len(db.table("requests")) == n
        return db

    def open_vault():
        v = Vault.open(p)
        assert len(v.db.table("requests")) == n
        return v

    def close(db) -> None:
        db.close()

    def open_with_key_in_memory():
        with key_from_memory(key):
            return open_vault()

    cases = {"plain": (open_plain, close)}
    if use_keyring:
        cases["keyring"] = (open_vault, close)
    cases["memory"] = (open_with_key_in_memory, close)
    opened = interleaved_medians(cases, OPEN_RUNS)
    if use_keyring:
        results["open (keyring)"] = (opened["plain"], opened["keyring"])
    results["open (key in memory)"] = (opened["plain"], opened["memory"])

    # writes and queries on an open database, as the app holds it.
    with TinyDB(plain_path) as db, key_from_memory(key), Vault.open(p, writable=True) as v:
        table, store = db.table("requests"), Store(v)
        counter = iter(range(n, n + 10 * WRITE_RUNS))
        target = make_request(n // 2)
        k = iter(range(10 * WRITE_RUNS))
        companies = iter(range(10 * QUERY_RUNS))

        def update_plain():
            table.update({"subject": f"edited {next(k)}"}, Q.id == target.id)

        def update_vault():
            store.save_request(replace(target, subject=f"edited {next(k)}"))

        def query_plain():
            cid = f"c{next(companies) % COMPANIES:08x}"
            assert [from_record(Request, d) for d in table.search(Q.company_id == cid)]

        def query_vault():
            cid = f"c{next(companies) % COMPANIES:08x}"
            assert store.requests(cid)

        ops = {
            "insert one": (lambda: table.insert(to_record(make_request(next(counter)))),
                           lambda: store.save_request(make_request(next(counter))), WRITE_RUNS),
            "update one": (update_plain, update_vault, WRITE_RUNS),
            "query by company": (query_plain, query_vault, QUERY_RUNS),
        }
        for name, (plain_fn, vault_fn, runs) in ops.items():
            m = interleaved_medians({"plain": (plain_fn, None), "vault": (vault_fn, None)}, runs)
            results[name] = (m["plain"], m["vault"])
    print(f"\n{n:,} requests: plain JSON {sizes[0] / 1e6:.1f} MB, vault {sizes[1] / 1e6:.1f} MB "
          f"({sizes[0] / n:.0f} bytes per request)")

    def after() -> None:
        """Runs once the table is printed, while the vault and its keyring entry still exist."""
        try:
            if n == max(SIZES):
                breakdown(p, key, use_keyring, vault_id)
        finally:
            if use_keyring:
                keyring_store.forget_data_key(vault_id)

    return results, after


# --- where the time goes -----------------------------------------------------------------------

def breakdown(p: Paths, key: bytes, use_keyring: bool, vault_id: str) -> None:
    """The stages of one open and one write, each timed on its own (medians), to show the lead
    which step to attack. Mirrors Vault.unlock_bytes and Vault._write_doc step by step."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    state: dict = {}

    def read():
        state["data"] = p.vault.read_bytes()

    def check():
        state["env"] = unpack(state["data"])

    def decrypt():
        env = state["env"]
        state["plain"] = crypto.decrypt(key, crypto.unb64(env.header["nonce"]), env.ciphertext, env.aad)

    def parse():
        state["doc"] = _parse_document(state["plain"])

    def serialise():
        import json

        state["out"] = json.dumps(state["doc"], separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    def encrypt_and_pack():
        nonce = os.urandom(crypto.NONCE_BYTES)
        header = dict(state["env"].header, nonce=crypto.b64(nonce))
        state["blob"] = pack(header, lambda aad: AESGCM(key).encrypt(nonce, state["out"], aad))

    def replace_on_disk():
        atomic.replace_file(p.vault, state["blob"], backups=p.backups)

    def whole_open():
        with key_from_memory(key), Vault.open(p) as v:
            return len(v.db.table("requests"))

    stages = {
        "open, all of it (key in memory)": whole_open,
        "open: read the file": read,
        "open: magic, CRC32, header": check,
        "open: AES-GCM decrypt": decrypt,
        "open: JSON parse (GC paused)": parse,
    }
    if use_keyring:
        stages["open: keyring lookup (D-Bus)"] = lambda: keyring_store.load_entry(vault_id)
    stages |= {
        "write: JSON serialise": serialise,
        "write: AES-GCM encrypt + CRC32": encrypt_and_pack,
        "write: temp+fsync, link, rename": replace_on_disk,
    }
    try:  # not a dependency: shown only to size what a faster JSON library would save
        import orjson

        stages["(orjson.loads, GC paused)"] = lambda: _without_gc(lambda: orjson.loads(state["plain"]))
        stages["(orjson.dumps)"] = lambda: orjson.dumps(state["doc"])
    except ImportError:
        pass
    print("\nwhere the time goes (medians in ms; the stages take turns, so load hits all alike):")
    medians = interleaved_medians({name: (fn, None) for name, fn in stages.items()}, 9)
    for name, ms in medians.items():
        print(f"  {name:<34}{ms:>8.1f}")


def _without_gc(fn: Callable[[], object]) -> object:
    gc.disable()
    try:
        return fn()
    finally:
        gc.enable()


def main() -> int:
    use_keyring = keyring_store.keyring_available()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"vault vs plain TinyDB JSONStorage; keyring: {keyring_store.keyring_name()}; load average {load}; medians in ms")
    missed = []
    with tempfile.TemporaryDirectory(prefix="pt-bench-vault-") as tmp:
        for n in SIZES:
            results, after = bench(n, Path(tmp), use_keyring)
            print(f"{'operation':<22}{'TinyDB':>10}{'vault':>10}{'ratio':>8}  target")
            for name, (plain, ours) in results.items():
                ratio = ours / plain
                target = ""
                if n == 10_000 and name.startswith("open"):
                    good = ratio <= 1.3 and ours < 150
                    target = f"≤ 1.3× and < 150 ms: {'met' if good else 'MISSED'}"
                elif name in ("insert one", "update one"):
                    good = ratio <= 1.5
                    target = f"≤ 1.5×: {'met' if good else 'MISSED'}"
                else:
                    good = True
                if not good:
                    missed.append(f"{n} {name}")
                print(f"{name:<22}{plain:>10.1f}{ours:>10.1f}{ratio:>7.2f}×  {target}")
            after()
    print("\nall targets met" if not missed else f"\ntargets missed: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
