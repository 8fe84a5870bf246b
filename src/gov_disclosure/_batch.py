"""Checking many files: data files and published reports, one process or several.

Used by ``gov-disclosure check``. Each file becomes a :class:`FileResult`
(plain, picklable data) so that worker processes can send results back.

Folders are walked lazily (:func:`walk`): one directory is listed at a time,
sorted, so results start at once and the order is the same on every run.
:func:`check_targets` keeps a bounded number of files in flight, so the main
process does not grow with the number of files. With a time budget, every
file is checked in a worker process that is killed and replaced when a file
runs past it: a regular expression or a PDF filter stuck in C code cannot be
interrupted any other way.
"""

from __future__ import annotations

import collections
import itertools
import os
import stat
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from ._checks import check, check_years
from ._errors import DataError, NotAReportError, Problem, ReadError
from ._files import DataFormat, load, loads, parse_toml
from ._findings import Finding
from ._model import Report

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .readers import ReadResult

__all__ = [
    "DATA_SUFFIXES",
    "DEFAULT_TIMEOUT",
    "INPUT_LIMIT",
    "REPORT_SUFFIXES",
    "STDIN",
    "FileResult",
    "Target",
    "agency_key",
    "check_file",
    "check_targets",
    "collect",
    "cross_year",
    "describe",
    "finding_data",
    "finished",
    "load_target",
    "result_data",
    "sniff_data",
    "unchanged",
    "unexpected",
    "walk",
]

T = TypeVar("T")

#: Suffixes of data files (loaded) and of published reports (read).
DATA_SUFFIXES: Final = frozenset({".json", ".toml"})
REPORT_SUFFIXES: Final = frozenset(
    {".html", ".htm", ".shtml", ".md", ".markdown", ".txt", ".pdf", ".docx"}
)
_SUFFIXES: Final = DATA_SUFFIXES | REPORT_SUFFIXES
#: The name that means standard input (or output).
STDIN: Final = "-"
#: Seconds one file may take to load or read and check (``check --timeout``).
DEFAULT_TIMEOUT: Final = 30.0
#: The most bytes read from standard input, a pipe or a device: the readers' own limit.
INPUT_LIMIT: Final = 64 * 1024 * 1024
#: Files handed to workers beyond those printed: bounds the memory of the main process.
_IN_FLIGHT_PER_JOB: Final = 8
#: Files given to one worker at a time: the next is at hand when one is done.
_PER_WORKER: Final = 2
_NEVER: Final = float("inf")


@attrs.frozen
class FileResult:
    """What checking one file found: its findings, or why it could not be read."""

    file: str
    kind: str
    """``data`` (a data file) or the format a published report was read as."""
    agency: str | None = None
    year: int | None = None
    findings: tuple[Finding, ...] = ()
    problems: tuple[str, ...] = ()
    """Why the file could not be loaded or read, one line per problem: in Chinese for a
    data file's problems (the official label, the data path and what to write instead)."""
    problems_en: tuple[str, ...] = ()
    """The same problems in English (empty when they are only known in one language)."""
    skipped: str | None = None
    """Why a file found in a folder was passed over: it is no report (a README beside them)."""
    repairs: tuple[str, ...] = ()
    """The lines printed under the findings of a report with arithmetic errors: the most
    likely wrong figures (:func:`._repairs.explain`), or that the report needs a person."""
    repair_data: dict[str, Any] | None = attrs.field(default=None, hash=False, repr=False)
    """Every smallest repair as JSON-ready data (``None`` when no arithmetic rule breaks)."""
    report: Report | None = attrs.field(default=None, eq=False, repr=False)
    """The report itself, kept only when asked for (the cross-year checks need it)."""

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)


@attrs.frozen
class Target:
    """A file to check, and whether it was named (not found in a folder).

    ``data`` holds the bytes of standard input (the path is then ``-``).
    """

    path: Path = attrs.field(converter=Path)
    named: bool = True
    data: bytes | None = attrs.field(default=None, repr=False)
    agency: str | None = None
    """The agency of a published report that does not name it (``--agency``)."""
    year: int | None = None
    """The report year of a published report that does not state it (``--year``)."""

    @property
    def name(self) -> str:
        """The file as printed: its path, or ``<stdin>``."""
        return "<stdin>" if self.data is not None else os.fspath(self.path)


def describe(exc: BaseException) -> str:
    """An exception on one line: its type and message, shortened."""
    text = " ".join(str(exc).split()) or "no message"
    if len(text) > 200:
        text = text[:199] + "…"
    return f"{type(exc).__name__}: {text}"


