"""One received email, parsed into what matching and classification need — and nothing executable.

Pure: bytes in, a frozen ParsedMessage out. The stdlib parser does the MIME work with the
compat32 policy, which keeps header values raw: the structured header classes of
policy.default cost ~10 ms per message (100 s for a 10,000-message mbox) and seconds on one
long References header. Headers are decoded here instead (RFC 2047 words, 8-bit UTF-8 values,
RFC 2231 filenames through the stdlib's parameter parsing), from a bounded raw prefix. The walk
over parts is an explicit stack that stops at `max_parts` parts and `max_depth` levels, the body
text stops at `max_text` characters, every header value and link is cut to a fixed length, and
every text goes through core.text so that no control character, bidi override or lone
surrogate leaves here. A part whose charset is unknown or lies is decoded with replacement
characters. Whatever the input, parse_message returns; it never raises on content.

A message/rfc822 part (a forwarded or bounced original) is a leaf: its headers are read for
the report's original Message-ID, but its own parts are not walked, so a bounce cannot smuggle
its attachments or text into the reply.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from types import MappingProxyType

from ..text import normalize, strip_controls

# Headers classification reads; everything else is dropped.
KEPT_HEADERS = ("auto-submitted", "x-autoreply", "x-autorespond", "precedence", "list-id", "list-unsubscribe",
                "x-auto-response-suppress", "content-type", "return-path")
MAX_HEADER = 2_000          # characters kept of one header value
MAX_IDS = 100               # Message-IDs kept from References / In-Reply-To
MAX_RECIPIENTS = 100
MAX_LINKS = 50
MAX_LINK = 2_000
MAX_HTML = 2_000_000        # characters of one HTML part given to the HTML parser
MAX_TAGS = 5_000            # tags of one HTML part given to it: its tree builder is quadratic in nesting depth
MAX_FILENAME = 255
MAX_MULTIPARTS = 100        # nested or sibling multiparts the parser is given
MAX_RAW_HEADER = 20_000     # characters of a raw header value given to the header parser

_MSGID = re.compile(r"<([^<>\s]{1,500})>")
_LINK = re.compile(r"""https?://[^\s<>"'`\[\]{}|\\^]{1,2000}""", re.IGNORECASE)
_FOLD = re.compile(r"\r?\n[ \t]*")
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
_ORIGINAL_ID = re.compile(r"^original-message-id:[ \t]*(.{1,1000})$", re.IGNORECASE | re.MULTILINE)
_ACTION = re.compile(r"^action:[ \t]*([a-z]+)", re.IGNORECASE | re.MULTILINE)
_LINK_TRAIL = ".,;:!?)'\""


@dataclass(frozen=True)
class Attachment:
    index: int            # position among leaf parts in walk order (to get bytes back: attachment_bytes)
    filename: str         # control chars and path separators removed; "" when none
    content_type: str     # e.g. "application/zip"
    size: int             # decoded size in bytes


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    from_addr: str
    from_name: str
    to: tuple[str, ...]
    subject: str
    date: str
    text: str
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    attachments: tuple[Attachment, ...] = ()
    links: tuple[str, ...] = ()
    is_report: bool = False
    report_original_message_id: str = ""
    report_action: str = ""  # a DSN's Action field (RFC 3464): "failed", "delayed", "delivered", ... or ""

    @property
    def from_domain(self) -> str:
        return self.from_addr.rpartition("@")[2] if "@" in self.from_addr else ""


