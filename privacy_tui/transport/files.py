"""Reading a file the user named: regular files only, and never more than the limit.

`st_size` says nothing about /dev/zero, a FIFO or a socket (all 0), so the limit is enforced
on what is actually read: at most `limit + 1` bytes, the extra byte telling "too large" from
"exactly at the limit". The file is opened with O_NONBLOCK so that opening a FIFO with no
writer returns at once instead of hanging; the opened descriptor is then fstat'ed (not the
path, which could change in between) and anything but a regular file is refused. A symlink to
a regular file is followed: users keep documents behind links.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from privacy_tui.core.errors import UserError

_CHUNK = 1 << 16


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def size_text(limit: int) -> str:
    """`limit` in words: "5 MB" for 5 MiB, else the exact byte count."""
    mib = 1024 * 1024
    if limit >= mib and limit % mib == 0:
        return f"{limit // mib} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit:,} bytes"


def _open(path: Path, shown: str, what: str) -> int:
    try:
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise UserError(f"cannot read {shown}: no such file (give the {what})") from None
    except PermissionError:
        raise UserError(f"cannot read {shown}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # what open(2) says for a unix socket
            raise UserError(f"{shown} is a socket, not a regular file: give the {what}") from None
        raise UserError(f"cannot read {shown}: {exc.strerror or exc}") from None


def check_user_file(path: str | os.PathLike[str], what: str) -> Path:
    """The path if it names a regular file that can be opened; else a one-line UserError."""
    target = Path(path).expanduser()
    fd = _open(target, str(path), what)
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    if not stat.S_ISREG(mode):
        raise UserError(f"{path} is {_kind(mode)}, not a regular file: give the {what}")
    return target


def read_user_file(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, at most `limit`; UserError (one line) otherwise.

    `what` names the expected file for the messages, e.g. "policy file".
    """
    shown = str(path)
    fd = _open(Path(path).expanduser(), shown, what)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UserError(f"{shown} is {_kind(mode)}, not a regular file: give the {what}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            except OSError as exc:
                raise UserError(f"cannot read {shown}: {exc.strerror or exc}") from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise UserError(f"{shown} is larger than {size_text(limit)} ({limit:,} bytes), too large for a {what}")
    return b"".join(chunks)


def open_user_output(path: str | os.PathLike[str], what: str, *, overwrite: bool) -> int:
    """A descriptor for writing the regular file at `path` (created 0600); UserError otherwise.

    O_NONBLOCK makes a FIFO without a reader fail at once (ENXIO) instead of hanging; anything
    that is not a regular file once opened (a device, a FIFO with a reader) is refused.
    """
    shown = str(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    flags |= os.O_TRUNC if overwrite else os.O_EXCL
    try:
        fd = os.open(Path(path).expanduser(), flags, 0o600)
    except FileExistsError:
        raise UserError(f"{shown} already exists; choose another file or pass --force to overwrite it") from None
    except IsADirectoryError:
        raise UserError(f"{shown} is a folder: give a file name for the {what}") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UserError(f"{shown} is a pipe or socket, not a regular file: give a file name for the {what}") from None
        raise UserError(f"cannot write {shown}: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UserError(f"{shown} is {_kind(mode)}, not a regular file: give a file name for the {what}")
    os.set_blocking(fd, True)
    os.fchmod(fd, 0o600)  # a file written earlier may have had wider permissions
    return fd


__all__ = ["check_user_file", "open_user_output", "read_user_file", "size_text"]