def unexpected(exc: BaseException) -> str:
    """The problem line of a file that raised what the library did not expect."""
    return f"could not be processed ({describe(exc)})"


# --- finding the files -------------------------------------------------------------------------


def walk(
    paths: Iterable[str],
    *,
    missing: Callable[[str], None],
    warn: Callable[[str], None],
    stdin: Callable[[], bytes] | None = None,
) -> Iterator[Target]:
    """The files named, and the reports and data files of the folders named (recursively).

    Lazy: a folder is listed one directory at a time, each sorted by name, so
    the order is that of the sorted paths. A path that does not exist goes to
    *missing*; a folder without any report, or one that cannot be listed, to
    *warn*. ``-`` is standard input, read by *stdin*.
    """
    for name in paths:
        if name == STDIN and stdin is not None:
            yield Target(Path(STDIN), data=stdin())
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for target in _folder(path, warn):
                found = True
                yield target
            if not found:
                warn(f"{name}: no data files or reports in this folder")
        elif path.exists():
            yield Target(path)
        else:
            missing(f"{name}: no such file or folder")


def collect(paths: Iterable[str]) -> tuple[list[Target], list[str]]:
    """Every file of *paths* at once, and a line for each path that does not exist or
    folder that gives nothing (as :func:`walk` tells them). :func:`walk` is the lazy form."""
    lines: list[str] = []
    files = list(walk(paths, missing=lines.append, warn=lines.append))
    return files, lines


def _folder(folder: Path, warn: Callable[[str], None]) -> Iterator[Target]:
    """The files of one folder and its subfolders, in the order of their sorted paths.

    Only this folder's names are held, to sort them (the names alone, of subfolders
    and files to check): a folder of 20,000 files costs about 2 MiB while it is
    walked, the same files spread over folders less.
    """
    names: list[str] = []
    folders: set[str] = set()
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                kind = _entry_kind(entry)
                if kind == "dir":
                    folders.add(entry.name)
                    names.append(entry.name)
                elif kind == "file" and os.path.splitext(entry.name)[1].lower() in _SUFFIXES:
                    names.append(entry.name)
    except OSError as exc:
        warn(f"{folder}: folder cannot be read ({exc.strerror or exc}): skipped")
        return
    names.sort()
    for name in names:
        # Joined as text: ``folder / name`` would intern each name held here (pathlib interns
        # the parts it is given), growing the table of interned strings with the folder.
        path = Path(os.path.join(folder, name))
        if name in folders:
            yield from _folder(path, warn)
        else:
            yield Target(path, named=False)


def _entry_kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_dir(follow_symlinks=False):  # a link to a folder could loop
            return "dir"
        return "file" if entry.is_file() else "other"
    except OSError:
        return "other"


# --- one file ----------------------------------------------------------------------------------


def sniff_data(data: bytes) -> DataFormat | None:
    """The data format of bytes given without a name (standard input), or ``None`` for a
    published report: a JSON object, or TOML with a ``year`` or an ``[agency]``."""
    text = data[:INPUT_LIMIT].decode("utf-8-sig", errors="replace").lstrip()
    if text.startswith("{"):
        return "json"
    try:
        parsed = parse_toml(text)
    except (ValueError, RecursionError):
        return None
    return "toml" if "year" in parsed or "agency" in parsed else None


def load_target(target: Target) -> tuple[str, Report, ReadResult | None]:
    """The report of a file: ``(kind, report, reading)``, ``reading`` for a published report.

    Raises :class:`DataError` or :class:`ReadError` (the library's errors) only.
    """
    name = target.name
    if target.data is not None:
        fmt = sniff_data(target.data)
        if fmt is not None:
            try:
                text = target.data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise DataError([Problem("", f"not UTF-8 text (byte {exc.start})")], name) from None
            return "data", loads(text, fmt, source=name), None
    elif target.path.suffix.lower() in DATA_SUFFIXES:
        return "data", load(target.path), None
    from .readers import parse, read  # loaded here, on first use: a data file needs no reader

    if target.data is not None:
        result = parse(target.data, source=name, agency=target.agency, year=target.year)
    elif _regular(target.path):
        result = read(target.path, agency=target.agency, year=target.year)
    else:  # a pipe or a device (/dev/zero): the same limit as a file
        result = parse(_capped(target.path), source=name, agency=target.agency, year=target.year)
    return result.format, result.report, result


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let the reader say what is wrong


def _capped(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(INPUT_LIMIT + 1)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), os.fspath(path)) from None


