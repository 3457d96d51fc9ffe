"""A hint of how hard a passphrase is to guess (a hint only: it never blocks a passphrase of 8+ characters)."""

from __future__ import annotations

import math
import string

MIN_LENGTH = 8


def strength_hint(passphrase: str) -> tuple[str, str]:
    """(level, words): level is one of empty, weak, fair, strong."""
    if not passphrase:
        return "empty", f"At least {MIN_LENGTH} characters; several unrelated words are easy to remember and hard to guess."
    if len(passphrase) < MIN_LENGTH:
        return "weak", f"Too short: {len(passphrase)} of at least {MIN_LENGTH} characters."
    pool = 0
    for chars in (string.ascii_lowercase, string.ascii_uppercase, string.digits, string.punctuation + " "):
        if any(c in chars for c in passphrase):
            pool += len(chars)
    if any(ord(c) > 127 for c in passphrase):
        pool += 100
    distinct = len(set(passphrase))
    # Repeated characters add little: count length as at most twice the distinct characters.
    bits = min(len(passphrase), 2 * distinct) * math.log2(max(pool, 2))
    if bits < 50:
        return "weak", f"Weak (about {bits:.0f} bits): add more words or characters."
    if bits < 80:
        return "fair", f"Fair (about {bits:.0f} bits): one or two more words would make it strong."
    return "strong", f"Strong (about {bits:.0f} bits)."
