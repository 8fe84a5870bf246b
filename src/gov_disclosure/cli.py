"""The ``gov-disclosure`` command: new, check, export, totals, render, read, rules, schema.

Exit status: 0 when no errors were found, 1 when a check found errors (or
``render --strict`` refused), 2 for bad input (a file that cannot be loaded
or read, a bad option, nothing to check), 3 when the command itself failed.
Problems are printed one per line as ``file: place: what is wrong``, never as
a traceback; a data file's problems in Chinese, naming the official label and
the data path (``…·自然人（applications.received.natural_person）：应为不小于 0
的整数，现为 -1``). ``export`` exits with 0 when every file gave its row,
whatever the rows' findings.

Results go to standard output and status lines ("wrote …"), warnings and
problems to standard error. ``-`` is standard input or output wherever a file
is taken or written. ``-q`` silences the status lines, warnings and the
progress bar of every command; problems are always printed. ``--format json``
gives the results of ``check``, ``totals`` and ``rules`` to programs, and
``check --format html`` one summary page. ``check`` and ``export`` run the
per-file work in ``--jobs`` processes, each file within ``--timeout`` seconds,
or on a Dask cluster (``--scheduler``). A file is
written to a temporary file beside it and then renamed into place, and never
onto an input (``totals`` writes its own file back, by design).
"""

from __future__ import annotations

import argparse
import codecs
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TextIO, TypeVar

import attrs

from . import __version__
from ._atomic import atomic_file
from ._batch import (
    DATA_SUFFIXES,
    DEFAULT_TIMEOUT,
    INPUT_LIMIT,
    STDIN,
    FileResult,
    Target,
    check_targets,
    cross_year,
    describe,
    load_target,
    result_data,
    sniff_data,
    unchanged,
    unexpected,
    walk,
)
from ._checks import check
from ._convert import to_dict
from ._errors import DataError, ReadError
from ._files import DataFormat, dumps, loads
from ._findings import RULES, Finding
from ._form import CELLS, SECTION_BY_NAME, label
from ._model import AGENCY_KINDS, Agency, Report
from ._toml import dumps_toml

T = TypeVar("T")

OK: Final = 0
ERRORS_FOUND: Final = 1
BAD_INPUT: Final = 2
FAILURE: Final = 3

_GENERAL: Final = "报告信息"
#: The suffixes ``render -o`` writes for a ``--to`` format (the first is the one to suggest);
#: a format of the renderers' registry not listed here writes ``.<format>`` (``.docx``).
RENDER_SUFFIXES: Final[dict[str, tuple[str, ...]]] = {
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "text": (".txt", ".tsv", ".text"),
}


def _render_formats() -> tuple[str, ...]:
    """The formats of the renderers' registry (the renderers are imported here, on first use)."""
    from .renderers._dispatch import RENDERERS

    return tuple(RENDERERS)


def _render_suffixes(fmt: str) -> tuple[str, ...]:
    return RENDER_SUFFIXES.get(fmt, (f".{fmt}",))


class _RenderFormats:
    """``render --to``'s choices: the renderers' registry, looked up only when ``render`` is
    run or its help printed, so that the other commands do not import the renderers."""

    def __contains__(self, name: object) -> bool:
        return name in _render_formats()

    def __iter__(self) -> Iterator[str]:
        return iter(_render_formats())

    def __len__(self) -> int:
        return len(_render_formats())


class _BadInputError(Exception):
    """Bad input: printed as one line per problem, exit status 2."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class _RefusedError(Exception):
    """The command refused on purpose (``render --strict``): one line, exit status 1."""


# --- the parser --------------------------------------------------------------------------------


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1: {text!r}")
    return number


def _seconds(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0: {text!r}")
    return number


@attrs.frozen
class _Command:
    """A subcommand: its name, help and examples, its options, and what it does."""

    name: str
    help: str
    examples: tuple[str, ...]
    options: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no status lines, warnings or progress bar on standard error (problems still)",
    )


def _format(parser: argparse.ArgumentParser, *, html: bool = False) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json", "html") if html else ("text", "json"),
        default="text",
        help="results as text for people (default) or as JSON for programs"
        + (", or one HTML summary page (-o summary.html)" if html else ""),
    )


def _output(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help=f"file to write, - for {default}")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter (examples kept as written), as wide as the terminal.

    argparse makes one for every option it is given, and by default asks
    :func:`shutil.get_terminal_size` for the width: importing shutil (with zlib,
    bz2 and lzma) costs about 2 ms of start-up, for a width only help text needs.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """The terminal's width as shutil finds it: ``$COLUMNS``, the terminal, or 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns or 80


