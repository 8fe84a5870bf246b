"""A folder as one dataset: one flat row per report, for spreadsheets, pandas and Parquet.

:func:`iter_records` turns reports (or data files, published reports, read
results, batch results) into flat dicts lazily; :func:`to_records` lists them,
:func:`to_frame` makes a pandas ``DataFrame``, and :func:`write_records` streams
them into ``.csv``, ``.jsonl`` or ``.parquet``.

A row holds the report's agency, kind, year and published date, its source
file and format, one column per cell named by its data path in the form's order
(blank cells are ``None``, cells printed ``/`` are the string ``"/"``), then the
error, warning and info counts and the codes found.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final, Literal, TypeAlias

import attrs

from ._atomic import atomic_file
from ._batch import Target, check_file
from ._cell import Cell
from ._checks import check
from ._findings import Finding
from ._form import CELLS
from ._model import Report
from .readers import ReadResult

__all__ = [
    "CELL_COLUMNS",
    "COLUMNS",
    "Entry",
    "ExportFormat",
    "entry",
    "iter_records",
    "to_frame",
    "to_record",
    "to_records",
    "write_records",
]

ExportFormat = Literal["csv", "jsonl", "parquet"]
Value: TypeAlias = int | Decimal | str | None
Record: TypeAlias = dict[str, Value]

#: The columns before the cells, and after them.
HEAD_COLUMNS: Final = ("agency", "kind", "year", "published", "source", "format")
TAIL_COLUMNS: Final = ("errors", "warnings", "infos", "codes", "problems")
#: One column per cell, named by data path, in the form's order.
CELL_COLUMNS: Final = tuple(CELLS)
#: Every column of a record, in order.
COLUMNS: Final = (*HEAD_COLUMNS, *CELL_COLUMNS, *TAIL_COLUMNS)

_GETTERS: Final = tuple((path, path.split(".")) for path in CELL_COLUMNS)
#: Rows written to Parquet at a time (memory stays bounded for any folder).
PARQUET_BATCH: Final = 512


def _cell_value(cell: Cell[Any]) -> Value:
    if cell.not_applicable:
        return "/"
    value: int | Decimal | None = cell.value
    return value


def _cells(report: Report) -> Iterator[tuple[str, Value]]:
    tables = {
        "active_disclosure": report.active_disclosure,
        "applications": report.applications,
        "review_litigation": report.review_litigation,
        "other_matters": report.other_matters,
    }
    for path, names in _GETTERS:
        obj: Any = tables[names[0]]
        for name in names[1:]:
            if obj is None:
                break
            obj = getattr(obj, name)
        yield path, None if obj is None else _cell_value(obj)


@attrs.frozen
class Entry:
    """One item to export or summarise: the report (if read), its findings and its source."""

    report: Report | None
    findings: tuple[Finding, ...]
    source: str | None = None
    format: str | None = None
    problems: tuple[str, ...] = ()
    agency: str | None = None
    year: int | None = None


def _record(entry: Entry) -> Record:
    record: Record = dict.fromkeys(COLUMNS)
    report = entry.report
    if report is not None:
        record["agency"] = report.agency.name
        record["kind"] = report.agency.kind
        record["year"] = report.year
        record["published"] = None if report.published is None else report.published.isoformat()
        record.update(_cells(report))
    else:
        record["agency"], record["year"] = entry.agency, entry.year
    record["source"], record["format"] = entry.source, entry.format
    counts = {"error": 0, "warning": 0, "info": 0}
    codes: dict[str, None] = {}
    for finding in entry.findings:
        counts[finding.severity] += 1
        codes[finding.code] = None
    record["errors"] = counts["error"]
    record["warnings"] = counts["warning"]
    record["infos"] = counts["info"]
    record["codes"] = " ".join(codes)
    record["problems"] = "\n".join(entry.problems) or None
    return record


def _from_path(path: Path) -> Entry:
    """A file checked as ``gov-disclosure check`` checks it: a data file loaded, a published
    report read, and a file that cannot be either is a row with its problems."""
    return entry(check_file(Target(path), keep_report=True))


def _from_read(result: ReadResult, source: str | None) -> Entry:
    findings = (*result.findings, *result.located(check(result.report)))
    return Entry(result.report, findings, source, result.format)


def entry(item: object) -> Entry:
    """*item* (a report, a read result, a file path or a batch result) as an :class:`Entry`."""
    if isinstance(item, Entry):
        return item
    if isinstance(item, Report):
        return Entry(item, tuple(check(item)))
    if isinstance(item, ReadResult):
        return _from_read(item, item.source)
    if isinstance(item, str | os.PathLike):
        return _from_path(Path(item))
    if hasattr(item, "findings") and hasattr(item, "file"):  # a batch result of `check`
        return Entry(
            getattr(item, "report", None),
            tuple(item.findings),
            item.file,
            getattr(item, "kind", None),
            tuple(getattr(item, "problems", ())),
            getattr(item, "agency", None),
            getattr(item, "year", None),
        )
    msg = f"cannot export {type(item).__name__}: give reports, read results or file paths"
    raise TypeError(msg)


def to_record(item: object) -> Record:
    """The flat record of one item (see :func:`iter_records`); a module-level function, so
    that a batch can make records in worker processes and send only them back."""
    return _record(entry(item))


def iter_records(items: Iterable[object]) -> Iterator[Record]:
    """One flat record per item, lazily, in the order given.

    An item is a :class:`Report` (checked here), a :class:`ReadResult` (its
    reading findings and the checks', located), the path of a data file or published
    report (loaded or read and checked; a file that cannot be read gives a row
    with ``problems`` and no cells), or a result of the ``check`` batch (an
    object with ``file`` and ``findings``, and ``report`` when it was kept;
    one with ``skipped`` set, a file in a folder that is no report, gives no row).
    A record made already (a dict, by :func:`to_record`) is passed on as it is.
    """
    for item in items:
        if isinstance(item, dict):
            yield item
        elif not getattr(item, "skipped", None):
            yield _record(entry(item))


def to_records(items: Iterable[object]) -> list[Record]:
    """Every record of :func:`iter_records` in a list.

    >>> import gov_disclosure as gd
    >>> report = gd.Report.template(gd.Agency("某某局"), 2024)
    >>> (row,) = gd.to_records([report])
    >>> row["agency"], row["applications.received.total"], row["errors"]
    ('某某局', 0, 0)
    """
    return list(iter_records(items))


def to_frame(items: Iterable[object]) -> Any:
    """The records as a pandas ``DataFrame`` (columns in :data:`COLUMNS` order).

    Needs pandas (``pip install "gov_disclosure[pandas]"``). Cell columns are of
    ``object`` dtype: ``None`` for a blank cell, ``"/"`` for a ``/`` cell.
    """
    try:
        import pandas as pd
    except ImportError:
        msg = 'to_frame needs pandas: pip install "gov_disclosure[pandas]"'
        raise ImportError(msg) from None
    return pd.DataFrame.from_records(list(iter_records(items)), columns=list(COLUMNS))


# --- writing ---------------------------------------------------------------------------------


def _json_line(record: Mapping[str, Value]) -> str:
    # Amounts are written as strings with their exact digits, as elsewhere in the library's JSON.
    return json.dumps(record, ensure_ascii=False, default=str) + "\n"


def _format_of(target: str | os.PathLike[str] | IO[Any], fmt: ExportFormat | None) -> ExportFormat:
    if fmt is not None:
        return fmt
    if isinstance(target, str | os.PathLike):
        suffix = Path(target).suffix.lower().lstrip(".")
        if suffix in ("csv", "jsonl", "parquet"):
            return suffix  # type: ignore[return-value]
        name = os.fspath(target)
        msg = f"cannot tell the export format from {name!r}: use .csv, .jsonl or .parquet"
        raise ValueError(msg)
    msg = "give fmt= ('csv', 'jsonl' or 'parquet') when writing to a stream"
    raise ValueError(msg)


def write_records(
    items: Iterable[object],
    target: str | os.PathLike[str] | IO[Any],
    *,
    fmt: ExportFormat | None = None,
    encoding: str | None = None,
) -> int:
    """Stream the records of *items* into *target*, and return how many rows were written.

    *target* is a path (the format from its suffix, unless *fmt* is given) or an
    open stream (text for ``csv`` and ``jsonl``, binary for ``parquet``). CSV is
    written with a byte-order mark by default (``utf-8-sig``), so that Excel and
    WPS open it as UTF-8; give another *encoding* (``gb18030``) if needed. JSON
    lines are UTF-8 without a mark unless *encoding* says otherwise. In
    CSV a blank cell is empty and a ``/`` cell is ``/``; in JSON lines and
    Parquet a blank cell is null and a ``/`` cell the string ``"/"``; amounts are
    strings with their exact digits (and Parquet cell columns are strings, so that
    ``/`` stays distinguishable). Parquet needs
    pyarrow (``pip install "gov_disclosure[parquet]"``).

    A path is written through a temporary file beside it, renamed into place at
    the end: an interrupted export leaves no half-written file.
    """
    kind = _format_of(target, fmt)
    if kind == "parquet":
        _pyarrow()
    records = iter_records(items)
    if not isinstance(target, str | os.PathLike):
        return _write(kind, records, target)
    with atomic_file(target) as raw:
        if kind == "parquet":
            return _write(kind, records, raw)
        if encoding is None:
            encoding = "utf-8-sig" if kind == "csv" else "utf-8"
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        try:
            return _write(kind, records, text)
        finally:
            text.flush()
            text.detach()  # the raw stream is atomic_file's to close


def _write(kind: ExportFormat, records: Iterator[Record], stream: IO[Any]) -> int:
    count = 0
    if kind == "csv":
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow(record.values())  # None as an empty field, numbers with str()
            count += 1
    elif kind == "jsonl":
        for record in records:
            stream.write(_json_line(record))
            count += 1
    else:
        count = _write_parquet(records, stream)
    return count


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        msg = 'writing Parquet needs pyarrow: pip install "gov_disclosure[parquet]"'
        raise ImportError(msg) from None
    return pyarrow


_INTEGER_COLUMNS: Final = frozenset({"year", "errors", "warnings", "infos"})


def _write_parquet(records: Iterator[Record], stream: IO[bytes]) -> int:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(name, pa.int64() if name in _INTEGER_COLUMNS else pa.string()) for name in COLUMNS]
    )
    count = 0
    with pq.ParquetWriter(stream, schema) as writer:
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) == PARQUET_BATCH:
                writer.write_table(_table(pa, schema, batch))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(_table(pa, schema, batch))
            count += len(batch)
    return count


def _table(pa: Any, schema: Any, batch: list[Record]) -> Any:
    columns = []
    for name in COLUMNS:
        values = [record[name] for record in batch]
        if name not in _INTEGER_COLUMNS:
            values = [v if v is None or v.__class__ is str else str(v) for v in values]
        columns.append(values)
    arrays = [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)
