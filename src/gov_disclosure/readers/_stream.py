"""Tables read from a token stream: for sources whose rows are no rows.

A crawler text runs a table on in one line (``规章000行政规范性文件303…``), a
converter prints one cell per line or per paragraph, a mirror page one cell per
line between ``|`` marks. There the row structure is lost, but the order is not:
the table section becomes one *stream* (its text, with every cell and line
boundary a newline), the form's row labels are found in it in form order (each
must be followed by figures), and the figures between one label and the next are
that row's.

Figures are split into cells by whitespace. Where a source glued them
(``0000000``, ``2600000 26``), a digit run is split only when the split is
certain: every split into the row's number of cells, with no number printed with
a leading zero, is tried, and only when exactly one of them also adds up (table
三: the six applicant columns to the printed 总计; table 四: each group's four
results to its 总计) are the cells read (``READ-GLUED-DIGITS``). Otherwise the
row's cells stay blank with ``READ-CELL-AMBIGUOUS``, which quotes the printed
text: a wrong figure is worse than a blank.

Every step is linear in the section's length: each label is looked for once,
forward from the previous one, with ``str.find`` on the section's key; the
splits of a digit run are bounded by :data:`MAX_SPLITS`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from .._cell import Cell
from .._findings import Finding, finding
from .._form import CELLS, ROW_JOINER
from .._layout import LAYOUTS, DataRow
from ._blocks import Block, Line
from ._labels import ROWS, Candidate
from ._normalize import MAX_FIGURE_DIGITS, is_value_token, simplified

__all__ = [
    "Stream",
    "StreamRead",
    "read_stream",
]

#: The most digits a glued run may hold to be split (a count has at most 15 digits:
#: no report has a trillion applications); a longer run is left blank.
MAX_GLUED_DIGITS: Final = MAX_FIGURE_DIGITS
#: The most splits of a row's digit runs that are tried; past it the row is ambiguous.
MAX_SPLITS: Final = 4096
_CJK: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
#: What may stand between a label and its first figure (closing brackets, quotes, bars).
_LABEL_TAIL: Final = re.compile(r"[\s)）”\"'’|｜:：]*")
#: Figures, each maybe with a note (``22（其中修订16件）``), and the spaces between them.
_VALUES: Final = re.compile(
    r"(?:[\d/／\-—－–.]+(?:[（(](?![一二三四五六七八九十]+[)）])[^（()）\n]{0,40}[)）])?|\s+)*"
)
#: A run of figures (with notes) in table 四's section: its 15 values follow the header.
_RUN: Final = re.compile(r"[\d/／](?:[\d/／\s.]|[（(][^（()）\n]{0,40}[)）])*")
_FIGURE_START: Final = re.compile(r"[\d/／\-—－–]")
_ORDINAL: Final = re.compile(r"^(\d+)\s*[.．、]")
_DIGITS: Final = re.compile(r"\d+")
_GROUP_SIZE: Final = 5  # table 四: four results and their 总计, three times


@attrs.frozen
class Stream:
    """A table section as one text: its key (CJK characters) and where each key
    character stands in the text, and the source line of each block's start."""

    text: str
    key: str
    at: tuple[int, ...]
    starts: tuple[tuple[int, int | None], ...]

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> Stream:
        parts: list[str] = []
        starts: list[tuple[int, int | None]] = []
        size = 0
        for block in blocks:
            if isinstance(block, Line):
                pieces = [block.text]
            else:
                pieces = [cell for cell in block.cells if cell is not None]
            starts.append((size, block.line))
            for piece in pieces:
                piece = simplified(piece)
                parts.append(piece)
                parts.append("\n")
                size += len(piece) + 1
        text = "".join(parts)
        key_parts: list[str] = []
        at: list[int] = []
        for match in _CJK.finditer(text):
            key_parts.append(match[0])
            at.extend(range(match.start(), match.end()))
        return cls(text, "".join(key_parts), tuple(at), tuple(starts))

    def line(self, position: int) -> int | None:
        """The source line of the block holding *position*."""
        index = bisect.bisect_right(self.starts, position, key=lambda start: start[0])
        return self.starts[index - 1][1] if index else None


