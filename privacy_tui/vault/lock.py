"""One writer at a time: an exclusive advisory lock on `vault.lock`, holding the writer's pid.

fcntl locks vanish with the process, so a crashed writer never leaves a stale lock behind.
The lock file is opened with O_NOFOLLOW and must be a regular file: a symlink planted there
would otherwise make us truncate whatever it points at.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

from privacy_tui.core.errors import VaultError
from privacy_tui.vault.atomic import describe_kind


class WriterLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def _open(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise VaultError(f"{self.path} is a symlink; refusing to use it as the lock (remove it and try again)") from None
            if exc.errno == errno.EISDIR:
                raise VaultError(f"{self.path} is a folder, not a lock file; remove it and try again") from None
            raise VaultError(f"cannot open the lock file {self.path} ({exc.strerror or exc})") from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise VaultError(f"{self.path} is {describe_kind(st.st_mode)}, not a lock file; remove it and try again")
        if st.st_nlink > 1:
            # A hard link to another file (same file system): truncating it would truncate that file.
            os.close(fd)
            raise VaultError(f"{self.path} has other hard links; refusing to truncate it (remove it and try again)")
        if stat.S_IMODE(st.st_mode) != 0o600 and st.st_uid == os.geteuid():
            os.fchmod(fd, 0o600)
        return fd

    def acquire(self) -> None:
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = "".join(ch for ch in os.pread(fd, 32, 0).decode("ascii", "replace") if ch.isdigit()) or "unknown"
            os.close(fd)
            raise VaultError(
                f"the vault is open for writing in another privacy-tui process (pid {holder}); close it and try again"
            ) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass  # a full disk: the pid only helps the message above; the flock is what locks
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
