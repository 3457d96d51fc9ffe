"""The shape of the home folder: what each entry must be, its permissions, and who owns it.

Checked before the vault is read or written. A symlink or an entry of the wrong type where
the vault, its lock, its summary or its backups belong is refused with a message naming it
(never followed, never replaced). Permissions drift (a restore by hand, a `chmod -R`, an
umask): every open that writes puts them back to 0700 for folders and 0600 for files.
"""

from __future__ import annotations

import os
import stat

from privacy_tui.core.errors import VaultError
from privacy_tui.vault.atomic import UnsafePath, list_backups, require_kind
from privacy_tui.vault.paths import Paths

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def check_home(paths: Paths) -> None:
    """Refuse a home whose vault, lock, summary or backups are symlinks or of the wrong type."""
    try:
        # The home itself may be a symlink (a data folder moved elsewhere), but it must lead to a folder.
        if os.path.lexists(paths.home) and not os.path.isdir(paths.home):
            raise UnsafePath(paths.home, "is not a folder")
        for path in (paths.vault, paths.lock, paths.summary):
            require_kind(path, folder=False)
        require_kind(paths.backups, folder=True)
        require_kind(paths.blobs, folder=True)
    except UnsafePath as exc:
        raise VaultError(f"unsafe home: {exc}; privacy-tui neither follows nor replaces it (move it away and try again)") from None


def repair_permissions(paths: Paths) -> list[str]:
    """Set 0700 on the home and backups, 0600 on the files of ours in them; returns what changed."""
    fixed = []

    def fix(path, mode: int) -> None:
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return
        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid() or stat.S_IMODE(st.st_mode) == mode:
            return
        os.chmod(path, mode)
        fixed.append(f"{path} {stat.S_IMODE(st.st_mode):04o} -> {mode:04o}")

    fix(paths.home, FOLDER_MODE)
    fix(paths.backups, FOLDER_MODE)
    fix(paths.directory, FOLDER_MODE)
    fix(paths.blobs, FOLDER_MODE)
    for path in (paths.vault, paths.lock, paths.summary, paths.config, *list_backups(paths.backups), *_files(paths.directory),
                 *_files(paths.blobs)):
        fix(path, FILE_MODE)
    return fixed


def _files(folder) -> list:
    try:
        return [p for p in folder.iterdir() if stat.S_ISREG(p.lstat().st_mode)] if require_kind(folder, folder=True) else []
    except (OSError, UnsafePath):
        return []


def owner_warning(paths: Paths) -> str | None:
    """A one-line warning when the home or the vault belongs to another account."""
    me = os.geteuid()
    for path in (paths.home, paths.vault):
        try:
            uid = os.stat(path).st_uid
        except OSError:
            continue
        if uid != me:
            return (
                f"{path} belongs to another account (uid {uid}, you are {me}): "
                "that account can read and replace your vault"
            )
    return None
