"""The library's exceptions: every problem with bad input, named by its place.

A :class:`Problem` says what is wrong twice: in English (``message``, for
programs and logs) and in Chinese (``message_zh``, for the clerk who fills in
the data file), and names its place by data path and, where the data-file layer
knows it, by the official label (``三、收到和处理政府信息公开申请情况·（七）总计·自然人``).
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

__all__ = ["Complaint", "DataError", "Language", "NotAReportError", "Problem", "ReadError"]

Language = Literal["en", "zh"]


class Complaint:
    """What is wrong with one value, in English and in Chinese, without its place.

    ``toml`` holds the wording for a TOML file where it differs (TOML has no
    null: a blank cell is a key left out). A plain slotted class: validators
    make one for every refused value, and the module is imported by every program.
    """

    __slots__ = ("en", "toml", "zh")

    def __init__(self, en: str, zh: str, toml: tuple[str, str] | None = None) -> None:
        self.en = en
        self.zh = zh
        self.toml = toml

    def __repr__(self) -> str:
        return f"Complaint({self.en!r}, {self.zh!r}, toml={self.toml!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Complaint):
            return NotImplemented
        return (self.en, self.zh, self.toml) == (other.en, other.zh, other.toml)

    def __hash__(self) -> int:
        return hash((self.en, self.zh, self.toml))

    def for_toml(self) -> Complaint:
        """The wording for a TOML data file."""
        return self if self.toml is None else Complaint(*self.toml)


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    ``path`` is a data path (``applications.received.natural_person``,
    ``overview.subsections[2].heading``) or ``""`` for the whole input;
    ``line`` and ``column`` are set when the problem has a place in a text file.
    ``message`` is English; ``message_zh`` the same in Chinese (``None`` when
    only English is known), and ``label`` the official label of the path.
    ``str(problem)`` is the English line; :meth:`describe` gives either.
    """

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    message_zh: str | None = attrs.field(default=None, kw_only=True)
    label: str | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        return self.describe("en")

    def describe(self, lang: Language = "en") -> str:
        """The problem on one line, with its place.

        >>> problem = Problem(
        ...     "year",
        ...     "must be >= 2008, got 1999",
        ...     message_zh="应为 2008 至 2100 之间的整数，现为 1999",
        ...     label="年度",
        ... )
        >>> problem.describe()
        'year: must be >= 2008, got 1999'
        >>> problem.describe("zh")
        '年度（year）：应为 2008 至 2100 之间的整数，现为 1999'
        """
        if lang == "zh":
            return self._zh()
        where = self.path
        if self.line is not None:
            place = f"line {self.line}" + (f", column {self.column}" if self.column else "")
            where = f"{where} ({place})" if where else place
        return f"{where}: {self.message}" if where else self.message

    def _zh(self) -> str:
        message = self.message if self.message_zh is None else self.message_zh
        where = self.path
        if where and self.label:
            where = f"{self.label}（{where}）"
        if self.line is not None:
            place = f"第 {self.line} 行" + (f"第 {self.column} 列" if self.column else "")
            where = f"{where}（{place}）" if where else place
        return f"{where}：{message}" if where else message


class DataError(ValueError):
    """A data file or dictionary is not a valid report.

    The message lists every problem found, one per line, each with its data
    path; ``problems`` holds them for programs, ``source`` names the file.
    :meth:`lines` gives one line per problem, in English or Chinese.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], source: str | None = None):
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        head = f"{self.source}: " if self.source else ""
        if len(self.problems) == 1:
            return f"{head}{self.problems[0]}"
        lines = [f"{head}{len(self.problems)} problems"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled whole (a worker process or a Dask cluster sends it back), not by its message.
        return (type(self), (self.problems, self.source))

    def lines(self, lang: Language = "en") -> list[str]:
        """One line per problem, each starting with the file's name when it is known.

        ``lines("zh")`` is what a clerk reads: the official label, the data path
        and what to write instead, in Chinese.
        """
        head = f"{self.source}: " if self.source else ""
        return [f"{head}{problem.describe(lang)}" for problem in self.problems]


class ReadError(ValueError):
    """A published report could not be read at all (empty, not a report, unreadable).

    A report that is only partly readable is not an error: the reader returns
    what it read with findings that say what it could not. ``reason`` is the
    message without the file name, ``source`` the file.
    """

    def __init__(self, message: str, source: str | None = None):
        self.source = source
        self.reason = message
        super().__init__(f"{source}: {message}" if source else message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.reason, self.source))


class NotAReportError(ReadError):
    """The input is no annual report at all: empty, binary, or without a report's title.

    A :class:`ReadError`; ``gov-disclosure check`` skips such files when it
    finds them in a folder (a ``README.md`` beside the reports), and reports
    them when they are named.
    """
