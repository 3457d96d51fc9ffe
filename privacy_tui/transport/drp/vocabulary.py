"""The words of DRP 1.0: rights actions, regimes, request states and reasons, verifications.

Where the spec spells a word two ways we accept both and send the form peers are seen to use:
section 2.01's example body and the reference agent (OSIRAA) send "sale:opt-out", while the
3.01 table and the business-directory schema (3.05.2) write "sale:opt_out".
"""

from __future__ import annotations

# 3.01 "Supported Rights Actions"; the `exercise` field of 2.01.
EXERCISES = ("access", "deletion", "sale:opt-out", "sale:opt-in", "access:categories", "access:specific")

# 3.01: "SHALL be made under either a processing `regime` of 'ccpa', or on a voluntary basis";
# the reference agent sends the literal "voluntary" rather than leaving the field out.
REGIMES = ("ccpa", "voluntary")

# 3.02 "Request Statuses".
STATUSES = ("open", "in_progress", "fulfilled", "revoked", "denied", "expired")
FINAL_STATUSES = frozenset({"fulfilled", "revoked", "denied", "expired"})

# 3.02 `reason` values, with words a person can read.
REASONS = {
    "need_user_verification": "the business needs you to verify your identity",
    "suspected_fraud": "the business believes the request was made fraudulently",
    "insuf_verification": "identity verification failed or timed out",
    "no_match": "the business could not match your identity to its records",
    "claim_not_covered": "the data asked for is not covered by the legal basis",
    "outside_jurisdiction": "you are not covered by the legal regime the request was made under",
    "too_many_requests": "you have made more requests than the business must process",
    "other": "another reason",
}
# OSIRAA's models spell one reason out in full; treat it as the spec's word.
REASON_ALIASES = {"insufficient_verification": "insuf_verification"}

# 3.05.2 `supported_verifications` enum; each names the identity claim of 3.04 it stands for.
VERIFICATIONS = ("email", "phone_number", "address")

DEFAULT_VERSION = "1.0"
# "the 1.0 spec is 0.9.4 unchanged": peers may send either.
COMPATIBLE_VERSIONS = ("1.0", "0.9.4")


def normalize_action(action: str) -> str:
    """The canonical `exercise` word for `action` ("sale:opt_out" -> "sale:opt-out"); "" if unknown."""
    word = action.strip().lower()
    head, sep, tail = word.partition(":")
    if head == "sale" and sep:
        word = f"sale:{tail.replace('_', '-')}"
    return word if word in EXERCISES else ""


def normalize_reason(reason: str) -> str:
    word = (reason or "").strip().lower()
    return REASON_ALIASES.get(word, word)


__all__ = [
    "COMPATIBLE_VERSIONS",
    "DEFAULT_VERSION",
    "EXERCISES",
    "FINAL_STATUSES",
    "REASONS",
    "REGIMES",
    "STATUSES",
    "VERIFICATIONS",
    "normalize_action",
    "normalize_reason",
]
