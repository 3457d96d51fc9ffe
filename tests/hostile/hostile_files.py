"""Hostile documents for the policy parsers, small on disk and costly to parse (tests and benchmarks)."""

from __future__ import annotations

import zlib


def pdf_document(content: bytes, pages: int = 1) -> bytes:
    """A valid PDF whose `pages` pages all draw the same content stream (Flate-compressed)."""
    stream = zlib.compress(content, 9)
    first_page = 5
    kids = " ".join(f"{first_page + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_operators(size: int) -> bytes:
    """A content stream of about `size` bytes of text-showing operators (what makes extraction slow)."""
    line = b"BT /F1 12 Tf 72 712 Td (privacy policy words) Tj ET\n"
    return line * (size // len(line) + 1)


def policy_text_stream() -> bytes:
    return b"BT /F1 12 Tf 72 712 Td (Privacy Policy: write to privacy@example.com) Tj ET\n"


def heavy_pdf() -> bytes:
    """One page whose 8 MB content stream compresses to a few KB (took 50 s before the caps)."""
    return pdf_document(text_operators(8 * 1024 * 1024))


def many_pages_pdf(pages: int = 3000) -> bytes:
    """`pages` pages sharing one 1 MB content stream (ran for hours before the caps)."""
    return pdf_document(text_operators(1024 * 1024), pages)


def nested_html(depth: int = 1_000_000) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"Privacy Policy" + b"</div>" * depth + b"</body></html>"


def long_string_stream(size: int) -> bytes:
    """About `size` bytes of content in five operators: one long string shown once."""
    return b"BT /F1 12 Tf 72 712 Td (" + b"a" * size + b") Tj ET\n"
