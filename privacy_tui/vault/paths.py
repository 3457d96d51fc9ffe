"""Where privacy-tui keeps its files: one folder, `$PRIVACY_TUI_HOME` or the platform's data dir.

Nothing is created at import time; `ensure_home()` makes the folder (0700) when a command needs it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "privacy-tui"


@dataclass(frozen=True)
class Paths:
    home: Path

    @property
    def vault(self) -> Path:
        return self.home / "vault.ptv"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def summary(self) -> Path:
        # Encrypted, derived from the vault after each write (see vault/summary.py).
        return self.home / "summary.ptv"

    @property
    def notified(self) -> Path:
        # Encrypted; which reminders were notified when, written without the vault lock (vault/notified.py).
        return self.home / "notified.ptv"

    @property
    def lock(self) -> Path:
        return self.home / "vault.lock"

    @property
    def config(self) -> Path:
        # Non-personal preferences only (theme); everything about the user lives in the vault.
        return self.home / "config.json"

    @property
    def blobs(self) -> Path:
        # Encrypted received messages and attachments, referenced from the vault (vault/blobs.py).
        return self.home / "blobs"

    @property
    def directory(self) -> Path:
        # Public company directory, kept apart from the vault.
        return self.home / "directory"


def home_dir() -> Path:
    env = os.environ.get("PRIVACY_TUI_HOME")
    if env:
        return Path(env).expanduser().absolute()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def paths() -> Paths:
    return Paths(home_dir())


def ensure_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def ensure_home() -> Paths:
    p = paths()
    ensure_dir(p.home)
    return p
