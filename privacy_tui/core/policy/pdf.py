"""PDF to text with pypdf: every page's text, pages separated by a blank line."""

from __future__ import annotations

import io
import logging

from privacy_tui.core.errors import UserError


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs every recoverable oddity of real-world PDFs; the user only needs the result.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # pypdf raises several types for unsupported encryption
                opened = 0
            if not opened:
                raise UserError("the PDF is password-protected: save an unprotected copy and try again")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except UserError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, IndexError, AttributeError) as exc:
        raise UserError(f"cannot read the PDF ({type(exc).__name__}): save the policy as text or HTML and try again") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise UserError("the PDF has no text layer (a scan?): save the policy as text or HTML and try again")
    return text
