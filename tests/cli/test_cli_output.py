"""The command line's words and tables (issue 11): status words instead of raw keys, no days
left on a closed request, aligned presets, one preset spelling, the company-add note."""

from __future__ import annotations

import json
import re
import sys

import pytest
from support.cli import run_main
from support.vault import PASSPHRASE

TODAY = "2026-12-01"


@pytest.fixture
def demo(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PRIVACY_TUI_HOME", str(tmp_path / "demo"))
    rc, _, err = run_main(capsys, "demo", "--today", TODAY, "--no-keyring")
    assert rc == 0, err
    rc, out, _ = run_main(capsys, "request", "list", "--json", "--today", TODAY)
    return {r["status"]: r for r in json.loads(out)}


def test_request_list_uses_words_and_no_days_on_closed_requests(demo, capsys):
    rc, out, _ = run_main(capsys, "request", "list", "--today", TODAY)
    assert rc == 0
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert out.splitlines()[0].split() == ["ID", "COMPANY", "TYPE", "LAW", "STATUS", "DUE"]
    for status in ("done", "denied", "withdrawn"):
        line = lines[demo[status]["id"]]
        assert status in line and not re.search(r"\d+d (left|late)", line), line
    assert "send failed" in lines[demo["send_failed"]["id"]] and "send_failed" not in out
    assert "needs action" in lines[demo["needs_action"]["id"]]
    assert not re.search(r"\d+d (left|late)", lines[demo["needs_action"]["id"]])  # the user's turn, not the company's
    assert re.search(r"\d+d late", lines[demo["overdue"]["id"]])
    assert re.search(r"\d+d left", lines[demo["sent"]["id"]])


def test_request_show_uses_words(demo, capsys):
    for status in ("done", "overdue", "send_failed", "extended"):
        rc, out, _ = run_main(capsys, "request", "show", demo[status]["id"], "--today", TODAY)
        assert rc == 0
        for raw in ("extended_due", "ack_due", "send_failed", "id_requested", ", )", "(complaint, "):
            assert raw not in out, (raw, out)
    rc, out, _ = run_main(capsys, "request", "show", demo["overdue"]["id"], "--today", TODAY)
    assert re.search(r"^status +overdue$", out, re.M) and "day(s)" not in out and re.search(r"\d+ days? late", out)
    rc, out, _ = run_main(capsys, "request", "show", demo["done"]["id"], "--today", TODAY)
    assert not re.search(r"\d+ days? (left|late)", out)


def test_smtp_presets_are_aligned_and_spelt_once(capsys):
    from privacy_tui.transport.smtp_settings import PRESETS

    rc, out, _ = run_main(capsys, "config", "smtp", "presets")
    lines = out.splitlines()
    assert rc == 0 and lines[0].split() == ["NAME", "HOST", "PORT", "SECURITY", "NOTE"]
    host_at = {line.index(p.host) for line, p in zip(lines[1:], PRESETS.values(), strict=True)}
    security_at = {line.index(f" {p.security}") + 1 for line, p in zip(lines[1:], PRESETS.values(), strict=True)}
    assert len(host_at) == 1 and len(security_at) == 1  # every column starts at the same place
    with pytest.raises(SystemExit):
        run_main(capsys, "config", "smtp", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(name in help_text for name in PRESETS) and "mailbox.org," not in help_text
    assert "ssl" in help_text and "starttls" in help_text and "or none" in help_text  # --security's choices


@pytest.mark.parametrize("spelling", ["mailbox.org", "mailbox_org"])
def test_both_preset_spellings_are_accepted(vault, capsys, spelling):
    rc, out, err = run_main(capsys, "config", "smtp", "--preset", spelling, "--username", "ada@mailbox.org")
    assert rc == 0, err
    assert out.startswith("SMTP: smtp.mailbox.org:465 (ssl)")


def test_company_add_prints_the_bare_id_and_a_note_on_a_terminal(vault, capsys, monkeypatch):
    rc, out, err = run_main(capsys, "company", "add", "Google LLC", "--email", "privacy@google.example")
    assert rc == 0 and re.fullmatch(r"c[0-9a-f]+\n", out) and err == ""  # scripts capture the id
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    rc, out, err = run_main(capsys, "company", "add", "Acme Ltd", "--email", "privacy@acme.example")
    cid = out.strip()
    assert rc == 0 and re.fullmatch(r"c[0-9a-f]+", cid)
    assert err == f"added Acme Ltd ({cid})\n"


def test_company_list_is_a_table_with_headings(vault, capsys):
    run_main(capsys, "company", "add", "Acme Ltd", "--email", "privacy@acme.example", "--country", "GB")
    rc, out, _ = run_main(capsys, "company", "list")
    head, row = out.splitlines()
    assert head.split() == ["ID", "NAME", "CC", "CATEGORIES", "REQUESTS", "CONTACT"]
    assert row.index("Acme Ltd") == head.index("NAME") and row.index("GB") == head.index("CC")
