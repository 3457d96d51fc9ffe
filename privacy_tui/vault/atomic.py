"""Crash-safe replacement of the vault file, keeping the previous version as a backup.

Write a temporary file in the same folder, fsync it, hard-link the current vault into
`backups/` (O(1), no copy), rename the temporary file over the vault, fsync the folders.
A crash at any instant leaves either the old or the new vault; once `replace_file`
returns, the new one is on disk. A failure before the rename (a full disk, a refused
path) removes the temporary file again: nothing is left behind.

Every file here is opened with O_NOFOLLOW: a symlink planted in the home (`vault.lock`
pointing at ~/.bashrc, `backups` pointing elsewhere) is refused, never followed.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

BACKUPS_KEPT = 10
TMP_PREFIX = ".tmp-"  # a writer's file before its atomic rename or link (blobs and packs use it too)


class UnsafePath(OSError):
    """A path in the home that is a symlink or of the wrong type (refused, never followed)."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(errno.ELOOP, f"{path} {why}", str(path))
        self.path = path
        self.why = why

    def __str__(self) -> str:
        return f"{self.path} {self.why}"


def describe_kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symlink"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISREG(mode):
        return "a regular file"
    return "a device or special file"


def require_kind(path: Path, *, folder: bool) -> bool:
    """True if `path` exists as a real (not symlinked) folder/regular file, False if absent;
    raises UnsafePath when it is anything else."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    ok = stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)
    if not ok:
        wanted = "a folder" if folder else "a regular file"
        raise UnsafePath(path, f"is {describe_kind(mode)}, not {wanted}")
    return True


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)  # the home may be a symlink to a folder
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_new_file(path: Path, data: bytes) -> None:
    """Create `path` (mode 0600) with `data`, durably. Refuses to overwrite or follow a symlink;
    on failure (a full disk) the partial file is removed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(path)
        raise
    os.close(fd)


def read_file(path: Path, limit: int, *, name: str | None = None) -> bytes:
    """The bytes of the regular file `path`, refusing symlinks and special files, and reading at
    most `limit` + 1 bytes whatever the file claims (raises UnsafePath / OSError)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePath(path, "is a symlink, not a regular file") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnsafePath(path, f"is {describe_kind(mode)}, not a regular file")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise UnsafePath(path, f"is larger than {limit // (1 << 20)} MiB, more than {name or 'this file'} can be")
    return data


def backup_name() -> str:
    # Nanosecond timestamps sort in time order and never collide within one writer. Both parts
    # come from one clock reading: two readings could straddle a second and sort out of order.
    ns = time.time_ns()
    return f"vault-{time.strftime('%Y%m%d-%H%M%S', time.gmtime(ns // 10**9))}-{ns % 10**9:09d}.ptv"


def list_backups(backups: Path) -> list[Path]:
    try:
        if not require_kind(backups, folder=True):
            return []
    except UnsafePath:
        return []
    found = []
    for p in backups.iterdir():
        if p.name.startswith("vault-") and p.suffix == ".ptv":
            try:
                if stat.S_ISREG(p.lstat().st_mode):
                    found.append(p)
            except FileNotFoundError:
                continue
    return sorted(found)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def replace_file(target: Path, data: bytes, *, backups: Path | None = None, keep: int = BACKUPS_KEPT) -> None:
    folder = target.parent
    require_kind(target, folder=False)  # never replace a symlink (or a folder) silently
    if backups is not None:
        require_kind(backups, folder=True)  # checked before anything is written
    tmp = folder / f"{TMP_PREFIX}{target.name}.{os.getpid()}"
    if os.path.lexists(tmp):
        tmp.unlink()
    write_new_file(tmp, data)
    kept = None
    try:
        if backups is not None and os.path.lexists(target):
            if not require_kind(backups, folder=True):
                backups.mkdir(mode=0o700)
            kept = backups / backup_name()
            os.link(target, kept, follow_symlinks=False)
            fsync_dir(backups)
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        if kept is not None:
            _unlink_quietly(kept)  # the vault did not change: no new backup of it either
        raise
    fsync_dir(folder)
    if backups is not None:
        for old in list_backups(backups)[:-keep]:
            old.unlink(missing_ok=True)


def remove_stale_temps(folder: Path) -> None:
    """Temporary files left by a writer that crashed before its rename (call with the lock held)."""
    if folder.is_dir():
        for p in folder.iterdir():
            if p.name.startswith(TMP_PREFIX):
                p.unlink(missing_ok=True)
