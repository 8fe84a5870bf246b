"""The cell: one figure of a table as the report states it."""

from __future__ import annotations

from decimal import Decimal
from typing import Final, Generic, Literal, TypeAlias, TypeVar

import attrs

__all__ = ["NOT_APPLICABLE", "Amount", "Cell", "Count", "NotApplicable"]

N = TypeVar("N", int, Decimal)

NotApplicable: TypeAlias = Literal["/"]
"""The type of the one token that writes a cell as not applicable."""

#: How a not-applicable cell is printed and written in a data file: ``/``.
NOT_APPLICABLE: Final[NotApplicable] = "/"


@attrs.frozen(repr=False)
class Cell(Generic[N]):
    """One cell of a table, exactly as stated.

    A cell holds a number, or is **blank** (printed empty: ``value is None``),
    or is **not applicable** (printed ``/``). Blank is not 0 and ``/`` is not 0;
    the checks count both as 0 in a sum and warn about them. A cell may carry a
    note printed after its number, as in ``22（其中修订16件）``.

    >>> Cell(22, note="其中修订16件")
    Cell(22, note='其中修订16件')
    """

    value: N | None = None
    not_applicable: bool = attrs.field(default=False, kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.not_applicable and self.value is not None:
            msg = f"a not-applicable cell holds no number: {self.value!r}"
            raise ValueError(msg)

    def __repr__(self) -> str:
        note = "" if self.note is None else f"note={self.note!r}"
        if self.not_applicable:
            return f"Cell.na({note})"
        return f"Cell({', '.join(x for x in (repr(self.value), note) if x)})"

    @classmethod
    def blank(cls, *, note: str | None = None) -> Cell[N]:
        """A cell printed empty."""
        return cls(note=note)

    @classmethod
    def na(cls, *, note: str | None = None) -> Cell[N]:
        """A cell printed ``/`` (not applicable)."""
        return cls(not_applicable=True, note=note)

    @property
    def is_number(self) -> bool:
        """Whether the cell states a number."""
        return self.value is not None

    @property
    def is_blank(self) -> bool:
        """Whether the cell is printed empty (not ``/``)."""
        return self.value is None and not self.not_applicable

    @property
    def number(self) -> N | int:
        """The value for arithmetic: the number, or 0 for a blank or ``/`` cell."""
        return 0 if self.value is None else self.value


Count: TypeAlias = Cell[int]
"""A cell counting documents, decisions, applications or cases."""

Amount: TypeAlias = Cell[Decimal]
"""A cell holding an amount of money (in 万元 in table 二, in 元 for 信息处理费)."""
