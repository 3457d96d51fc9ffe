"""`privacy-tui deadline`: dates in text and JSON; clear one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest

from privacy_tui.cli import main


def test_json_output_uk_example(capsys):
    assert main(["deadline", "--regime", "uk_gdpr", "--received", "2026-03-03", "--country", "GB", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["regime", "received", "due", "extended_due", "ack_due", "explanation"]
    assert out == {
        "regime": "uk_gdpr",
        "received": "2026-03-03",
        "due": "2026-04-07",
        "extended_due": "2026-06-03",
        "ack_due": None,
        "explanation": out["explanation"],
    }
    assert out["explanation"].startswith(
        "one month from 3 Mar 2026 is 3 Apr 2026, Good Friday; the next working day is 7 Apr 2026"
    )


def test_json_output_ccpa_example(capsys):
    assert main(["deadline", "--regime", "ccpa", "--received", "2026-11-22", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["due"], out["ack_due"], out["extended_due"]) == ("2027-01-06", "2026-12-08", "2027-02-20")


def test_opt_out_type(capsys):
    assert main(["deadline", "--regime", "ccpa", "--received", "2026-11-22", "--type", "opt_out_sale", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["due"] == "2026-12-15" and out["ack_due"] is None and out["extended_due"] is None


def test_scotland_subdivision(capsys):
    args = ["deadline", "--regime", "uk_gdpr", "--received", "2026-12-01", "--country", "GB", "--json"]
    assert main(args + ["--subdivision", "SCT"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2027-01-05"
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2027-01-04"


def test_us_state_alias(capsys):
    assert main(["deadline", "--regime", "us_state", "--subdivision", "VA", "--received", "2026-01-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["regime"] == "us_va" and out["due"] == "2026-02-15"


def test_text_output(capsys):
    assert main(["deadline", "--regime", "uk_gdpr", "--received", "2028-01-31"]) == 0
    out = capsys.readouterr().out
    assert "UK GDPR" in out
    assert "Due:" in out and "29 Feb 2028 (2028-02-29)" in out
    assert "Acknowledge by: none under this law" in out
    assert "  - one month from 31 Jan 2028" in out


@pytest.mark.parametrize(
    "args,message",
    [
        (["--regime", "gdpr", "--received", "2026-02-30"], "invalid --received date '2026-02-30'"),
        (["--regime", "gdpr", "--received", "yesterday"], "use YYYY-MM-DD"),
        (["--regime", "hipaa", "--received", "2026-01-01"], "unknown regime 'hipaa'"),
        (["--regime", "gdpr", "--received", "2026-01-01", "--type", "opt_out_sale"], "GDPR has no 'opt_out_sale'"),
        (["--regime", "gdpr", "--received", "2026-01-01", "--type", "telepathy"], "unknown request type"),
        (["--regime", "gdpr", "--received", "2026-01-01", "--country", "Germany"], "invalid country"),
        (["--regime", "us_state", "--received", "2026-01-01"], "us_state needs the US state"),
        (["--received", "2026-01-01"], "--regime"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, message):
    with_exit = None
    try:
        code = main(["deadline", *args])
    except SystemExit as exc:  # argparse usage errors
        with_exit = exc.code
        code = exc.code
    assert code == 2, with_exit
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert err.startswith("error:") and message in err
    assert "\n" not in err and "Traceback" not in err


def test_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["deadline", "--help"])
    assert exc.value.code == 0
    assert "--received" in capsys.readouterr().out