def parse_message(raw: bytes, *, max_text: int = 200_000, max_parts: int = 200, max_depth: int = 10) -> ParsedMessage:
    """The parts of `raw` that matter, bounded; never raises on malformed or hostile content."""
    msg = _parse(raw, max_parts)
    heads = _raw_headers(msg)
    from_name, from_addr = _from(heads)
    texts: list[str] = []
    htmls: list[str] = []
    attachments: list[Attachment] = []
    links: list[str] = []
    report_original = ""
    report_action = ""
    is_report = _content_type(msg) == "multipart/report"
    budget = max_text  # characters of body text still wanted
    for index, part, ctype in _leaves(msg, max_parts=max_parts, max_depth=max_depth):
        if ctype in ("message/delivery-status", "message/disposition-notification",
                     "message/global-delivery-status", "message/global-disposition-notification"):
            # The machine-readable part of a report: metadata, not an attachment. A read receipt
            # names the original in its Original-Message-ID field.
            is_report = True
            status = _part_text(part)
            if not report_original:
                found = _ORIGINAL_ID.search(status)
                report_original = _first_id(found.group(1)) if found else ""
            actions = {a.lower() for a in _ACTION.findall(status)}
            # One failed recipient makes the report a failure, whatever the others say.
            if "failed" in actions:
                report_action = "failed"
            elif not report_action:
                report_action = next((w for w in ("delayed", "delivered", "relayed", "expanded") if w in actions), "")
            continue
        if ctype in ("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"):
            embedded = _embedded_message_id(part)
            if embedded and not report_original:
                report_original = embedded
            if ctype.startswith("message/") and ctype != "message/global-headers":
                attachments.append(Attachment(index, _filename(part), ctype, len(_embedded_bytes(part))))
            continue
        if ctype.startswith("multipart/"):
            continue  # a multipart cut off by the depth limit: nothing to read
        disposition = _disposition(part)
        filename = _filename(part)
        is_body = ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename
        if is_body and budget > 0:
            text = _decoded_text(part)
            if ctype == "text/html":
                html = _html_prefix(text)
                links.extend(_html_links(html))
                text = _html_to_text(html)
                htmls.append(text[:budget])
            else:
                texts.append(text[:budget])
            links.extend(_text_links(text))
            budget -= len(text)
            continue
        if is_body:
            continue
        attachments.append(Attachment(index, filename, ctype, len(_payload(part))))
    # multipart/alternative gives the same words twice; plain text is what the sender meant to say.
    body = "\n\n".join(t for t in texts if t.strip()) or "\n\n".join(h for h in htmls if h.strip())
    body = strip_controls(body[:max_text], multiline=True)
    return ParsedMessage(
        message_id=_first_id(_header(heads, "message-id")),
        in_reply_to=_ids(_header(heads, "in-reply-to")),
        references=_ids(_header(heads, "references")),
        from_addr=from_addr,
        from_name=from_name,
        to=_recipients(heads),
        subject=_one_line(_header(heads, "subject")),
        date=_date(_header(heads, "date")),
        text=body,
        headers=MappingProxyType({name: _one_line(value) for name in KEPT_HEADERS
                                  if (value := _header(heads, name))}),
        attachments=tuple(attachments),
        links=tuple(_unique(links)[:MAX_LINKS]),
        is_report=is_report,
        report_original_message_id=report_original,
        report_action=report_action,
    )


def attachment_bytes(raw: bytes, index: int, *, max_parts: int = 200, max_depth: int = 10) -> bytes:
    """The decoded bytes of leaf part `index` (as numbered by parse_message with the same limits)."""
    msg = _parse(raw, max_parts)
    for i, part, ctype in _leaves(msg, max_parts=max_parts, max_depth=max_depth):
        if i == index:
            if ctype.startswith("message/"):
                return _embedded_bytes(part)
            return _payload(part)
    raise KeyError(index)


def _parse(raw: bytes, max_parts: int) -> Message:
    """The stdlib parse of `raw`, cut before the parser would do unbounded work.

    The feed parser reads every part of a multipart message (thousands of tiny parts cost
    seconds) and checks each line against every open boundary (deep nesting costs the square
    of the depth). Every part starts on a line beginning with "--", so the message is cut after
    a fixed number of such lines; the parser takes the cut as an unterminated multipart.
    """
    data = bytes(raw)
    data = _cut_after(data, b"\n--", 5 * max_parts + 10)
    # Each nested multipart declares its boundary; real mail nests a few levels, forwards a few more.
    data = _cut_after(data, b"boundary=", MAX_MULTIPARTS, ignore_case=True)
    try:
        return _single_part(data) or email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception:  # the parser is lenient, but a hostile message must not end an import
        return EmailMessage()


