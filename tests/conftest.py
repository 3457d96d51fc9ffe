"""Shared fixtures. Every test runs against a temporary home, never the user's own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FAST_KDF_SHIM = Path(__file__).resolve().parent / "fast_kdf"


def _fast_kdf():
    from privacy_tui.vault.crypto import KdfParams

    return KdfParams(n=2**10)


FAST_KDF = _fast_kdf()


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch) -> Path:
    """Point PRIVACY_TUI_HOME (and HOME/XDG dirs) at a fresh temp folder for every test."""
    root = tmp_path_factory.mktemp("home")
    home = root / "privacy-tui"
    monkeypatch.setenv("PRIVACY_TUI_HOME", str(home))
    monkeypatch.setenv("HOME", str(root))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / ".cache"))
    # Fast key derivation for tests (recorded in the vault header like any other parameters):
    # in this process by replacing the default, in the CLI processes tests start through
    # tests/fast_kdf/sitecustomize.py. Nothing in the package can lower it.
    from privacy_tui.vault import crypto

    monkeypatch.setattr(crypto, "DEFAULT_KDF", FAST_KDF)
    pythonpath = os.environ.get("PYTHONPATH", "")
    if str(FAST_KDF_SHIM) not in pythonpath.split(os.pathsep):
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(FAST_KDF_SHIM), pythonpath) if p))
    for var in ("PRIVACY_TUI_PASSPHRASE", "PRIVACY_TUI_NO_KEYRING", "PRIVACY_TUI_SMTP_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for running the CLI in a subprocess with the current test's home."""
    env = dict(os.environ)
    env.update(extra)
    return env


PYTHON = sys.executable


@pytest.fixture
def real_keyring() -> None:
    """The real Secret Service: skipped outside `make test`, a failure inside it."""
    from privacy_tui.vault.keyring_store import keyring_available

    if not keyring_available():
        if os.environ.get("PT_INSIDE_DBUS"):
            pytest.fail("no usable keyring although scripts/with-keyring started gnome-keyring")
        pytest.skip("no keyring backend (run through scripts/with-keyring)")


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    from privacy_tui.cli import main

    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err
