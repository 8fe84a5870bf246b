"""Markdown: GitHub-flavoured pipe tables, headings and paragraphs, PDF→Markdown included."""

from __future__ import annotations

import re
from typing import Final

from ._blocks import Block, Line, Row

_HEADING: Final = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SEPARATOR_CELL: Final = re.compile(r"^\s*:?-{1,}:?\s*$")
_CELL_SPLIT: Final = re.compile(r"(?<!\\)\|")
_BREAK: Final = re.compile(r"<br\s*/?>", re.I)
_ESCAPED: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS: Final = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _inline(text: str) -> str:
    """Inline Markdown to text: strong emphasis marks dropped, backslash escapes undone."""
    return _ESCAPED.sub(r"\1", _EMPHASIS.sub(r"\2", text))


def _cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [_inline(_BREAK.sub("\n", cell.strip())) for cell in _CELL_SPLIT.split(body)]


def markdown_blocks(text: str) -> list[Block]:
    """Headings and text lines as lines (``heading`` set), pipe-table rows as rows."""
    blocks: list[Block] = []
    blank = False
    table = -1
    in_table = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            blank, in_table = True, False
            continue
        if line.lstrip().startswith("|"):
            if not in_table:
                table += 1
                in_table = True
            cells = _cells(line)
            if all(_SEPARATOR_CELL.match(cell) for cell in cells if cell) and any(cells):
                continue
            blocks.append(Row(tuple(cells), number, table))
            blank = False
            continue
        in_table = False
        heading = _HEADING.match(line)
        if heading:
            text_ = _inline(heading[2])
            blocks.append(Line(text_, number, heading=len(heading[1]), blank_before=blank))
        else:
            blocks.append(Line(_inline(line.strip()), number, blank_before=blank))
        blank = False
    return blocks
