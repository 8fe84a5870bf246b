"""Plain text: pasted reports, PDF text layers, and this library's text rendering.

A line with tabs is a table row, one field per tab (as agencies paste tables
from Word, and as the ``tsv`` layout prints them). A line framed by ``|`` is
a row of an aligned table (the ``aligned`` layout); its ``+---+`` and
``|---+---|`` rules are no rows. A line ending in ``|`` is a row of what web-to-text
converters print (``规章 | 0 | 0 | 0 |``, no Markdown delimiter row): its cells are
parted by ``|``, and the empty cells that spanned cells leave at its end (``| ||``) are
dropped; a line of ``|`` alone only marks where a row begins. A line with at least
:data:`PIPE_SEPARATORS` `` | `` is such a row too (its end cut off). Text goes through the
inverse of the text codec of :mod:`gov_disclosure._escape`, so this library's own text
reads back exactly.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from .._escape import split_cells, unescape_text, unescape_text_cell
from ._blocks import Block, Line, Row
from ._normalize import SECTION_ORDINAL

__all__ = [
    "PARAGRAPH_INDENT",
    "PIPE_SEPARATORS",
    "text_blocks",
]

#: ``|`` separators that make a line a row without a final ``|`` (a row cut short).
PIPE_SEPARATORS: Final = 3
#: How Chinese text indents a paragraph's first line (and this library's text rendering too).
PARAGRAPH_INDENT: Final = "\u3000\u3000"
_RULE: Final = re.compile(r"^\s*[+|][-+=:|]*[+|]\s*$")


def text_blocks(text: str) -> list[Block]:
    """Each line a block: table rows (tab-separated or framed by ``|``) and text lines."""
    blocks: list[Block] = []
    blank = False
    table = 0
    indented: list[bool] = []  # per block: whether its line starts with PARAGRAPH_INDENT
    group = 0  # the first block after the last blank line
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip(" \r\f\v")  # not tabs: a row's last fields may be empty
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        if _RULE.match(stripped):
            continue
        if blank:
            group = len(blocks)
        flag = line.startswith(PARAGRAPH_INDENT)
        if "\t" in line:
            cells = tuple(unescape_text(cell) for cell in line.split("\t"))
            blocks.append(Row(cells, number, table))
        elif stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = tuple(unescape_text_cell(c.strip()) for c in split_cells(stripped)[1:-1])
            blocks.append(Row(cells, number, table))
        elif stripped.endswith("|") or stripped.count(" | ") >= PIPE_SEPARATORS:
            parts = [unescape_text_cell(c.strip()) for c in split_cells(stripped)]
            while parts and not parts[-1]:
                parts.pop()
            if parts:
                blocks.append(Row(tuple(parts), number, table))
        else:
            first = blank and line.startswith(PARAGRAPH_INDENT)
            blocks.append(
                Line(unescape_text(stripped), number, blank_before=blank, paragraph=first)
            )
        indented += [flag] * (len(blocks) - len(indented))  # one a block (a row may be none)
        if blank:
            table += 1
        blank = False
    if not any(
        isinstance(b, Line) and not flag and SECTION_ORDINAL.match(b.text)
        for b, flag in zip(blocks, indented, strict=True)
    ):  # headings not told from paragraphs by indentation: no paragraph marked
        blocks = [attrs.evolve(b, paragraph=False) if isinstance(b, Line) else b for b in blocks]
    return _signed(blocks, indented, group)


def _signed(blocks: list[Block], indented: list[bool], group: int) -> list[Block]:
    """*blocks* with the 落款 marked: in text whose paragraphs are indented, the last one or
    two lines, after a blank line and not indented (as this library's text prints it)."""
    tail = blocks[group:]
    if not any(indented) or not 0 < len(tail) <= 2 or any(indented[group:]):
        return blocks
    if not all(isinstance(block, Line) for block in tail):
        return blocks
    signed = [attrs.evolve(block, signature=True) for block in tail if isinstance(block, Line)]
    return [*blocks[:group], *signed]