def check_file(target: Target | str | os.PathLike[str], *, keep_report: bool = False) -> FileResult:
    """Load (data file) or read (published report) one file, and check it.

    Never raises for a bad file: what the library does not expect either (a
    recursion too deep, a figure too long) becomes a problem of this file.
    """
    if not isinstance(target, Target):
        target = Target(Path(target))
    file = target.name
    findings: tuple[Finding, ...]
    try:
        kind, report, reading = load_target(target)
        if reading is None:
            findings = tuple(check(report))
        else:  # reading findings, then the checks' with the source line of their row
            findings = (*reading.findings, *reading.located(check(report)))
        lines, data = _repairs(report, findings)
        return FileResult(
            file,
            kind,
            report.agency.name,
            report.year,
            findings,
            repairs=lines,
            repair_data=data,
            report=report if keep_report else None,
        )
    except DataError as exc:
        return FileResult(
            file,
            "data",
            problems=tuple(p.describe("zh") for p in exc.problems),
            problems_en=tuple(p.describe("en") for p in exc.problems),
        )
    except NotAReportError as exc:
        if not target.named:
            return FileResult(file, "published", skipped=exc.reason)
        return FileResult(file, "published", problems=(exc.reason,))
    except ReadError as exc:
        return FileResult(file, "published", problems=(exc.reason,))
    except Exception as exc:  # the catch-all guard: a file never stops the batch
        return FileResult(file, _kind(target), problems=(unexpected(exc),))


def _repairs(
    report: Report, findings: Sequence[Finding]
) -> tuple[tuple[str, ...], dict[str, Any] | None]:
    """The repair lines and data of a report whose arithmetic rules break (else nothing)."""
    if not any(f.severity == "error" for f in findings):
        return (), None
    from ._repairs import explain

    lines, data = explain(report)
    if data["status"] == "consistent":
        return (), None
    return tuple(lines), data


def _kind(target: Target) -> str:
    """The kind of a file that could not be checked: by its suffix."""
    return "data" if target.path.suffix.lower() in DATA_SUFFIXES else "published"


def unchanged(result: FileResult) -> FileResult:
    """The result itself: the ``finish`` of a run that wants whole results back (a
    module-level function, so that it can be sent to a worker)."""
    return result


def finished(result: FileResult, finish: Callable[[FileResult], T]) -> T:
    """``finish(result)``; if that raises, ``finish`` of a result naming the failure instead."""
    try:
        return finish(result)
    except Exception as exc:  # formatting failed (a figure too long to print …)
        return finish(FileResult(result.file, result.kind, problems=(unexpected(exc),)))


# --- many files --------------------------------------------------------------------------------


def check_targets(
    files: Iterable[Target],
    finish: Callable[[FileResult], T],
    *,
    jobs: int = 1,
    timeout: float | None = None,
    keep_reports: bool = False,
) -> Iterator[T]:
    """``finish(result)`` of every file checked, yielded in the order of *files* as each is done.

    With *jobs* > 1, or a *timeout* (seconds per file), the files are checked
    in that many worker processes, and *finish* runs there too (a module-level
    function, to be pickled): formatting a result where it was made spares
    sending its findings between processes. A file past the *timeout* is a
    problem line (its worker is killed and replaced), and so is a worker that
    dies. *files* is consumed lazily and nothing is kept but the few files in
    flight: a caller streams the results out.

    With one job, data files are checked here, without a worker, up to the first
    file that needs one: loading and checking a data file takes time linear in
    its size, so the time budget is for published reports (a reader may hang in
    C code: a regular expression, lxml, a PDF filter), pipes and standard input.
    A single data file is then checked without starting a process.
    """
    files = iter(files)
    if jobs <= 1:
        for target in files:
            if timeout and not _bounded(target):
                files = itertools.chain((target,), files)
                break
            yield finished(check_file(target, keep_report=keep_reports), finish)
        else:
            return
    yield from _Pool(finish, max(1, jobs), timeout or None, keep_reports).run(files)


def _bounded(target: Target) -> bool:
    """Whether checking *target* takes time bounded by its size: a regular data file."""
    return (
        target.data is None
        and target.path.suffix.lower() in DATA_SUFFIXES
        and _regular(target.path)
    )


def _context() -> Any:
    # fork starts a worker in milliseconds with the library already imported; elsewhere spawn.
    # multiprocessing is imported here, when a worker is needed: it costs start-up time.
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _serve(connection: Connection, finish: Callable[[FileResult], Any], keep: bool) -> None:
    """A worker: check each target received and send back ``(index, finish(result))``."""
    import signal  # here, in a worker: a command that starts none needs no signal module

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, target = task
        outcome = finished(check_file(target, keep_report=keep), finish)
        try:
            connection.send((index, outcome))
        except (OSError, ValueError):
            return
        except Exception as exc:  # could not be pickled
            failed = FileResult(target.name, _kind(target), problems=(unexpected(exc),))
            connection.send((index, finished(failed, finish)))


