"""Rollback detection: a vault file older than one already seen is reported, never silently used.

Copying an older `vault.ptv` (and its summary) back over the current one would authenticate
perfectly: same key, valid tag. It would also make an overdue request vanish or an old
passphrase work again. So every write raises a counter, `generation`, in the vault header
(authenticated as associated data), and the highest generation seen is remembered in two
places the copy does not bring back: beside the data key in the keyring entry, and in the
newest file of `backups/` (each write hard-links the previous version there, so that one is
one generation older than the current vault). Opening a vault older than either gives a
`Rollback`. Writing to such a vault carries the warning along (`rollback_pending` in the
header) until the user confirms with `privacy-tui vault accept-rollback`.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_tui.vault.atomic import list_backups
from privacy_tui.vault.envelope import read_header
from privacy_tui.vault.paths import Paths

PENDING = "rollback_pending"


def generation(header: dict) -> int:
    value = header.get("generation", 0)
    return value if isinstance(value, int) and value >= 0 else 0


@dataclass(frozen=True)
class Rollback:
    generation: int  # of the vault opened
    seen: int  # the highest generation seen before
    source: str  # where that was seen: "keyring", "backups" or "an earlier warning"

    def message(self) -> str:
        return (
            f"this vault is older than one seen before (version {self.generation}, but version {self.seen} "
            f"was seen, per the {self.source}): it may have been rolled back to an old copy; if you restored "
            "it on purpose, run `privacy-tui vault accept-rollback`"
        )

    def to_dict(self) -> dict:
        return {"generation": self.generation, "seen": self.seen, "source": self.source}


def newest_backup_generation(paths: Paths, vault_id: str) -> int | None:
    """The generation recorded in the newest backup of this vault (None if there is none)."""
    for backup in reversed(list_backups(paths.backups)):
        try:
            if backup.samefile(paths.vault):
                continue  # a crash between the backup's link and the rename: this is the vault itself
        except OSError:
            continue
        header = read_header(backup)
        if header is None:
            continue  # damaged: look at the one before
        if header.get("vault_id") != vault_id:
            return None  # another vault's backups (the home was re-initialised)
        return generation(header)
    return None


def detect(paths: Paths, header: dict, keyring_generation: int | None) -> Rollback | None:
    current = generation(header)
    pending = header.get(PENDING)
    if isinstance(pending, dict) and isinstance(pending.get("seen"), int):
        return Rollback(current, pending["seen"], "earlier warning")
    if keyring_generation is not None and keyring_generation > current:
        return Rollback(current, keyring_generation, "keyring")
    backed_up = newest_backup_generation(paths, str(header.get("vault_id", "")))
    # The newest backup is the version before the current one: equal or newer means rolled back,
    # and the version that replaced it (at least one more) is the newest seen.
    if backed_up is not None and backed_up >= current and backed_up > 0:
        return Rollback(current, backed_up + 1, "backups")
    return None
