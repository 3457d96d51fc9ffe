"""The dashboard's figures: the same from the vault and from its encrypted summary, and right by hand."""

from __future__ import annotations

from support.demo import TODAY
from support.vault import PASSPHRASE as PASS

from privacy_tui.services.demo import populate
from privacy_tui.services.overview import REMOVED, Row, monthly_counts, overview
from privacy_tui.services.reminders import compute_reminders
from privacy_tui.services.requests import views
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def test_summary_and_vault_give_the_same_dashboard(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    store = Store(vault)
    populate(store, TODAY)
    names = {c.id: c.name for c in store.companies()}
    full = overview(store.request_records(), names, TODAY, 7)
    # The same statuses and deadlines as the request views the CLI lists.
    by_id = {v.request.id: v for v in views(store, TODAY)}
    assert {r.id: (r.status, r.due) for r in full.rows} == {i: (v.status, v.active_due) for i, v in by_id.items()}
    assert full.reminders == compute_reminders(store.requests(), store.companies(), TODAY, 7)
    vault.close()

    summary = Vault.open_summary(paths())
    assert summary is not None
    preview = overview(summary.request_records(), {c.id: c.name for c in summary.companies()}, TODAY, 7)
    assert preview == full
    assert full.counts["overdue"] == 1 and sum(full.counts.values()) == len(full.rows) == 13
    dues = [r.due for r in full.rows if r.due]
    assert dues == sorted(dues) and all(r.due for r in full.rows[: len(dues)])  # undated last


def record(rid, company, *events, due="", extended_due=""):
    return {"id": rid, "company_id": company, "type": "access", "regime": "uk_gdpr", "due": due,
            "extended_due": extended_due, "events": [{"kind": k, "date": d} for k, d in events]}


def test_rows_by_hand():
    records = [
        record("r1", "c1", ("sent", "2026-02-01"), due="2026-03-02"),
        record("r2", "gone", ("sent", "2026-02-20"), ("extended", "2026-03-01"), due="2026-03-20", extended_due="2026-05-20"),
        record("r3", "c1", ("created", "2026-03-01")),
        record("r4", "c1", ("sent", "2026-01-05"), ("sent", "2026-01-06"), ("fulfilled", "2026-01-20"), due="2026-02-05"),
    ]
    o = overview(records, {"c1": "Acme"}, TODAY, 7)
    assert o.rows == (
        Row("r4", "Acme", "access", "uk_gdpr", "2026-01-06", "2026-02-05", "done", -33),
        Row("r1", "Acme", "access", "uk_gdpr", "2026-02-01", "2026-03-02", "overdue", -8),
        Row("r2", REMOVED, "access", "uk_gdpr", "2026-02-20", "2026-05-20", "extended", 71),
        Row("r3", "Acme", "access", "uk_gdpr", "", "", "draft", None),
    )
    assert o.counts == {"done": 1, "overdue": 1, "extended": 1, "draft": 1}
    assert [r.request_id for r in o.reminders] == ["r1"]


def test_monthly_counts_first_sending_and_first_answer():
    records = [
        record("r1", "c", ("sent", "2026-01-05"), ("sent", "2026-02-06"), ("partially_fulfilled", "2026-02-10"), ("fulfilled", "2026-03-01")),
        record("r2", "c", ("sent", "2025-03-31")),  # twelve months back and one day: outside the window
        record("r3", "c", ("created", "2026-03-01")),
    ]
    m = monthly_counts(records, TODAY)
    assert m["months"][0] == "2025-04" and m["months"][-1] == "2026-03"
    assert dict(zip(m["months"], m["sent"], strict=True))["2026-01"] == 1 and sum(m["sent"]) == 1
    assert dict(zip(m["months"], m["answered"], strict=True))["2026-02"] == 1 and sum(m["answered"]) == 1
