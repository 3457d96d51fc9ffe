"""HTML to text with selectolax, keeping the structure the analyzer reads.

Headings, paragraphs and list items become their own lines (list items start with "- "),
table rows become one line each with cells separated by " | ", so that a CCPA table reads
"Identifiers | name, email address | YES". Scripts, styles and navigation menus are dropped.
A `mailto:` link shows its address after its text, and a link that looks like a request
portal shows its URL, so that both survive as text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser itself is imported only when a page is read
    from selectolax.lexbor import LexborNode

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "select", "nav", "head",
                   "canvas", "button", "input", "textarea", "-comment"})
_BLOCK = frozenset({"p", "div", "section", "article", "header", "footer", "main", "aside", "ul", "ol", "dl", "dt",
                    "dd", "table", "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "address", "form",
                    "fieldset", "figure", "figcaption", "hr", "center", "details", "summary", "body", "html"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS = frozenset({"td", "th"})
_SPACE = re.compile(r"\s+")
_PORTAL_TEXT = re.compile(
    r"request|form\b|portal|opt[- ]?out|do not sell|choices|rights|privacy (?:cent(?:er|re)|request)|submit|"
    r"delete|access|data subject|dsar|click here|\bhere\b|this link|contact",
    re.IGNORECASE,
)
_PORTAL_HREF = re.compile(r"request|form|portal|dsar|dsr|choices|opt-?out|do-?not-?sell|rights|privacy", re.IGNORECASE)


def html_text(markup: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    from privacy_tui.core.policy.html_guard import flatten

    tree = LexborHTMLParser(flatten(markup).markup)
    out: list[str] = []
    title = tree.css_first("title")
    if title is not None:
        heading = _SPACE.sub(" ", title.text(deep=True)).strip()
        if heading:
            out.append(heading + "\n\n")
    root = tree.body or tree.root
    if root is not None:
        _walk(root, out)
    text = "\n".join(line.strip(" \t") for line in "".join(out).split("\n"))
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _children(node: LexborNode) -> list[LexborNode]:
    kids = []
    child = node.child
    while child is not None:
        kids.append(child)
        child = child.next
    return kids


def _walk(root: LexborNode, out: list[str]) -> None:
    # An explicit stack: real pages nest deep enough to exhaust Python's recursion limit.
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    pre_depth = 0
    row_cells: list[int] = []  # number of cells seen in each open <tr>
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag in _HEADINGS:
                out.append("\n\n")
            elif tag == "li":
                out.append("\n")
            elif tag == "tr":
                row_cells.pop()
                out.append("\n")
            elif tag == "pre":
                pre_depth -= 1
                out.append("\n")
            elif tag == "a":
                _link_suffix(node, out)
            elif tag in _BLOCK:
                out.append("\n")
            continue
        if tag == "-text":
            value = node.text_content or ""
            out.append(value if pre_depth else _SPACE.sub(" ", value))
            continue
        if tag in _SKIP or tag is None:
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag in _HEADINGS:
            out.append("\n\n")
        elif tag == "li":
            out.append("\n- ")
        elif tag == "tr":
            row_cells.append(0)
            out.append("\n")
        elif tag in _CELLS:
            if row_cells:
                if row_cells[-1]:
                    out.append(" | ")
                row_cells[-1] += 1
        elif tag == "pre":
            pre_depth += 1
            out.append("\n")
        elif tag in _BLOCK:
            out.append("\n")
        elif tag != "a" and "data-cfemail" in (node.attributes or {}):
            # Cloudflare's e-mail obfuscation: the address, XOR-ed with its first byte, in hex.
            address = _cloudflare(node.attributes.get("data-cfemail") or "")
            if address:
                out.append(f" {address} ")
            continue
        elif tag == "img":
            alt = (node.attributes.get("alt") or "").strip()
            if alt:
                out.append(f" {alt} ")
            continue
        stack.append((node, True))
        for child in reversed(_children(node)):
            stack.append((child, False))


def _cloudflare(encoded: str) -> str:
    try:
        data = bytes.fromhex(encoded.strip())
    except ValueError:
        return ""
    if len(data) < 2:
        return ""
    address = bytes(b ^ data[0] for b in data[1:]).decode("utf-8", errors="replace")
    return address if "@" in address and " " not in address else ""


def _link_suffix(node: LexborNode, out: list[str]) -> None:
    href = (node.attributes.get("href") or "").strip()
    if not href:
        return
    if "/cdn-cgi/l/email-protection#" in href:
        address = _cloudflare(href.rsplit("#", 1)[1])
        if address and node.css_first("[data-cfemail]") is None:
            out.append(f" ({address})")
        return
    text = _SPACE.sub(" ", node.text(deep=True)).strip()
    if href.lower().startswith("mailto:"):
        address = href[7:].split("?", 1)[0].strip()
        if address and address.lower() not in text.lower():
            out.append(f" ({address})")
        return
    if (href.lower().startswith(("http://", "https://")) and href not in text
            and (_PORTAL_TEXT.search(text) or _PORTAL_HREF.search(href.split("//", 1)[-1].partition("/")[2]))):
        out.append(f" ({href})")