@attrs.frozen
class _Anchor:
    row: DataRow
    start: int  # where the label starts in the text
    values: int  # where its figures start


def _keys(candidate: Candidate) -> Iterator[str]:
    yield candidate.key
    for variant, _ in candidate.variants:
        if variant:
            yield variant


def _find(stream: Stream, candidate: Candidate, after: int) -> tuple[int, int] | None:
    """The first place from key position *after* where the candidate's label is printed
    and followed by figures: ``(key position, text position of the figures)``."""
    for wanted in _keys(candidate):
        position = stream.key.find(wanted, after)
        while position >= 0:
            end = stream.at[position + len(wanted) - 1] + 1
            values = _LABEL_TAIL.match(stream.text, end)
            start = values.end() if values else end
            if _FIGURE_START.match(stream.text, start):
                return position, start
            position = stream.key.find(wanted, position + 1)
    return None


def _anchors(stream: Stream, table: str) -> list[_Anchor]:
    rows = {row.path: row for row in LAYOUTS[table].data_rows}
    anchors: list[_Anchor] = []
    after = 0
    for candidate in ROWS[table]:
        found = _find(stream, candidate, after)
        if found is None:
            continue
        position, values = found
        anchors.append(_Anchor(rows[candidate.path], stream.at[position], values))
        after = position + len(candidate.key)
    return anchors


def _segment(stream: Stream, anchor: _Anchor, following: _Anchor | None) -> tuple[str, bool]:
    """The figures printed after a label, up to the next row's label and its ordinal, and
    whether they stand alone: no further figure follows other text before the next label
    (or, after the last label, on the same line). Figures that do not stand alone (a note
    or a remark among them) are never split."""
    end = following.start if following is not None else len(stream.text)
    text = stream.text[anchor.values : end]
    if following is not None and (ordinal := _ORDINAL.match(following.row.labels[-1])):
        stripped = text.rstrip()
        tail = re.search(rf"{ordinal[1]}\s*[.．、]$", stripped)
        if tail is not None:
            text = stripped[: tail.start()]
    values = _VALUES.match(text)
    printed = values[0] if values else ""
    rest = text[len(printed) :]
    if following is None:
        rest = rest.partition("\n")[0]
    return printed.strip(), not _FIGURE_START.search(rest)


def _compositions(digits: str, parts: int) -> Iterator[tuple[str, ...]]:
    """The ways to cut *digits* into *parts* numbers, none with a leading zero."""
    if parts == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield (digits,)
        return
    for cut in range(1, len(digits) - parts + 2):
        head = digits[:cut]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in _compositions(digits[cut:], parts - 1):
            yield (head, *rest)


def _splits(tokens: Sequence[str], width: int) -> Iterator[tuple[str, ...]]:
    """Every split of the tokens into *width* cells (each token one or more cells)."""
    if not tokens:
        if width == 0:
            yield ()
        return
    first, rest = tokens[0], tokens[1:]
    most = min(len(first), width - len(rest))
    for parts in range(1, most + 1):
        for head in _compositions(first, parts):
            for tail in _splits(rest, width - parts):
                yield (*head, *tail)


def _adds_up(cells: Sequence[str], table: str) -> bool:
    numbers = [int(cell) for cell in cells]
    if table == "applications":
        return sum(numbers[:-1]) == numbers[-1]
    if table == "review_litigation":
        groups = [numbers[i : i + _GROUP_SIZE] for i in range(0, len(numbers), _GROUP_SIZE)]
        return all(sum(group[:-1]) == group[-1] for group in groups)
    return True


def certain_split(tokens: Sequence[str], width: int, table: str) -> tuple[str, ...] | None:
    """The one split of glued digit runs into *width* cells that fits, or ``None``."""
    if not all(_DIGITS.fullmatch(token) for token in tokens):
        return None
    if sum(len(token) for token in tokens) > MAX_GLUED_DIGITS * width:
        return None
    if any(len(token) > MAX_GLUED_DIGITS for token in tokens):
        return None
    found: tuple[str, ...] | None = None
    for tried, cells in enumerate(_splits(tokens, width)):
        if tried >= MAX_SPLITS:
            return None
        if _adds_up(cells, table):
            if found is not None:
                return None
            found = cells
    return found


