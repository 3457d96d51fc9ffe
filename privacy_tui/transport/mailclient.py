"""Handing a letter to the user's own mail client or a company's web form.

None of these send anything: the user sends, then confirms with `request mark ID sent`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote, urlsplit

from privacy_tui.core.errors import UserError
from privacy_tui.transport.files import open_user_output
from privacy_tui.transport.message import POLICY, check_header_value, parse_address

EML_WARNING = (
    "the .eml file is NOT encrypted: it holds your letter and personal details in plain text "
    "outside the vault; delete it once your mail client has sent it"
)


def write_eml(msg: EmailMessage, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write a standard .eml (RFC 5322, CRLF) that Thunderbird, Apple Mail and Outlook open.

    The file is created 0600 and never overwrites unless `force`. It leaves the vault
    unencrypted — the caller must show EML_WARNING: this is the user's explicit choice.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError(f"{target} is a folder: give a file name such as request.eml")
    if not target.parent.is_dir():
        raise UserError(f"folder {target.parent} does not exist")
    data = msg.as_bytes(policy=POLICY)
    # Outlook opens a file carrying X-Unsent: 1 as a draft ready to send, not as received mail.
    # Bcc stays in: the user's client needs it to send the copy to themselves.
    if "X-Unsent" not in msg:
        data = b"X-Unsent: 1\r\n" + data
    with os.fdopen(open_user_output(target, "e-mail (.eml)", overwrite=force), "wb") as fh:
        fh.write(data)
    return target


def _encode_address(addr: str, field: str) -> str:
    # RFC 6068: "@" may stay; everything outside unreserved characters is percent-encoded,
    # including ",", which separates addresses, and "%", "?", "&", "#".
    return quote(parse_address(addr, field).addr_spec, safe="@")


def _encode_value(value: str) -> str:
    # UTF-8 percent-encoding of everything but unreserved characters; space is %20, never "+".
    return quote(value, safe="")


def mailto_url(
    to: Sequence[str],
    subject: str,
    body: str,
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
) -> str:
    """A mailto: URL per RFC 6068: UTF-8 percent-encoding, line breaks as %0D%0A."""
    if isinstance(to, str):
        to = [to]
    if not to:
        raise UserError("the letter has no recipient address")
    check_header_value(subject, "subject")
    addresses = ",".join(_encode_address(a, "recipient address") for a in to)
    fields = [("subject", _encode_value(subject))]
    for name, values in (("cc", cc), ("bcc", bcc)):
        if isinstance(values, str):
            values = [values]
        if values:
            fields.append((name, ",".join(_encode_address(a, f"{name} address") for a in values)))
    text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    fields.append(("body", _encode_value(text)))
    return f"mailto:{addresses}?" + "&".join(f"{k}={v}" for k, v in fields)


def open_url(url: str) -> bool:
    """Open a mailto:/http(s): URL in the desktop's default application; False when there is none.

    Never falls back to a text-mode browser, which would take over the terminal under the app.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("mailto", "http", "https"):
        raise UserError(f"refusing to open {scheme or 'a scheme-less'} URL; only mailto: and http(s): are opened")
    if sys.platform == "win32":
        try:
            os.startfile(url)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    path = shutil.which(opener)
    if path is None:
        return False
    try:
        # Detached and silent: the mail client outlives this process and must not write into the TUI.
        subprocess.Popen(
            [path, url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True


def copy_text(letter_subject: str, body: str, webform_url: str) -> str:
    """What to paste into a company's web form, headed by the form's address."""
    from privacy_tui.core.validation import clean_url

    url = clean_url(webform_url, "web form URL")
    if not url:
        raise UserError("this company has no web form URL; add one or send by email instead")
    try:
        _ = urlsplit(url).port  # "javascript:alert(1)" slips through clean_url as host + bad port
    except ValueError:
        raise UserError(f"invalid web form URL {webform_url!r}: expected an http(s) address") from None
    check_header_value(letter_subject, "subject")
    text = body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return f"Web form: {url}\nSubject: {letter_subject}\n\n{text}\n"


__all__ = ["EML_WARNING", "copy_text", "mailto_url", "open_url", "write_eml"]
