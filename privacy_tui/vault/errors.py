"""The vault's refusals that a caller acts on, by type: the app asks for the passphrase again on
one and on the other, and must not tell them apart by their wording."""

from __future__ import annotations

from privacy_tui.core.errors import VaultError


class VaultLocked(VaultError):
    """The key is not in the keyring and no passphrase was given: ask for one."""


class WrongPassphrase(VaultError):
    """The passphrase does not open the vault's key slot; the vault is unchanged."""
