"""Markdown: GitHub-flavoured pipe tables, headings and paragraphs, PDF→Markdown included.

Text is read through the inverses of the renderers' codecs
(:mod:`gov_disclosure._escape`), so this library's own Markdown reads back
exactly: backslash escapes and character references undone, a hard line break
(a backslash ending the line) read as a newline inside its paragraph, ``<br>``
in a table cell as a newline, a ``<p>`` line (the signature) as its text.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from .._escape import split_cells, unescape_html, unescape_markdown, unescape_markdown_cell
from .._form import SECTIONS
from ._blocks import Block, Line, Row
from ._normalize import SECTION_ORDINAL

__all__ = [
    "markdown_blocks",
]

_HEADING: Final = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SEPARATOR_CELL: Final = re.compile(r"^\s*:?-{1,}:?\s*$")
_STRONG: Final = re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1")
#: The attribute of the 落款's ``<p>`` lines (this library's Markdown, and many converters').
_RIGHT: Final = re.compile(r"""\balign\s*=\s*["']?right""", re.I)
_HTML_LINE: Final = re.compile(r"^<(p|div|span)\b[^>]*>(.*)</\1>$", re.S)


def _inline(text: str) -> str:
    """Inline Markdown of a paragraph to text: strong emphasis marks dropped, escapes undone."""
    return unescape_markdown(_STRONG.sub(r"\2", text))


def _cell(text: str) -> str:
    return unescape_markdown_cell(_STRONG.sub(r"\2", text.strip()))


def _cells(line: str) -> list[str]:
    """A pipe-table row's cells (the border pipes may be left out, as GFM allows)."""
    cells = split_cells(line.strip())
    if len(cells) > 1 and not cells[0].strip():
        cells = cells[1:]
    if len(cells) > 1 and not cells[-1].strip():
        cells = cells[:-1]
    return [_cell(cell) for cell in cells]


def _hard_break(line: str) -> bool:
    """A line ending in an odd number of backslashes: a hard line break (an even number is
    escaped backslashes). Counted from the end, once."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Source lines with hard line breaks joined: ``(first line number, text)``.

    Each source line is looked at once; a paragraph's lines are joined once at its end.
    """
    joined: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip(" \t")
        if not pending:
            start = number
        pending.append(line)
        table_row = pending[0].lstrip().startswith("|")
        if _hard_break(line) and any(part.strip() for part in pending) and not table_row:
            continue
        joined.append((start, "\n".join(pending)))
        pending = []
    if pending:
        joined.append((start, "\n".join(pending)))
    return joined


def markdown_blocks(text: str) -> list[Block]:
    """Headings and paragraphs as lines (``heading`` set for headings), pipe-table rows as rows."""
    blocks: list[Block] = []
    blank = False
    table = -1
    in_table = False
    for number, line in _logical_lines(text):
        if not line.strip():
            blank, in_table = True, False
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if not in_table:
                table += 1
                in_table = True
            cells = _cells(stripped)
            if not (any(cells) and all(_SEPARATOR_CELL.match(c) for c in cells if c)):
                blocks.append(Row(tuple(cells), number, table))
            blank = False
            continue
        in_table = False
        heading = _HEADING.match(line)
        html = _HTML_LINE.match(stripped)
        if heading:
            blocks.append(
                Line(_cell(heading[2]), number, heading=len(heading[1]), blank_before=blank)
            )
        elif html:
            signed = html[1] == "p" and _RIGHT.search(stripped[: stripped.index(">")]) is not None
            blocks.append(
                Line(unescape_html(html[2]), number, blank_before=blank, signature=signed)
            )
        else:
            blocks.append(Line(_inline(stripped), number, blank_before=blank, paragraph=blank))
        blank = False
    return _trusted(blocks)


def _trusted(blocks: list[Block]) -> list[Block]:
    """*blocks* with ``Line.paragraph`` kept only where the source marks its headings, so that a
    paragraph is known to be none: a text whose six section headings are all ``##`` marks them
    all; with ``###`` subsection headings too, a paragraph starting ``（一）`` is a paragraph.
    A text that marks fewer (a PDF converted line by line) keeps none of the marks."""
    lines = [b for b in blocks if isinstance(b, Line)]
    marked = sum(1 for b in lines if b.heading == 2 and SECTION_ORDINAL.match(b.text))
    subsections = any(b.heading == 3 for b in lines)
    if marked >= len(SECTIONS) and subsections:
        return blocks
    return [
        attrs.evolve(b, paragraph=False)
        if isinstance(b, Line)
        and b.paragraph
        and (marked < len(SECTIONS) or b.text.startswith("（"))
        else b
        for b in blocks
    ]
