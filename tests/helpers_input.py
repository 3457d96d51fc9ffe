"""Running the CLI in-process against the test's home, and proving a refusal wrote nothing."""

from __future__ import annotations

import pytest

from helpers_vault import assert_one_line_error, cli_env, tree_snapshot
from privacy_tui.vault.paths import paths


@pytest.fixture
def cli(monkeypatch, capsys):
    """cli(*argv) -> (exit code, stdout, stderr), main() in this process with the test's home."""
    from privacy_tui.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        with monkeypatch.context() as m:
            for key in ("PRIVACY_TUI_PASSPHRASE", "PRIVACY_TUI_NO_KEYRING"):
                m.delenv(key, raising=False)
            for key, value in cli_env().items():
                if key.startswith("PRIVACY_TUI_"):
                    m.setenv(key, value)
            capsys.readouterr()
            try:
                rc = main(list(args))
            except SystemExit as exc:  # argparse usage errors
                rc = exc.code
            out, err = capsys.readouterr()
        return rc, out, err

    return run


def ok(cli, *args: str) -> str:
    rc, out, err = cli(*args)
    assert rc == 0, (args, rc, out, err)
    return out


def refused(cli, *args: str, contains=(), code: int = 2) -> str:
    """Exit `code`, one line on stderr, and every file of the home byte-for-byte unchanged."""
    home = paths().home
    before = tree_snapshot(home)
    rc, out, err = cli(*args)
    assert rc == code, (args, rc, out, err)
    message = assert_one_line_error(err, contains=contains)
    assert tree_snapshot(home) == before, f"{args} was refused but changed files"
    return message
