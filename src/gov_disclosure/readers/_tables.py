"""Reading the three tables from blocks: rows recognised by their labels, figures by position.

A *figure row* is a row of printed values with the label text before it: a
table row of the source, or a text line ending in values (a PDF text layer
prints ``label n n n n n n n``; a wrapped label leaves its first part on the
lines before). Rows are recognised by their labels after normalisation, never
by position alone; table 三's rows are aligned to the form's 25 rows in order,
so an unlabelled row (a PDF→Markdown conversion drops some labels) takes the
place its neighbours leave for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from .._cell import Cell
from .._findings import Finding, finding
from .._form import CELLS, ROW_JOINER, build
from .._layout import LAYOUTS, DataRow
from .._model import ActiveDisclosure, Applications, ReviewLitigation
from ._blocks import Block, Line, Row
from ._labels import FORMAT_2019_WORDS, GROUPS, ROWS, Candidate, Match, best, score
from ._normalize import Value, is_value_token, key, parse_value

__all__ = [
    "TableRead",
    "cell_at",
    "clean_rows",
    "figure_rows",
    "filled",
    "from_stream",
    "read_active_disclosure",
    "read_applications",
    "read_cell",
    "read_review_litigation",
]

_GAP: Final = -1.0  # cost of an extra printed row, or of a form row not printed
_MISMATCH: Final = -3.0  # a printed label that names another row
_UNLABELLED: Final = 0.5  # a row without a recognisable label, taken in order
_CONTEXT_WEIGHT: Final = 0.6  # labels from the lines before a row count for less
_CONTEXT_CHARS: Final = 300  # a wrapped label is short: older text is no row's label
_T3_MIN_VALUES: Final = 6  # a text line with fewer values is no row of table 三

_DATA_ROWS: Final = {
    name: {row.path: row for row in layout.data_rows} for name, layout in LAYOUTS.items()
}


@attrs.frozen
class FigureRow:
    """A printed row of values and the label text that goes with it."""

    own: str
    """Label text printed in the row itself."""
    context: str
    """Text printed since the previous figure row (a wrapped label, a group label)."""
    values: tuple[str, ...]
    line: int | None
    excerpt: str
    explicit: bool
    """True for a table row of the source, whose empty cells are blank values."""

    @property
    def label(self) -> str:
        """Context and own label together, as a wrapped label reads."""
        return (self.context + self.own).strip()


def _split_row(cells: Sequence[str | None]) -> tuple[str, tuple[str, ...]]:
    """A table row's label (its cells up to the last that is no value) and its values."""
    present = [cell for cell in cells if cell is not None]
    last_label = -1
    for index, cell in enumerate(present):
        if cell.strip() and not is_value_token(cell):
            last_label = index
    label = " ".join(cell.strip() for cell in present[: last_label + 1] if cell.strip())
    return label, tuple(present[last_label + 1 :])


def _context(pending: Sequence[Line]) -> str:
    return "".join(line.text for line in pending)[-_CONTEXT_CHARS:]


def figure_rows(blocks: Iterable[Block], *, min_values: int) -> tuple[list[FigureRow], list[Line]]:
    """The figure rows among *blocks*, and the text lines that are part of none.

    A text line is a figure row when it ends in at least *min_values* values;
    a table row when it has a cell after its label. Text between figure rows
    is kept as the context of the next one.
    """
    rows: list[FigureRow] = []
    loose: list[Line] = []
    pending: list[Line] = []
    for block in blocks:
        if isinstance(block, Row):
            label, values = _split_row(block.cells)
            if not values:
                pending.append(Line(label, block.line))
                continue
            excerpt = " | ".join(cell for cell in block.cells if cell is not None)
            rows.append(FigureRow(label, _context(pending), values, block.line, excerpt, True))
            pending = []
            continue
        tokens = block.text.split()
        count = 0
        while count < len(tokens) and is_value_token(tokens[-1 - count]):
            count += 1
        if count >= max(min_values, 1):
            own = " ".join(tokens[: len(tokens) - count])
            values = tuple(tokens[len(tokens) - count :])
            rows.append(FigureRow(own, _context(pending), values, block.line, block.text, False))
            pending = []
        else:
            pending.append(block)
            loose.append(block)
    return rows, loose


# --- cells from printed values --------------------------------------------------------------


