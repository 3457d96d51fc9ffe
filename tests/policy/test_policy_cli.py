"""`privacy-tui policy analyze FILE|URL [--json]`."""

from __future__ import annotations

import json
import subprocess
import sys

from support.cli import cli_env

from privacy_tui.cli import main


def test_json_output_has_exactly_the_contract_keys(shared_dir, capsys):
    path = shared_dir / "policies" / "wicresoft.txt"
    assert main(["policy", "analyze", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "company", "emails", "webforms", "address", "regimes", "ccpa_categories",
        "data_items", "rights", "response_days", "evidence",
    ]
    assert data["company"] == "Wicresoft North America, LTD"
    assert data["response_days"] == 30
    assert data["evidence"]["response_days"]["text"].endswith("within 30 days.")
    assert all(set(i) == {"item", "category", "evidence"} for i in data["data_items"])


def test_text_output_shows_facts_evidence_and_gaps(shared_dir, capsys):
    path = shared_dir / "policies" / "redflag-business-products.txt"
    assert main(["policy", "analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "privacy e-mail:  iso@redflagert.com" in out
    assert "contact our Data Protection Officer at iso@redflagert.com" in " ".join(out.split())  # evidence
    assert "laws invoked:    UK GDPR" in out
    assert "not found: company, web forms, postal address, response time" in out


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["policy", "analyze", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot read {tmp_path / 'nope.txt'}: no such file") and err.count("\n") == 1
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["policy", "analyze", str(empty)]) == 2
    assert "empty" in capsys.readouterr().err


def test_policy_without_subcommand_prints_help(capsys):
    assert main(["policy"]) == 0
    assert "analyze" in capsys.readouterr().out


def test_real_command_line(shared_dir):
    path = shared_dir / "policies" / "velopack.txt"
    out = subprocess.run(
        [sys.executable, "-m", "privacy_tui", "policy", "analyze", str(path), "--json"],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["company"] == "Velopack"