def _parser(command_given: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with *command_given*, only that command gets its options
    (the others are listed by name: building every option costs start-up time)."""
    parser = argparse.ArgumentParser(
        prog="gov-disclosure",
        description=(
            "政府信息公开工作年度报告 (国办公开办函〔2021〕30号): write a report as a data "
            "file, check every 勾稽关系, render it, and read published reports."
        ),
        epilog=_examples(
            "gov-disclosure new --agency 中卫市司法局 --year 2025 --kind department",
            "gov-disclosure check examples/zhongwei-justice-2024.toml",
            "gov-disclosure render examples/zhongwei-justice-2024.toml --to html -o report.html",
            "gov-disclosure check reports/ --years --format json",
        ),
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.help,
            description=command.help,
            epilog=_examples(*command.examples),
            formatter_class=_HelpFormatter,
        )
        if command_given in (None, command.name):
            command.options(sub)
            _quiet(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    if argv is None:
        argv = sys.argv[1:]
    command_given = next((arg for arg in argv if not arg.startswith("-")), "")
    args = _parser(command_given).parse_args(argv)
    try:
        return int(args.run(args))
    except _BadInputError as failure:
        for line in failure.lines:
            print(line, file=sys.stderr)
        return BAD_INPUT
    except _RefusedError as refusal:
        print(refusal, file=sys.stderr)
        return ERRORS_FOUND
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # | head closed the pipe: stop quietly
        _quiet_pipes()
        return OK
    except Exception as exc:  # the command itself failed: one line, never a traceback
        print(f"gov-disclosure {args.command}: failed ({describe(exc)})", file=sys.stderr)
        try:
            sys.stdout.flush()
        except (OSError, ValueError):  # standard output itself failed (a full disk)
            _quiet_pipes()
        return FAILURE


def _quiet_pipes() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# --- input and output --------------------------------------------------------------------------


class _Console:
    """Results to standard output; status lines, warnings and problems to standard error.

    A progress bar (tqdm) is drawn on standard error only when it is a terminal
    and the command is not ``-q``; it is cleared while a line is written, so it
    never mixes with them.
    """

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def out(self, text: str) -> None:
        self._write(sys.stdout, text)

    def problem(self, text: str) -> None:
        self._write(sys.stderr, text)

    def status(self, text: str) -> None:
        if not self.quiet:
            self._write(sys.stderr, text)

    def _write(self, stream: TextIO, text: str) -> None:
        if not text:
            return
        if self.bar is None or not stream.isatty():
            stream.write(text)
            return
        with self.bar.external_write_mode(file=stream):
            stream.write(text)
            stream.flush()

    def progress(self, items: Iterable[Any], unit: str) -> Iterator[Any]:
        """*items*, with a progress bar while they come (on a terminal only)."""
        if self.quiet or not sys.stderr.isatty():
            yield from items
            return
        from tqdm import tqdm  # type: ignore[import-untyped]

        tqdm.monitor_interval = 0  # no monitor thread: workers are started by fork
        with tqdm(unit=f" {unit}", file=sys.stderr, leave=False, dynamic_ncols=True) as bar:
            self.bar = bar
            try:
                for item in items:
                    yield item
                    bar.update()
            finally:
                self.bar = None


def _stdin() -> bytes:
    data = sys.stdin.buffer.read(INPUT_LIMIT + 1)
    if len(data) > INPUT_LIMIT:
        raise _BadInputError(f"<stdin>: more than {INPUT_LIMIT:,} bytes")
    return data


def _target(path: str) -> Target:
    if path == STDIN:
        return Target(Path(STDIN), data=_stdin())
    if not Path(path).exists():
        raise _BadInputError(f"{path}: no such file")
    if Path(path).is_dir():
        raise _BadInputError(f"{path}: a folder, not a file")
    return Target(Path(path))


def _report(target: Target) -> tuple[Report, tuple[Finding, ...]]:
    """A report from a data file (by its suffix) or a published report, with reading findings."""
    try:
        _, report, reading = load_target(target)
    except DataError as exc:
        raise _BadInputError(*_zh(target.name, exc)) from None
    except ReadError as exc:
        raise _BadInputError(f"{target.name}: {exc.reason}") from None
    except Exception as exc:  # whatever the file does to the library, it is bad input
        raise _BadInputError(f"{target.name}: {unexpected(exc)}") from None
    return report, reading.findings if reading is not None else ()


def _zh(source: str, error: DataError) -> list[str]:
    """A data file's problems as a clerk reads them: the official label, the data path and
    what to write instead, in Chinese."""
    return [f"{source}: {problem.describe('zh')}" for problem in error.problems]


def _output_path(output: str | None, inputs: Sequence[str], suffixes: Sequence[str]) -> str | None:
    """The file to write (``None``: standard output), refused before anything is read when
    its suffix is not one of *suffixes*, its folder does not exist, or it is an input."""
    if output is None or output == STDIN:
        return None
    path = Path(output)
    if suffixes and path.suffix.lower() not in suffixes:
        raise _BadInputError(
            f"{output}: cannot write a {path.suffix or 'suffix-less'} file here "
            f"(use {', '.join(suffixes)})"
        )
    if path.is_dir():
        raise _BadInputError(f"{output}: a folder, not a file")
    if not path.parent.is_dir():
        raise _BadInputError(f"{output}: the folder {path.parent} does not exist")
    for name in inputs:
        if name != STDIN and path.exists() and _same_file(path, Path(name)):
            raise _BadInputError(f"{output}: is the input {name}; write to another file")
    return output


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _write(content: str | bytes, output: str | None) -> None:
    """Write to standard output (``None``), or atomically to a file (:func:`.atomic_file`):
    an interrupted run never leaves half a file. Text is written as UTF-8, bytes as they are."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        return
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        with atomic_file(output) as stream:
            stream.write(data)
    except OSError as exc:
        raise _BadInputError(f"{output}: cannot write ({exc.strerror or exc})") from None


# --- new ---------------------------------------------------------------------------------------


def _new_options(new: argparse.ArgumentParser) -> None:
    new.add_argument("--agency", required=True, help="the agency's full name (机关名称)")
    new.add_argument("--year", required=True, type=int, help="the report year (年度)")
    new.add_argument("--kind", choices=sorted(AGENCY_KINDS), help="department or government")
    _output(new, "standard output (default: <agency><year>.toml)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")


def _new(args: argparse.Namespace) -> int:
    console = _Console(quiet=args.quiet)
    name = args.output or f"{args.agency}{args.year}.toml"
    output = _output_path(name, (), (".toml",))
    if output is not None and Path(output).exists() and not args.force:
        raise _BadInputError(f"{output}: exists already (use --force to overwrite)")
    try:
        report = Report.template(Agency(args.agency, kind=args.kind), args.year)
    except DataError as exc:  # told in Chinese, by the option that gave the value
        options = {"name": "--agency", "year": "--year", "kind": "--kind"}
        lines = []
        for problem in exc.problems:
            option = options.get(problem.path, problem.path)
            lines.append(f"gov-disclosure new {option}：{problem.message_zh or problem.message}")
        raise _BadInputError(*lines) from None
    except ValueError as exc:
        raise _BadInputError(f"gov-disclosure new: {exc}") from None
    _write(dumps_toml(report, template=True), output)
    if output is not None:
        console.status(
            f"wrote {output}: fill in the figures and text, "
            f"then run: gov-disclosure check {output}\n"
        )
    return OK


# --- check -------------------------------------------------------------------------------------


def _walk_options(parser: argparse.ArgumentParser) -> None:
    """--jobs, --timeout and --scheduler: where and how long the per-file work runs."""
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="processes to use (default: 1)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help=(
            f"time one file may take (default: {DEFAULT_TIMEOUT:g}); a file past it is a "
            "problem line and the run goes on; 0 for no limit. With one job, data files "
            "are checked without starting a process, and so without a limit: their time "
            "is linear in their size"
        ),
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the per-file work on a Dask cluster (tcp://host:8786; the 'dask' extra); "
        "same results and order as a local run",
    )


