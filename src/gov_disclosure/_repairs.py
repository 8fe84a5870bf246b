"""Repair suggestions: the fewest printed cells whose change makes every arithmetic rule hold.

This is the Fellegi–Holt principle of minimal change (as in R's ``errorlocate``),
over the four arithmetic rules of the format: T3-BALANCE, T3-ROW-TOTAL,
T3-OUTCOME-TOTAL and T4-TOTAL. Every rule is a linear equation whose
coefficients are ±1, so the search needs no brute force over values:

- one cell ``c`` explains the broken equations exactly when the equations it
  takes part in are the broken ones, and each of them asks for the same change;
- two cells ``c1, c2``: one of them lies in the broken equation with the fewest
  cells; the other lies in every broken equation the first does not touch (or
  shares an equation with it); the two changes follow from the equations.

Ties (repairs changing as many cells) are ranked by plausibility, see
:func:`repairs`. Blank and ``/`` cells count as 0, as in the checks.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs

from ._cell import Cell
from ._findings import shown_number
from ._form import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    OUTCOME_ROWS,
    PART_CELLS,
    REVIEW_GROUPS,
    REVIEW_PARTS,
    TABLE_CELLS,
    label,
    table_cells,
)
from ._model import Report

__all__ = [
    "Change",
    "Repair",
    "Slip",
    "best_repair",
    "explain",
    "repair_lines",
    "repair_summary",
    "repairs",
]

Slip = Literal["total", "digit", "transposition", "shift", "arbitrary"]
"""How a changed cell's printed figure relates to its consistent value.

``total``: the cell is a total that disagrees with intact parts; ``digit``: one digit
mistyped, dropped or doubled; ``transposition``: two neighbouring digits swapped;
``shift``: the figure belongs to the neighbouring column; ``arbitrary``: none of these.
"""

#: Most cells a repair changes; past that a report needs a person.
MAX_CHANGES: Final = 2

_ARITHMETIC: Final = ("T3-BALANCE", "T3-ROW-TOTAL", "T3-OUTCOME-TOTAL", "T4-TOTAL")


@attrs.frozen
class Change:
    """One printed cell of a repair: what the report prints and what would be consistent."""

    path: str
    """Data path of the cell, e.g. ``applications.granted.natural_person``."""
    printed: Cell[int]
    """The cell as printed (a blank or ``/`` cell counts as 0)."""
    value: int
    """The value that makes the rules hold."""
    slip: Slip
    """What kind of slip the change undoes (see :data:`Slip`)."""

    @property
    def label(self) -> str:
        """The cell's official label: ``（七）总计·自然人``."""
        return label(self.path)

    def __str__(self) -> str:
        printed = self.printed
        if printed.not_applicable:
            shown = "“/”"
        elif printed.value is None:
            shown = "空白"
        else:
            shown = f" {shown_number(printed.value)}"
        return f"{self.label} 表中为{shown}，应为 {shown_number(self.value)}"


@attrs.frozen
class Repair:
    """The fewest cells whose change makes every arithmetic rule hold, best explained first."""

    changes: tuple[Change, ...]
    rules: tuple[str, ...]
    """Codes of the broken rules it explains, in catalogue order, without repeats."""

    @property
    def paths(self) -> tuple[str, ...]:
        """The data paths of the changed cells."""
        return tuple(change.path for change in self.changes)

    def __str__(self) -> str:
        return "；".join(str(change) for change in self.changes)


# --- the equations of the arithmetic rules, by cell index ----------------------------------

_PATHS: Final = tuple(
    info.path for name in ("applications", "review_litigation") for info in TABLE_CELLS[name]
)
_INDEX: Final = {path: index for index, path in enumerate(_PATHS)}


@attrs.frozen
class _Equation:
    code: str
    table: str
    terms: Mapping[int, int]
    """Cell index → coefficient (±1); the equation is Σ coefficient × value = 0."""


