"""The address rules of the HTTP client, without importing it (httpx loads on first request).

https only; plain http only to this machine and only when typed; no credentials in URLs;
which addresses count as public. `transport.http` applies them on every hop.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from privacy_tui.core.errors import UserError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


# --- addresses -------------------------------------------------------------------------------


def is_public_address(ip: IPAddress) -> bool:
    """Whether `ip` is an ordinary internet address (not loopback, private, link-local, reserved)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def system_resolve(host: str, port: int) -> list[str]:
    """The addresses of `host` from the system resolver (duplicates removed, order kept)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class Network:
    """How names are resolved, which addresses count as public, and which CAs are trusted.

    The defaults are the real ones; tests inject a resolver (no real DNS) or a test CA.
    """

    resolve: Callable[[str, int], Sequence[str]] = system_resolve
    is_public: Callable[[IPAddress], bool] = is_public_address
    ssl_context: ssl.SSLContext | None = None


DEFAULT_NETWORK = Network()


def literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_loopback_host(host: str) -> bool:
    ip = literal_address(host)
    return host.lower().rstrip(".") == "localhost" if ip is None else ip.is_loopback


def is_local_name(host: str) -> bool:
    """A name the user means on their own network: no public DNS name is expected to be private."""
    name = host.lower().rstrip(".")
    return "." not in name or name.endswith((".localhost", ".local", ".internal", ".lan", ".home.arpa"))


def address_kind(ip: IPAddress) -> str:
    for attr, word in (("is_loopback", "loopback"), ("is_link_local", "link-local"), ("is_private", "private"),
                       ("is_multicast", "multicast"), ("is_reserved", "reserved"), ("is_unspecified", "unspecified")):
        if getattr(ip, attr):
            return word
    return "non-public"


# --- URL rules -------------------------------------------------------------------------------


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


def check_url(url: str, what: str = "the address") -> str:
    """A URL the user typed, if it may be fetched; else a one-line UserError saying why."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- raises ValueError on a bad port
    except ValueError:
        raise UserError(f"{what} {url!r} is not a valid URL: give an https:// address") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise UserError(f"{what} must be https:// (plain http only for 127.0.0.1), got {url!r}")
    if parts.username is not None or parts.password is not None:
        raise UserError(f"{what} contains a user name or password ({scheme}://…@{host}): give it without credentials")
    if scheme == "http" and not is_loopback_host(host):
        raise UserError(f"{what} must be https:// (plain http only for 127.0.0.1), got {url!r}")
    return text




__all__ = [
    "DEFAULT_NETWORK",
    "IPAddress",
    "Network",
    "address_kind",
    "check_url",
    "is_local_name",
    "is_loopback_host",
    "is_public_address",
    "literal_address",
    "origin",
    "system_resolve",
]
