"""DKIM verification of received messages (dkimpy), so a complaint can show a reply is genuine.

Results: "pass" (a signature verified), "fail" (a signature that does not verify, or whose key
is missing/invalid), "none" (no DKIM-Signature header), "not checked" (the DNS lookup itself
failed: offline, a timeout). One checker per batch caches keys per selector and domain, and
after the first lookup that fails for network reasons stops asking (the rest are "not
checked"): an offline import of 10,000 messages must not wait 10,000 timeouts.
"""

from __future__ import annotations

from collections.abc import Callable

DnsFunc = Callable[..., bytes | None]

_MAX_CHECKED = 5 * 1024 * 1024  # larger messages are hashed by dkimpy in memory twice: not checked


class _Offline(Exception):
    pass


class DkimChecker:
    def __init__(self, dnsfunc: DnsFunc | None = None, *, timeout: float = 5.0) -> None:
        self._dnsfunc = dnsfunc
        self._timeout = timeout
        self._cache: dict[bytes, bytes | None] = {}
        self._offline = False

    def _lookup(self, name: bytes, timeout: float = 5, **_: object) -> bytes | None:
        if name in self._cache:
            return self._cache[name]
        if self._offline:
            raise _Offline
        try:
            if self._dnsfunc is not None:
                found = self._dnsfunc(name, timeout=timeout)
            else:
                found = _dns_txt(name, timeout)
        except _Offline:
            raise
        except Exception:
            self._offline = True
            raise _Offline from None
        self._cache[name] = found
        return found

    def check(self, raw: bytes) -> str:
        head = raw[: raw.find(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.find(b"\n\n")]
        if b"dkim-signature:" not in head.lower():
            return "none"
        if len(raw) > _MAX_CHECKED:
            return "not checked"
        try:
            import dkim
        except ImportError:
            return "not checked"
        try:
            ok = dkim.verify(raw, dnsfunc=self._lookup, timeout=self._timeout)
        except _Offline:
            return "not checked"
        except Exception:
            return "fail"
        return "pass" if ok else "fail"


def _dns_txt(name: bytes, timeout: float) -> bytes | None:
    """The TXT record at `name`, or None when there is none (NXDOMAIN / no answer); raises on
    network failures so the caller can tell "no key" from "could not ask"."""
    import dns.exception
    import dns.resolver

    try:
        answer = dns.resolver.resolve(name.decode("ascii").rstrip("."), "TXT", lifetime=timeout)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return None
    except dns.exception.DNSException as exc:
        raise OSError(f"DNS lookup failed: {exc}") from None
    for rdata in answer:
        return b"".join(rdata.strings)
    return None