def _source_options(parser: argparse.ArgumentParser) -> None:
    """--agency and --year: for a published report (an excerpt) that does not state them."""
    parser.add_argument(
        "--agency",
        metavar="NAME",
        help="the agency of a published report that does not name it (an excerpt)",
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="the report year of a published report that does not state it",
    )


def _hints(args: argparse.Namespace) -> dict[str, Any]:
    """The --agency and --year given, for every published report the command reads."""
    hints = {"agency": getattr(args, "agency", None), "year": getattr(args, "year", None)}
    return {name: value for name, value in hints.items() if value is not None}


def _check_options(check_: argparse.ArgumentParser) -> None:
    check_.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders; - for standard input"
    )
    _format(check_, html=True)
    _output(check_, "standard output (--format html only; default: standard output)")
    check_.add_argument(
        "--years", action="store_true", help="also check consecutive years of each agency"
    )
    _walk_options(check_)
    _source_options(check_)
    check_.add_argument(
        "--errors-only",
        action="store_true",
        help="list errors alone (the counts stay those of every finding)",
    )


def _per_file(
    args: argparse.Namespace,
    finish: Callable[[FileResult], T],
    *,
    missing: Callable[[str], None],
    warn: Callable[[str], None],
    keep_reports: bool = False,
) -> Iterator[T]:
    """``finish(result)`` of every file of ``args.paths``, in order: checked here (``--jobs``,
    ``--timeout``) or on a Dask cluster (``--scheduler``, where a path may be an fsspec URL
    read by the workers). The folders are walked lazily, as the work gets on."""
    if args.scheduler is None:
        timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
        targets = walk(args.paths, missing=missing, warn=warn, stdin=_stdin)
        if hints := _hints(args):
            targets = (attrs.evolve(target, **hints) for target in targets)
        return check_targets(
            targets, finish, jobs=args.jobs or 1, timeout=timeout or None, keep_reports=keep_reports
        )
    given = [name for name, value in (("--jobs", args.jobs), ("--timeout", args.timeout)) if value]
    if given:
        raise _BadInputError(
            f"{' and '.join(given)}: for a local run; with --scheduler the cluster's workers "
            "check the files"
        )
    from ._cluster import check_targets as check_on_cluster
    from ._cluster import walk_targets

    items = walk_targets(args.paths, missing=missing, warn=warn, stdin=_stdin)
    if hints := _hints(args):
        items = (attrs.evolve(item, **hints) for item in items)
    try:
        results = check_on_cluster(items, finish, client=args.scheduler, keep_reports=keep_reports)
    except ImportError as exc:
        raise _BadInputError(f"--scheduler: {exc}") from None
    except (ConnectionError, OSError, ValueError) as exc:
        raise _BadInputError(f"--scheduler {args.scheduler}: {describe(exc)}") from None
    return _cluster_errors(results, args.scheduler)


def _cluster_errors(results: Iterator[T], scheduler: str) -> Iterator[T]:
    """*results*; what the cluster raises while they come (a URL's folder that fsspec cannot
    list, the scheduler gone) is a one-line error naming the scheduler, not a traceback."""
    try:
        yield from results
    except ImportError as exc:
        raise _BadInputError(f"--scheduler: {exc}") from None
    except (ConnectionError, OSError) as exc:
        raise _BadInputError(f"--scheduler {scheduler}: {describe(exc)}") from None


@attrs.frozen
class _Outcome:
    """A checked file as the command prints it: its output, and the counts of the summary."""

    out: str
    err: str
    """Problem lines: always printed."""
    note: str
    """Status lines (a file skipped): not under ``-q``."""
    unreadable: bool
    errors: bool
    skipped: bool


