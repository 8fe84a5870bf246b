"""Renderers: a report printed as Markdown, HTML or plain text, the official tables included.

>>> import gov_disclosure as gd
>>> from gov_disclosure.renderers import render
>>> report = gd.load("examples/zhongwei-justice-2024.toml")  # doctest: +SKIP
>>> page = render(report, "html", standalone=True)  # doctest: +SKIP
>>> tsv = render(report, "text", layout="tsv")  # doctest: +SKIP
"""

from ._dispatch import render
from .html import HtmlRenderer
from .markdown import MarkdownRenderer
from .text import TextRenderer

__all__ = ["HtmlRenderer", "MarkdownRenderer", "TextRenderer", "render"]
