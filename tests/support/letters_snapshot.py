"""Exact snapshots of letters: `tests/letters_expected/<name>.txt` holds the subject line and body.

A wording change must show up in review, so the comparison is exact. To accept new wording on
purpose, run the test with UPDATE_LETTER_SNAPSHOTS=1 (it rewrites the file and fails, so an
update is never silent), then review `git diff tests/letters_expected`."""

from __future__ import annotations

import os

from support.paths import LETTERS_EXPECTED as EXPECTED_DIR


def letter_text(letter) -> str:
    return f"Subject: {letter.subject}\n\n{letter.body}"


def assert_snapshot(name: str, letter) -> None:
    path = EXPECTED_DIR / f"{name}.txt"
    text = letter_text(letter)
    if os.environ.get("UPDATE_LETTER_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
        raise AssertionError(f"{path.name} rewritten; review the diff and run again without UPDATE_LETTER_SNAPSHOTS")
    assert path.is_file(), f"no snapshot {path.name}; create it with UPDATE_LETTER_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (UPDATE_LETTER_SNAPSHOTS=1 to accept)"