# The feed parser's test for a header line (email.feedparser.headerRE), on bytes.
_HEADER_BLOCK = re.compile(rb"(?:[\041-\071\073-\176]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*")
_BLANK = re.compile(rb"\r?\n")


def _single_part(data: bytes) -> Message | None:
    """The feed parser's result for a plain single-part message, built directly; None for
    anything else (multipart, message/*, odd line ends, a header block the parser would read
    with defects), which goes to the feed parser.

    The feed parser reads every line of the message through several Python calls; for a
    single part it ends with the headers (email.policy.compat32.header_source_parse) and the
    rest as the payload, which is what is built here (half of the time of parse_message)."""
    if data.count(b"\r") != data.count(b"\r\n"):
        return None  # a lone CR ends a line for the feed parser
    block = _HEADER_BLOCK.match(data)  # matches at least the empty string
    end = block.end() if block else 0
    blank = _BLANK.match(data, end)
    if blank is None:
        return None  # no blank line after the headers: the parser's defect handling decides
    text = data.decode("ascii", "surrogateescape")  # as email.parser.BytesParser reads bytes
    msg = Message()
    lines = [line + "\n" for line in text[:end].split("\n")[:-1]]  # not splitlines: \x0c, \x1c... are not line ends here
    current: list[str] = []
    for line in lines:
        if line[0] in " \t":
            current.append(line)
            continue
        if current:
            msg.set_raw(*email.policy.compat32.header_source_parse(current))
        current = [line]
    if current:
        msg.set_raw(*email.policy.compat32.header_source_parse(current))
    if msg.get_content_maintype() in ("multipart", "message"):
        return None
    msg.set_payload(text[blank.end():])
    return msg


def _cut_after(data: bytes, marker: bytes, limit: int, *, ignore_case: bool = False) -> bytes:
    """`data` up to the line holding the limit-th `marker`."""
    haystack = data.lower() if ignore_case else data
    if haystack.count(marker) <= limit:
        return data
    pos = -1
    for _ in range(limit):
        pos = haystack.find(marker, pos + 1)
    return data[: data.rfind(b"\n", 0, pos) + 1]


# --- walking -------------------------------------------------------------------------------------

def _leaves(msg: Message, *, max_parts: int, max_depth: int) -> Iterator[tuple[int, Message, str]]:
    """Leaf parts in document order with their index and content type; an explicit stack,
    bounded in parts and depth."""
    stack: list[tuple[Message, int]] = [(msg, 0)]
    seen = 0
    index = 0
    while stack and seen < max_parts:
        part, depth = stack.pop()
        seen += 1
        ctype = _content_type(part)
        if ctype.startswith("multipart/") and depth < max_depth:
            children = part.get_payload() if part.is_multipart() else None
            if isinstance(children, list):
                stack.extend((child, depth + 1) for child in reversed(children[:max_parts])
                             if isinstance(child, Message))
                continue
        yield index, part, ctype
        index += 1


def _content_type(part: Message) -> str:
    try:
        return (part.get_content_type() or "text/plain").lower()
    except Exception:
        return "application/octet-stream"


def _disposition(part: Message) -> str:
    try:
        return (part.get_content_disposition() or "").lower()
    except Exception:
        return ""


def _filename(part: Message) -> str:
    try:
        # get_filename reads Content-Disposition's filename or Content-Type's name parameter;
        # most parts have neither, and parsing their parameters costs more than this test.
        if "name" not in str(part.get("content-disposition", "")).lower() \
                and "name" not in str(part.get("content-type", "")).lower():
            return ""
        name = part.get_filename() or ""
    except Exception:
        name = ""
    if not isinstance(name, str):
        name = str(name)
    name = strip_controls(_decode_words(name))
    # Only the last path component: a name like "../../.bashrc" must not steer a later save.
    name = re.split(r"[/\\]", name)[-1].strip().lstrip(".")
    return name[:MAX_FILENAME]


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    try:
        raw = part.get_payload()
    except Exception:
        return b""
    return raw.encode("utf-8", "replace") if isinstance(raw, str) else b""


