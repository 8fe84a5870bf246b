"""Checking many files: data files and published reports, one process or several.

Used by ``gov-disclosure check``. Each file becomes a :class:`FileResult`
(plain, picklable data) so that worker processes can send results back.
"""

from __future__ import annotations

import functools
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

from ._checks import check, check_years
from ._errors import DataError, NotAReportError, ReadError
from ._files import load
from ._findings import Finding
from ._model import Report
from .readers import read

T = TypeVar("T")

#: Suffixes of data files (loaded) and of published reports (read).
DATA_SUFFIXES: Final = frozenset({".json", ".toml"})
REPORT_SUFFIXES: Final = frozenset({".html", ".htm", ".shtml", ".md", ".markdown", ".txt", ".pdf"})


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
    """Why the file could not be loaded or read, one line per problem."""
    skipped: str | None = None
    """Why a file found in a folder was passed over: it is no report (a README beside them)."""
    report: Report | None = attrs.field(default=None, eq=False, repr=False)
    """The report itself, kept only when asked for (the cross-year checks need it)."""

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)


@attrs.frozen
class Target:
    """A file to check, and whether it was named (not found in a folder)."""

    path: Path
    named: bool = True


def collect(paths: Iterable[str]) -> tuple[list[Target], list[str]]:
    """The files named, and the reports and data files of the folders named (recursively);
    with a problem line for each path that does not exist."""
    files: list[Target] = []
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += [
                Target(p, named=False)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in DATA_SUFFIXES | REPORT_SUFFIXES
            ]
        elif path.is_file():
            files.append(Target(path))
        else:
            missing.append(f"{name}: no such file or folder")
    return files, missing


def check_file(target: Target, *, keep_report: bool = False) -> FileResult:
    """Load (data file) or read (published report) one file, and check it."""
    path = target.path
    file = os.fspath(path)
    findings: tuple[Finding, ...]
    try:
        if path.suffix.lower() in DATA_SUFFIXES:
            kind, report = "data", load(path)
            findings = tuple(check(report))
        else:  # reading findings, then the checks' with the source line of their row
            result = read(path)
            kind, report = result.format, result.report
            findings = (*result.findings, *result.located(check(report)))
    except DataError as exc:
        return FileResult(file, "data", problems=tuple(str(p) for p in exc.problems))
    except NotAReportError as exc:
        if not target.named:
            return FileResult(file, "published", skipped=exc.reason)
        return FileResult(file, "published", problems=(exc.reason,))
    except ReadError as exc:
        return FileResult(file, "published", problems=(exc.reason,))
    return FileResult(
        file,
        kind,
        report.agency.name,
        report.year,
        findings,
        report=report if keep_report else None,
    )


def _check_and_finish(target: Target, *, keep_report: bool, finish: Callable[[FileResult], T]) -> T:
    return finish(check_file(target, keep_report=keep_report))


def check_files(
    files: Sequence[Target],
    finish: Callable[[FileResult], T],
    *,
    jobs: int = 1,
    keep_reports: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[T]:
    """``finish(result)`` of every file checked, yielded in order as each is done.

    With *jobs* > 1 the files are checked in that many processes, and *finish*
    runs there too (a module-level function, to be pickled): formatting a
    result where it was made spares sending its findings between processes.
    Nothing is kept: a caller streams the results out.
    """
    outcomes: Iterator[T]
    executor = None
    check_one = functools.partial(_check_and_finish, keep_report=keep_reports, finish=finish)
    if jobs > 1 and len(files) > 1:
        executor = ProcessPoolExecutor(max_workers=jobs)
        chunk = max(1, min(64, len(files) // (jobs * 8)))
        outcomes = executor.map(check_one, files, chunksize=chunk)
    else:
        outcomes = map(check_one, files)
    try:
        for done, result in enumerate(outcomes, start=1):
            if progress is not None:
                progress(done, len(files))
            yield result
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)


def cross_year(results: Sequence[FileResult]) -> list[FileResult]:
    """The results with the cross-year findings added, reports grouped by agency name."""
    by_agency: dict[str, list[tuple[int, int]]] = {}
    for index, result in enumerate(results):
        if result.report is not None:
            by_agency.setdefault(result.report.agency.name, []).append((result.report.year, index))
    updated = list(results)
    for years in by_agency.values():
        years.sort()
        for (year, before), (next_year, after) in itertools.pairwise(years):
            previous, current = results[before].report, results[after].report
            if next_year != year + 1 or previous is None or current is None:
                continue
            found = check_years(previous, current)
            updated[after] = attrs.evolve(
                updated[after], findings=(*updated[after].findings, *found)
            )
    return updated


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


def result_data(result: FileResult) -> dict[str, Any]:
    """A file's result as JSON-ready data."""
    return {
        "file": result.file,
        "kind": result.kind,
        "agency": result.agency,
        "year": result.year,
        "errors": result.errors,
        "warnings": sum(f.severity == "warning" for f in result.findings),
        "findings": [finding_data(f) for f in result.findings],
        "problems": list(result.problems),
        "skipped": result.skipped,
    }


class Progress:
    """A one-line progress bar on stderr, drawn only for a terminal and many files."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.enabled = enabled and total >= 20 and sys.stderr.isatty()
        self.step = max(1, total // 100)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (done % self.step and done != total):
            return
        width = 30
        filled = width * done // total
        bar = "█" * filled + "·" * (width - filled)
        sys.stderr.write(f"\r{bar} {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
