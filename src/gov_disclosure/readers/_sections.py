"""The six sections: headings found, the blocks of each section, run-on lines cut.

A heading is a line that starts with a level-one ordinal (``三、``) or that the
source marks as a heading (``<h2>``, ``##``), and whose words name one of the six
sections (exactly, through a known variant, or closely). A crawler text may run
the whole report on in one line: :func:`split_run_on` cuts such a line before and
after each heading it holds (the ordinal must be the section's own, and its words
must start the text after it), so the sections are found as in any other source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from .._findings import Finding, finding
from .._form import SECTION_BY_NAME, SECTIONS
from ..formatting import parse_chinese_numeral
from ._blocks import Block, Line, Row
from ._labels import SECTION_CANDIDATES, best, score
from ._normalize import HEADING_LENGTH, PUNCTUATION, SECTION_ORDINAL, key, simplified, squeeze
from ._tables import figure_rows

__all__ = [
    "TABLE_SECTIONS",
    "lines_of",
    "sections",
    "split_run_on",
    "split_tail",
]

#: A line longer than this (characters) may be a report run on in one line.
RUN_ON_LINE: Final = 200
#: How far after an ordinal a heading's words are looked for (characters).
_HEADING_WINDOW: Final = 60
#: Key characters a close (not exact) heading shares with the official one at its start.
_HEADING_START: Final = 4
_INLINE_ORDINAL: Final = re.compile(r"[一二三四五六]\s*[、.．]")
#: A subsection ordinal in a run-on text, at its start or after the end of a sentence.
_SUBSECTION: Final = re.compile(
    r"(?:^|(?<=[。；！？]))\s*(?P<ordinal>[（(]\s*(?P<n>[一二三四五六七八九十])\s*[）)])"
)
_ORDINAL_SECTION: Final = dict(zip("一二三四五六", (s.name for s in SECTIONS), strict=True))
_CANDIDATE: Final = {c.path: c for c in SECTION_CANDIDATES}
_CJK: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HEADING_END: Final = re.compile(r"[\s。]")
#: The sections that hold a table.
TABLE_SECTIONS: Final = frozenset({"active_disclosure", "applications", "review_litigation"})


def split_run_on(blocks: Sequence[Block]) -> list[Block]:
    """Lines longer than :data:`RUN_ON_LINE` cut before and after each section heading, and
    before each subsection heading of a section's text run on after its first (（一）…。（二）…)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Line) and len(block.text) > RUN_ON_LINE and not block.paragraph:
            for piece in _cut(block):
                out += _subsections(piece) if isinstance(piece, Line) else [piece]
        else:
            out.append(block)
    return out


def _subsections(block: Line) -> list[Line]:
    """A section's text cut before each of its subsection headings: ``（一）``, ``（二）`` …
    in turn, each at the start or after the end of a sentence (two at least)."""
    cuts, wanted = [], 1
    for match in _SUBSECTION.finditer(block.text):
        if parse_chinese_numeral(match["n"]) == wanted:
            cuts.append(match.start("ordinal"))
            wanted += 1
    if wanted <= 2:  # no （二）: a lone （一） may be a list in a paragraph
        return [block]
    starts = [0, *(cut for cut in cuts if cut > 0)]
    ends = [*starts[1:], len(block.text)]
    pieces = [block.text[start:end].strip() for start, end in zip(starts, ends, strict=True)]
    first, *rest = pieces
    return [
        attrs.evolve(block, text=first),
        *(Line(text, block.line, blank_before=True) for text in rest),
    ]


def _cut(block: Line) -> list[Block]:
    text = block.text
    cuts: list[tuple[int, int]] = []
    for match in _INLINE_ORDINAL.finditer(text):
        if cuts and match.start() < cuts[-1][1]:
            continue
        end = _heading_end(text, match.end(), _ORDINAL_SECTION[match[0][0]])
        if end is not None:
            cuts.append((match.start(), end))
    if not cuts:
        return [block]
    pieces: list[Block] = []
    at = 0
    for start, end in cuts:
        if text[at:start].strip():
            pieces.append(attrs.evolve(block, text=text[at:start].strip()))
        pieces.append(Line(text[start:end].strip(), block.line, blank_before=True))
        at = end
    if text[at:].strip():
        pieces.append(Line(text[at:].strip(), block.line, blank_before=True))
    return pieces