class _Worker:
    """One worker process and the files given to it, in the order it checks them.

    Two files are given at a time, so that a worker never waits for the main
    process between files; the time budget runs for the first of them, from
    when the worker could start on it.
    """

    def __init__(self, context: Any, finish: Callable[[FileResult], Any], keep: bool) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, finish, keep), daemon=True, name="gov-disclosure-check"
        )
        self.process.start()
        child.close()
        self.queue: collections.deque[tuple[int, Target]] = collections.deque()
        self.deadline = _NEVER

    def give(self, index: int, target: Target, timeout: float | None) -> None:
        if not self.queue:
            self.deadline = time.monotonic() + timeout if timeout else _NEVER
        self.queue.append((index, target))
        self.connection.send((index, target))

    def done(self, index: int, timeout: float | None) -> None:
        """The first file came back: the budget now runs for the next."""
        if not self.queue or self.queue[0][0] != index:
            raise RuntimeError(f"a worker sent file {index} out of turn")
        self.queue.popleft()
        self.deadline = time.monotonic() + timeout if timeout and self.queue else _NEVER

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class _Pool:
    """Worker processes with a time budget per file; results in order, a bounded window."""

    def __init__(
        self,
        finish: Callable[[FileResult], Any],
        jobs: int,
        timeout: float | None,
        keep: bool,
    ) -> None:
        self.finish, self.jobs, self.timeout, self.keep = finish, jobs, timeout, keep
        from multiprocessing.connection import wait

        self.context, self.wait = _context(), wait
        self.workers: list[_Worker] = []
        self.retry: collections.deque[tuple[int, Target]] = collections.deque()

    def run(self, files: Iterable[Target]) -> Iterator[Any]:
        pending = enumerate(files)
        done: dict[int, Any] = {}
        given = printed = 0
        window = self.jobs * _IN_FLIGHT_PER_JOB
        exhausted = False
        waiting: tuple[int, Target] | None = None  # taken from *files*, not yet given
        try:
            while True:
                while self.retry and (worker := self._free(self.retry[0][1])) is not None:
                    worker.give(*self.retry.popleft(), self.timeout)
                while not exhausted and given - printed < window:
                    if waiting is None:
                        waiting = next(pending, None)
                        if waiting is None:
                            exhausted = True
                            break
                    worker = self._free(waiting[1])
                    if worker is None:
                        break
                    worker.give(*waiting, self.timeout)
                    waiting = None
                    given += 1
                while printed in done:
                    yield done.pop(printed)
                    printed += 1
                if not self.retry and not any(w.queue for w in self.workers):
                    if exhausted and waiting is None:
                        break
                    continue  # the window moved on: give out more files first
                done.update(self._collect())
        finally:
            for worker in self.workers:
                worker.stop()

    def _free(self, target: Target) -> _Worker | None:
        """The worker with the fewest files given, if it has room; a new one while fewer
        than *jobs* run. Bytes of standard input go to an idle worker only: sent to a busy
        one, they could fill the pipe while the worker fills its own with a result, and
        both would wait for ever."""
        if len(self.workers) < self.jobs and all(w.queue for w in self.workers):
            self.workers.append(_Worker(self.context, self.finish, self.keep))
        worker = min(self.workers, key=lambda w: len(w.queue))
        room = 1 if target.data is not None else _PER_WORKER
        return worker if len(worker.queue) < room else None

    def _collect(self) -> list[tuple[int, Any]]:
        """Wait for a worker to send results (or to run out of time); the outcomes that came."""
        busy = [worker for worker in self.workers if worker.queue]
        nearest = min(worker.deadline for worker in busy)
        wait_for = None if nearest == _NEVER else max(0.0, nearest - time.monotonic())
        handles: list[Any] = [w.connection for w in busy] + [w.process.sentinel for w in busy]
        ready = set(self.wait(handles, timeout=wait_for))
        outcomes: list[tuple[int, Any]] = []
        for worker in busy:
            try:
                while worker.queue and worker.connection.poll():
                    index, outcome = worker.connection.recv()
                    worker.done(index, self.timeout)
                    outcomes.append((index, outcome))
            except (EOFError, OSError):
                outcomes.append(self._lost(worker, _died(worker)))
                continue
            if not worker.queue:
                continue
            if worker.process.sentinel in ready or not worker.process.is_alive():
                outcomes.append(self._lost(worker, _died(worker)))
            elif worker.deadline <= time.monotonic():
                reason = f"stopped after {self.timeout:g} s (--timeout): took too long to check"
                outcomes.append(self._lost(worker, reason))
        return outcomes

    def _lost(self, worker: _Worker, reason: str) -> tuple[int, Any]:
        """The outcome of the file a worker was stopped on; the files given after it go to
        another worker, and a fresh worker takes its place."""
        index, target = worker.queue.popleft()
        self.retry.extendleft(reversed(worker.queue))
        worker.queue.clear()
        worker.stop()
        self.workers.remove(worker)
        result = FileResult(target.name, _kind(target), problems=(reason,))
        return index, finished(result, self.finish)


