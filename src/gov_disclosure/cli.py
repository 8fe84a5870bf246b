"""The ``gov-disclosure`` command: new, check, totals, render, read, rules, schema.

Exit status: 0 when no errors were found, 1 when a check found errors, 2 for
bad input (a file that cannot be loaded or read, a bad option). Problems are
printed one per line as ``file: place: what is wrong``, never as a traceback.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from . import __version__
from ._batch import (
    DATA_SUFFIXES,
    FileResult,
    Progress,
    check_files,
    collect,
    cross_year,
    result_data,
)
from ._errors import DataError, ReadError
from ._files import data_format, dump, dumps, load
from ._findings import RULES, Finding
from ._form import CELLS, SECTION_BY_NAME, get, label
from ._model import AGENCY_KINDS, Agency, Report
from ._toml import dumps_toml
from .readers import read
from .renderers import render

OK: Final = 0
ERRORS_FOUND: Final = 1
BAD_INPUT: Final = 2

_GENERAL: Final = "报告信息"


class _BadInputError(Exception):
    """Bad input: printed as one line per problem, exit status 2."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


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

    def command(name: str, help_: str, *examples: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help_,
            description=help_,
            epilog=_examples(*examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    new = command(
        "new",
        "Write a TOML data file to fill in: every field present, labelled with its official name.",
        "gov-disclosure new --agency 中卫市司法局 --year 2025 --kind department",
        "gov-disclosure new --agency 淮安市人民政府 --year 2025 --kind government -o 2025.toml",
    )
    new.add_argument("--agency", required=True, help="the agency's full name (机关名称)")
    new.add_argument("--year", required=True, type=int, help="the report year (年度)")
    new.add_argument("--kind", choices=sorted(AGENCY_KINDS), help="department or government")
    new.add_argument("-o", "--output", help="file to write (default: <agency><year>.toml)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    check = command(
        "check",
        "Check data files and published reports (folders are searched recursively).",
        "gov-disclosure check examples/zhongwei-justice-2024.toml",
        "gov-disclosure check report.html report.pdf",
        "gov-disclosure check reports/ --years --jobs 2",
        "gov-disclosure check reports/ --format json > findings.json",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for programs",
    )
    check.add_argument(
        "--years", action="store_true", help="also check consecutive years of each agency"
    )
    check.add_argument("--jobs", type=int, default=1, metavar="N", help="processes to use")
    check.add_argument(
        "--errors-only", action="store_true", help="show errors, not warnings and notes"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    totals = command(
        "totals",
        "Compute every 总计 of a data file from its parts and write the file back "
        "(in the library's TOML or JSON layout: comments of your own are not kept).",
        "gov-disclosure totals report.toml",
        "gov-disclosure totals report.toml -o completed.toml",
    )
    totals.add_argument("path", metavar="PATH", help="a .toml or .json data file")
    totals.add_argument("-o", "--output", help="file to write (default: PATH itself)")

    render_ = command(
        "render",
        "Print a report as Markdown, HTML or plain text.",
        "gov-disclosure render examples/zhongwei-justice-2024.toml --to markdown",
        "gov-disclosure render report.toml --to html --standalone -o report.html",
        "gov-disclosure render report.toml --to text --layout tsv > report.txt",
    )
    render_.add_argument("path", metavar="PATH", help="a data file or a published report")
    render_.add_argument(
        "--to",
        choices=("markdown", "html", "text"),
        default="markdown",
        help="output format (default: markdown)",
    )
    render_.add_argument("-o", "--output", help="file to write (default: standard output)")
    render_.add_argument(
        "--standalone", action="store_true", help="HTML: a whole page, not a fragment"
    )
    render_.add_argument(
        "--layout", choices=("aligned", "tsv"), default="aligned", help="text: table layout"
    )

    read_ = command(
        "read",
        "Read a published report (HTML, PDF, Markdown, text) into a data file.",
        "gov-disclosure read report.pdf -o report.toml",
        "gov-disclosure read saved-portal-page.html > report.json",
    )
    read_.add_argument("path", metavar="PATH", help="the published report")
    read_.add_argument("-o", "--output", help="a .json or .toml file (default: JSON on stdout)")
    read_.add_argument("-q", "--quiet", action="store_true", help="no reading findings")

    rules = command(
        "rules", "List the rule catalogue.", "gov-disclosure rules", "gov-disclosure rules --json"
    )
    rules.add_argument("--json", action="store_true", help="machine-readable")

    schema = command(
        "schema",
        "Print the JSON Schema of the data file.",
        "gov-disclosure schema > report.schema.json",
    )
    schema.add_argument("-o", "--output", help="file to write (default: standard output)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(_COMMANDS[args.command](args))
    except _BadInputError as failure:
        for line in failure.lines:
            print(line, file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # | head closed the pipe: stop quietly
        sys.stderr.close()
        return OK


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _BadInputError(f"{output}: {exc.strerror or exc}") from None


def _report(path: str) -> tuple[Report, tuple[Finding, ...]]:
    """A report from a data file (by its suffix) or a published report."""
    try:
        if Path(path).suffix.lower() in DATA_SUFFIXES:
            return load(path), ()
        result = read(path)
    except DataError as exc:
        raise _BadInputError(*(f"{path}: {problem}" for problem in exc.problems)) from None
    except ReadError as exc:
        raise _BadInputError(f"{path}: {exc.reason}") from None
    return result.report, result.findings


# --- commands ----------------------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    try:
        report = Report.template(Agency(args.agency, kind=args.kind), args.year)
    except ValueError as exc:
        raise _BadInputError(f"gov-disclosure new: {exc}") from None
    output = args.output or f"{args.agency}{args.year}.toml"
    if data_format(output) != "toml":
        raise _BadInputError(f"{output}: the template is a TOML file (name it .toml)")
    if Path(output).exists() and not args.force:
        raise _BadInputError(f"{output}: exists already (use --force to overwrite)")
    _write(dumps_toml(report, template=True), output)
    print(f"wrote {output}: fill in the figures and text, then run: gov-disclosure check {output}")
    return OK


def _check(args: argparse.Namespace) -> int:
    files, missing = collect(args.paths)
    if not files and not missing:
        missing.append(f"{' '.join(args.paths)}: no data files or reports found")
    progress = Progress(len(files), enabled=not args.quiet and args.format == "text")
    finish = functools.partial(_outcome, fmt=args.format, errors_only=args.errors_only)
    outcomes: Iterable[_Outcome]
    if args.years:  # needs every report at hand, in this process
        kept = check_files(files, _same, jobs=max(1, args.jobs), keep_reports=True)
        outcomes = map(finish, cross_year(list(kept)))
    else:  # results stream out one by one, formatted where they were checked
        outcomes = check_files(files, finish, jobs=max(1, args.jobs), progress=progress)
    for line in missing:
        print(line, file=sys.stderr)
    count = unreadable = with_errors = 0
    if args.format == "json":  # one file a line: valid JSON, never all held at once
        sys.stdout.write('{"files": [')
    for outcome in outcomes:
        if args.format == "json":
            sys.stdout.write(("\n" if count == 0 else ",\n") + outcome.out)
        else:
            sys.stdout.write(outcome.out)
            sys.stderr.write(outcome.err)
        count += 1
        unreadable += outcome.unreadable
        with_errors += outcome.errors
    if args.format == "json":
        sys.stdout.write(f'\n], "missing": {json.dumps(missing, ensure_ascii=False)}}}\n')
    elif count > 1:
        print(f"{count} files: {with_errors} with errors, {unreadable} unreadable", file=sys.stderr)
    if missing or unreadable:
        return BAD_INPUT
    return ERRORS_FOUND if with_errors else OK


@attrs.frozen
class _Outcome:
    """A checked file as the command prints it: its output, and the counts of the summary."""

    out: str
    err: str
    unreadable: bool
    errors: bool


def _same(result: FileResult) -> FileResult:
    return result


def _outcome(result: FileResult, *, fmt: str, errors_only: bool) -> _Outcome:
    if errors_only:
        result = attrs.evolve(
            result, findings=tuple(f for f in result.findings if f.severity == "error")
        )
    if fmt == "json":
        out, err = json.dumps(result_data(result), ensure_ascii=False), ""
    else:
        out, err = _text(result)
    return _Outcome(out, err, bool(result.problems), bool(result.errors))


def _group(finding: Finding) -> str:
    """The section a finding belongs to, by its data path."""
    head = finding.path.removeprefix("previous.").split(".")[0]
    section = SECTION_BY_NAME.get(head)
    return section.heading if section is not None else _GENERAL


def _text(result: FileResult) -> tuple[str, str]:
    """A file's findings for people, grouped by section: (standard output, standard error)."""
    if result.skipped is not None:
        return "", f"{result.file}: skipped, not a report ({result.skipped})\n"
    if result.problems:
        return "", "".join(f"{result.file}: {problem}\n" for problem in result.problems)
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
    return "\n".join(lines) + "\n", ""


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


def _totals(args: argparse.Namespace) -> int:
    path = args.path
    if Path(path).suffix.lower() not in DATA_SUFFIXES:
        raise _BadInputError(f"{path}: totals works on a .toml or .json data file")
    report, _ = _report(path)
    completed = report.with_totals(recompute=True)
    output = args.output or path
    if data_format(output) == "toml":  # keep the lines to fill in of a `new` file
        _write(dumps_toml(completed, template=True), output)
    else:
        dump(completed, output)
    changed = 0
    tables = [path for path, info in CELLS.items() if getattr(report, info.table) is not None]
    for cell_path in tables:
        before, after = get(report, cell_path), get(completed, cell_path)
        if before != after:
            changed += 1
            old = "blank" if before.value is None else before.value
            print(f"{label(cell_path)} ({cell_path}): {old} → {after.value}")
    print(f"wrote {output}: {changed} total{'s' if changed != 1 else ''} changed")
    return OK


def _render(args: argparse.Namespace) -> int:
    report, _ = _report(args.path)
    options: dict[str, Any] = {}
    if args.to == "html":
        options["standalone"] = args.standalone
    if args.to == "text":
        options["layout"] = args.layout
    _write(render(report, args.to, **options), args.output)
    return OK


def _read(args: argparse.Namespace) -> int:
    try:
        result = read(args.path)
    except ReadError as exc:
        raise _BadInputError(f"{args.path}: {exc.reason}") from None
    if not args.quiet:
        for finding in result.findings:
            where = f" (line {finding.line})" if finding.line is not None else ""
            print(
                f"{args.path}: {finding.severity} {finding.code} {finding.message}{where}",
                file=sys.stderr,
            )
    if args.output is None:
        sys.stdout.write(dumps(result.report, "json"))
    else:
        try:
            dump(result.report, args.output)
        except DataError as exc:
            raise _BadInputError(*(f"{args.output}: {p}" for p in exc.problems)) from None
        print(f"wrote {args.output}", file=sys.stderr)
    return OK


def _rules(args: argparse.Namespace) -> int:
    if args.json:
        data = [attrs.asdict(rule) for rule in RULES.values()]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return OK
    for rule in RULES.values():
        print(f"{rule.code:24} {rule.severity:7} {rule.title}")
        print(f"{'':24} {rule.formula}")
    return OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_json

    _write(schema_json(), args.output)
    return OK


_COMMANDS: Final = {
    "new": _new,
    "check": _check,
    "totals": _totals,
    "render": _render,
    "read": _read,
    "rules": _rules,
    "schema": _schema,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
