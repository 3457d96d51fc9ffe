"""Fetching a privacy policy: from a URL with httpx, or from a file.

URLs must be https (plain http only to the loopback address, for local tests and tools); at most
5 redirects, each checked by the same rule (an https page cannot send us to http); a 15 s
timeout; at most 5 MB, counted as the bytes arrive so that an endless body is cut off. Nothing is
written to disk.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from privacy_tui import __version__
from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.core.policy.text import MAX_BYTES

TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 5
USER_AGENT = f"privacy-tui/{__version__} (privacy policy analyzer; +https://pypi.org/project/privacy-tui/)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8,*/*;q=0.5"


@dataclass(frozen=True)
class FetchedDocument:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL if it may be fetched; else a UserError saying why."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        raise UserError(f"invalid URL {url!r}") from None
    scheme = parts.scheme.lower()
    try:
        host = parts.hostname or ""
    except ValueError:
        host = ""
    if scheme not in ("http", "https") or not host:
        raise UserError(f"invalid URL {url!r}: give an https:// address")
    if scheme == "http" and not _is_loopback(host):
        raise UserError(f"refusing plain http for {url}: use the https:// address of the policy")
    return url.strip()


def fetch_policy(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> FetchedDocument:
    import httpx

    current = check_url(url)
    for _ in range(MAX_REDIRECTS + 1):
        host = urlsplit(current).hostname or ""
        # Proxies from the environment apply to the internet, not to this machine's own address.
        with httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            trust_env=not _is_loopback(host),
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        ) as client:
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        if not location:
                            raise TransportError(f"{current} redirects without saying where")
                        try:
                            current = check_url(urljoin(current, location))
                        except UserError as exc:
                            raise TransportError(f"{url} redirects to a refused address: {exc}") from None
                        continue
                    if response.status_code >= 400:
                        reason = response.reason_phrase or "error"
                        raise TransportError(f"{current} answered HTTP {response.status_code} {reason}: check the address")
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        raise TransportError(f"{current} is {int(declared):,} bytes, over the 5 MB limit")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise TransportError(f"{current} sends more than 5 MB ({max_bytes:,} bytes): not a policy page")
                    content_type = response.headers.get("content-type", "")
                    return FetchedDocument(str(response.url), bytes(body), content_type)
            except httpx.TimeoutException:
                raise TransportError(f"timed out after {timeout:g} s fetching {current}: try again later") from None
            except httpx.TooManyRedirects:
                raise TransportError(f"too many redirects fetching {url}") from None
            except httpx.InvalidURL as exc:
                raise UserError(f"invalid URL {current!r}: {exc}") from None
            except httpx.HTTPError as exc:
                detail = str(exc) or type(exc).__name__
                raise TransportError(f"cannot fetch {current}: {detail}") from None
    raise TransportError(f"more than {MAX_REDIRECTS} redirects fetching {url}: give the final address of the policy")


def load_policy_source(arg: str) -> tuple[bytes, str, str, str]:
    """(content, filename, content_type, source) for a URL (http:// or https://) or a file path."""
    text = arg.strip()
    if text.lower().startswith(("http://", "https://")):
        doc = fetch_policy(text)
        name = urlsplit(doc.url).path.rstrip("/").rsplit("/", 1)[-1]
        return doc.content, name, doc.content_type, doc.url
    path = Path(text).expanduser()
    try:
        if not path.exists():
            raise UserError(f"no such file: {arg}")
        if path.is_dir():
            raise UserError(f"{arg} is a folder: give the policy's file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"{arg} is {size:,} bytes, over the 5 MB limit ({MAX_BYTES:,} bytes): save just the policy")
        data = path.read_bytes()
    except PermissionError:
        raise UserError(f"cannot read {arg}: permission denied") from None
    except OSError as exc:
        raise UserError(f"cannot read {arg}: {exc.strerror or exc}") from None
    return data, path.name, "", str(path)
