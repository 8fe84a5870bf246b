"""``render(report, fmt, **options)``: the renderer of a format, by name."""

from __future__ import annotations

from typing import Any, Final, Literal

from .._model import Report
from ._common import Renderer
from .html import HtmlRenderer
from .markdown import MarkdownRenderer
from .text import TextRenderer

Format = Literal["markdown", "html", "text"]

RENDERERS: Final[dict[str, type[Renderer]]] = {
    "markdown": MarkdownRenderer,
    "html": HtmlRenderer,
    "text": TextRenderer,
}


def render(report: Report, fmt: Format, **options: Any) -> str:
    """The report printed in *fmt*: ``"markdown"``, ``"html"`` or ``"text"``.

    *options* go to the format's renderer class:
    ``render(report, "html", standalone=True)``, ``render(report, "text", layout="tsv")``.

    >>> import gov_disclosure as gd
    >>> from gov_disclosure.renderers import render
    >>> render(gd.Report(gd.Agency("某局"), 2024), "pdf")
    Traceback (most recent call last):
    ...
    ValueError: 'fmt' must be one of 'markdown', 'html', 'text': 'pdf'
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        names = ", ".join(map(repr, RENDERERS))
        raise ValueError(f"'fmt' must be one of {names}: {fmt!r}") from None
    return renderer(**options).render(report)
