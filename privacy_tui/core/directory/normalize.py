"""Text normalisation for matching company names, brands, slugs and web domains.

Matching keys are case-folded, accent-free and without legal-form suffixes ("GmbH", "Inc.",
"S.à r.l."), so that "Google LLC", "google" and "GOOGLE Inc." compare equal. The displayed
names are never changed; only the keys built from them are.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Legal forms dropped from the end of a name (after case folding and accent stripping).
# Dropped only at the end and only while another word remains, so "AG Software" or a
# company called "Limited" keep their words.
LEGAL_FORMS = frozenset(
    """
    ab ag aps as asa bhd bv co company corp corporation cv dac dd doo eg ev eurl gbr gesmbh gk
    gmbh haftungsbeschrankt inc incorporated kf kft kg kgaa kk limited llc llp lp ltd mbh nv
    ohg oy oyj plc publ pte pty sa sae sarl sas sasu se sl slu sp spa sprl srl sro ug ulc vof
    zoo zrt
    """.split()
)

# Letters that Unicode decomposition leaves alone but people type without their mark.
_EXTRA_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
_WORD = re.compile(r"[0-9a-z]+")
_PARENS = re.compile(r"\(([^)]*)\)")
_DOMAIN_IN_TEXT = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}")
_DOMAIN_QUERY = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})\.?(?::\d+)?(?:[/?#].*)?$"
)
# Second-level labels under which registrable names sit (amazon.co.uk, example.com.au).
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "ltd", "ne", "net", "or", "org", "plc"})


def fold(text: str) -> str:
    """Case-folded text without accents: "Österreichische Post" -> "osterreichische post"."""
    if text.isascii():  # most names: skip the per-character work (index build time halves)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_EXTRA_FOLD)


def words(text: str) -> list[str]:
    """The alphanumeric words of `text`, folded; runs of single letters are joined so that
    abbreviations written with dots ("S.à r.l.", "B.V.", "e.V.") become one word."""
    out: list[str] = []
    run: list[str] = []
    for word in _WORD.findall(fold(text)):
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(word)
    if run:
        out.append("".join(run))
    return out


def name_key(text: str) -> str:
    """The matching key of a name or a query: folded words without trailing legal forms."""
    ws = words(text)
    while len(ws) > 1 and ws[-1] in LEGAL_FORMS:
        ws.pop()
    if len(ws) > 1 and ws[0] == "the":
        ws.pop(0)
    return " ".join(ws)


def split_parentheses(text: str) -> tuple[str, list[str]]:
    """("Messenger", ["www.messenger.com"]) for "Messenger (www.messenger.com)"."""
    if "(" not in text:
        return text, []
    inner = [m.strip() for m in _PARENS.findall(text) if m.strip()]
    return _PARENS.sub(" ", text), inner


def host_of(url: str) -> str:
    """The host name of a web address, folded and without "www.": "https://www.Google.com/" -> "google.com"."""
    text = url.strip()
    if not text:
        return ""
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    host = fold(host).rstrip(".")
    return host[4:] if host.startswith("www.") else host


def domain_stem(host: str) -> str:
    """The registrable name of a host without its suffix: "aws.amazon.com" -> "amazon", "amazon.co.uk" -> "amazon"."""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return labels[0] if labels else ""
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2]


def parent_domains(host: str) -> list[str]:
    """The host and its parents down to two labels: "a.b.example.com" -> [that, "b.example.com", "example.com"]."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(0, max(1, len(labels) - 1))]


def domains_in(text: str) -> list[str]:
    """Domain names written inside free text, e.g. a brand "Messenger (www.messenger.com)"."""
    hosts = []
    for match in _DOMAIN_IN_TEXT.findall(fold(text)):
        host = match[4:] if match.startswith("www.") else match
        if host not in hosts:
            hosts.append(host)
    return hosts


def domain_query(query: str) -> str:
    """The host if the query is a web address or a bare domain ("facebook.com"), else ""."""
    if "." not in query:
        return ""
    text = fold(query.strip())
    if not text or " " in text:
        return ""
    match = _DOMAIN_QUERY.match(text)
    if not match:
        return ""
    host = match.group(1)
    return host[4:] if host.startswith("www.") else host


__all__ = [
    "LEGAL_FORMS",
    "domain_query",
    "domain_stem",
    "domains_in",
    "fold",
    "host_of",
    "name_key",
    "parent_domains",
    "split_parentheses",
    "words",
]
