"""`privacy-tui init`: create the vault."""

from __future__ import annotations

import sys

from privacy_tui.commands._output import out


def register(sub) -> None:
    p = sub.add_parser("init", help="create the encrypted vault", description="Create the encrypted vault and print its recovery key once.")
    p.add_argument("--no-keyring", action="store_true", help="do not keep the vault key in the OS keyring (ask for the passphrase each time)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from privacy_tui.commands._common import new_passphrase
    from privacy_tui.core.errors import VaultError
    from privacy_tui.vault import keyring_store
    from privacy_tui.vault.paths import paths
    from privacy_tui.vault.vault import Vault

    p = paths()
    if p.vault.exists():
        raise VaultError(f"a vault already exists at {p.vault}; it was left unchanged")
    passphrase = new_passphrase()
    use_keyring = not args.no_keyring
    vault, recovery = Vault.create(p, passphrase, use_keyring=use_keyring)
    with vault:
        in_keyring = bool(vault.header.get("keyring"))
    out(f"Created vault {p.vault}")
    if in_keyring:
        out("The vault key is kept in your OS keyring: no passphrase needed for daily use.")
    elif use_keyring:
        why = keyring_store.why_no_keyring() or "the keyring did not accept the key"
        out(f"No keyring keeps the vault key: {why}, so the passphrase will be asked at every start (or set PRIVACY_TUI_PASSPHRASE).")
    out()
    out("Recovery key (shown only now; write it down and keep it somewhere safe):")
    out(f"    {recovery}")
    out("It opens the vault if you forget your passphrase: `privacy-tui vault recover`.")
    sys.stdout.flush()
    return 0
