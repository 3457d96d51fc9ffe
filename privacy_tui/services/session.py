"""Opening the vault for a command or the app: keyring first, then passphrase, never a hang.

Shared by the CLI and the TUI so both unlock the same way.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from privacy_tui.vault.paths import Paths, paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def ask_passphrase(prompt: str = "Vault passphrase: ") -> str | None:
    """Prompt on the terminal; never prompt (return None) when stdin is not a terminal."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


def show_warnings(vault: Vault) -> Vault:
    """Each of the vault's warnings (rolled back, foreign owner, repaired permissions) as one
    line on stderr: every command that opens the vault says it, and output stays clean."""
    from privacy_tui.core.text import printable

    for warning in vault.warnings:
        sys.stderr.write(f"warning: {printable(warning, multiline=False)}\n")
    return vault


def open_vault(*, write: bool = False, interactive: bool = True) -> Vault:
    return show_warnings(Vault.open(paths(), writable=write, ask=ask_passphrase if interactive else None))


def open_app_store(home: Paths) -> Store:
    """The vault at `home` opened for writing, with the key from the keyring or the environment
    (the app asks for a passphrase on its own screen, never on the terminal)."""
    return Store(Vault.open(home, writable=True))


@contextmanager
def open_store(*, write: bool = False, interactive: bool = True) -> Iterator[Store]:
    vault = open_vault(write=write, interactive=interactive)
    try:
        yield Store(vault)
    finally:
        vault.close()