def _equations() -> tuple[_Equation, ...]:
    found: list[_Equation] = []

    def add(code: str, table: str, plus: Iterable[str], minus: Iterable[str]) -> None:
        terms = {_INDEX[p]: 1 for p in plus}
        terms.update({_INDEX[p]: -1 for p in minus})
        found.append(_Equation(code, table, terms))

    for column in APPLICANT_COLUMNS:
        cells = [f"applications.{name}.{column}" for name in ("received", "carried_over")]
        sides = [f"applications.{name}.{column}" for name in ("outcome_total", "carried_forward")]
        add("T3-BALANCE", "applications", cells, sides)
    for row in APPLICATION_ROWS:
        parts = [f"applications.{row}.{column}" for column in APPLICANT_COLUMNS[:-1]]
        add("T3-ROW-TOTAL", "applications", [f"applications.{row}.total"], parts)
    for column in APPLICANT_COLUMNS:
        parts = [f"applications.{row}.{column}" for row in OUTCOME_ROWS]
        add("T3-OUTCOME-TOTAL", "applications", [f"applications.outcome_total.{column}"], parts)
    for group in REVIEW_GROUPS:
        parts = [f"review_litigation.{group}.{part}" for part in REVIEW_PARTS]
        add("T4-TOTAL", "review_litigation", [f"review_litigation.{group}.total"], parts)
    return tuple(found)


_EQUATIONS: Final = _equations()
_SIDES: Final = tuple(
    (
        eq.table,
        tuple(i for i, a in eq.terms.items() if a > 0),
        tuple(i for i, a in eq.terms.items() if a < 0),
    )
    for eq in _EQUATIONS
)
_EQUATIONS_OF: Final = tuple(
    tuple(e for e, eq in enumerate(_EQUATIONS) if index in eq.terms) for index in range(len(_PATHS))
)
_TOTALS: Final = frozenset(range(len(_PATHS))) - {_INDEX[path] for path in PART_CELLS}


def _neighbours() -> tuple[frozenset[int], ...]:
    """Cells printed next to each cell in its row (the column to the left and right)."""
    found: list[set[int]] = [set() for _ in _PATHS]
    rows: list[list[str]] = [
        [f"applications.{r}.{c}" for c in APPLICANT_COLUMNS] for r in APPLICATION_ROWS
    ]
    rows.append(
        [f"review_litigation.{g}.{p}" for g in REVIEW_GROUPS for p in (*REVIEW_PARTS, "total")]
    )
    for row in rows:
        for left, right in itertools.pairwise(row):
            found[_INDEX[left]].add(_INDEX[right])
            found[_INDEX[right]].add(_INDEX[left])
    return tuple(frozenset(s) for s in found)


_NEIGHBOURS: Final = _neighbours()


def _cells(report: Report) -> tuple[list[Cell[int] | None], set[str]]:
    """Every rule cell of *report* by index (``None`` where its table is absent)."""
    cells: list[Cell[int] | None] = [None] * len(_PATHS)
    present: set[str] = set()
    for name in ("applications", "review_litigation"):
        table = getattr(report, name)
        if table is None:
            continue
        present.add(name)
        for info, cell in table_cells(table, name):
            cells[_INDEX[info.path]] = cell
    return cells, present


# --- the search -----------------------------------------------------------------------------


def _solve_pair(
    i: int, j: int, residuals: Mapping[int, int], values: list[int]
) -> tuple[int, int] | None:
    """The changes of cells *i* and *j* that make every equation hold, if there is one."""
    d_i: int | None = None
    d_j: int | None = None
    both: list[tuple[int, int, int]] = []
    for e in set(_EQUATIONS_OF[i]) | set(_EQUATIONS_OF[j]):
        terms = _EQUATIONS[e].terms
        a, b = terms.get(i, 0), terms.get(j, 0)
        target = -residuals.get(e, 0)
        if b == 0:
            if d_i is not None and d_i != target * a:
                return None
            d_i = target * a
        elif a == 0:
            if d_j is not None and d_j != target * b:
                return None
            d_j = target * b
        else:
            both.append((a, b, target))
    for a, b, target in both:
        if d_i is None and d_j is not None:
            d_i = (target - b * d_j) * a
        elif d_j is None and d_i is not None:
            d_j = (target - a * d_i) * b
        if d_i is None or d_j is None or a * d_i + b * d_j != target:
            return None
    if not d_i or not d_j:
        return None
    if values[i] + d_i < 0 or values[j] + d_j < 0:
        return None
    return d_i, d_j


