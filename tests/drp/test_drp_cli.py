"""`privacy-tui drp directory` (keygen is covered in test_drp_keys.py, which needs a keyring)."""

from __future__ import annotations

import json

from privacy_tui.cli import main

ENTRIES = [
    {"id": "ACME_1", "name": "Acme", "api_base": "https://drp.acme.example", "supported_actions": ["access", "sale:opt_out"], "supported_verifications": ["email"]},
    {"id": "BROKEN", "name": "No api_base"},
]


def write(tmp_path, data):
    path = tmp_path / "businesses.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_directory_lists_usable_businesses_and_warns_about_the_rest(tmp_path, capsys):
    assert main(["drp", "directory", write(tmp_path, ENTRIES)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["ID", "NAME"]
    assert "ACME_1" in lines[1] and "access,sale:opt-out" in lines[1] and "https://drp.acme.example" in lines[1]
    assert len(lines) == 2
    assert "warning: skipped entry 1: BROKEN: no `api_base`" in err


def test_directory_json(tmp_path, capsys):
    assert main(["drp", "directory", write(tmp_path, ENTRIES), "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["id"] == "ACME_1" and entry["supported_verifications"] == ["email"]


def test_directory_errors_are_one_line(tmp_path, capsys):
    assert main(["drp", "directory", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no such file" in err
    assert main(["drp", "directory", write(tmp_path, {"not": "a list"})]) == 2
    assert "JSON array" in capsys.readouterr().err
