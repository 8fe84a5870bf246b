"""PDF: through its text layer, with pypdf (the optional ``pdf`` extra)."""

from __future__ import annotations

import io
import logging

from .._errors import ReadError

__all__ = [
    "pdf_text",
]


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages joined by newlines.

    Raises :class:`ReadError` without pypdf, for a damaged or encrypted file,
    and for a PDF without text (a scanned document needs OCR first).
    """
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - depends on the environment
        msg = "reading PDF needs pypdf: pip install 'gov_disclosure[pdf]'"
        raise ReadError(msg) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files warn on every page
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("the PDF is encrypted")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except ReadError:
        raise
    except Exception as exc:
        kind = "damaged" if isinstance(exc, PdfReadError) else type(exc).__name__
        raise ReadError(f"not a readable PDF ({kind}): {str(exc)[:200]}") from None
    if not text.strip():
        pages = len(reader.pages)
        msg = f"the PDF has no text layer ({pages} page(s) of images, a scan?): OCR it first"
        raise ReadError(msg)
    return text
