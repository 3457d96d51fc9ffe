"""Running the CLI, in this process or as a subprocess, against the test's home; and its one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from privacy_tui.vault.paths import paths
from support.paths import REPO
from support.vault import PASSPHRASE, tree_snapshot

PYTHON = sys.executable


def cli_env(*, passphrase: str | None = PASSPHRASE, keyring: bool = False, **extra: str) -> dict[str, str]:
    """Environment for a CLI subprocess: the test's home, fast KDF (conftest.py), no keyring unless asked.

    `passphrase=None` leaves PRIVACY_TUI_PASSPHRASE unset (the vault must come from the keyring).
    """
    env = dict(os.environ)
    # The package may not be installed in the venv: make `-m privacy_tui` find this checkout.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("PRIVACY_TUI_DEBUG", None)
    env.pop("PRIVACY_TUI_PASSPHRASE", None)
    env.pop("PRIVACY_TUI_NO_KEYRING", None)
    if passphrase is not None:
        env["PRIVACY_TUI_PASSPHRASE"] = passphrase
    if not keyring:
        env["PRIVACY_TUI_NO_KEYRING"] = "1"
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None, cwd: Path | None = None,
            timeout: float = 60) -> tuple[int, str, str]:
    """Run `python -m privacy_tui ARGS` (stdin is never a terminal); returns (rc, stdout, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "privacy_tui", *args],
        env=cli_env() if env is None else env,
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        cwd=str(cwd) if cwd else None,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout, proc.stderr


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    from privacy_tui.cli import main

    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def assert_one_line_error(stderr: str, *, contains: str | tuple[str, ...] = ()) -> str:
    """stderr is exactly one line `error: ...`, no traceback; returns the message."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {stderr!r}"
    assert stderr.endswith("\n")
    assert lines[0].startswith("error: "), stderr
    message = lines[0][len("error: "):]
    assert message.strip(), stderr
    wanted = (contains,) if isinstance(contains, str) else contains
    for part in wanted:
        assert part.lower() in message.lower(), f"{part!r} not in {message!r}"
    return message


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
