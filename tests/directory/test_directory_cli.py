"""`privacy-tui directory ...` from the command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support.cli import PYTHON, cli_env
from support.paths import REPO

from privacy_tui.cli import main


@pytest.fixture
def dump_path(shared_dir) -> Path:
    return shared_dir / "directory" / "datarequests-db.json"


@pytest.fixture
def imported(dump_path, capsys):
    assert main(["directory", "import", str(dump_path)]) == 0
    capsys.readouterr()
    return dump_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_actions(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["directory", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for action in ("import", "update", "search", "show", "info", "authorities"):
        assert action in out


def test_import_reports_counts_and_source(dump_path, capsys):
    code, out, _ = run(capsys, "directory", "import", str(dump_path))
    assert code == 0
    assert "imported 3070 companies and 57 supervisory authorities" in out
    assert "2026-07-21" in out


def test_import_json_summary(dump_path, capsys):
    code, out, _ = run(capsys, "directory", "import", str(dump_path), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["companies"] == 3070 and summary["supervisory_authorities"] == 57 and summary["skipped"] == 0


def test_import_shows_skipped_records(tmp_path, dump_path, capsys):
    raw = json.loads(dump_path.read_text(encoding="utf-8"))
    bad = [{"slug": f"bad-{i}"} for i in range(12)]
    path = tmp_path / "db.json"
    path.write_text(json.dumps({"companies": raw["companies"][:3] + bad}), encoding="utf-8")
    code, out, err = run(capsys, "directory", "import", str(path))
    assert code == 0 and "imported 3 companies" in out
    assert "skipped 12 unusable record(s)" in err
    assert "company #4 (bad-0) misses the required field" in err
    assert "... and 2 more" in err


def test_import_errors(tmp_path, capsys):
    code, _, err = run(capsys, "directory", "import", str(tmp_path / "missing.json"))
    assert code == 2 and err.startswith("error: no such file or folder")
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2", encoding="utf-8")
    code, _, err = run(capsys, "directory", "import", str(broken))
    assert code == 2 and "no usable company records" in err and err.count("\n") == 1


def test_search_before_import(capsys):
    code, out, err = run(capsys, "directory", "search", "google")
    assert code == 2 and out == ""
    assert err == "error: no directory imported yet: run `privacy-tui directory import PATH` or `privacy-tui directory update`\n"


def test_search_text(imported, capsys):
    code, out, _ = run(capsys, "directory", "search", "gogle")
    assert code == 0
    head, first = out.splitlines()[:2]
    assert head.split() == ["SLUG", "SCORE", "CC", "NAME", "CONTACT"]
    assert first.startswith("google ") and "Google LLC" in first and "data-access-requests@google.com" in first


def test_search_json_and_limit(imported, capsys):
    code, out, _ = run(capsys, "directory", "search", "amazon", "--json", "--limit", "3")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 3
    assert all(h["slug"].startswith("amazon-") and h["score"] == 100.0 for h in hits)
    assert {"slug", "name", "country", "email", "webform", "web", "runs"} <= set(hits[0])


def test_search_words_without_quotes(imported, capsys):
    code, out, _ = run(capsys, "directory", "search", "deutshe", "telekom", "--json")
    assert code == 0 and json.loads(out)[0]["slug"] == "deutsche-telekom-ag"


def test_search_no_match(imported, capsys):
    code, out, _ = run(capsys, "directory", "search", "zzzzqqqqxxxxjjjj")
    assert code == 0 and "no company in the directory matches" in out
    code, out, _ = run(capsys, "directory", "search", "zzzzqqqqxxxxjjjj", "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "5000"])
def test_search_bad_limit(imported, capsys, limit):
    with pytest.raises(SystemExit) as exit_:
        main(["directory", "search", "google", "--limit", limit])
    assert exit_.value.code == 2
    assert "--limit" in capsys.readouterr().err


def test_show(imported, capsys):
    code, out, _ = run(capsys, "directory", "show", "google")
    assert code == 0
    assert "name:" in out and "Google LLC" in out and "YouTube" in out and "country:" in out
    code, out, _ = run(capsys, "directory", "show", "facebook", "--json")
    record = json.loads(out)
    assert record["name"] == "Meta Platforms Ireland Limited" and record["country"] == "IE"


def test_show_unknown_suggests(imported, capsys):
    code, _, err = run(capsys, "directory", "show", "gogle")
    assert code == 2
    assert "no company with slug 'gogle'" in err and "did you mean google" in err


def test_info(imported, capsys):
    code, out, _ = run(capsys, "directory", "info")
    assert code == 0 and "datenanfragen/data" in out and "3070" in out and "imported at:" in out
    code, out, _ = run(capsys, "directory", "info", "--json")
    info = json.loads(out)
    assert info["imported"] is True and info["origin"] == str(imported) and info["imported_at"]


def test_info_before_import(capsys):
    code, out, _ = run(capsys, "directory", "info", "--json")
    assert code == 0 and json.loads(out)["imported"] is False
    code, out, _ = run(capsys, "directory", "info")
    assert code == 0 and "no directory imported yet" in out


def test_authorities(imported, capsys):
    code, out, _ = run(capsys, "directory", "authorities", "--country", "DE", "--json")
    assert code == 0
    german = json.loads(out)
    assert len(german) == 26 and all(a["country"] == "DE" for a in german)
    code, out, _ = run(capsys, "directory", "authorities")
    assert code == 0 and len(out.splitlines()) == 1 + 57 and "frcnil" in out  # a heading, then one line each
    code, out, _ = run(capsys, "directory", "authorities", "--country", "us")
    assert code == 0 and "no supervisory authority for US" in out
    code, _, err = run(capsys, "directory", "authorities", "--country", "france")
    assert code == 2 and "two-letter country code" in err


def test_update_refuses_plain_http(capsys):
    code, _, err = run(capsys, "directory", "update", "--url", "http://example.com/db.json")
    assert code == 2 and "must be https" in err


def test_update_unreachable_is_exit_4(capsys):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, _, err = run(capsys, "directory", "update", "--url", f"http://127.0.0.1:{port}/db.json")
    assert code == 4 and err.startswith("error: could not download the directory")


def test_search_in_a_fresh_process(imported):
    # The whole path a person uses: start, load the stored copy, build, search, print.
    result = subprocess.run(
        [PYTHON, "-m", "privacy_tui", "directory", "search", "facebook.com", "--json", "--limit", "1"],
        capture_output=True, text=True, env=cli_env(), cwd=REPO, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["slug"] == "facebook"