def _died(worker: _Worker) -> str:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"status {code}"
    return f"the process checking it died ({how}): out of memory?"


# --- across years ------------------------------------------------------------------------------


def agency_key(name: str) -> str:
    """An agency's name as compared across files: full-width forms and spaces do not count."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def cross_year(results: Sequence[FileResult]) -> tuple[list[FileResult], list[str]]:
    """The results with the cross-year findings added, reports grouped by agency; and warnings.

    One agency written two ways (full-width and half-width brackets, spaces) is
    one agency, with a warning; the same agency and year twice (a PDF and its
    text) is compared once, with the first of them, and a warning.
    """
    warnings: list[str] = []
    by_agency: dict[str, dict[int, list[int]]] = {}
    names: dict[str, dict[str, str]] = {}
    for index, result in enumerate(results):
        if result.report is None:
            continue
        name = result.report.agency.name
        key = agency_key(name)
        by_agency.setdefault(key, {}).setdefault(result.report.year, []).append(index)
        names.setdefault(key, {}).setdefault(name, result.file)
    for spelled in names.values():
        if len(spelled) > 1:
            ways = "；".join(f"“{name}”（{file}）" for name, file in spelled.items())
            warnings.append(f"one agency written {len(spelled)} ways, compared as one: {ways}")
    updated = list(results)
    for years in by_agency.values():
        for year, indexes in sorted(years.items()):
            if len(indexes) > 1:
                files = ", ".join(results[i].file for i in indexes)
                warnings.append(
                    f"the same report twice ({results[indexes[0]].agency} {year}): {files}; "
                    f"compared across years as {results[indexes[0]].file}"
                )
        for (year, before), (next_year, after) in itertools.pairwise(sorted(years.items())):
            if next_year != year + 1:
                continue
            previous = results[before[0]].report
            for index in after:
                current = results[index].report
                if previous is None or current is None:
                    continue
                found = check_years(previous, current)
                updated[index] = attrs.evolve(
                    updated[index], findings=(*updated[index].findings, *found)
                )
    return updated, warnings


# --- as data -----------------------------------------------------------------------------------


def finding_data(finding: Finding) -> dict[str, Any]:
    """A finding as JSON-ready data (numbers as JSON numbers, amounts as strings)."""

    def number(value: int | Decimal | None) -> int | str | None:
        return str(value) if isinstance(value, Decimal) else value

    return {
        "code": finding.code,
        "severity": finding.severity,
        "path": finding.path,
        "message": finding.message,
        "title": finding.rule.title,
        "cells": list(finding.cells),
        "printed": number(finding.printed),
        "computed": number(finding.computed),
        "difference": number(finding.difference),
        "line": finding.line,
        "excerpt": finding.excerpt,
    }


def _english(result: FileResult) -> tuple[str, ...]:
    """The English form of each problem line (a problem known only in one language as it is)."""
    if len(result.problems_en) == len(result.problems):
        return result.problems_en
    return result.problems


def result_data(result: FileResult, *, errors_only: bool = False) -> dict[str, Any]:
    """A file's result as JSON-ready data; *errors_only* lists the errors alone, and the
    counts stay those of every finding."""
    shown = [f for f in result.findings if f.severity == "error" or not errors_only]
    return {
        "file": result.file,
        "kind": result.kind,
        "agency": result.agency,
        "year": result.year,
        "errors": result.errors,
        "warnings": sum(f.severity == "warning" for f in result.findings),
        "notes": sum(f.severity == "info" for f in result.findings),
        "findings": [finding_data(f) for f in shown],
        "problems": [
            {"message": message, "message_en": english}
            for message, english in zip(result.problems, _english(result), strict=True)
        ],
        "repairs": result.repair_data,
        "skipped": result.skipped,
    }
