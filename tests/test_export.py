"""A folder as one dataset: records, CSV, JSON lines, Parquet and pandas."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import gov_disclosure as gd
from gov_disclosure._export import CELL_COLUMNS, COLUMNS, iter_records, to_record

from conftest import corpus_params

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zhongwei-justice-2024.toml"


def _report() -> gd.Report:
    report = gd.Report.template(gd.Agency("某某局", "department"), 2024)
    active = gd.ActiveDisclosure(
        regulations=gd.DocumentCounts("/", "/", "/"),
        normative_documents=gd.DocumentCounts(3, None, 12),
        fees=Decimal("96171.60"),
    )
    review = gd.ReviewLitigation(review=gd.ReviewOutcomes(10, 1, 0, 0, 0))
    return gd.Report(
        report.agency,
        report.year,
        published=datetime.date(2025, 1, 20),
        applications=report.applications,
        active_disclosure=active,
        review_litigation=review,
    )


def test_a_record_is_flat_in_form_order() -> None:
    (row,) = gd.to_records([_report()])
    assert list(row) == list(COLUMNS)
    assert list(CELL_COLUMNS) == list(gd.CELLS)
    assert row["agency"] == "某某局"
    assert (row["kind"], row["year"], row["published"]) == ("department", 2024, "2025-01-20")
    assert row["active_disclosure.regulations.issued"] == "/"
    assert row["active_disclosure.normative_documents.repealed"] is None
    assert row["active_disclosure.normative_documents.in_force"] == 12
    assert row["active_disclosure.fees"] == Decimal("96171.60")
    assert row["applications.received.total"] == 0
    assert row["other_matters.processing_fees.notices"] is None  # no 信息处理费 part
    assert row["errors"] == 1
    assert str(row["codes"]).split() == [
        "SECTION-EMPTY",
        "CELL-NOT-APPLICABLE",
        "CELL-BLANK",
        "T4-TOTAL",
    ]


def test_an_absent_table_gives_empty_cells() -> None:
    (row,) = gd.to_records([gd.Report(gd.Agency("某某局"), 2024)])
    assert all(row[path] is None for path in CELL_COLUMNS)
    assert row["warnings"] == 6  # three tables and three sections missing


def test_records_are_made_lazily() -> None:
    made = []

    def reports() -> Iterator[gd.Report]:
        for year in (2023, 2024):
            made.append(year)
            yield gd.Report(gd.Agency("某某局"), year)

    records = iter_records(reports())
    assert made == []
    assert next(records)["year"] == 2023
    assert made == [2023]


def test_csv_keeps_blank_and_slash_apart_with_a_bom(tmp_path: Path) -> None:
    out = tmp_path / "reports.csv"
    assert gd.write_records([_report(), EXAMPLE], out) == 2
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["active_disclosure.regulations.issued"] == "/"
    assert rows[0]["active_disclosure.normative_documents.repealed"] == ""
    assert rows[0]["active_disclosure.fees"] == "96171.60"
    assert rows[1]["source"] == str(EXAMPLE)
    assert (rows[1]["format"], rows[1]["agency"]) == ("data", "中卫市司法局")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left


def test_csv_in_another_encoding(tmp_path: Path) -> None:
    out = tmp_path / "reports.csv"
    gd.write_records([_report()], out, encoding="gb18030")
    assert "某某局" in out.read_text(encoding="gb18030")


def test_jsonl_null_and_slash(tmp_path: Path) -> None:
    out = tmp_path / "reports.jsonl"
    gd.write_records([_report(), tmp_path / "missing.toml"], out)
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert first["active_disclosure.regulations.issued"] == "/"
    assert first["active_disclosure.normative_documents.repealed"] is None
    assert first["active_disclosure.fees"] == "96171.60"
    assert first["applications.received.total"] == 0
    assert second["problems"]  # a file that cannot be loaded is a row saying why
    assert second["applications.received.total"] is None


def test_parquet_and_pandas(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("pandas")
    out = tmp_path / "reports.parquet"
    assert gd.write_records([_report()] * 3, out) == 3
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    row = table.to_pylist()[0]
    assert row["active_disclosure.regulations.issued"] == "/"
    assert row["active_disclosure.normative_documents.repealed"] is None
    assert row["year"] == 2024
    frame = gd.to_frame([_report()])
    assert list(frame.columns) == list(COLUMNS)
    assert frame.loc[0, "active_disclosure.regulations.issued"] == "/"


def test_the_format_comes_from_the_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.csv, \.jsonl or \.parquet"):
        gd.write_records([], tmp_path / "reports.xlsx")
    stream = io.StringIO()
    assert gd.write_records([_report()], stream, fmt="jsonl") == 1
    with pytest.raises(TypeError, match="cannot export int"):
        gd.to_records([3])


@pytest.mark.parametrize("folder", corpus_params())
def test_corpus_reports_export(folder: Path) -> None:
    source = next(p for p in sorted(folder.iterdir()) if p.name.startswith("source."))
    if source.suffix == ".pdf":
        pytest.importorskip("pypdf")
    (row,) = gd.to_records([source])
    assert row["problems"] is None
    assert row["format"] in ("html", "markdown", "text", "pdf")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert row["year"] == expected["year"]
    assert row["applications.received.total"] == expected["applications"]["received"]["total"]


def test_batch_results_and_records_made_in_workers(tmp_path: Path) -> None:
    @attrs.frozen
    class Result:  # the shape of the check batch's per-file result
        file: str
        kind: str
        findings: tuple[gd.Finding, ...] = ()
        problems: tuple[str, ...] = ()
        skipped: str | None = None
        report: gd.Report | None = None
        agency: str | None = None
        year: int | None = None

    report = _report()
    results = [
        Result("a.toml", "data", tuple(gd.check(report)), report=report),
        Result("README.md", "published", skipped="no report"),
        Result("b.pdf", "published", problems=("damaged",)),
    ]
    rows = gd.to_records(results)
    assert [(r["source"], r["format"], r["errors"]) for r in rows] == [
        ("a.toml", "data", 1),
        ("b.pdf", "published", 0),
    ]
    assert rows[1]["problems"] == "damaged"
    made = [to_record(r) for r in results[:1]]  # as a worker process would
    assert gd.to_records(made) == rows[:1]
    assert gd.write_records(made, tmp_path / "r.csv") == 1


def test_an_export_through_a_link_keeps_the_link_and_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    report = gd.Report.template(gd.Agency("某某局"), 2024)
    assert gd.write_records([report], link) == 1
    assert link.is_symlink()
    assert real.stat().st_mode & 0o777 == 0o640
    assert "某某局" in real.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]  # no leftovers


def test_a_path_is_exported_as_the_check_command_reads_it(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n\n本文件夹存放年度报告。\n", encoding="utf-8")
    (row,) = gd.to_records([tmp_path / "README.md"])
    assert row["format"] == "published"
    assert "年度报告" in str(row["problems"])  # the reader's reason, named
