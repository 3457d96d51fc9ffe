"""Fetching a privacy policy: from a URL through the guarded client, or from a file.

URLs follow the rules of `transport.http` (https; http only to a loopback address the user
typed; at most 5 redirects, each re-checked; no private addresses through redirects or DNS);
one total deadline of 15 s for the whole fetch; at most 5 MB, counted after decoding as the
bytes arrive. Files are read through `transport.files` (regular files only, 5 MB). Nothing is
written to disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from privacy_tui import __version__
from privacy_tui.core.errors import TransportError
from privacy_tui.core.policy.text import MAX_BYTES
from privacy_tui.transport import http
from privacy_tui.transport.files import read_user_file

DEADLINE_SECONDS = 15.0
MAX_REDIRECTS = http.MAX_REDIRECTS
USER_AGENT = f"privacy-tui/{__version__} (privacy policy analyzer; +https://pypi.org/project/privacy-tui/)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8,*/*;q=0.5"


@dataclass(frozen=True)
class FetchedDocument:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str


def check_url(url: str) -> str:
    """The URL if it may be fetched; else a UserError saying why."""
    return http.check_url(url, "the policy address")


def fetch_policy(
    url: str, *, deadline: float = DEADLINE_SECONDS, max_bytes: int = MAX_BYTES, network: http.Network | None = None
) -> FetchedDocument:
    response = http.fetch(
        "GET", check_url(url), deadline=deadline, max_bytes=max_bytes,
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT}, network=network,
    )
    if response.status >= 300:
        reason = response.reason or "error"
        raise TransportError(f"{response.url} answered HTTP {response.status} {reason}: check the address")
    return FetchedDocument(response.url, response.content, response.headers.get("content-type", ""))


def load_policy_source(arg: str) -> tuple[bytes, str, str, str]:
    """(content, filename, content_type, source) for a URL (http:// or https://) or a file path."""
    text = arg.strip()
    if text.lower().startswith(("http://", "https://")):
        doc = fetch_policy(text)
        name = urlsplit(doc.url).path.rstrip("/").rsplit("/", 1)[-1]
        return doc.content, name, doc.content_type, doc.url
    data = read_user_file(text, MAX_BYTES, "policy file (HTML, PDF, Markdown or text)")
    return data, Path(text).expanduser().name, "", str(Path(text).expanduser())