def _outcome(result: FileResult, *, fmt: str, errors_only: bool) -> _Outcome:
    if fmt == "json":
        out, err, note = (
            json.dumps(result_data(result, errors_only=errors_only), ensure_ascii=False),
            "",
            "",
        )
    else:
        shown = result
        if errors_only:
            findings = tuple(f for f in result.findings if f.severity == "error")
            shown = attrs.evolve(result, findings=findings)
        out, err, note = _text(shown)
    skipped = result.skipped is not None
    return _Outcome(out, err, note, bool(result.problems), bool(result.errors), skipped)


def _safe_outcome(result: FileResult, finish: Callable[[FileResult], _Outcome]) -> _Outcome:
    try:
        return finish(result)
    except Exception as exc:  # a result that cannot be printed is the file's problem
        return finish(FileResult(result.file, result.kind, problems=(unexpected(exc),)))


def _check(args: argparse.Namespace) -> int:
    console = _Console(quiet=args.quiet)
    fmt = args.format
    output: str | None = None
    if fmt == "html":
        output = _output_path(args.output, args.paths, RENDER_SUFFIXES["html"])
    elif args.output not in (None, STDIN):
        raise _BadInputError(
            f"{args.output}: -o is for --format html; text and JSON results go to "
            "standard output (redirect it)"
        )
    missing: list[str] = []
    warnings: list[str] = []

    def on_missing(line: str) -> None:
        missing.append(line)
        console.problem(line + "\n")

    def on_warning(line: str) -> None:
        warnings.append(line)
        console.status(f"warning: {line}\n")

    finish = functools.partial(
        _outcome, fmt="json" if fmt == "json" else "text", errors_only=args.errors_only
    )
    outcomes: Iterable[_Outcome]
    kept: list[FileResult] = []
    if args.years or fmt == "html":  # needs every report at hand, in this process
        kept = list(
            console.progress(
                _per_file(args, unchanged, missing=on_missing, warn=on_warning, keep_reports=True),
                "files",
            )
        )
        if args.years:
            kept, found = cross_year(kept)
            for line in found:
                on_warning(line)
        outcomes = (_safe_outcome(result, finish) for result in kept)
    else:  # results stream out one by one, formatted where they were checked
        outcomes = console.progress(
            _per_file(args, finish, missing=on_missing, warn=on_warning), "files"
        )
    count = unreadable = with_errors = skipped = 0
    if fmt == "json":  # one file a line: valid JSON, never all held at once
        console.out('{"files": [')
    for outcome in outcomes:
        if fmt == "json":
            console.out(("\n" if count == 0 else ",\n") + outcome.out)
        else:
            if fmt == "text":
                console.out(outcome.out)
            console.problem(outcome.err)
            console.status(outcome.note)
        count += 1
        unreadable += outcome.unreadable
        with_errors += outcome.errors
        skipped += outcome.skipped
    if count == skipped and not missing:
        on_missing(f"{' '.join(args.paths)}: nothing to check: no data file or report found")
    if fmt == "json":
        summary = {
            "files": count,
            "with_errors": with_errors,
            "unreadable": unreadable,
            "skipped": skipped,
        }
        tail = {"missing": missing, "warnings": warnings, "summary": summary}
        console.out("\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
    else:
        if fmt == "html" and count > skipped:
            from ._summary import summary_html

            base = Path(output).parent if output is not None else None
            _write(summary_html(kept, base=base), output)
            if output is not None:
                console.status(f"wrote {output}\n")
        if count > 1:
            console.status(
                f"{count} files: {with_errors} with errors, {unreadable} unreadable"
                + (f", {skipped} skipped" if skipped else "")
                + "\n"
            )
    if missing or unreadable:
        return BAD_INPUT
    return ERRORS_FOUND if with_errors else OK


def _group(finding: Finding) -> str:
    """The section a finding belongs to, by its data path."""
    head = finding.path.removeprefix("previous.").split(".")[0]
    section = SECTION_BY_NAME.get(head)
    return section.heading if section is not None else _GENERAL


def _text(result: FileResult) -> tuple[str, str, str]:
    """A file's findings for people, grouped by section: (results, problems, status lines)."""
    if result.skipped is not None:
        return "", "", f"{result.file}: skipped, not a report ({result.skipped})\n"
    if result.problems:
        return "", "".join(f"{result.file}: {problem}\n" for problem in result.problems), ""
    counts = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for word, severity in (("error", "error"), ("warning", "warning"), ("note", "info"))
        if (n := sum(f.severity == severity for f in result.findings))
    ]
    summary = ", ".join(counts) or "no findings"
    lines = [f"{result.file} — {result.agency} {result.year}年: {summary}"]
    order = {s.heading: s.number for s in SECTION_BY_NAME.values()}
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(_group(finding), []).append(finding)
    headings = sorted(groups, key=lambda h: order.get(h, 0))
    # The repairs go under the findings they explain: after the last section with an error.
    explained = [h for h in headings if any(f.severity == "error" for f in groups[h])]
    for heading in headings:
        lines.append(f"  {heading}")
        lines += [f"    {sev:7} {code:24} {text}" for sev, code, text in _lines(groups[heading])]
        if explained and heading == explained[-1]:
            lines += [f"  {line}" for line in result.repairs]
    return "\n".join(lines) + "\n", "", ""


