"""A hint of how hard a passphrase is to guess (a hint only: it never blocks a passphrase of 8+ characters).

The estimate is zxcvbn's (dictionaries of common passwords, words, names and keyboard patterns),
not a count of character classes: "correct horse battery" is three dictionary words, not 124 bits.
"""

from __future__ import annotations

import math

MIN_LENGTH = 8
# zxcvbn refuses longer input; a longer passphrase is at least as strong as its first 72 characters.
ESTIMATE_LENGTH = 72
# By zxcvbn's estimate of the guesses needed (log10). Its own score calls 10^10 "very unguessable";
# the vault file can be attacked offline, so "strong" here asks for 10^14.
LEVELS = ((10, "weak", "Weak"), (14, "fair", "Fair"))
STRONG = ("strong", "Strong")


def strength_hint(passphrase: str) -> tuple[str, str]:
    """(level, words): level is one of empty, weak, fair, strong; words include zxcvbn's feedback."""
    if not passphrase:
        return "empty", f"At least {MIN_LENGTH} characters; several unrelated words are easy to remember and hard to guess."
    if len(passphrase) < MIN_LENGTH:
        return "weak", f"Too short: {len(passphrase)} of at least {MIN_LENGTH} characters."
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:ESTIMATE_LENGTH])
    log10 = float(result["guesses_log10"])
    level, label = next(((lv, lb) for limit, lv, lb in LEVELS if log10 < limit), STRONG)
    words = f"{label} (about {log10 * math.log2(10):.0f} bits: 10^{log10:.0f} guesses)."
    feedback = result.get("feedback") or {}
    advice = [feedback.get("warning") or ""] + list(feedback.get("suggestions") or [])
    advice = [a.strip() for a in advice if a and a.strip()]
    if advice:
        words += " " + " ".join(a if a.endswith(".") else a + "." for a in advice)
    elif level != "strong":
        words += " Add another word or two."
    return level, words
