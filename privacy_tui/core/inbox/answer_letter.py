"""How a ready answer is put together, in every language: the subject keeps the request's
reference code, the body runs salutation, answer, deadline, a request to keep the reference
(only when there is one) and the closing, a blank line between each."""

from __future__ import annotations


def assemble(words: str, reference: str, *, mark: str, salutation: str, answer: str, due: str,
             keep_reference: str, closing: str) -> tuple[str, str]:
    """(subject, body); `words` is the subject's text, `mark` what follows the reference in it."""
    subject = f"{reference}{mark} {words}" if reference else words[:1].upper() + words[1:]
    parts = [salutation, answer, due]
    if reference:
        parts.append(keep_reference)
    parts.append(closing)
    return subject, "\n\n".join(parts) + "\n"


__all__ = ["assemble"]