def _search(
    broken: Mapping[int, int], values: list[int], usable: list[bool]
) -> list[tuple[tuple[int, int], ...]]:
    """Every repair of the fewest cells (one or two), as ``((index, change), ...)``."""
    broken_set = set(broken)
    singles: list[tuple[tuple[int, int], ...]] = []
    candidates = {i for e in broken for i in _EQUATIONS[e].terms}
    for i in sorted(candidates):
        if not usable[i] or set(_EQUATIONS_OF[i]) != broken_set:
            continue
        changes = {-broken[e] * _EQUATIONS[e].terms[i] for e in _EQUATIONS_OF[i]}
        if len(changes) == 1:
            (change,) = changes
            if values[i] + change >= 0:
                singles.append(((i, change),))
    if singles:
        return singles
    first = min(broken, key=lambda e: len(_EQUATIONS[e].terms))
    pairs: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
    for i in _EQUATIONS[first].terms:
        if not usable[i]:
            continue
        rest = broken_set.difference(_EQUATIONS_OF[i])
        if rest:
            others: set[int] = set.intersection(*(set(_EQUATIONS[e].terms) for e in rest))
        else:
            others = {j for e in _EQUATIONS_OF[i] for j in _EQUATIONS[e].terms}
        for j in others:
            key = (min(i, j), max(i, j))
            if j == i or not usable[j] or key in pairs:
                continue
            solved = _solve_pair(key[0], key[1], broken, values)
            if solved is not None:
                pairs[key] = ((key[0], solved[0]), (key[1], solved[1]))
    return list(pairs.values())


# --- plausibility -----------------------------------------------------------------------------


