"""Saving a received attachment out of the vault, where the user says: an unencrypted copy.

The vault keeps the encrypted original (the evidence); this copy is the user's explicit choice,
made after the warning below. The target is checked before anything is written, never replaced
and never followed through a symlink; the file is created 0600.
"""

from __future__ import annotations

import os
from pathlib import Path

from privacy_tui.core.errors import UserError
from privacy_tui.vault.store import Store

NOT_ENCRYPTED_WARNING = (
    "The saved copy is NOT encrypted: anyone who can read that folder can read it. "
    "The vault keeps the encrypted original; delete the copy when you no longer need it."
)


def check_target(target: Path) -> Path:
    """The file to create, or a one-line UserError (nothing is written)."""
    target = Path(target).expanduser()
    if not str(target).strip():
        raise UserError("give a file name to save the attachment as")
    if target.is_symlink() or target.exists():
        raise UserError(f"{target} already exists; choose another file name")
    if not target.parent.is_dir():
        raise UserError(f"folder {target.parent} does not exist")
    return target


def save_attachment(store: Store, message_id: str, index: int, target: Path) -> Path:
    """Write attachment `index` of received message `message_id` to `target` (a new file)."""
    from privacy_tui.services.inbox import attachment

    target = check_target(target)
    _name, _type, data = attachment(store, message_id, index)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        raise UserError(f"{target} already exists; choose another file name") from None
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        # A half-written copy is worse than none (a full disk): remove it.
        try:
            os.unlink(target)
        except OSError:
            pass
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


__all__ = ["NOT_ENCRYPTED_WARNING", "check_target", "save_attachment"]
