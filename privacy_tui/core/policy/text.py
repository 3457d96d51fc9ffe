"""From the bytes of a policy to its plain text: detect the format, decode any encoding.

Formats: PDF (pypdf), HTML (selectolax, see `html.py`), Markdown (light markup removal, see
`markdown.py`) and plain text. Inputs over `MAX_BYTES` are refused before anything is parsed,
and bytes that are not text at all (an image, an archive) are refused with a clear message
rather than analysed as noise.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from privacy_tui.core.errors import UserError

MAX_BYTES = 5 * 1024 * 1024

_HTML_SNIFF = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|div|p|h[1-6]|table|ul|ol|meta|title|article|section|span|br)\b",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_LINK = re.compile(r"\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)")
# C0 controls other than tab/newline/carriage return/form feed, DEL and C1 controls: noise that
# binary junk leaves in decoded text. Replaced one-for-one so offsets stay put.
_CONTROL = {c: " " for c in [*range(0, 9), 11, *range(14, 32), 127, *range(128, 160)]}
_CONTROL[0xFEFF] = " "  # a BOM in the middle of a file


@dataclass(frozen=True)
class ExtractedText:
    text: str
    format: str  # "plain" | "markdown" | "html" | "pdf"
    encoding: str = ""


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise UserError(
            f"the policy is {size:,} bytes, over the 5 MB limit ({MAX_BYTES:,} bytes): "
            "save just the privacy policy as text, HTML or PDF and try again"
        )


def decode(data: bytes) -> tuple[str, str]:
    """Bytes in any encoding to text; never fails (Latin-1 maps every byte)."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    sample = data[:4096]
    if len(sample) >= 4 and _utf16_without_bom(sample):
        name = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    # Most text that is not UTF-8 is Windows-1252; what is left decodes as Latin-1.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_NOISE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _nul_heavy(data: bytes) -> bool:
    """Many NUL bytes and not UTF-16: an image, archive or executable (checked before decoding)."""
    sample = data[:65536]
    wide = sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(sample)
    return not wide and sample.count(0) > max(8, len(sample) // 100)


def _looks_binary(data: bytes, text: str) -> bool:
    """Binary rather than text: NUL bytes, or control characters once decoded."""
    if _nul_heavy(data):
        return True
    head = text[:65536]
    return len(_NOISE.findall(head)) > max(8, len(head) // 10)


def _utf16_without_bom(sample: bytes) -> bool:
    # ASCII text in UTF-16 has a zero in every other byte, consistently on one side.
    even, odd = sample[0::2], sample[1::2]
    return (odd.count(0) > len(odd) * 0.9 and even.count(0) < len(even) * 0.1) or (
        even.count(0) > len(even) * 0.9 and odd.count(0) < len(odd) * 0.1
    )


def clean(text: str) -> str:
    """Control characters to spaces (same length), Windows/Mac newlines to '\\n'."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CONTROL)


def detect_format(data: bytes, filename: str = "", content_type: str = "") -> str:
    name = filename.lower().rsplit("?", 1)[0]
    ctype = content_type.lower()
    if data.lstrip()[:5] == b"%PDF-" or "application/pdf" in ctype or (name.endswith(".pdf") and b"%PDF-" in data[:1024]):
        return "pdf"
    if "html" in ctype or name.endswith((".html", ".htm", ".xhtml", ".php", ".asp", ".aspx", ".jsp")):
        return "html"
    if "markdown" in ctype or name.endswith((".md", ".markdown", ".mdown", ".mkd")):
        return "markdown"
    head = data[:4096]
    if _HTML_SNIFF.search(head) and head.count(b"<") >= 3:
        return "html"
    return "plain"


def extract_text(data: bytes, *, filename: str = "", content_type: str = "") -> ExtractedText:
    check_size(len(data))
    if not data.strip():
        raise UserError("the policy is empty: there is nothing to analyse")
    fmt = detect_format(data, filename, content_type)
    if fmt == "pdf":
        from privacy_tui.core.policy.pdf import pdf_text

        return ExtractedText(clean(pdf_text(data)), "pdf")
    if _nul_heavy(data):
        raise UserError("the file holds binary data, not a policy: give a text, Markdown, HTML or PDF file")
    text, encoding = decode(data)
    if _looks_binary(data, text):
        raise UserError("the file holds binary data, not a policy: give a text, Markdown, HTML or PDF file")
    if fmt == "html":
        from privacy_tui.core.policy.html import html_text

        extracted = clean(html_text(text))
        if not extracted.strip():
            raise UserError("the page has no text (it may be built by JavaScript): save the policy as text or PDF")
        return ExtractedText(extracted, "html", encoding)
    text = clean(text)
    if fmt == "plain" and (len(_MD_HEADING.findall(text[:20000])) >= 2 or len(_MD_LINK.findall(text[:20000])) >= 3):
        fmt = "markdown"
    if fmt == "markdown":
        from privacy_tui.core.policy.markdown import markdown_text

        return ExtractedText(markdown_text(text), "markdown", encoding)
    return ExtractedText(text, "plain", encoding)
