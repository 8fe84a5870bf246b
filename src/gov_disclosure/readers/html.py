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

from .._findings import Finding, finding
from .._model import Report
from ._blocks import Block, Line, Row
from ._labels import SECTION_CANDIDATES
from ._own import OWN_MARK, own_report

__all__ = [
    "MAX_COLUMNS",
    "MAX_SPAN",
    "html_blocks",
    "html_read",
    "own_html_report",
]

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
_OWN_ROOT: Final = "gov-disclosure"
#: The largest rowspan or colspan honoured: the form's widest table has 15 columns and the
#: tallest span (三、本年度办理结果) 22 rows; a larger span is cut to this, with a finding.
MAX_SPAN: Final = 64
#: The most columns a table is read with; cells past them are dropped, with a finding.
MAX_COLUMNS: Final = 64  # class of this library's own HTML rendering


_XML_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _parse(text: str) -> tuple[HtmlElement | None, bool]:
    """The page's element tree (lxml's HTML parser copes with what portals publish), and
    whether the parser dropped what is nested past its depth limit (libxml2: 256)."""
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text), parser=parser)
    except (etree.ParserError, ValueError):
        return None, False  # no element at all: the caller reports an empty document
    deep = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return root, deep


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
        self.clamped = 0  # spans cut to MAX_SPAN
        self.dropped = 0  # cells cut at MAX_COLUMNS

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
        """The table's grid, spans expanded within :data:`MAX_SPAN` and :data:`MAX_COLUMNS`
        and never past the table's last row: the grid holds at most ``MAX_COLUMNS``
        positions a row, whatever the spans declare."""
        grid: dict[tuple[int, int], str | None] = {}
        rows = [row for row in table.iter("tr") if _table_of(row) is table]
        for r, row in enumerate(rows):
            column = 0
            for cell in row:
                if _tag(cell) not in ("td", "th"):
                    continue
                while (r, column) in grid:
                    column += 1
                rowspan = self._span(cell.get("rowspan"))
                colspan = self._span(cell.get("colspan"))
                if column + colspan > MAX_COLUMNS:
                    self.dropped += 1
                    colspan = MAX_COLUMNS - column
                    if colspan <= 0:
                        break
                text = _clean(_text(cell, self.exact), self.exact)
                if not self.exact:
                    text = text.replace("\n", "")
                for dr in range(min(rowspan, len(rows) - r)):
                    for dc in range(colspan):
                        grid[(r + dr, column + dc)] = text if (dr, dc) == (0, 0) else None
                column += colspan
        width = max((c for _, c in grid), default=-1) + 1
        for r in range(len(rows)):
            cells = tuple(grid.get((r, c), "") for c in range(width))
            if any(cell is not None for cell in cells):
                self.blocks.append(Row(cells, None, self.tables))
        self.tables += 1

    def _span(self, value: str | None) -> int:
        try:
            span = max(1, int(value or 1))
        except ValueError:
            return 1
        if span > MAX_SPAN:
            self.clamped += 1
        return min(span, MAX_SPAN)


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
    return html_read(text)[0]


def own_html_report(text: str) -> Report | None:
    """The report of a page of this library's own HTML (read by its markup, exactly: see
    :mod:`._own`), or ``None`` for any other page."""
    if OWN_MARK not in text:
        return None
    root, _ = _parse(text)
    return None if root is None else own_report(root)


def html_read(text: str) -> tuple[list[Block], list[Finding]]:
    """The report's part of an HTML page as blocks, and findings on what could not be read
    as the page has it (text past the parser's depth limit, spans or columns cut)."""
    root, deep = _parse(text)
    if root is None:
        return [], []
    own = _own_root(root)
    walker = _Linearizer(exact=own is not None)
    if own is not None:
        walker._inside(own)
        walker.flush()
        return walker.blocks, _findings(walker, deep)
    content = _content_root(root)
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
    return blocks, _findings(walker, deep)


def _findings(walker: _Linearizer, deep: bool) -> list[Finding]:
    found = []
    if deep:
        message = "网页嵌套超过解析器的深度上限（256 层），更深处的文字未能读入"
        found.append(finding("READ-TEXT-DROPPED", "title", message))
    if walker.clamped or walker.dropped:
        message = (
            f"表格的合并单元格跨度超过 {MAX_SPAN}（{walker.clamped} 处）或列数超过 "
            f"{MAX_COLUMNS}（{walker.dropped} 处），按上限读取"
        )
        found.append(finding("READ-TEXT-DROPPED", "title", message))
    return found


def _is_title(text: str) -> bool:
    return "年度报告" in text and "政府信息公开" in text and len(text) < 80


def _has_title(blocks: list[Block]) -> bool:
    return any(isinstance(b, Line) and _is_title(b.text) for b in blocks)


def _index_of(blocks: list[Block], target: Block | None) -> int:
    for index, block in enumerate(blocks):
        if block == target:
            return index
    return len(blocks)
