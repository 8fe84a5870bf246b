"""HTML: whole portal pages, Word-export HTML, and this library's own rendering.

The page is parsed with lxml (libxml2's HTML parser: forgiving with the markup
portals publish, and ten times quicker than the standard library's). On a portal
page the report is the deepest element holding most of the six section
headings (navigation and footers around it are left out), with the title
just before it if it is printed outside. Tables are expanded into their
grid, ``rowspan``/``colspan`` included, so every figure keeps its position;
text split over ``<span>``s and Word's ``<o:p>`` is joined.
"""

from __future__ import annotations

import re
from typing import Final

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from ._blocks import Block, Line, Row
from ._labels import SECTION_CANDIDATES

_SKIP: Final = frozenset("script style noscript template head svg iframe select textarea".split())
_BLOCK: Final = frozenset(
    (
        "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer nav aside "
        "blockquote pre center main figure figcaption form address hr"
    ).split()
)
_HEADINGS: Final = {f"h{n}": n for n in range(1, 7)}
_NOT_CJK: Final = re.compile(r"[^\u4e00-\u9fff]+")
_SPACE: Final = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
#: The least share of its parent's text an element holds to be taken for the report.
_CONTENT_SHARE: Final = 0.5
_OWN_ROOT: Final = "gov-disclosure"  # class of this library's own HTML rendering


_XML_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _parse(text: str) -> HtmlElement | None:
    """The page's element tree (lxml's HTML parser copes with what portals publish)."""
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError):
        return None  # no element at all: the caller reports an empty document


def _tag(element: HtmlElement) -> str | None:
    """The element's tag, or ``None`` for comments and processing instructions."""
    return element.tag if isinstance(element.tag, str) else None


def _text(element: HtmlElement, exact: bool) -> str:
    """The text of an element: ``<br>`` as a newline, whitespace collapsed unless *exact*."""
    tag = _tag(element)
    if tag in _SKIP:
        return ""
    if tag == "br":
        return "\n"
    parts = [_plain(element.text, exact)] if tag is not None else []
    for child in element:
        parts.append(_text(child, exact))
        parts.append(_plain(child.tail, exact))
    inner = "".join(parts)
    return f"\n{inner}\n" if tag in _BLOCK and not exact else inner


def _plain(text: str | None, exact: bool) -> str:
    if not text:
        return ""
    return text if exact else _SPACE.sub(" ", text)


def _clean(text: str, exact: bool) -> str:
    if exact:
        return text
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


class _Linearizer:
    """Walks the tree into blocks: block elements become lines, tables rows."""

    def __init__(self, exact: bool) -> None:
        self.exact = exact
        self.blocks: list[Block] = []
        self.tables = 0
        self.buffer: list[str] = []

    def flush(self, heading: int | None = None) -> None:
        text = _clean("".join(self.buffer), self.exact)
        self.buffer = []
        if not text.strip():
            return
        if self.exact:
            self.blocks.append(Line(text, heading=heading, blank_before=True))
            return
        for part in text.split("\n"):
            self.blocks.append(Line(part, heading=heading, blank_before=True))

    def walk(self, element: HtmlElement) -> None:
        tag = _tag(element)
        if tag is not None and tag not in _SKIP:
            if tag == "br":
                self.buffer.append("\n")
            elif tag == "table":
                self.flush()
                self._table(element)
            elif tag in _BLOCK or tag in _HEADINGS:
                self.flush()
                self._inside(element)
                self.flush(_HEADINGS.get(tag))
            else:
                self._inside(element)
        self.buffer.append(_plain(element.tail, self.exact))

    def _inside(self, element: HtmlElement) -> None:
        self.buffer.append(_plain(element.text, self.exact))
        for child in element:
            self.walk(child)

    def _table(self, table: HtmlElement) -> None:
        grid: dict[tuple[int, int], str | None] = {}
        rows = [row for row in table.iter("tr") if _table_of(row) is table]
        for r, row in enumerate(rows):
            column = 0
            for cell in row:
                if _tag(cell) not in ("td", "th"):
                    continue
                while (r, column) in grid:
                    column += 1
                rowspan = _span(cell.get("rowspan"))
                colspan = _span(cell.get("colspan"))
                text = _clean(_text(cell, self.exact), self.exact)
                if not self.exact:
                    text = text.replace("\n", "")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, column + dc)] = text if (dr, dc) == (0, 0) else None
                column += colspan
        width = max((c for _, c in grid), default=-1) + 1
        for r in range(len(rows)):
            cells = tuple(grid.get((r, c), "") for c in range(width))
            if any(cell is not None for cell in cells):
                self.blocks.append(Row(cells, None, self.tables))
        self.tables += 1


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _table_of(row: HtmlElement) -> HtmlElement | None:
    """The table a row belongs to (not a table nested in one of its cells)."""
    parent = row.getparent()
    while parent is not None and _tag(parent) != "table":
        parent = parent.getparent()
    return parent


def _content_root(root: HtmlElement) -> HtmlElement:
    """The deepest element holding at least three of the six section headings and most of
    the text.

    Walks down from the root while exactly one child holds them and at least
    :data:`_CONTENT_SHARE` of the text, so only the elements on the way are measured (a
    portal page has thousands). The share keeps an introduction that names the six parts
    (``本报告共分6个部分：总体情况、…``) from being taken for the report.
    """
    element = root
    size = len(_NOT_CJK.sub("", element.text_content()))
    while True:
        inner = []
        for child in element:
            if _tag(child) in (None, *_SKIP):
                continue
            text = _NOT_CJK.sub("", child.text_content())
            if _sections_in(text) >= 3 and len(text) >= _CONTENT_SHARE * size:
                inner.append((child, len(text)))
        if len(inner) != 1:
            return element
        element, size = inner[0]


def _sections_in(text_key: str) -> int:
    return sum(1 for candidate in SECTION_CANDIDATES if candidate.key in text_key)


def _own_root(root: HtmlElement) -> HtmlElement | None:
    """This library's own rendering, read exactly (see :mod:`gov_disclosure.renderers.html`)."""
    for article in root.iter("article"):
        if _OWN_ROOT in (article.get("class") or "").split():
            return article
    return None


def html_blocks(text: str) -> list[Block]:
    """The report's part of an HTML page as blocks (the title included)."""
    root = _parse(text)
    if root is None:
        return []
    own = _own_root(root)
    if own is not None:
        walker = _Linearizer(exact=True)
        walker._inside(own)
        walker.flush()
        return walker.blocks
    content = _content_root(root)
    walker = _Linearizer(exact=False)
    walker._inside(content)
    walker.flush()
    blocks = walker.blocks
    if content is not root and not _has_title(blocks[:10]):
        whole = _Linearizer(exact=False)
        whole._inside(root)
        whole.flush()
        first = next((b for b in blocks if isinstance(b, Line)), None)
        titles = [
            b
            for b in whole.blocks[: _index_of(whole.blocks, first)]
            if isinstance(b, Line) and _is_title(b.text)
        ]
        if titles:
            blocks = [titles[-1], *blocks]
    return blocks


def _is_title(text: str) -> bool:
    return "年度报告" in text and "政府信息公开" in text and len(text) < 80


def _has_title(blocks: list[Block]) -> bool:
    return any(isinstance(b, Line) and _is_title(b.text) for b in blocks)


def _index_of(blocks: list[Block], target: Block | None) -> int:
    for index, block in enumerate(blocks):
        if block == target:
            return index
    return len(blocks)