#: Findings of one row told on one line: the code, and what the cells are.
_ROW_GROUPED: Final = {"CELL-BLANK": "空白", "CELL-NOT-APPLICABLE": "为“/”（不适用）"}


def _lines(findings: Sequence[Finding]) -> list[tuple[str, str, str]]:
    """Findings as printed lines; the blank cells of one row are told on one line, and so
    are its ``/`` cells."""
    lines: list[tuple[str, str, str]] = []
    rows: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        if finding.code in _ROW_GROUPED and finding.path in CELLS:
            row = CELLS[finding.path].label.rpartition("·")[0]
            if (finding.code, row) not in rows:
                rows[finding.code, row] = []
                lines.append(("", finding.code, row))  # filled in below
            rows[finding.code, row].append(finding)
            continue
        where = f" (line {finding.line})" if finding.line is not None else ""
        lines.append((finding.severity, finding.code, finding.message + where))
    for index, (severity, code, row) in enumerate(lines):
        if severity or (code, row) not in rows:
            continue
        cells = rows.pop((code, row))
        if len(cells) == 1:
            lines[index] = (cells[0].severity, code, cells[0].message)
        else:
            columns = "、".join(CELLS[f.path].labels[-1] for f in cells)
            what = _ROW_GROUPED[code]
            message = f"{row}：{len(cells)} 格{what}（{columns}），计为 0"
            lines[index] = (cells[0].severity, code, message)
    return lines


# --- export ------------------------------------------------------------------------------------

#: The formats ``export`` writes, by suffix.
EXPORT_SUFFIXES: Final = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}


def _export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders; - for standard input"
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the .csv, .jsonl or .parquet file to write; - for standard output (with --to)",
    )
    export.add_argument(
        "--to",
        choices=tuple(EXPORT_SUFFIXES.values()),
        help="format (default: by the -o suffix; csv for standard output)",
    )
    export.add_argument(
        "--encoding",
        help="text encoding of CSV or JSON lines (default: UTF-8, with a byte-order mark for "
        "CSV so that Excel and WPS open it; gb18030 for older software)",
    )
    _walk_options(export)
    _source_options(export)


@attrs.frozen
class _Row:
    """An exported file: its record (``None`` for a file skipped), and the lines to print."""

    record: dict[str, Any] | None
    problems: tuple[str, ...] = ()
    note: str | None = None


def _export_row(result: FileResult) -> _Row:
    """The record of a checked file, made where it was checked (a worker) so that only the
    record travels back; a file that could not be read still gives its row."""
    from ._export import to_record

    if result.skipped is not None:
        return _Row(None, note=f"{result.file}: skipped, not a report ({result.skipped})")
    problems = tuple(f"{result.file}: {problem}" for problem in result.problems)
    return _Row(to_record(result), problems)


def _export_format(args: argparse.Namespace) -> tuple[str, str | None]:
    """The export format and the file to write (``None``: standard output), refused before
    anything is read when the suffix, the format or the encoding will not do."""
    output = _output_path(args.output, args.paths, tuple(EXPORT_SUFFIXES))
    fmt: str = args.to or (
        "csv" if output is None else EXPORT_SUFFIXES[Path(output).suffix.lower()]
    )
    if (
        output is not None
        and args.to is not None
        and EXPORT_SUFFIXES[Path(output).suffix.lower()] != fmt
    ):
        raise _BadInputError(f"{output}: --to {fmt} writes a .{fmt} file")
    if fmt == "parquet":
        if args.encoding is not None:
            raise _BadInputError("--encoding: Parquet is binary; an encoding is for csv or jsonl")
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            raise _BadInputError(
                f"{args.output}: writing Parquet needs pyarrow, the 'parquet' extra: "
                "pip install 'gov_disclosure[parquet]'"
            )
        if output is None and sys.stdout.isatty():
            raise _BadInputError("-o -: Parquet is binary, not text for a terminal: redirect it")
    elif args.encoding is not None:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise _BadInputError(f"--encoding {args.encoding}: no such encoding") from None
    return fmt, output


def _export(args: argparse.Namespace) -> int:
    from ._export import write_records

    console = _Console(quiet=args.quiet)
    fmt, output = _export_format(args)
    missing: list[str] = []
    failed = skipped = 0

    def on_missing(line: str) -> None:
        missing.append(line)
        console.problem(line + "\n")

    def on_warning(line: str) -> None:
        console.status(f"warning: {line}\n")

    def records(rows: Iterable[_Row]) -> Iterator[dict[str, Any]]:
        nonlocal failed, skipped
        for row in rows:
            if row.problems:
                failed += 1
                console.problem("".join(f"{line}\n" for line in row.problems))
            if row.note is not None:
                skipped += 1
                console.status(row.note + "\n")
            if row.record is not None:
                yield row.record

    made = _per_file(args, _export_row, missing=on_missing, warn=on_warning, keep_reports=True)
    rows = records(console.progress(made, "files"))
    count = _write_export(rows, output, fmt, args.encoding, write_records)
    if count == 0 and not missing:
        on_missing(f"{' '.join(args.paths)}: nothing to export: no data file or report found")
    where = output if output is not None else "standard output"
    plural = "s" if count != 1 else ""
    console.status(
        f"wrote {where}: {count} row{plural}"
        + (f"; {failed} could not be read (their rows give the problems)" if failed else "")
        + (f"; {skipped} skipped" if skipped else "")
        + "\n"
    )
    return BAD_INPUT if missing or failed else OK


