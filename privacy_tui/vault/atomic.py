"""Crash-safe replacement of the vault file, keeping the previous version as a backup.

Write a temporary file in the same folder, fsync it, hard-link the current vault into
`backups/` (O(1), no copy), rename the temporary file over the vault, fsync the folders.
A crash at any instant leaves either the old or the new vault; once `replace_file`
returns, the new one is on disk.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

BACKUPS_KEPT = 10
_TMP_PREFIX = ".tmp-"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_file(path: Path, data: bytes) -> None:
    """Create `path` (mode 0600) with `data`, durably. Refuses to overwrite."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_name() -> str:
    # Nanosecond timestamps sort in time order and never collide within one writer. Both parts
    # come from one clock reading: two readings could straddle a second and sort out of order.
    ns = time.time_ns()
    return f"vault-{time.strftime('%Y%m%d-%H%M%S', time.gmtime(ns // 10**9))}-{ns % 10**9:09d}.ptv"


def list_backups(backups: Path) -> list[Path]:
    if not backups.is_dir():
        return []
    return sorted(p for p in backups.iterdir() if p.name.startswith("vault-") and p.suffix == ".ptv")


def replace_file(target: Path, data: bytes, *, backups: Path | None = None, keep: int = BACKUPS_KEPT) -> None:
    folder = target.parent
    tmp = folder / f"{_TMP_PREFIX}{target.name}.{os.getpid()}"
    if tmp.exists():
        tmp.unlink()
    write_new_file(tmp, data)
    try:
        if backups is not None and target.exists():
            backups.mkdir(mode=0o700, exist_ok=True)
            os.link(target, backups / backup_name())
            fsync_dir(backups)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    if backups is not None:
        for old in list_backups(backups)[:-keep]:
            old.unlink(missing_ok=True)


def remove_stale_temps(folder: Path) -> None:
    """Temporary files left by a writer that crashed before its rename (call with the lock held)."""
    if folder.is_dir():
        for p in folder.iterdir():
            if p.name.startswith(_TMP_PREFIX):
                p.unlink(missing_ok=True)
