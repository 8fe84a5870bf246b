"""Reading published reports: text, Markdown, HTML and PDF into the model, as stated."""

from __future__ import annotations

from ._api import ReadResult, parse, read

__all__ = ["ReadResult", "parse", "read"]
