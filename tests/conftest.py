"""Fixtures for every test. Every test runs against a temporary home, never the user's own.

Helpers that tests call (run_main, cli_env, make_vault, settle, ...) are in tests/support/;
tests/README.md says what goes where. No test imports a conftest.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.cli import cli_env, run_main
from support.demo import make_demo_home
from support.paths import FAST_KDF_SHIM, SHARED
from support.vault import PASSPHRASE, make_vault

# The real test servers' fixtures (make_smtp_server, tls_certificate, stalling_server, make_peer,
# dovecot), for any test that names them.
pytest_plugins = ["support.smtp_servers", "support.smtp_peers", "support.imap_servers"]


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


@pytest.fixture
def real_keyring() -> None:
    """The real Secret Service: skipped outside `make test`, a failure inside it."""
    from privacy_tui.vault.keyring_store import keyring_available

    if not keyring_available():
        if os.environ.get("PT_INSIDE_DBUS"):
            pytest.fail("no usable keyring although scripts/with-keyring started gnome-keyring")
        pytest.skip("no keyring backend (run through scripts/with-keyring)")


@pytest.fixture
def passphrase() -> str:
    """The test vaults' passphrase (support.vault.PASSPHRASE)."""
    return PASSPHRASE


@pytest.fixture
def no_keyring(monkeypatch) -> None:
    """The app and the CLI in this process leave the OS keyring alone."""
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")


@pytest.fixture
def vault(no_keyring, monkeypatch) -> Path:
    """An empty vault in the test's home, and the environment run_main opens it with (its
    passphrase in PRIVACY_TUI_PASSPHRASE, no keyring). Returns the home's Paths."""
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASSPHRASE)
    p, _ = make_vault()
    return p


@pytest.fixture
def demo_home(no_keyring):
    """A vault with the demo data (support.demo.TODAY as today), opened with the passphrase only."""
    return make_demo_home()


@pytest.fixture
def cli_home(capsys, monkeypatch):
    """`init` done in this process with the passphrase from the environment and no keyring;
    returns capsys for run_main."""
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", "correct horse battery")
    assert run_main(capsys, "init")[0] == 0
    return capsys


@pytest.fixture
def cli(monkeypatch, capsys):
    """cli(*argv) -> (exit code, stdout, stderr), main() in this process with the test's home,
    the environment a CLI subprocess would get from cli_env()."""
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