def _digit_slip(printed: str, value: str) -> bool:
    if len(printed) == len(value):
        return sum(a != b for a, b in zip(printed, value, strict=True)) == 1
    short, long = sorted((printed, value), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _transposition(printed: str, value: str) -> bool:
    if len(printed) != len(value) or printed == value:
        return False
    differ = [k for k, (a, b) in enumerate(zip(printed, value, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and printed[differ[0]] == value[differ[1]]
        and printed[differ[1]] == value[differ[0]]
    )


def _slip(index: int, printed: int, value: int, consistent: Mapping[int, int]) -> Slip:
    if any(consistent[n] == printed and printed != 0 for n in _NEIGHBOURS[index]):
        return "shift"
    if _transposition(str(printed), str(value)):
        return "transposition"
    if _digit_slip(str(printed), str(value)):
        return "digit"
    if index in _TOTALS:
        return "total"
    return "arbitrary"


_SLIP_RANK: Final[Mapping[Slip, int]] = {
    "shift": 0,
    "transposition": 0,
    "digit": 0,
    "total": 1,
    "arbitrary": 2,
}


def _repair(
    found: tuple[tuple[int, int], ...], cells: list[Cell[int] | None], values: list[int]
) -> tuple[tuple[int, ...], Repair]:
    consistent = {i: values[i] for i in range(len(values))}
    for i, change in found:
        consistent[i] = values[i] + change
    changes: list[Change] = []
    ranks: list[int] = []
    for i, _ in found:
        printed = cells[i]
        assert printed is not None  # usable cells are present
        slip = _slip(i, values[i], consistent[i], consistent)
        changes.append(Change(_PATHS[i], printed, consistent[i], slip))
        ranks.append(_SLIP_RANK[slip])
    codes = {_EQUATIONS[e].code for i, _ in found for e in _EQUATIONS_OF[i]}
    rules = tuple(code for code in _ARITHMETIC if code in codes)
    parts = sum(i not in _TOTALS for i, _ in found)
    size = sum(abs(change) for _, change in found)
    key = (sum(ranks), parts, size, *sorted(i for i, _ in found))
    return key, Repair(tuple(changes), rules)


def _broken(report: Report) -> tuple[dict[int, int], list[Cell[int] | None], list[int]]:
    cells, present = _cells(report)
    values = [0 if cell is None or cell.value is None else cell.value for cell in cells]
    broken: dict[int, int] = {}
    for e, (table, plus, minus) in enumerate(_SIDES):
        if table in present:
            residual = sum([values[i] for i in plus]) - sum([values[i] for i in minus])
            if residual:
                broken[e] = residual
    return broken, cells, values


def repairs(report: Report) -> list[Repair]:
    """The smallest repairs of the arithmetic rules, most plausible first.

    Each :class:`Repair` changes the fewest printed cells (one or two) that make
    T3-BALANCE, T3-ROW-TOTAL, T3-OUTCOME-TOTAL and T4-TOTAL hold; every repair of
    that size is listed. Empty when the rules hold, and empty too when no change
    of one or two cells makes them hold (see :func:`repair_summary`, which tells
    the two apart).

    Repairs of the same size are ranked by plausibility: first those whose every
    change undoes a recognisable slip (a figure of the neighbouring column, two
    neighbouring digits swapped, one digit mistyped, dropped or doubled); then
    those that change a total disagreeing with intact parts before those that
    change a part; then the smaller change; then form order.
    """
    broken, cells, values = _broken(report)
    if not broken:
        return []
    usable = [cell is not None for cell in cells]
    found = _search(broken, values, usable)
    ranked = sorted((_repair(r, cells, values) for r in found), key=lambda kr: kr[0])
    return [repair for _, repair in ranked]


Status = Literal["consistent", "repaired", "needs-person"]


def repair_summary(report: Report) -> dict[str, Any]:
    """Repairs of *report* as JSON-able data, for ``check --format json``.

    ``status`` is ``consistent`` (every arithmetic rule holds), ``repaired``
    (``repairs`` lists the smallest repairs, best first) or ``needs-person`` (no
    change of one or two cells makes the rules hold). ``best`` is the line
    :func:`repair_lines` prints first, or ``None``.
    """
    return explain(report)[1]


def explain(report: Report, *, limit: int = 3) -> tuple[list[str], dict[str, Any]]:
    """What ``check`` prints under a report's findings, and what ``--format json`` carries.

    The repair search runs once: the lines are those of :func:`repair_lines`, the
    data that of :func:`repair_summary`.
    """
    broken, _, _ = _broken(report)
    found = repairs(report) if broken else []
    status: Status = "consistent" if not broken else ("repaired" if found else "needs-person")
    lines = _lines(status, found)
    data = {
        "status": status,
        "best": lines[0] if found else None,
        "repairs": [
            {
                "rules": list(repair.rules),
                "changes": [
                    {
                        "path": change.path,
                        "label": change.label,
                        "printed": _printed_json(change.printed),
                        "value": change.value,
                        "slip": change.slip,
                    }
                    for change in repair.changes
                ],
            }
            for repair in found
        ],
    }
    if len(lines) > limit:
        lines = [*lines[:limit], f"另有 {len(lines) - limit} 种同样少的改动"]
    return lines, data


def _printed_json(cell: Cell[int]) -> int | str | None:
    return "/" if cell.not_applicable else cell.value


def _lines(status: Status, found: list[Repair]) -> list[str]:
    if status == "needs-person":
        return ["无法定位错误：改动一处或两处数字都不能使各项勾稽关系成立，需人工核对"]
    if not found:
        return []
    lines = [f"最可能的错误：{found[0]}"]
    lines += [f"同样少的改动：{repair}" for repair in found[1:]]
    return lines


def repair_lines(report: Report, *, limit: int = 3) -> list[str]:
    """The lines ``check`` prints under the findings: the best repair first.

    ``最可能的错误：（三）不予公开·3.危及“三安全一稳定”·自然人 表中为 5，应为 4``,
    then up to ``limit − 1`` other repairs of the same size (and how many more),
    or one line saying that the report needs a person. Empty when every
    arithmetic rule holds.
    """
    return explain(report, limit=limit)[0]


def best_repair(report: Report) -> Repair | None:
    """The most plausible smallest repair, or ``None`` (consistent, or it needs a person)."""
    found = repairs(report)
    return found[0] if found else None
