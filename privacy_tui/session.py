"""Opening the vault for a command or the app: keyring first, then passphrase, never a hang.

Shared by the CLI and the TUI so both unlock the same way.
"""

from __future__ import annotations

import getpass
import sys
from contextlib import contextmanager
from typing import Iterator

from privacy_tui.paths import paths
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


def open_vault(*, write: bool = False, interactive: bool = True) -> Vault:
    return Vault.open(paths(), writable=write, ask=ask_passphrase if interactive else None)


@contextmanager
def open_store(*, write: bool = False, interactive: bool = True) -> Iterator[Store]:
    vault = open_vault(write=write, interactive=interactive)
    try:
        yield Store(vault)
    finally:
        vault.close()
