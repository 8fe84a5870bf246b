"""``render(report, fmt, **options)``: the renderer of a format, by name."""

from __future__ import annotations

from typing import Any, Final, Literal, overload

from .._model import Report
from ._common import Renderer
from .docx import DocxRenderer
from .html import HtmlRenderer
from .markdown import MarkdownRenderer
from .text import TextRenderer

__all__ = ["RENDERERS", "Format", "TextFormat", "render"]

TextFormat = Literal["markdown", "html", "text"]
Format = Literal["markdown", "html", "text", "docx"]

RENDERERS: Final[dict[str, type[Renderer[Any]]]] = {
    "markdown": MarkdownRenderer,
    "html": HtmlRenderer,
    "text": TextRenderer,
    "docx": DocxRenderer,
}


@overload
def render(report: Report, fmt: TextFormat, **options: Any) -> str: ...
@overload
def render(report: Report, fmt: Literal["docx"], **options: Any) -> bytes: ...
def render(report: Report, fmt: Format, **options: Any) -> str | bytes:
    """The report printed in *fmt*: ``"markdown"``, ``"html"``, ``"text"`` or ``"docx"``.

    The text formats give a ``str``; ``"docx"`` gives the bytes of a Word
    document (write it in binary mode), and needs python-docx
    (``pip install 'gov_disclosure[docx]'``).
    *options* go to the format's renderer class:
    ``render(report, "html", standalone=True)``, ``render(report, "text", layout="tsv")``.

    >>> import gov_disclosure as gd
    >>> from gov_disclosure.renderers import render
    >>> render(gd.Report(gd.Agency("某局"), 2024), "pdf")
    Traceback (most recent call last):
    ...
    ValueError: 'fmt' must be one of 'markdown', 'html', 'text', 'docx': 'pdf'
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        names = ", ".join(map(repr, RENDERERS))
        raise ValueError(f"'fmt' must be one of {names}: {fmt!r}") from None
    result: str | bytes = renderer(**options).render(report)
    return result
