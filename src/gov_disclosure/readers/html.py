"""HTML: whole portal pages, Word-export HTML, and this library's own rendering.

The page is parsed with the standard library into a small tree. On a portal
page the report is the deepest element holding most of the six section
headings (navigation and footers around it are left out), with the title
just before it if it is printed outside. Tables are expanded into their
grid, ``rowspan``/``colspan`` included, so every figure keeps its position;
text split over ``<span>``s and Word's ``<o:p>`` is joined.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

import attrs

from ._blocks import Block, Line, Row
from ._labels import SECTION_CANDIDATES
from ._normalize import key

_VOID: Final = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_SKIP: Final = frozenset("script style noscript template head svg iframe select textarea".split())
_BLOCK: Final = frozenset(
    (
        "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer nav aside "
        "blockquote pre center main figure figcaption form address hr"
    ).split()
)
_HEADINGS: Final = {f"h{n}": n for n in range(1, 7)}
_TABLE_PARTS: Final = ("table", "thead", "tbody", "tfoot")
#: Tags an unclosed element of the same kind ends at: (closes, stops looking at).
_IMPLICIT_CLOSE: Final = {
    "p": (("p",), ("div", "td", "th", "li", *_TABLE_PARTS)),
    "li": (("li",), ("ul", "ol")),
    "tr": (("tr", "td", "th"), _TABLE_PARTS),
    "td": (("td", "th"), ("tr", *_TABLE_PARTS)),
    "th": (("td", "th"), ("tr", *_TABLE_PARTS)),
}
_SPACE: Final = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_OWN_ROOT: Final = "gov-disclosure"  # class of this library's own HTML rendering


@attrs.define
class _Node:
    tag: str
    attributes: dict[str, str]
    children: list[_Node | str] = attrs.field(factory=list)
    parent: _Node | None = None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _IMPLICIT_CLOSE:
            self._close_implicitly(tag)
        node = _Node(tag, {k.lower(): v or "" for k, v in attrs_}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def _close_implicitly(self, tag: str) -> None:
        """An unclosed ``<p>``, ``<li>``, ``<td>`` or ``<tr>`` ends where its sibling begins."""
        closes, barriers = _IMPLICIT_CLOSE[tag]
        for index in range(len(self.stack) - 1, 0, -1):
            current = self.stack[index].tag
            if current in closes:
                del self.stack[index:]
                return
            if current in barriers:
                return

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        node = _Node(tag.lower(), {k.lower(): v or "" for k, v in attrs_}, parent=self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _text(node: _Node | str, exact: bool) -> str:
    """The text of a node: ``<br>`` as a newline, whitespace collapsed unless *exact*."""
    if isinstance(node, str):
        return node if exact else _SPACE.sub(" ", node)
    if node.tag in _SKIP:
        return ""
    if node.tag == "br":
        return "\n"
    inner = "".join(_text(child, exact) for child in node.children)
    if node.tag in _BLOCK and not exact:
        return f"\n{inner}\n"
    return inner


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

    def walk(self, node: _Node | str) -> None:
        if isinstance(node, str):
            self.buffer.append(node if self.exact else _SPACE.sub(" ", node))
            return
        tag = node.tag
        if tag in _SKIP:
            return
        if tag == "br":
            self.buffer.append("\n")
            return
        if tag == "table":
            self.flush()
            self._table(node)
            return
        if tag in _BLOCK or tag in _HEADINGS:
            self.flush()
            for child in node.children:
                self.walk(child)
            self.flush(_HEADINGS.get(tag))
            return
        for child in node.children:
            self.walk(child)

    def _table(self, table: _Node) -> None:
        grid: dict[tuple[int, int], str | None] = {}
        rows = [r for r in _descendants(table, "tr") if _nearest(r, "table") is table]
        for r, row in enumerate(rows):
            column = 0
            for cell in row.children:
                if not isinstance(cell, _Node) or cell.tag not in ("td", "th"):
                    continue
                while (r, column) in grid:
                    column += 1
                rowspan = _span(cell.attributes.get("rowspan"))
                colspan = _span(cell.attributes.get("colspan"))
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


def _descendants(node: _Node, tag: str) -> list[_Node]:
    found = []
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                found.append(child)
            found += _descendants(child, tag)
    return found


def _nearest(node: _Node, tag: str) -> _Node | None:
    current = node.parent
    while current is not None and current.tag != tag:
        current = current.parent
    return current


def _content_root(root: _Node) -> _Node:
    """The deepest element holding at least three of the six section headings."""
    keys: dict[int, str] = {}

    def text_key(node: _Node) -> str:  # post-order, each node's key built once
        if node.tag in _SKIP:
            return ""
        parts = [text_key(c) if isinstance(c, _Node) else key(c) for c in node.children]
        keys[id(node)] = "".join(parts)
        return keys[id(node)]

    text_key(root)
    node = root
    while True:
        inner = [
            child
            for child in node.children
            if isinstance(child, _Node) and _sections_in(keys.get(id(child), "")) >= 3
        ]
        if len(inner) != 1:
            return node
        node = inner[0]


def _sections_in(text_key: str) -> int:
    return sum(1 for candidate in SECTION_CANDIDATES if candidate.key in text_key)


def _own_root(root: _Node) -> _Node | None:
    for node in _descendants(root, "article"):
        if _OWN_ROOT in node.attributes.get("class", "").split():
            return node
    return None


def html_blocks(text: str) -> list[Block]:
    """The report's part of an HTML page as blocks (the title included)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    own = _own_root(builder.root)
    if own is not None:
        walker = _Linearizer(exact=True)
        walker.walk(own)
        walker.flush()
        return walker.blocks
    content = _content_root(builder.root)
    walker = _Linearizer(exact=False)
    walker.walk(content)
    walker.flush()
    blocks = walker.blocks
    if content is not builder.root and not _has_title(blocks[:10]):
        whole = _Linearizer(exact=False)
        whole.walk(builder.root)
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