@attrs.frozen
class TableRead:
    """A table as read: the table (``None`` when not found), the reading findings, and the
    source line each of its rows was read from, by the row's data path."""

    table: Any
    findings: list[Finding]
    lines: dict[str, int] = attrs.field(factory=dict)
    explicit: frozenset[str] = frozenset()
    """The rows read from a table row of the source that prints its label and its cells,
    which stand in order from the first column (a row cut short by an excerpt is read by
    position)."""


class _CellReader:
    """Turns printed values into cells, collecting the reading findings and the rows' lines."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.lines: dict[str, int] = {}
        self.explicit: set[str] = set()

    def _note(self, code: str, path: str, message: str, row: FigureRow) -> None:
        self.findings.append(finding(code, path, message, line=row.line, excerpt=row.excerpt))

    def cell(self, value: Value, path: str, row: FigureRow) -> Cell[Any]:
        info = CELLS[path]
        printed = value.text.strip()
        if value.kind == "blank":
            return Cell(note=value.note)
        if value.kind == "na":
            if value.dash:
                message = f"{info.label}：印作“{printed}”，按“/”（不适用）读取"
                self._note("READ-DASH", path, message, row)
            return Cell(not_applicable=True, note=value.note)
        number = value.number
        if value.kind != "number" or number is None:
            self._note(
                "READ-CELL-UNREADABLE", path, f"{info.label}：无法读作数字：“{printed}”", row
            )
            return Cell()
        if number < 0:
            self._note("CELL-NEGATIVE", path, f"{info.label}：印作 {printed}，为负数", row)
            return Cell(note=value.note)
        if info.kind == "amount":
            return Cell(Decimal(number), note=value.note)
        if isinstance(number, Decimal):
            self._note("CELL-NOT-INTEGER", path, f"{info.label}：印作 {printed}，不是整数", row)
            return Cell(note=value.note)
        return Cell(number, note=value.note)

    def row(self, row: FigureRow, data_row: DataRow) -> dict[str, Cell[Any]]:
        """The cells of a row by data path: values by position, a short row's rest blank."""
        paths = [info.path for info in data_row.cells]
        where = ROW_JOINER.join(data_row.labels)
        if row.line is not None:
            self.lines[data_row.path] = row.line
        if row.explicit and row.own.strip():
            self.explicit.add(data_row.path)
        values = list(row.values)
        width = len(paths)
        if row.explicit:  # empty cells beside a merged label or at the end are not columns
            while len(values) > width and not values[0].strip():
                values.pop(0)
            while len(values) > width and not values[-1].strip():
                values.pop()
        if len(values) > width:
            merged = _merge_split_digits(values, width)
            if merged is None:
                message = f"{where}：印有 {len(values)} 个数值，应为 {width} 个，未读取"
                self._note("READ-ROW-UNREADABLE", data_row.path, message, row)
                return {path: Cell() for path in paths}
            values, at = merged
            message = f"{CELLS[paths[at]].label}：数字似被拆成两格，合并读作 {values[at]}"
            self._note("READ-SPLIT-DIGITS", paths[at], message, row)
        if len(values) < width and not row.explicit:
            printed = " ".join(values)
            names = "、".join(CELLS[p].labels[-1] for p in paths)
            message = (
                f"{where}：印作“{printed}”，{width} 格（{names}）只印有 {len(values)} 个数值，"
                "不知哪几格为空白，各格按空白处理"
            )
            self._note("READ-CELL-AMBIGUOUS", data_row.path, message, row)
            return {path: Cell() for path in paths}
        if len(values) < width:
            missing = "、".join(CELLS[p].labels[-1] for p in paths[len(values) :])
            message = (
                f"{where}：印有 {len(values)} 个数值，应为 {width} 个；按位置读取，{missing}为空白"
            )
            self._note("READ-ROW-SHORT", data_row.path, message, row)
            values += [""] * (width - len(values))
        return {
            path: self.cell(parse_value(text), path, row)
            for text, path in zip(values, paths, strict=True)
        }


def _merge_split_digits(values: list[str], width: int) -> tuple[list[str], int] | None:
    """Join two neighbouring values printed apart (``1 2`` for ``12``), if exactly one
    join leaves a row whose parts add up to its last value (the 总计)."""
    if len(values) != width + 1:
        return None
    found = []
    for at in range(width):
        joined = [*values[:at], values[at] + values[at + 1], *values[at + 2 :]]
        numbers = [parse_value(text).number for text in joined]
        if all(isinstance(n, int) for n in numbers):
            ints = [int(n or 0) for n in numbers]
            if sum(ints[:-1]) == ints[-1]:
                found.append((joined, at))
    return found[0] if len(found) == 1 else None


