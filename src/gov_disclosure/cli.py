"""The ``gov-disclosure`` command: new, check, totals, render, read, rules, schema.

Exit status: 0 when no errors were found, 1 when a check found errors (or
``render --strict`` refused), 2 for bad input (a file that cannot be loaded
or read, a bad option, nothing to check), 3 when the command itself failed.
Problems are printed one per line as ``file: place: what is wrong``, never as
a traceback.

Results go to standard output and status lines ("wrote …"), warnings and
problems to standard error. ``-`` is standard input or output wherever a file
is taken or written. ``-q`` silences the status lines, warnings and the
progress bar of every command; problems are always printed. ``--format json``
gives the results of ``check``, ``totals`` and ``rules`` to programs. A file is
written to a temporary file beside it and then renamed into place, and never
onto an input (``totals`` writes its own file back, by design).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TextIO

import attrs

from . import __version__
from ._batch import (
    DATA_SUFFIXES,
    DEFAULT_TIMEOUT,
    INPUT_LIMIT,
    STDIN,
    FileResult,
    Target,
    check_files,
    cross_year,
    describe,
    load_target,
    result_data,
    sniff_data,
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

OK: Final = 0
ERRORS_FOUND: Final = 1
BAD_INPUT: Final = 2
FAILURE: Final = 3

_GENERAL: Final = "报告信息"
#: The suffixes ``render -o`` writes for each ``--to`` format (the first is the one to suggest).
RENDER_SUFFIXES: Final[dict[str, tuple[str, ...]]] = {
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "text": (".txt", ".tsv", ".text"),
}


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


def _format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="results as text for people (default) or as JSON for programs",
    )


def _output(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help=f"file to write, - for {default}")


def _parser() -> argparse.ArgumentParser:
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
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.help,
            description=command.help,
            epilog=_examples(*command.examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.options(sub)
        _quiet(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
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
        raise _BadInputError(*(f"{target.name}: {problem}" for problem in exc.problems)) from None
    except ReadError as exc:
        raise _BadInputError(f"{target.name}: {exc.reason}") from None
    except Exception as exc:  # whatever the file does to the library, it is bad input
        raise _BadInputError(f"{target.name}: {unexpected(exc)}") from None
    return report, reading.findings if reading is not None else ()


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


def _write(content: str, output: str | None) -> None:
    """Write to standard output (``None``), or atomically to a file: a temporary file in the
    same folder, renamed into place, so an interrupted run never leaves half a file."""
    if output is None:
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    path = Path(os.path.realpath(output))  # through a link, to the file it points at
    data = content.encode("utf-8")
    try:
        mode = path.stat().st_mode if path.exists() else None
        if mode is not None and not stat.S_ISREG(mode):  # /dev/stdout, a pipe: no rename
            with path.open("wb") as stream:
                stream.write(data)
            return
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else _new_file_mode())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise _BadInputError(f"{output}: cannot write ({exc.strerror or exc})") from None


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


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


def _check_options(check_: argparse.ArgumentParser) -> None:
    check_.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders; - for standard input"
    )
    _format(check_)
    check_.add_argument(
        "--years", action="store_true", help="also check consecutive years of each agency"
    )
    check_.add_argument(
        "--jobs", type=_positive, default=1, metavar="N", help="processes to use (default: 1)"
    )
    check_.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=(
            f"time one file may take (default: {DEFAULT_TIMEOUT:g}); a file past it is a "
            "problem line and the run goes on; 0 for no limit"
        ),
    )
    check_.add_argument(
        "--errors-only",
        action="store_true",
        help="list errors alone (the counts stay those of every finding)",
    )


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


def _same(result: FileResult) -> FileResult:
    return result


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
    text = args.format == "text"
    missing: list[str] = []
    warnings: list[str] = []

    def on_missing(line: str) -> None:
        missing.append(line)
        console.problem(line + "\n")

    def on_warning(line: str) -> None:
        warnings.append(line)
        console.status(f"warning: {line}\n")

    targets = walk(args.paths, missing=on_missing, warn=on_warning, stdin=_stdin)
    finish = functools.partial(_outcome, fmt=args.format, errors_only=args.errors_only)
    options: dict[str, Any] = {"jobs": args.jobs, "timeout": args.timeout or None}
    outcomes: Iterable[_Outcome]
    if args.years:  # needs every report at hand, in this process
        kept = list(
            console.progress(check_files(targets, _same, keep_reports=True, **options), "files")
        )
        results, found = cross_year(kept)
        for line in found:
            on_warning(line)
        outcomes = (_safe_outcome(result, finish) for result in results)
    else:  # results stream out one by one, formatted where they were checked
        outcomes = console.progress(check_files(targets, finish, **options), "files")
    count = unreadable = with_errors = skipped = 0
    if not text:  # one file a line: valid JSON, never all held at once
        console.out('{"files": [')
    for outcome in outcomes:
        if text:
            console.out(outcome.out)
            console.problem(outcome.err)
            console.status(outcome.note)
        else:
            console.out(("\n" if count == 0 else ",\n") + outcome.out)
        count += 1
        unreadable += outcome.unreadable
        with_errors += outcome.errors
        skipped += outcome.skipped
    if count == skipped and not missing:
        on_missing(f"{' '.join(args.paths)}: nothing to check: no data file or report found")
    if not text:
        summary = {
            "files": count,
            "with_errors": with_errors,
            "unreadable": unreadable,
            "skipped": skipped,
        }
        tail = {"missing": missing, "warnings": warnings, "summary": summary}
        console.out("\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
    elif count > 1:
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
    for heading in sorted(groups, key=lambda h: order.get(h, 0)):
        lines.append(f"  {heading}")
        lines += [f"    {sev:7} {code:24} {text}" for sev, code, text in _lines(groups[heading])]
    return "\n".join(lines) + "\n", "", ""


def _lines(findings: Sequence[Finding]) -> list[tuple[str, str, str]]:
    """Findings as printed lines; the blank cells of one row are told on one line."""
    lines: list[tuple[str, str, str]] = []
    blanks: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.code == "CELL-BLANK" and finding.path in CELLS:
            row = CELLS[finding.path].label.rpartition("·")[0]
            if row not in blanks:
                blanks[row] = []
                lines.append(("", "CELL-BLANK", row))  # filled in below
            blanks[row].append(finding)
            continue
        where = f" (line {finding.line})" if finding.line is not None else ""
        lines.append((finding.severity, finding.code, finding.message + where))
    for index, (_, code, row) in enumerate(lines):
        if code == "CELL-BLANK" and row in blanks:
            cells = blanks.pop(row)
            if len(cells) == 1:
                lines[index] = (cells[0].severity, code, cells[0].message)
            else:
                columns = "、".join(CELLS[f.path].labels[-1] for f in cells)
                message = f"{row}：{len(cells)} 格空白或为“/”（{columns}），计为 0"
                lines[index] = (cells[0].severity, code, message)
    return lines


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
        raise _BadInputError(*(f"{source}: {problem}" for problem in exc.problems)) from None
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
        elif isinstance(value, dict):
            item = tomlkit.inline_table()
            item.update(value)
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
        choices=tuple(RENDER_SUFFIXES),
        help="output format (default: by the -o suffix, else markdown)",
    )
    _output(render_, "standard output (the default)")
    render_.add_argument(
        "--standalone", action="store_true", help="HTML: a whole page, not a fragment"
    )
    render_.add_argument(
        "--layout", choices=("aligned", "tsv"), default="aligned", help="text: table layout"
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
        for fmt, suffixes in RENDER_SUFFIXES.items():
            if suffix in suffixes:
                return fmt
        known = ", ".join(s for suffixes in RENDER_SUFFIXES.values() for s in suffixes)
        raise _BadInputError(
            f"{output}: cannot tell the format from {suffix or 'no suffix'!r} "
            f"(use {known}, or --to)"
        )
    if suffix not in RENDER_SUFFIXES[to]:
        raise _BadInputError(
            f"{output}: --to {to} writes {', '.join(RENDER_SUFFIXES[to])} files, "
            f"not {suffix or 'no suffix'!r}"
        )
    return to


def _render(args: argparse.Namespace) -> int:
    from .renderers import render

    console = _Console(quiet=args.quiet)
    to = _render_format(args.to, args.output)
    output = _output_path(args.output, (args.path,), RENDER_SUFFIXES[to])
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
        options["layout"] = args.layout
    _write(render(report, **options), output)
    if output is not None:
        console.status(f"wrote {output}\n")
    return OK


# --- read --------------------------------------------------------------------------------------


def _read_options(read_: argparse.ArgumentParser) -> None:
    read_.add_argument("path", metavar="PATH", help="the published report; - for standard input")
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
    target = _target(path)
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
        "Print a report as Markdown, HTML or plain text.",
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
