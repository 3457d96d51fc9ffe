"""Every command-line printer shows stored text as plain text: control characters (ESC, CSI,
OSC, BEL, the single-byte CSI U+009B, bidi overrides) come out as visible escapes, never raw,
and JSON output stays exact JSON.

The hostile records are written straight into the vault (as an old version, a bug or a
tampered import might have left them), past the input validation that refuses them today:
the printers are the defence behind it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from support.cli import run_main

# Clear screen, set the window title (OSC ... BEL), C1 CSI, a right-to-left override, an isolate.
HOSTILE = "Evil\x1b[2J\x1b]0;pwned\x07Corp\u009b31m\u202eCLL\u2066"
RAW = ("\x1b", "\x07", "\u009b", "\u202e", "\u2066")
SHOWN = ("\\x1b[2J", "\\x1b]0;pwned\\x07", "\\x9b31m", "\\u202e", "\\u2066")
TODAY = "2026-06-01"


def assert_plain(text: str) -> None:
    for ch in RAW:
        assert ch not in text, f"raw {ch!r} reached the terminal: {text!r}"


def assert_escaped(text: str) -> None:
    assert_plain(text)
    for shown in SHOWN:
        assert shown in text, f"{shown!r} not shown in {text!r}"


@pytest.fixture
def hostile(vault, capsys):
    from privacy_tui.services.companies import add_company
    from privacy_tui.services.requests import append_event, new_request
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        store.save_profile(replace(store.profile(), name="Ada Example", email="ada@example.com", country="DE"))
        company = add_company(store, name="Placeholder", emails=["dpo@evil.example"], country="DE")
        request = new_request(store, company.id, "access", today=date(2026, 1, 5))
        store.save_request(append_event(request, "sent", date(2026, 1, 5)))  # overdue by TODAY
        # Past validation, on purpose: what the printers must cope with.
        store.save_company(replace(company, name=HOSTILE, notes=HOSTILE, aliases=(HOSTILE,)))
        store.save_request(replace(store.request(request.id), subject=HOSTILE, body=f"Dear {HOSTILE},\n\nbody"))
        store.save_profile(replace(store.profile(), name=HOSTILE, address=HOSTILE))
    return {"company": company.id, "request": request.id}


def strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from strings(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from strings(value)


def run(capsys, *argv: str) -> tuple[str, str]:
    rc, out, err = run_main(capsys, *argv)
    assert rc in (0, 10), (rc, err)
    return out, err


@pytest.mark.parametrize("argv", [
    ("company", "list"),
    ("company", "show", "{company}"),
    ("request", "list", "--today", TODAY),
    ("request", "show", "{request}", "--today", TODAY),
    ("request", "letter", "{request}"),
    ("remind", "--today", TODAY),
    ("profile", "show"),
])
def test_vault_printers_escape_control_characters(hostile, capsys, argv):
    out, err = run(capsys, *(a.format(**hostile) for a in argv))
    assert_escaped(out)
    assert_plain(err)


@pytest.mark.parametrize("argv", [
    ("company", "list", "--json"),
    ("company", "show", "{company}", "--json"),
    ("request", "show", "{request}", "--json", "--today", TODAY),
    ("request", "letter", "{request}", "--json"),
    ("remind", "--json", "--today", TODAY),
    ("profile", "show", "--json"),
])
def test_json_stays_exact_json_without_raw_controls(hostile, capsys, argv):
    out, _ = run(capsys, *(a.format(**hostile) for a in argv))
    assert_plain(out)  # json.dumps leaves U+009B and bidi controls raw; the seam escapes them as \uXXXX
    assert any(HOSTILE in text for text in strings(json.loads(out)))  # and they decode to the same text


def test_error_messages_quote_names_escaped(hostile, capsys):
    rc, out, err = run_main(capsys, "company", "show", HOSTILE)
    assert rc == 2 and out == ""
    assert_escaped(err)
    assert err.startswith("error: ") and err.count("\n") == 1


def test_directory_printers_escape_control_characters(hostile, capsys, tmp_path):
    records = [{"slug": "evil-corp", "name": HOSTILE, "relevant-countries": ["de"], "categories": ["contact"],
                "email": "dpo@evil.example", "address": HOSTILE, "comments": [HOSTILE],
                "sources": ["https://evil.example/privacy"], "quality": "verified"}]
    authorities = [{"slug": "evilsa", "name": HOSTILE, "relevant-countries": ["de"], "email": "sa@evil.example",
                    "address": HOSTILE, "sources": ["https://evil.example/sa"]}]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"companies": records, "supervisory-authorities": authorities}), encoding="utf-8")
    out, err = run(capsys, "directory", "import", str(path))
    assert_plain(out + err)
    for argv in (("directory", "search", "evil"), ("directory", "show", "evil-corp"), ("directory", "authorities")):
        out, err = run(capsys, *argv)
        assert_plain(out + err)  # escaped here, or stripped by the importer: never raw
    for argv in (("directory", "search", "evil", "--json"), ("directory", "show", "evil-corp", "--json")):
        out, _ = run(capsys, *argv)
        assert_plain(out)
        json.loads(out)


def test_deadline_prints_plain_text(capsys):
    out, err = run(capsys, "deadline", "--regime", "uk_gdpr", "--received", "2026-03-03")
    assert "2026-04-07" in out or "7 Apr 2026" in out
    assert_plain(out + err)


def test_table_fits_the_terminal_and_keeps_ids_whole(hostile, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out, _ = run(capsys, "request", "list", "--today", TODAY)
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "COMPANY", "TYPE"]
    assert all(len(line) <= 60 for line in lines), lines
    assert hostile["request"] in out  # ids are never shortened
    assert "\u2026" in out  # the long escaped name was shortened with an ellipsis
    assert_plain(out)
    monkeypatch.delenv("COLUMNS")
    wide, _ = run(capsys, "request", "list", "--today", TODAY)  # a pipe: full lines, nothing cut
    assert "\u2026" not in wide and SHOWN[-1] in wide


def test_heading_bold_only_on_a_terminal_and_never_with_no_color(hostile, capsys, monkeypatch):
    import sys

    monkeypatch.delenv("NO_COLOR", raising=False)
    out, _ = run(capsys, "company", "list")
    assert "\x1b" not in out  # a pipe: no colour codes at all
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    out, _ = run(capsys, "company", "list")
    head, rows = out.split("\n", 1)
    assert head.startswith("\x1b[1mID") and head.endswith("\x1b[0m")  # our own bold heading...
    assert_escaped(rows)  # ...and the stored name still escaped
    monkeypatch.setenv("NO_COLOR", "1")
    out, _ = run(capsys, "company", "list")
    assert "\x1b" not in out