def _relative(cells: dict[str, Cell[Any]]) -> dict[str, Cell[Any]]:
    return {path.partition(".")[2]: cell for path, cell in cells.items()}


def _missing(candidate: Candidate) -> Finding:
    row = ROW_JOINER.join(_DATA_ROWS[candidate.path.partition(".")[0]][candidate.path].labels)
    return finding("READ-ROW-MISSING", candidate.path, f"{row}：未找到这一行，各格按空白处理")


def _variant(match: Match, row: FigureRow) -> Finding | None:
    """The finding for a row recognised other than by its exact official label."""
    if match.kind == "exact":
        return None
    path = match.candidate.path
    labels = ROW_JOINER.join(_DATA_ROWS[path.partition(".")[0]][path].labels)
    printed = match.variant if match.kind == "variant" else row.label
    message = f"{labels}：表中印作“{printed}”，按官方标签“{match.candidate.label}”读取"
    return finding("READ-LABEL-VARIANT", path, message, line=row.line, excerpt=row.excerpt)


def _texts(blocks: Iterable[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        parts += [block.text] if isinstance(block, Line) else [c for c in block.cells if c]
    return " ".join(parts)


# --- table 二 -----------------------------------------------------------------------------------


def read_active_disclosure(blocks: Sequence[Block]) -> TableRead:
    """Table 二 from the blocks of its section; ``None`` when no row of it is found.

    Its rows are few and distinct, so each is found by its label alone, in any order.
    """
    text = _texts(blocks)
    old = [word for word in FORMAT_2019_WORDS if word in key(text)]
    if old:
        message = (
            f"二、主动公开政府信息情况：表格为2019年（试行）格式（{'、'.join(old)}），"
            "未按2021年格式读取"
        )
        return TableRead(
            None, [finding("FORMAT-2019", "active_disclosure", message, excerpt=text[:300])]
        )
    rows, _ = figure_rows(blocks, min_values=1)
    candidates = ROWS["active_disclosure"]
    reader = _CellReader()
    findings: list[Finding] = []
    cells: dict[str, Cell[Any]] = {}
    read: set[str] = set()
    for row in rows:
        match = best(key(row.own), candidates) or best(key(row.label), candidates)
        if match is None or match.candidate.path in read:
            continue
        read.add(match.candidate.path)
        if (variant := _variant(match, row)) is not None:
            findings.append(variant)
        cells |= reader.row(row, _DATA_ROWS["active_disclosure"][match.candidate.path])
    if not read:
        return TableRead(None, [])
    findings += reader.findings
    findings += [_missing(c) for c in candidates if c.path not in read]
    table = build(ActiveDisclosure, _relative(cells))
    return TableRead(table, findings, reader.lines, frozenset(reader.explicit))


# --- table 三 ------------------------------------------------------------------------------------


def _scores(row: FigureRow, candidates: Sequence[Candidate]) -> list[Match | None]:
    """How well the row's label names each candidate: by its own label, or where that names
    nothing, by the text before it (a wrapped label), which counts less."""
    own, combined = key(row.own), key(row.label)
    result: list[Match | None] = []
    for candidate in candidates:
        mine = score(own, candidate)
        theirs = score(combined, candidate) if combined != own else None
        if theirs is not None and mine is None:
            mine = attrs.evolve(theirs, score=theirs.score * _CONTEXT_WEIGHT)
        result.append(mine)
    return result


def _group_of(row: FigureRow) -> Candidate | None:
    """The group a row's own label names when it names no row (a subtotal, an undivided row).

    ``（六）其他处理 · 3.其他`` names a row of the group; ``（六）其他处理`` alone the group.
    """
    own = key(row.own)
    group = best(own, GROUPS)
    if group is None:
        return None
    rest = own.replace(group.candidate.key, "", 1)
    members = [c for c in ROWS["applications"] if c.path.startswith(group.candidate.path + ".")]
    if best(rest, members) is not None:
        return None
    named = best(own, ROWS["applications"])
    return None if named is not None and named.score >= group.score else group.candidate


def _align(
    rows: Sequence[FigureRow], candidates: Sequence[Candidate]
) -> list[tuple[int, Match | None] | None]:
    """For each printed row, the form row it is (index, and the label match), or ``None``.

    A dynamic-programming alignment in form order maximising the label scores:
    a matched label scores by how well it matches, an unlabelled row a little,
    a contradicting label a lot less; a skipped row costs a gap (a group's own
    row costs nothing: it is expected to be extra).
    """
    n, m = len(rows), len(candidates)
    table = [_scores(row, candidates) for row in rows]
    labelled = [any(match is not None for match in scores) for scores in table]
    extra = [0.0 if _group_of(row) is not None else _GAP for row in rows]

    def gain(i: int, j: int) -> float:
        if extra[i] == 0.0:
            return _MISMATCH
        match = table[i][j]
        if match is not None:
            return match.score
        return _MISMATCH if labelled[i] else _UNLABELLED

    total = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        total[i][0], step[i][0] = total[i - 1][0] + extra[i - 1], "row"
    for j in range(1, m + 1):
        total[0][j], step[0][j] = total[0][j - 1] + _GAP, "form"
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            total[i][j], step[i][j] = max(
                (total[i - 1][j - 1] + gain(i - 1, j - 1), "match"),
                (total[i - 1][j] + extra[i - 1], "row"),
                (total[i][j - 1] + _GAP, "form"),
            )
    assigned: list[tuple[int, Match | None] | None] = [None] * n
    i, j = n, m
    while i > 0 or j > 0:
        if step[i][j] == "match":
            assigned[i - 1] = (j - 1, table[i - 1][j - 1])
            i, j = i - 1, j - 1
        elif step[i][j] == "row":
            i -= 1
        else:
            j -= 1
    return assigned


def read_applications(blocks: Sequence[Block]) -> TableRead:
    """Table 三 from the blocks of its section; ``None`` when no row of it is found."""
    candidates = ROWS["applications"]
    rows, loose = figure_rows(blocks, min_values=_T3_MIN_VALUES)
    rows = [row for row in rows if not _is_header(row)]
    if not rows:
        return TableRead(None, [])
    reader = _CellReader()
    findings: list[Finding] = []
    cells: dict[str, Cell[Any]] = {}
    read: set[str] = set()
    for row, place in zip(rows, _align(rows, candidates), strict=True):
        if place is None:
            findings.append(_extra_row(row))
            continue
        index, match = place
        candidate = candidates[index]
        read.add(candidate.path)
        if match is not None and (variant := _variant(match, row)) is not None:
            findings.append(variant)
        cells |= reader.row(row, _DATA_ROWS["applications"][candidate.path])
    findings += reader.findings
    findings += [_unplaced(line) for line in loose if _only_values(line.text)]
    undivided = {f.path for f in findings if f.code == "FORMAT-2019"}
    findings += [
        _missing(c)
        for c in candidates
        if c.path not in read and c.path.rpartition(".")[0] not in undivided
    ]
    table = build(Applications, _relative(cells))
    return TableRead(table, findings, reader.lines, frozenset(reader.explicit))


_COLUMN_KEYS: Final = tuple(key(column) for column in LAYOUTS["applications"].data_rows[0].columns)


def _is_header(row: FigureRow) -> bool:
    """A header row of a source table (商业企业 | 科研机构 …): column labels, no figures."""
    if any(value.strip() for value in row.values):
        return False
    own = key(row.own)
    names_a_row = best(own, ROWS["applications"]) is not None
    return not names_a_row or any(column in own for column in _COLUMN_KEYS[:-1])


def _only_values(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and all(is_value_token(token) for token in tokens)


def _unplaced(line: Line) -> Finding:
    message = f"表格中有不属于任何一行的文字“{line.text.strip()}”，未读入"
    return finding("READ-TEXT-UNPLACED", "applications", message, line=line.line, excerpt=line.text)


def read_cell(text: str, path: str, *, line: int | None = None) -> tuple[Cell[Any], list[Finding]]:
    """One printed value outside a table (the 信息处理费 sentence), with its findings."""
    reader = _CellReader()
    cell = reader.cell(parse_value(text), path, FigureRow("", "", (text,), line, text, True))
    return cell, reader.findings


def _extra_row(row: FigureRow) -> Finding:
    group = _group_of(row)
    values = " ".join(value.strip() or "（空）" for value in row.values)
    if group is not None and group.path == "applications.other_handling":
        message = (
            f"{group.label}：按2019年（试行）格式印作一行（{values}），"
            "未分为2021年格式的三个子行，未读入"
        )
        return finding("FORMAT-2019", group.path, message, line=row.line, excerpt=row.excerpt)
    where = group.path if group is not None else "applications"
    label = row.label or "（无标签）"
    message = f"表中多出一行“{label}”（{values}），不属于2021年格式，未读入"
    return finding("READ-ROW-NONSTANDARD", where, message, line=row.line, excerpt=row.excerpt)


# --- table 四 -------------------------------------------------------------------------------------


def read_review_litigation(blocks: Sequence[Block]) -> TableRead:
    """Table 四: three rows labelled by group, or its 15 values in the printed order."""
    rows, _ = figure_rows(blocks, min_values=1)
    if not rows:
        return TableRead(None, [])
    candidates = ROWS["review_litigation"]
    data_rows = _DATA_ROWS["review_litigation"]
    reader = _CellReader()
    cells: dict[str, Cell[Any]] = {}
    labelled: dict[str, FigureRow] = {}
    for row in rows:
        match = best(key(row.own), candidates)
        if match is not None:
            labelled.setdefault(match.candidate.path, row)
    if len(labelled) == len(candidates):
        for path, row in labelled.items():
            cells |= reader.row(row, data_rows[path])
    else:  # the usual print: one line (or several) of 15 values under a scattered header
        width = sum(len(row.cells) for row in data_rows.values())
        used: list[FigureRow] = []
        for row in rows:  # text after the table may end in a number: stop at 15 values
            if sum(len(r.values) for r in used) >= width:
                break
            used.append(row)
        values = tuple(value for row in used for value in row.values)
        excerpt = " / ".join(row.excerpt for row in used)
        joined = FigureRow("", "", values, rows[0].line, excerpt, rows[0].explicit)
        whole = LAYOUTS["review_litigation"]
        everything = DataRow(
            "review_litigation",
            (whole.caption,),
            tuple(info for row in whole.data_rows for info in row.cells),
            tuple(column for row in whole.data_rows for column in row.columns),
        )
        cells = reader.row(joined, everything)
    lines = dict(reader.lines)
    if "review_litigation" in lines:  # the 15 values of one line: every group's line
        lines |= dict.fromkeys(data_rows, lines["review_litigation"])
    return TableRead(build(ReviewLitigation, _relative(cells)), reader.findings, lines)


# --- tables from a stream, and how well a table was read ----------------------------------------

_TABLE_CLASSES: Final = {
    "active_disclosure": ActiveDisclosure,
    "applications": Applications,
    "review_litigation": ReviewLitigation,
}
#: Findings that tell a row was not read in full.
_ROW_PROBLEMS: Final = frozenset(
    {
        "READ-ROW-MISSING",
        "READ-ROW-SHORT",
        "READ-ROW-UNREADABLE",
        "READ-CELL-UNREADABLE",
        "READ-CELL-AMBIGUOUS",
    }
)


def clean_rows(result: TableRead, name: str) -> int:
    """How many of the table's rows a reading gives without a finding against them."""
    if result.table is None:
        return 0
    rows = [row.path for row in LAYOUTS[name].data_rows]
    hurt = {f.path for f in result.findings if f.code in _ROW_PROBLEMS}
    if name in hurt:  # table 四 read as one row of 15 values
        return 0
    return sum(
        1 for row in rows if row not in hurt and not any(p.startswith(row + ".") for p in hurt)
    )


def from_stream(name: str, cells: dict[str, Cell[Any]], findings: list[Finding]) -> TableRead:
    """A table from the cells a stream gave (:mod:`._stream`); rows not found are missing."""
    read = {row.path for row in LAYOUTS[name].data_rows if row.cells[0].path in cells}
    rows = ROWS[name] if name != "review_litigation" else ()  # 四: one row of 15 values
    missing = [_missing(c) for c in rows if c.path not in read]
    table = build(_TABLE_CLASSES[name], _relative(cells)) if cells else None
    return TableRead(table, [*findings, *missing] if table is not None else findings)


def filled(result: TableRead, name: str) -> int:
    """The table's cells that hold a figure or ``/``."""
    if result.table is None:
        return 0
    return sum(
        1
        for info in CELLS.values()
        if info.table == name and not cell_at(result.table, info.path).is_blank
    )


def cell_at(table: Any, path: str) -> Cell[Any]:
    for part in path.split(".")[1:]:
        table = getattr(table, part)
    cell: Cell[Any] = table
    return cell