def _write_export(
    rows: Iterable[dict[str, Any]],
    output: str | None,
    fmt: str,
    encoding: str | None,
    write_records: Callable[..., int],
) -> int:
    """Write the records: atomically to a file (a temporary file renamed into place), or to
    standard output (Parquet through a temporary file: it is written with seeks)."""
    if output is not None:
        try:
            count: int = write_records(rows, output, fmt=fmt, encoding=encoding)
        except OSError as exc:
            raise _BadInputError(f"{output}: cannot write ({exc.strerror or exc})") from None
        return count
    sys.stdout.flush()
    if fmt == "parquet":
        import shutil
        import tempfile

        with tempfile.TemporaryFile() as scratch:
            count = write_records(rows, scratch, fmt=fmt)
            scratch.seek(0)
            shutil.copyfileobj(scratch, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return count
    if encoding is None:
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="")
    try:
        count = write_records(rows, stream, fmt=fmt)
        stream.flush()
    finally:
        stream.detach()  # standard output stays open
    return count


# --- totals ------------------------------------------------------------------------------------


def _totals_options(totals: argparse.ArgumentParser) -> None:
    totals.add_argument(
        "path", metavar="PATH", help="a .toml or .json data file; - for standard input"
    )
    _output(totals, "standard output (default: PATH itself)")
    _format(totals)


def _cell(obj: Any, path: str) -> Any:
    """The cell at a data path, or ``None`` where a part on the way is absent."""
    for name in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _data_at(data: Any, path: str) -> Any:
    for name in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(name)
    return data


