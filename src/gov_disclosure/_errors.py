"""The library's exceptions: every problem with bad input, named by its place."""

from __future__ import annotations

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    ``path`` is a data path (``applications.received.natural_person``,
    ``overview.subsections[2].heading``) or ``""`` for the whole input;
    ``line`` and ``column`` are set when the problem has a place in a text file.
    """

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            place = f"line {self.line}" + (f", column {self.column}" if self.column else "")
            where = f"{where} ({place})" if where else place
        return f"{where}: {self.message}" if where else self.message


class DataError(ValueError):
    """A data file or dictionary is not a valid report.

    The message lists every problem found, one per line, each with its data
    path; ``problems`` holds them for programs, ``source`` names the file.
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


class NotAReportError(ReadError):
    """The input is no annual report at all: empty, binary, or without a report's title.

    A :class:`ReadError`; ``gov-disclosure check`` skips such files when it
    finds them in a folder (a ``README.md`` beside the reports), and reports
    them when they are named.
    """