@attrs.frozen
class StreamRead:
    """The cells a stream gives, by data path, with the findings and the rows' lines."""

    cells: dict[str, Cell[Any]]
    findings: list[Finding]
    lines: dict[str, int]
    complete: frozenset[str]
    """The rows read with a figure (or ``/``) in every cell, by data path."""

    @property
    def rows(self) -> int:
        """How many rows were read in full."""
        return len(self.complete)


def _cells(
    printed: str, row: DataRow, table: str, line: int | None, *, alone: bool = True
) -> tuple[list[str] | None, list[Finding]]:
    """The row's cell texts from its printed figures, or ``None`` (ambiguous)."""
    width = len(row.cells)
    tokens = printed.split()
    printed = " ".join(tokens)
    where = ROW_JOINER.join(row.labels)
    if len(tokens) == width and all(is_value_token(token) for token in tokens):
        return tokens, []
    split = certain_split(tokens, width, table) if alone and 0 < len(tokens) < width else None
    if split is not None:
        message = f"{where}：数字粘连印作“{printed}”，按唯一可能的拆分读作 {' '.join(split)}"
        code = "READ-GLUED-DIGITS"
        return list(split), [finding(code, row.path, message, line=line, excerpt=printed)]
    names = "、".join(CELLS[info.path].labels[-1] for info in row.cells)
    message = (
        f"{where}：印作“{printed}”，{width} 格（{names}）的拆分不能确定，各格按空白处理"
        if printed
        else f"{where}：标签后没有数字，各格按空白处理"
    )
    code = "READ-CELL-AMBIGUOUS"
    return None, [finding(code, row.path, message, line=line, excerpt=printed or None)]


def _read_row(
    text: str,
    row: DataRow,
    table: str,
    line: int | None,
    out: dict[str, Cell[Any]],
    *,
    alone: bool = True,
) -> tuple[bool, list[Finding]]:
    from ._tables import read_cell  # the same reading of a printed value as every table

    values, findings = _cells(text, row, table, line, alone=alone)
    if values is None:
        for info in row.cells:
            out[info.path] = Cell()
        return False, findings
    complete = True
    for value, info in zip(values, row.cells, strict=True):
        cell, cell_findings = read_cell(value, info.path, line=line)
        out[info.path] = cell
        findings += cell_findings
        complete = complete and not cell.is_blank
    return complete, findings


def read_stream(blocks: Sequence[Block], table: str) -> StreamRead:
    """A table's cells from the stream of its section (see the module's docstring)."""
    stream = Stream.of(blocks)
    cells: dict[str, Cell[Any]] = {}
    findings: list[Finding] = []
    lines: dict[str, int] = {}
    complete: set[str] = set()
    if table == "review_litigation":
        whole = LAYOUTS[table]
        everything = DataRow(
            table,
            (whole.caption,),
            tuple(info for row in whole.data_rows for info in row.cells),
            tuple(column for row in whole.data_rows for column in row.columns),
        )
        width = len(everything.cells)
        for match in _RUN.finditer(stream.text):
            printed = match[0].strip()
            if sum(1 for char in printed if char.isdigit() or char in "/／") < width:
                continue  # a number of the text (a year, a count): fewer digits than cells
            line = stream.line(match.start())
            full, row_findings = _read_row(printed, everything, table, line, cells)
            findings += row_findings
            if full:
                complete |= {row.path for row in whole.data_rows}
            if line is not None:
                lines |= dict.fromkeys((row.path for row in whole.data_rows), line)
            break
        return StreamRead(cells, findings, lines, frozenset(complete))
    anchors = _anchors(stream, table)
    for index, anchor in enumerate(anchors):
        following = anchors[index + 1] if index + 1 < len(anchors) else None
        printed, alone = _segment(stream, anchor, following)
        line = stream.line(anchor.start)
        if not alone and following is not None:
            printed = stream.text[anchor.values : following.start].strip()
        full, row_findings = _read_row(printed, anchor.row, table, line, cells, alone=alone)
        findings += row_findings
        if full:
            complete.add(anchor.row.path)
        if line is not None:
            lines[anchor.row.path] = line
    return StreamRead(cells, findings, lines, frozenset(complete))