def _totals(args: argparse.Namespace) -> int:
    console = _Console(quiet=args.quiet)
    path = args.path
    if path != STDIN and Path(path).suffix.lower() not in DATA_SUFFIXES:
        raise _BadInputError(f"{path}: totals works on a .toml or .json data file")
    output = _output_path(args.output or path, (), tuple(sorted(DATA_SUFFIXES)))
    target = _target(path)
    raw = target.data if target.data is not None else _read_bytes(target.path)
    fmt_in = sniff_data(raw) if target.data is not None else _suffix_format(path)
    if fmt_in is None:
        raise _BadInputError(f"{target.name}: not a data file (JSON or TOML)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _BadInputError(f"{target.name}: not UTF-8 text (byte {exc.start})") from None
    report = _loaded(text, fmt_in, target.name)
    try:
        completed = report.with_totals(recompute=True)
    except Exception as exc:  # a total too large to hold …: the file's problem
        raise _BadInputError(f"{target.name}: {unexpected(exc)}") from None
    changes = [
        (cell_path, before, after)
        for cell_path in CELLS
        if (before := _cell(report, cell_path)) != (after := _cell(completed, cell_path))
    ]
    fmt_out = _suffix_format(output) if output is not None else fmt_in
    if fmt_out != fmt_in:
        new_text = dumps(completed, fmt_out)
    else:  # the clerk's file, with only the totals changed
        data = to_dict(completed)
        values = {cell_path: _data_at(data, cell_path) for cell_path, _, _ in changes}
        new_text = _edit_toml(text, values) if fmt_in == "toml" else _edit_json(text, values)
        if raw.startswith(b"\xef\xbb\xbf"):
            new_text = "\ufeff" + new_text
    if _loaded(new_text.removeprefix("\ufeff"), fmt_out, "the file written") != completed:
        raise RuntimeError("the edited file does not hold the computed totals; nothing written")
    written = bool(changes) or output is None or not _same_file(Path(output), target.path)
    if written:
        _write(new_text, output)
    shown = console.out if output is not None else console.status
    if args.format == "json":
        data = {
            "file": target.name,
            "output": output or "<stdout>",
            "changed": [
                {
                    "path": cell_path,
                    "label": label(cell_path),
                    "before": _json_value(before.value if before is not None else None),
                    "after": _json_value(after.value if after is not None else None),
                }
                for cell_path, before, after in changes
            ],
        }
        (console.out if output is not None else console.problem)(
            json.dumps(data, ensure_ascii=False) + "\n"
        )
        return OK
    for cell_path, before, after in changes:
        old = "blank" if before is None or before.value is None else before.value
        new = "blank" if after is None or after.value is None else after.value
        shown(f"{label(cell_path)} ({cell_path}): {old} → {new}\n")
    plural = "s" if len(changes) != 1 else ""
    where = output if output is not None else "standard output"
    if written:
        console.status(f"wrote {where}: {len(changes)} total{plural} changed\n")
    else:
        console.status(f"{target.name}: every total is right already; the file is unchanged\n")
    return OK


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _suffix_format(path: str) -> DataFormat:
    return "json" if Path(path).suffix.lower() == ".json" else "toml"


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(INPUT_LIMIT + 1)
    except OSError as exc:
        raise _BadInputError(f"{path}: {exc.strerror or exc}") from None
    if len(data) > INPUT_LIMIT:
        raise _BadInputError(f"{path}: more than {INPUT_LIMIT:,} bytes")
    return data


def _loaded(text: str, fmt: DataFormat, source: str) -> Report:
    try:
        return loads(text, fmt, source=source)
    except DataError as exc:
        raise _BadInputError(*_zh(source, exc)) from None
    except Exception as exc:
        raise _BadInputError(f"{source}: {unexpected(exc)}") from None


def _edit_toml(text: str, values: dict[str, Any]) -> str:
    """The TOML text with the values at *values*' data paths replaced, and nothing else
    changed: comments, order and blank lines stay (tomlkit keeps the file's own layout)."""
    import tomlkit

    document = tomlkit.parse(text)
    for path, value in values.items():
        *parents, last = path.split(".")
        container: Any = document
        for depth, name in enumerate(parents):
            if name not in container:
                container[name] = tomlkit.table() if depth == 0 else tomlkit.inline_table()
            container = container[name]
        if value is None:
            if last in container:
                del container[last]
        elif isinstance(value, dict):  # a cell with a note: TOML has no null, so no value
            item = tomlkit.inline_table()
            item.update({key: part for key, part in value.items() if part is not None})
            container[last] = item
        else:
            container[last] = value
    return tomlkit.dumps(document)


def _edit_json(text: str, values: dict[str, Any]) -> str:
    """The JSON text with the values at *values*' data paths replaced: key order,
    indentation and number spelling stay."""
    numbers: list[str] = []

    def number(spelled: str) -> str:  # a placeholder, put back as it was spelled
        numbers.append(spelled)
        return f"\x00{len(numbers) - 1}\x00"

    data = json.loads(text, parse_float=number)
    for path, value in values.items():
        *parents, last = path.split(".")
        container = data
        for name in parents:
            if not isinstance(container.get(name), dict):
                container[name] = {}
            container = container[name]
        container[last] = value
    indent: str | None = None
    for line in text.splitlines()[1:]:
        if line.strip():
            indent = line[: len(line) - len(line.lstrip())] or None
            break
    ascii_only = text.isascii() and "\\u" in text
    result = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    for index, spelled in enumerate(numbers):
        result = result.replace(f'"\\u0000{index}\\u0000"', spelled, 1)
    if "\r\n" in text:
        result = result.replace("\n", "\r\n")
    return result + text[len(text.rstrip()) :]


# --- render ------------------------------------------------------------------------------------


def _render_options(render_: argparse.ArgumentParser) -> None:
    render_.add_argument(
        "path", metavar="PATH", help="a data file or a published report; - for standard input"
    )
    render_.add_argument(
        "--to",
        choices=_RenderFormats(),
        metavar="FORMAT",
        help="output format: %(choices)s (default: by the -o suffix, else markdown)",
    )
    _output(render_, "standard output (the default)")
    render_.add_argument(
        "--standalone", action="store_true", help="HTML: a whole page, not a fragment"
    )
    render_.add_argument(
        "--layout", choices=("aligned", "tsv"), help="text: table layout (default: aligned)"
    )
    render_.add_argument(
        "--strict",
        action="store_true",
        help="refuse (exit status 1) when the report has errors, instead of a warning",
    )


def _render_format(to: str | None, output: str | None) -> str:
    if output is None or output == STDIN:
        return to or "markdown"
    suffix = Path(output).suffix.lower()
    if to is None:
        for fmt in _render_formats():
            if suffix in _render_suffixes(fmt):
                return fmt
        known = ", ".join(s for fmt in _render_formats() for s in _render_suffixes(fmt))
        raise _BadInputError(
            f"{output}: cannot tell the format from {suffix or 'no suffix'!r} "
            f"(use {known}, or --to)"
        )
    if suffix not in _render_suffixes(to):
        raise _BadInputError(
            f"{output}: --to {to} writes {', '.join(_render_suffixes(to))} files, "
            f"not {suffix or 'no suffix'!r}"
        )
    return to


def _rendered(report: Report, options: dict[str, Any]) -> str | bytes:
    """The report in a renderer's format: text, or bytes for a binary format (Word)."""
    from .renderers import render

    try:
        result: str | bytes = render(report, **options)
    except ImportError as exc:  # the format's extra is not installed (python-docx …)
        raise _BadInputError(f"--to {options['fmt']}: {exc}") from None
    return result


def _render(args: argparse.Namespace) -> int:
    console = _Console(quiet=args.quiet)
    to = _render_format(args.to, args.output)
    for option, given, fmt in (
        ("--standalone", args.standalone, "html"),
        ("--layout", args.layout, "text"),
    ):
        if given and to != fmt:
            raise _BadInputError(f"{option} is for --to {fmt}, not --to {to}")
    output = _output_path(args.output, (args.path,), _render_suffixes(to))
    target = _target(args.path)
    report, reading = _report(target)
    errors = sum(f.severity == "error" for f in (*reading, *check(report)))
    if errors:
        line = f"{errors} 个错误：请先运行 gov-disclosure check {target.name} 查看并改正"
        if args.strict:
            raise _RefusedError(f"{line}（--strict：未写出）")
        console.status(f"{line}（仍已写出）\n")
    options: dict[str, Any] = {"fmt": to}
    if to == "html":
        options["standalone"] = args.standalone
    if to == "text":
        options["layout"] = args.layout or "aligned"
    content = _rendered(report, options)
    if isinstance(content, bytes) and output is None and sys.stdout.isatty():
        raise _BadInputError(
            f"--to {to} writes a binary file, not text for a terminal: "
            f"give -o report{_render_suffixes(to)[0]}, or redirect standard output"
        )
    _write(content, output)
    if output is not None:
        console.status(f"wrote {output}\n")
    return OK


# --- read --------------------------------------------------------------------------------------


def _read_options(read_: argparse.ArgumentParser) -> None:
    read_.add_argument("path", metavar="PATH", help="the published report; - for standard input")
    _source_options(read_)
    _output(read_, "standard output (the default)")
    read_.add_argument(
        "--to",
        choices=("json", "toml"),
        help="data format (default: by the -o suffix, else json)",
    )


def _read(args: argparse.Namespace) -> int:
    console = _Console(quiet=args.quiet)
    path = args.path
    if Path(path).suffix.lower() in DATA_SUFFIXES:
        raise _BadInputError(
            f"{path}: a data file, not a published report: "
            f"check it with gov-disclosure check {path}, or print it with gov-disclosure render"
        )
    output = _output_path(args.output, (path,), tuple(sorted(DATA_SUFFIXES)))
    fmt: DataFormat = args.to or (_suffix_format(output) if output is not None else "json")
    if output is not None and args.to is not None and _suffix_format(output) != args.to:
        raise _BadInputError(f"{output}: --to {args.to} writes a .{args.to} file")
    target = attrs.evolve(_target(path), **_hints(args))
    if target.data is not None and sniff_data(target.data) is not None:
        raise _BadInputError(
            "<stdin>: a data file, not a published report: use gov-disclosure check -"
        )
    report, findings = _report(target)
    for finding in findings:
        where = f" (line {finding.line})" if finding.line is not None else ""
        console.status(
            f"{target.name}: {finding.severity} {finding.code} {finding.message}{where}\n"
        )
    try:
        text = dumps(report, fmt)
    except Exception as exc:
        raise _BadInputError(f"{target.name}: {unexpected(exc)}") from None
    _write(text, output)
    if output is not None:
        console.status(f"wrote {output}\n")
    return OK


# --- rules, schema -----------------------------------------------------------------------------


def _rules_options(rules: argparse.ArgumentParser) -> None:
    _format(rules)
    rules.add_argument(
        "--json",
        action="store_const",
        dest="format",
        const="json",
        help="deprecated: the same as --format json",
    )


def _rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        data = [attrs.asdict(rule) for rule in RULES.values()]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return OK
    for rule in RULES.values():
        sys.stdout.write(f"{rule.code:24} {rule.severity:7} {rule.title}\n")
        sys.stdout.write(f"{'':24} {rule.formula}\n")
    return OK


def _schema_options(schema: argparse.ArgumentParser) -> None:
    _output(schema, "standard output (the default)")


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_json

    output = _output_path(args.output, (), (".json",))
    _write(schema_json(), output)
    if output is not None:
        _Console(quiet=args.quiet).status(f"wrote {output}\n")
    return OK


#: The subcommands, in the order of the help. Adding one is one entry here, its options and
#: its function.
COMMANDS: Final = (
    _Command(
        "new",
        "Write a TOML data file to fill in: every field present, labelled with its official name.",
        (
            "gov-disclosure new --agency 中卫市司法局 --year 2025 --kind department",
            "gov-disclosure new --agency 淮安市人民政府 --year 2025 --kind government -o 2025.toml",
        ),
        _new_options,
        _new,
    ),
    _Command(
        "check",
        "Check data files and published reports (folders are searched recursively).",
        (
            "gov-disclosure check examples/zhongwei-justice-2024.toml",
            "gov-disclosure check report.html report.pdf",
            "gov-disclosure check reports/ --years --jobs 2",
            "gov-disclosure check reports/ --format json > findings.json",
            "cat report.toml | gov-disclosure check -",
        ),
        _check_options,
        _check,
    ),
    _Command(
        "export",
        "Write data files and reports as one dataset: a row per report (agency, year, source, "
        "every cell by its data path, finding counts and codes) in CSV, JSON lines or Parquet.",
        (
            "gov-disclosure export reports/ -o reports.csv",
            "gov-disclosure export reports/ -o reports.csv --encoding gb18030",
            "gov-disclosure export reports/ -o reports.parquet --jobs 2",
            "gov-disclosure export reports/ -o - --to jsonl | head",
        ),
        _export_options,
        _export,
    ),
    _Command(
        "totals",
        "Compute every 总计 of a data file from its parts and write the file back: only the "
        "totals change, your comments, order and blank lines stay.",
        (
            "gov-disclosure totals report.toml",
            "gov-disclosure totals report.toml -o completed.toml",
        ),
        _totals_options,
        _totals,
    ),
    _Command(
        "render",
        "Print a report in a renderer's format: Markdown, HTML, plain text (and Word, "
        "where the renderers provide it).",
        (
            "gov-disclosure render examples/zhongwei-justice-2024.toml --to markdown",
            "gov-disclosure render report.toml --to html --standalone -o report.html",
            "gov-disclosure render report.toml --to text --layout tsv > report.txt",
        ),
        _render_options,
        _render,
    ),
    _Command(
        "read",
        "Read a published report (HTML, PDF, Markdown, text) into a data file.",
        (
            "gov-disclosure read report.pdf -o report.toml",
            "gov-disclosure read saved-portal-page.html > report.json",
        ),
        _read_options,
        _read,
    ),
    _Command(
        "rules",
        "List the rule catalogue.",
        ("gov-disclosure rules", "gov-disclosure rules --format json"),
        _rules_options,
        _rules,
    ),
    _Command(
        "schema",
        "Print the JSON Schema of the data file.",
        ("gov-disclosure schema > report.schema.json",),
        _schema_options,
        _schema,
    ),
)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
