"""Renderers: a report printed as Markdown, HTML, plain text or a Word document.

>>> import gov_disclosure as gd
>>> from gov_disclosure.renderers import render
>>> report = gd.load("examples/zhongwei-justice-2024.toml")  # doctest: +SKIP
>>> page = render(report, "html", standalone=True)  # doctest: +SKIP
>>> tsv = render(report, "text", layout="tsv")  # doctest: +SKIP
>>> docx = render(report, "docx")  # bytes  # doctest: +SKIP
"""

from ._common import Renderer
from ._dispatch import render
from .docx import DocxRenderer
from .html import HtmlRenderer
from .markdown import MarkdownRenderer
from .text import TextRenderer

__all__ = [
    "DocxRenderer",
    "HtmlRenderer",
    "MarkdownRenderer",
    "Renderer",
    "TextRenderer",
    "render",
]
