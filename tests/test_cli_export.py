"""``gov-disclosure export``: a folder as one dataset, streamed, in CSV, JSON lines or Parquet."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import sys
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure._export import CELL_COLUMNS, COLUMNS
from gov_disclosure.cli import main

from conftest import CORPUS, EXAMPLES

EXAMPLE = EXAMPLES / "zhongwei-justice-2024.toml"
REGULATIONS = "regulations = { issued = 0, repealed = 0, in_force = 0 }"


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def folder_of_files(tmp_path: Path, count: int = 12) -> Path:
    """Generated data files (some with '/' or blank cells), one broken, and a README."""
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    for index in range(count):
        body = text.replace("year = 2024", f"year = {2010 + index}")
        if index % 3 == 1:
            body = body.replace(REGULATIONS, 'regulations = { issued = "/", repealed = 0 }')
        where = folder / "sub" if index % 4 == 0 else folder
        (where / f"r{index:03}.toml").write_text(body, encoding="utf-8")
    (folder / "broken.toml").write_text("year = 2024\n[agency]\nname = 3\n", encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n\n这里是报告。\n", encoding="utf-8")
    return folder


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as stream:
        return list(csv.DictReader(stream))


def test_a_folder_exports_to_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = folder_of_files(tmp_path)
    out = tmp_path / "reports.csv"
    assert run("export", folder, "-o", out) == 2  # one file could not be read
    captured = capsys.readouterr()
    assert captured.out == ""
    broken = folder / "broken.toml"
    assert f"{broken}: 机关·机关名称（agency.name）：应为文字，现为 3\n" in captured.err
    assert f"{folder / 'README.md'}: skipped, not a report" in captured.err
    wrote = f"wrote {out}: 13 rows; 1 could not be read (their rows give the problems); 1 skipped"
    assert wrote in captured.err
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel and WPS read UTF-8
    rows = read_csv(out)
    assert list(rows[0]) == list(COLUMNS)
    # sorted per directory, in the order of `check`: broken, r001 …, sub/r000 …
    names = [Path(row["source"]).name for row in rows]
    assert names[0] == "broken.toml"
    assert names[-3:] == ["r000.toml", "r004.toml", "r008.toml"]
    assert rows[0]["problems"].endswith("应为文字，现为 3")
    assert rows[0]["applications.received.total"] == ""
    by_year = {row["year"]: row for row in rows[1:]}
    slash = by_year["2011"]
    assert slash["active_disclosure.regulations.issued"] == "/"  # not applicable
    assert slash["active_disclosure.regulations.in_force"] == ""  # blank
    assert slash["codes"].split() == ["CELL-NOT-APPLICABLE", "CELL-BLANK"]
    assert (slash["errors"], slash["warnings"], slash["infos"]) == ("0", "1", "1")
    assert by_year["2010"]["active_disclosure.regulations.issued"] == "0"
    assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == []


def test_jobs_and_the_python_api_give_the_same_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_of_files(tmp_path)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("export", folder, "-o", one, "--timeout", "0") == 2
    assert run("export", folder, "-o", two, "--jobs", "2", "-q") == 2
    assert one.read_bytes() == two.read_bytes()
    assert not one.read_bytes().startswith(b"\xef\xbb\xbf")
    records = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 13
    good = [record for record in records if record["problems"] is None]
    paths = sorted(Path(record["source"]) for record in good)
    expected = [json.loads(json.dumps(r, default=str)) for r in gd.to_records(paths)]
    assert sorted(good, key=lambda r: str(r["source"])) == expected
    slash = next(r for r in records if r["year"] == 2011)
    assert slash["active_disclosure.regulations.issued"] == "/"
    assert slash["active_disclosure.regulations.in_force"] is None


def test_parquet_csv_encoding_and_standard_output(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    folder = folder_of_files(tmp_path, count=3)
    (folder / "broken.toml").unlink()
    out = tmp_path / "gb.csv"
    assert run("export", folder, "-o", out, "--encoding", "gb18030") == 0
    assert read_csv(out, "gb18030")[0]["agency"] == "中卫市司法局"
    capsysbinary.readouterr()
    assert run("export", folder, "-o", "-", "-q") == 0  # CSV by default
    captured = capsysbinary.readouterr()
    assert captured.err == b""
    rows = list(csv.DictReader(io.StringIO(captured.out.decode("utf-8-sig"), newline="")))
    assert [row["year"] for row in rows] == ["2011", "2012", "2010"]
    assert run("export", folder, "-o", "-", "--to", "jsonl") == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert [json.loads(line)["year"] for line in lines] == [2011, 2012, 2010]
    if importlib.util.find_spec("pyarrow") is None:
        pytest.skip("Parquet needs pyarrow (the parquet extra)")
    import pyarrow.parquet as pq

    parquet = tmp_path / "reports.parquet"
    assert run("export", folder, "-o", parquet) == 0
    table = pq.read_table(parquet)
    assert table.column_names == list(COLUMNS)
    assert table.column("active_disclosure.regulations.issued").to_pylist() == ["/", "0", "0"]
    assert run("export", folder, "-o", "-", "--to", "parquet") == 0
    streamed = pq.read_table(io.BytesIO(capsysbinary.readouterr().out))
    assert streamed.equals(table)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("-o", "{tmp}/reports.xlsx"),
            "cannot write a .xlsx file here (use .csv, .jsonl, .parquet)",
        ),
        (("-o", "{tmp}/nowhere/reports.csv"), "does not exist"),
        (("-o", "{tmp}/r.csv", "--to", "jsonl"), "--to jsonl writes a .jsonl file"),
        (("-o", "{tmp}/r.csv", "--encoding", "klingon"), "--encoding klingon: no such encoding"),
        (("-o", "{tmp}/r.parquet", "--encoding", "gb18030"), "Parquet is binary"),
        (("-o", "{tmp}/r.csv", "--scheduler", "tcp://x:1", "--jobs", "2"), "--jobs: for a local"),
    ],
)
def test_bad_options_are_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    given = [arg.format(tmp=tmp_path) for arg in args]
    assert run("export", tmp_path / "absent", *given) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "absent" not in err  # refused before the paths were looked at
    assert sorted(os.listdir(tmp_path)) == []


def test_a_path_that_does_not_exist_is_a_problem_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.csv"
    assert run("export", EXAMPLE, tmp_path / "absent", "-o", out) == 2
    assert f"{tmp_path / 'absent'}: no such file or folder" in capsys.readouterr().err
    assert len(read_csv(out)) == 1


def test_the_corpus_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (clone it beside this checkout)")
    if importlib.util.find_spec("pypdf") is None:
        pytest.skip("reading PDF needs pypdf (the pdf extra)")
    sources = sorted(CORPUS.glob("*/source.*"))
    out = tmp_path / "corpus.csv"
    assert run("export", *sources, "-o", out, "--jobs", "2") == 0
    rows = read_csv(out)
    assert [row["source"] for row in rows] == [str(path) for path in sources]
    assert all(row["agency"] and row["year"] for row in rows)
    filled = [row for row in rows if row["applications.received.total"] not in ("", "0")]
    assert len(filled) >= len(rows) // 2
    assert all(set(CELL_COLUMNS) <= set(row) for row in rows)
    hongze = next(row for row in rows if "hongze-district-gov-2024" in row["source"])
    assert hongze["applications.received.total"] == "95"
    assert "NARRATIVE-TABLE" in hongze["codes"].split()


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert run("export", EXAMPLE, "-o", tmp_path / "r.parquet") == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "gov_disclosure[parquet]" in line
    assert os.listdir(tmp_path) == []
