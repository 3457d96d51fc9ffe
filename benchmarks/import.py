"""`import json` of 10,000 companies + 10,000 requests: seconds, and the ratios that show it is linear.

Measured in one run, on the same machine and load:
  import     `import_export` into a fresh vault: bounded read, parse, schema validation of every
             record, one atomic encrypted write (the issue's target: under 5 s on the 2-core box)
  baseline   the irreducible part of the same work: parsing the file and writing the vault once
             with the same records (json.loads + one Vault.save)
  scaling    the import of a quarter of the records; linear work gives a ratio near 4, the old
             quadratic import gave ~16
Run: PYTHONPATH=. python benchmarks/import.py [companies] [requests]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from privacy_tui.core.models import Company, Event, Request, Source, to_record  # noqa: E402
from privacy_tui.services.import_json import import_export  # noqa: E402
from privacy_tui.vault.paths import Paths  # noqa: E402
from privacy_tui.vault.store import Store  # noqa: E402
from privacy_tui.vault.vault import Vault  # noqa: E402

BODY = "Dear Sir or Madam,\n\n" + "I am writing to request access to my personal data under Article 15. " * 12


def export_payload(companies: int, requests: int) -> dict:
    today = date(2026, 3, 1)
    cs, rs = {}, {}
    for i in range(companies):
        c = Company(id=f"c{i:08x}", name=f"Import Company {i}", emails=(f"privacy@c{i}.example.com",), country="GB",
                    regimes=("uk_gdpr",), categories=("A", "B"), provenance={"name": Source()},
                    created="2026-01-01T00:00:00+00:00", updated="2026-01-01T00:00:00+00:00")
        cs[str(i + 1)] = to_record(c)
    for n in range(requests):
        rid = f"r{n:08x}"
        day = (today - timedelta(days=n % 400)).isoformat()
        r = Request(id=rid, company_id=f"c{n % companies:08x}", type="access", regime="uk_gdpr", reference=f"PT-{n:08d}",
                    created="2026-01-01T00:00:00+00:00", subject="Subject access request", body=BODY, due=day,
                    events=(Event(rid, "created", day, "2026-01-01T00:00:00+00:00"), Event(rid, "sent", day, "", "emailed")))
        rs[str(n + 1)] = to_record(replace(r))
    return {"format": "privacy-tui-export", "version": 1, "vault_id": "bench", "tables": {"companies": cs, "requests": rs}}


def fresh_vault(home: Path) -> Vault:
    # Key derivation (once, at creation) is not part of what is measured.
    vault, _ = Vault.create(Paths(home), "benchmark passphrase", use_keyring=False)
    return vault


def timed_import(root: Path, companies: int, requests: int) -> tuple[float, float, int]:
    source = root / f"export-{companies}-{requests}.json"
    source.write_bytes(json.dumps(export_payload(companies, requests)).encode())
    vault = fresh_vault(root / f"home-import-{companies}")
    try:
        start = time.perf_counter()
        added = import_export(Store(vault), source)
        elapsed = time.perf_counter() - start
        assert added["companies"] == companies and added["requests"] == requests, added
    finally:
        vault.close()
    vault = fresh_vault(root / f"home-base-{companies}")
    try:
        start = time.perf_counter()
        tables = json.loads(source.read_bytes())["tables"]
        vault._doc.update(tables)
        vault.save()
        baseline = time.perf_counter() - start
    finally:
        vault.close()
    return elapsed, baseline, source.stat().st_size


def main() -> None:
    companies = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        full, base, size = timed_import(root, companies, requests)
        quarter, _, _ = timed_import(root, companies // 4, requests // 4)
    print(f"import of {companies} companies + {requests} requests ({size / 1e6:.1f} MB): {full:.2f} s (target < 5 s)")
    print(f"baseline (parse + one vault write of the same records): {base:.2f} s; import/baseline = {full / base:.1f}x")
    print(f"a quarter of the records: {quarter:.2f} s; full/quarter = {full / quarter:.1f} (linear ~4, quadratic ~16)")


if __name__ == "__main__":
    main()
