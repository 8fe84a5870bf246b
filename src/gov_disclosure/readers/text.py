"""Plain text: pasted reports (tab-separated table rows) and PDF text layers."""

from __future__ import annotations

from ._blocks import Block, Line, Row


def text_blocks(text: str) -> list[Block]:
    """Each line a block: a line with tabs is a table row (one field per tab), others text."""
    blocks: list[Block] = []
    blank = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            blank = True
            continue
        if "\t" in line:
            blocks.append(Row(tuple(line.split("\t")), number))
        else:
            blocks.append(Line(line.strip(), number, blank_before=blank))
        blank = False
    return blocks