def _embedded_bytes(part: Message) -> bytes:
    try:
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return inner[0].as_bytes(policy=email.policy.compat32.clone(max_line_length=0))
    except Exception:
        pass
    return _payload(part)


def _embedded_message_id(part: Message) -> str:
    try:
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return _first_id(_header(_raw_headers(inner[0]), "message-id"))
    except Exception:
        pass
    # text/rfc822-headers (or a message/rfc822 left as text): the headers are the payload.
    data = _payload(part)[:200_000]
    try:
        headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(data)
    except Exception:
        return ""
    return _first_id(_header(_raw_headers(headers), "message-id"))


def _part_text(part: Message) -> str:
    """The text of a report part, which the stdlib keeps either as bytes or as header blocks."""
    try:
        inner = part.get_payload()
        if isinstance(inner, list):
            return "\n".join(str(block) for block in inner[:20] if isinstance(block, Message))[:50_000]
    except Exception:
        return ""
    return _payload(part)[:50_000].decode("utf-8", "replace")


def _charset(part: Message) -> str | None:
    """part.get_content_charset(), without its general parameter parser when the header has
    no quotes, escapes or RFC 2231 parameters (then splitting at ';' is what that parser does)."""
    value = part.get("content-type")
    if not isinstance(value, str) or '"' in value or "\\" in value or "*" in value:
        return part.get_content_charset()
    for piece in value.split(";"):
        name, _, found = piece.partition("=")
        if name.strip().lower() == "charset":  # a bare "charset" reads as ""
            found = found.strip()
            return found.lower() if found.isascii() else None
    return None


def _decoded_text(part: Message) -> str:
    data = _payload(part)
    try:
        charset = _charset(part) or "utf-8"
    except Exception:
        charset = "utf-8"
    try:
        text = data.decode(charset, errors="replace")
    except (LookupError, ValueError):  # an unknown or bogus charset name
        text = data.decode("utf-8", errors="replace")
    return normalize(text)


# --- headers -------------------------------------------------------------------------------------

_WANTED = frozenset({"message-id", "in-reply-to", "references", "from", "to", "cc", "subject", "date", *KEPT_HEADERS})


def _raw_headers(msg: Message) -> dict[str, str]:
    """The first of each header this module reads, as sent (encoded words kept), in one pass."""
    found: dict[str, str] = {}
    try:
        items = msg.raw_items()
        for key, value in items:
            name = key.lower()
            if name in _WANTED and name not in found:
                found[name] = value if isinstance(value, str) else str(value)  # compat32 may give a Header
    except Exception:
        pass
    return found


def _raw_header(heads: Mapping[str, str], name: str) -> str:
    """One raw header value, unfolded and cut to MAX_RAW_HEADER characters; 8-bit bytes read as UTF-8."""
    raw = heads.get(name)
    if not raw:
        return ""
    raw = raw[:MAX_RAW_HEADER]
    if _SURROGATE_ESCAPE.search(raw):
        # 8-bit bytes in a header (RFC 6532 UTF-8, or a legacy charset): the parser kept them
        # as surrogate escapes; read them as UTF-8, replacing what is not.
        raw = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _FOLD.sub(" ", raw)


def _header(heads: Mapping[str, str], name: str) -> str:
    """A header's value with RFC 2047 encoded words decoded."""
    return _decode_words(_raw_header(heads, name))


def _decode_words(raw: str) -> str:
    if "=?" not in raw:
        return raw
    try:
        out = []
        for chunk, charset in email.header.decode_header(raw):
            if isinstance(chunk, bytes):
                try:
                    out.append(chunk.decode(charset or "ascii", errors="replace"))
                except LookupError:  # an unknown charset name
                    out.append(chunk.decode("utf-8", errors="replace"))
            else:
                out.append(chunk)
        return "".join(out)
    except Exception:
        return raw


def _one_line(value: str) -> str:
    return " ".join(strip_controls(value).split())[:MAX_HEADER]