def _heading_end(text: str, start: int, section: str) -> int | None:
    """Where the heading of *section* that starts at *start* ends, or ``None`` if the text
    there is no such heading."""
    candidate = _CANDIDATE[section]
    window = text[start : start + _HEADING_WINDOW]
    chars = [(i, char) for i, char in enumerate(window) if _CJK.match(char)]
    window_key = simplified("".join(char for _, char in chars))
    for wanted in (candidate.key, *(variant for variant, _ in candidate.variants)):
        if wanted and window_key.startswith(wanted):
            return start + chars[len(wanted) - 1][0] + 1
    if not window_key.startswith(candidate.key[:_HEADING_START]):
        return None
    stop = _HEADING_END.search(window)
    if stop is None or score(key(window[: stop.start()]), candidate) is None:
        return None
    return start + stop.start()


def _section_heading(block: Line) -> tuple[str | None, bool] | None:
    """``(section, exact)`` when a line is a level-one heading (section ``None``: not one
    of the six); ``None`` when it is no heading."""
    if block.paragraph:
        return None  # the source marks it a paragraph (this library's own Markdown and text)
    text = block.text.strip()
    ordinal = bool(SECTION_ORDINAL.match(text))
    if not ordinal and (block.heading is None or block.heading > 2):
        return None
    if len(squeeze(text)) > HEADING_LENGTH or "。" in text.rstrip("。"):
        return None
    if figure_rows([block], min_values=1)[0]:
        return None  # 四、结转下年度继续办理 0 0 …: a row of table 三
    match = best(key(text), SECTION_CANDIDATES)
    if match is None:
        return (None, True) if ordinal else None
    return match.candidate.path, match.kind == "exact"


def sections(
    body: Sequence[Block], findings: list[Finding]
) -> tuple[dict[str, list[Block]], list[Line]]:
    """The blocks of each section, and the lines before the first heading (the preamble).

    A heading repeated for the same section (``表二：主动公开…`` under
    ``二、主动公开…``) does not end it; a level-one heading outside the format
    stays inside the section it appears in, as a subsection.
    """
    regions: dict[str, list[Block]] = {name: [] for name in SECTION_BY_NAME}
    current: str | None = None
    preamble: list[Line] = []
    for block in body:
        heading = _section_heading(block) if isinstance(block, Line) else None
        if heading is not None and isinstance(block, Line):
            section, exact = heading
            if section is None and current in TABLE_SECTIONS:
                pass  # 一、本年新收… as a heading of its own: a label of the table
            elif section is None:
                findings.append(
                    finding(
                        "READ-SECTION-NONSTANDARD",
                        current or "overview",
                        f"标题“{block.text.strip()}”不是规定的章节，作为小节读取",
                        line=block.line,
                        excerpt=block.text,
                    )
                )
                block = attrs.evolve(block, heading=2)
            elif section != current and not regions[section]:
                if not exact:
                    message = (
                        f"章节标题印作“{block.text.strip()}”，"
                        f"按“{SECTION_BY_NAME[section].heading}”读取"
                    )
                    findings.append(
                        finding("READ-LABEL-VARIANT", section, message, line=block.line)
                    )
                current = section
                continue
            elif section == current:
                continue
        if current is None:
            if isinstance(block, Line):
                preamble.append(block)
        else:
            regions[current].append(block)
    return regions, preamble


def split_tail(blocks: list[Block]) -> tuple[list[Block], list[Line]]:
    """A table section's blocks, and the text lines after its last row (text, not table)."""
    last = -1
    for index, block in enumerate(blocks):
        if isinstance(block, Row) or figure_rows([block], min_values=1)[0]:
            last = index
    tail = blocks[last + 1 :]
    lines = [b for b in tail if isinstance(b, Line)]
    if len(lines) != len(tail) or not any(PUNCTUATION.search(line.text) for line in lines):
        return blocks, []  # header words after the figures (a PDF's scattered header) stay
    return blocks[: last + 1], lines


def lines_of(blocks: Sequence[Block]) -> list[Line]:
    return [b for b in blocks if isinstance(b, Line)]
