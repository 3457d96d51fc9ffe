"""PDF to text with pypdf: every page's text, pages separated by a blank line.

A PDF under the 5 MB file limit can still cost hours: its streams are compressed, and pages
may share one content stream, so the work is bounded on what pypdf would process, before and
while extracting:

- at most MAX_PAGES pages;
- at most MAX_CONTENT_BYTES of (decompressed) page content over the whole document, a shared
  stream counted once per page that draws it, checked before a page is extracted;
- at most MAX_OPERATORS drawing operators (this also covers forms a page draws);
- at most MAX_TEXT_CHARS of extracted text, counted as pages are produced.

A document over any of them is refused with one line saying which.
"""

from __future__ import annotations

import io
import logging

from privacy_tui.core.errors import UserError

MAX_PAGES = 1000
MAX_CONTENT_BYTES = 1024 * 1024  # a page of policy text draws with 5-30 KB; 1 MB costs about 3 s
MAX_OPERATORS = 60_000  # a dense page of text has a few thousand
MAX_TEXT_CHARS = 2_000_000  # about 600 pages of text

_ADVICE = "save the policy as text or HTML and try again"


class _TooMuchWork(Exception):
    pass


def _content_size(page) -> int:
    contents = page.get_contents()
    return 0 if contents is None else len(contents.get_data())


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs every recoverable oddity of real-world PDFs; the user only needs the result.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    operators = 0

    def count(*_args: object) -> None:
        nonlocal operators
        operators += 1
        if operators > MAX_OPERATORS:
            raise _TooMuchWork

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # pypdf raises several types for unsupported encryption
                opened = False
            if not opened:
                raise UserError("the PDF is password-protected: save an unprotected copy and try again")
        count_pages = len(reader.pages)
        if count_pages > MAX_PAGES:
            raise UserError(f"the PDF has {count_pages:,} pages, more than the {MAX_PAGES:,} read for a policy: {_ADVICE}")
        pages: list[str] = []
        content = chars = 0
        for number, page in enumerate(reader.pages, start=1):
            content += _content_size(page)
            if content > MAX_CONTENT_BYTES:
                raise UserError(
                    f"the PDF's pages draw more than {MAX_CONTENT_BYTES // 1024:,} KB of content "
                    f"(reached at page {number}), too much work for a policy: {_ADVICE}"
                )
            try:
                text = page.extract_text(visitor_operand_before=count) or ""
            except _TooMuchWork:
                raise UserError(
                    f"the PDF's pages hold more than {MAX_OPERATORS:,} drawing instructions "
                    f"(reached at page {number}), too much work for a policy: {_ADVICE}"
                ) from None
            chars += len(text)
            if chars > MAX_TEXT_CHARS:
                raise UserError(
                    f"the PDF holds more than {MAX_TEXT_CHARS:,} characters of text (reached at page {number}), "
                    f"more than a policy: {_ADVICE}"
                )
            pages.append(text)
    except UserError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, IndexError, AttributeError, RecursionError) as exc:
        raise UserError(f"cannot read the PDF ({type(exc).__name__}): {_ADVICE}") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise UserError(f"the PDF has no text layer (a scan?): {_ADVICE}")
    return text