def _ids(value: str) -> tuple[str, ...]:
    found = _MSGID.findall(value)
    if not found and value.strip() and " " not in value.strip():
        found = [value.strip().strip("<>")]
    return tuple(_unique(strip_controls(i) for i in found if strip_controls(i)))[:MAX_IDS]


def _first_id(value: str) -> str:
    ids = _ids(value)
    return ids[0] if ids else ""


# "Name <local@domain>" or "local@domain", with nothing the full parser would read differently
# (quotes, comments, groups, routes, escapes, encoded words): the common case, read in one match
# instead of the stdlib's character-by-character address parser (~0.2 ms per header).
_SIMPLE_ADDR = re.compile(r"[ \t]*(?:([A-Za-z0-9'-]+(?:[ \t]+[A-Za-z0-9'-]+)*)[ \t]*<([A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
                          r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>|([A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
                          r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*))[ \t]*")


def _addresses(value: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header, as email.utils.getaddresses reads them."""
    pieces = value.split(",")
    pairs = []
    for piece in pieces:
        m = _SIMPLE_ADDR.fullmatch(piece)
        if m is None:
            break
        pairs.append((" ".join(m.group(1).split()), m.group(2)) if m.group(2) else ("", m.group(3)))
    else:
        return pairs
    return email.utils.getaddresses([value])


def _from(heads: Mapping[str, str]) -> tuple[str, str]:
    # Addresses are split on the raw value: a decoded display name may contain commas or quotes.
    try:
        pairs = _addresses(_raw_header(heads, "from"))
    except Exception:
        pairs = []
    for name, addr in pairs:
        if "@" in addr:
            return _one_line(_decode_words(name))[:200], _one_line(addr).lower()[:320]
    return "", ""


def _recipients(heads: Mapping[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in ("to", "cc"):
        try:
            pairs = _addresses(_raw_header(heads, name))
        except Exception:
            continue
        out.extend(_one_line(addr).lower()[:320] for _, addr in pairs if "@" in addr)
    return tuple(_unique(out))[:MAX_RECIPIENTS]


def _date(value: str) -> str:
    if not value.strip():
        return ""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except Exception:
        return ""
    if parsed is None or not 1970 <= parsed.year <= 2199:
        return ""
    return parsed.isoformat()


# --- links and HTML ------------------------------------------------------------------------------

def _text_links(text: str) -> list[str]:
    out = []
    for match in _LINK.finditer(text):
        link = match.group().rstrip(_LINK_TRAIL)
        if len(link) > len("https://"):
            out.append(strip_controls(link)[:MAX_LINK])
        if len(out) >= MAX_LINKS:
            break
    return out


def _html_prefix(markup: str) -> str:
    """The part of an HTML body the parser may see: at most MAX_HTML characters and MAX_TAGS tags.

    lexbor needs ~0.2 s for 5,000 nested elements, ~3 s for 20,000 and minutes for 200,000; a
    reply's words come long before its 5,000th tag."""
    markup = markup[:MAX_HTML]
    if markup.count("<") > MAX_TAGS:
        pos = -1
        for _ in range(MAX_TAGS):
            pos = markup.find("<", pos + 1)
        markup = markup[:pos]
    return markup


def _html_links(markup: str) -> list[str]:
    try:
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(markup)
        out = []
        for node in tree.css("a[href]"):
            href = (node.attributes.get("href") or "").strip()
            if re.match(r"https?://", href, re.IGNORECASE):
                out.append(strip_controls(href)[:MAX_LINK])
            if len(out) >= MAX_LINKS:
                break
        return out
    except Exception:
        return []


def _html_to_text(markup: str) -> str:
    # The policy reader's converter: an explicit stack (no recursion limit), scripts/styles dropped.
    from ..policy.html import html_text

    try:
        return html_text(markup)
    except Exception:
        return re.sub(r"<[^>]*>", " ", markup)


def _unique(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


__all__ = ["Attachment", "ParsedMessage", "attachment_bytes", "parse_message"]
