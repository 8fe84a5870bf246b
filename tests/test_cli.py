"""The gov-disclosure command: every subcommand, its exit statuses and its error lines."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import gov_disclosure as gd
from gov_disclosure import _batch
from gov_disclosure.cli import main

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "zhongwei-justice-2024.toml"
COMMANDS = ("new", "check", "totals", "render", "read", "rules", "schema")


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def broken_example(tmp_path: Path) -> Path:
    """The example with one total changed: (七)总计·自然人 1 instead of 0."""
    report = gd.load(EXAMPLE)
    assert report.applications is not None
    outcome = attrs.evolve(report.applications.outcome_total, natural_person=1)
    path = tmp_path / "broken.toml"
    gd.dump(
        attrs.evolve(report, applications=attrs.evolve(report.applications, outcome_total=outcome)),
        path,
    )
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(command, "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert f"gov-disclosure {command}" in out


def test_check_a_valid_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", EXAMPLE) == 0
    assert "中卫市司法局 2024年: no findings" in capsys.readouterr().out


def test_check_names_the_official_labels_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("check", broken_example(tmp_path)) == 1
    out = capsys.readouterr().out
    assert "三、收到和处理政府信息公开申请情况" in out
    assert "T3-OUTCOME-TOTAL" in out
    assert "（七）总计·自然人：应为 0，表中为 1" in out


def test_check_json_is_machine_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", broken_example(tmp_path), "--format", "json") == 1
    data = json.loads(capsys.readouterr().out)
    (file,) = data["files"]
    assert file["agency"] == "中卫市司法局"
    assert file["errors"] == 3
    found = {f["code"]: f for f in file["findings"]}
    outcome = found["T3-OUTCOME-TOTAL"]
    assert outcome["path"] == "applications.outcome_total.natural_person"
    assert (outcome["printed"], outcome["computed"], outcome["difference"]) == (1, 0, 1)
    assert outcome["title"] == gd.RULES["T3-OUTCOME-TOTAL"].title


def test_bad_input_is_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"agency": {"name": ""}, "year": 1999, "extra": 1}), "utf-8")
    assert run("check", bad, tmp_path / "absent.toml") == 2
    err = capsys.readouterr().err
    assert f"{bad}: agency.name: must not be empty" in err
    assert f"{bad}: year: must be >= 2008, got 1999" in err
    assert f"{bad}: extra: unknown key" in err
    assert "absent.toml: no such file or folder" in err
    assert "Traceback" not in err


def test_check_a_folder_with_two_processes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    (folder / "deeper").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "a.toml")
    shutil.copy(broken_example(tmp_path), folder / "deeper" / "b.toml")
    (folder / "deeper" / "c.md").write_text(gd.render(gd.load(EXAMPLE), "markdown"), "utf-8")
    assert run("check", folder, "--format", "json", "--jobs", "2") == 1
    parallel = json.loads(capsys.readouterr().out)
    assert run("check", folder, "--format", "json") == 1
    single = json.loads(capsys.readouterr().out)
    assert parallel == single
    assert [Path(f["file"]).name for f in single["files"]] == ["a.toml", "b.toml", "c.md"]
    assert [f["kind"] for f in single["files"]] == ["data", "data", "markdown"]


def test_cross_year_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = gd.load(EXAMPLE)
    assert report.applications is not None
    forward = gd.ApplicantRow.from_parts(2, 0, 0, 0, 0, 0)
    earlier = attrs.evolve(
        report, year=2023, applications=attrs.evolve(report.applications, carried_forward=forward)
    )
    gd.dump(earlier, tmp_path / "2023.toml")
    shutil.copy(EXAMPLE, tmp_path / "2024.toml")
    assert run("check", tmp_path, "--years", "--format", "json") == 1
    files = json.loads(capsys.readouterr().out)["files"]
    carry = [f for f in files[1]["findings"] if f["code"] == "CROSS-YEAR-CARRY"]
    assert [f["path"] for f in carry] == [
        "applications.carried_over.natural_person",
        "applications.carried_over.total",
    ]


def test_errors_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.toml"
    gd.dump(gd.Report(gd.Agency("测试局"), 2024), path)
    assert run("check", path, "--errors-only") == 0
    assert "no findings" in capsys.readouterr().out


def test_new_then_totals_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "2025.toml"
    assert (
        run("new", "--agency", "测试局", "--year", "2025", "--kind", "department", "-o", path) == 0
    )
    text = path.read_text("utf-8")
    assert "# 一、本年新收政府信息公开申请数量" in text
    assert '# address = ""  # 地址' in text
    report = gd.load(path)
    assert report.agency.kind == "department"
    assert not [f for f in gd.check(report) if f.severity == "error"]
    # An author fills in parts: the stated totals no longer add up until `totals` runs.
    path.write_text(
        text.replace("received = { natural_person = 0,", "received = { natural_person = 5,", 1),
        "utf-8",
    )
    assert run("check", path) == 1
    capsys.readouterr()
    assert run("totals", path) == 0
    captured = capsys.readouterr()
    assert (
        "一、本年新收政府信息公开申请数量·总计 (applications.received.total): 0 → 5" in captured.out
    )
    assert "1 total changed" in captured.err  # a status line
    completed = gd.load(path)
    assert completed.applications is not None
    assert completed.applications.received.total == gd.Count(5)
    assert run("check", path, "--errors-only") == 1  # 一 + 二 ≠ （七） + 四: the author's turn


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.toml"
    path.write_text("", "utf-8")
    assert run("new", "--agency", "测试局", "--year", "2025", "-o", path) == 2
    assert "exists already" in capsys.readouterr().err
    assert run("new", "--agency", "测试局", "--year", "2025", "-o", path, "--force") == 0
    assert run("new", "--agency", "测试局", "--year", "2025", "-o", tmp_path / "t.json") == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--to", "markdown"), "# 中卫市司法局2024年政府信息公开工作年度报告"),
        (("--to", "html"), '<article class="gov-disclosure"'),
        (("--to", "html", "--standalone"), "<!doctype html>"),
        (("--to", "text"), "中卫市司法局2024年政府信息公开工作年度报告"),
        (("--to", "text", "--layout", "tsv"), "一、本年新收政府信息公开申请数量\t"),
    ],
)
def test_render(args: tuple[str, ...], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("render", EXAMPLE, *args) == 0
    assert expected in capsys.readouterr().out


def test_render_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("render", EXAMPLE, "--to", "html", "-o", out) == 0
    assert out.read_text("utf-8") == gd.render(gd.load(EXAMPLE), "html")


def test_read_a_published_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    published = tmp_path / "published.html"
    published.write_text(gd.render(gd.load(EXAMPLE), "html", standalone=True), "utf-8")
    assert run("read", published, "-o", tmp_path / "read.toml") == 0
    assert "READ-AGENCY-KIND" in capsys.readouterr().err
    assert gd.load(tmp_path / "read.toml") == gd.load(EXAMPLE)
    assert run("read", published, "--quiet") == 0
    captured = capsys.readouterr()
    assert gd.from_dict(json.loads(captured.out)) == gd.load(EXAMPLE)
    assert captured.err == ""


def test_read_something_that_is_no_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("关于开展安全检查的通知\n请各单位遵照执行。", "utf-8")
    assert run("read", path) == 2
    assert "no title naming a 政府信息公开工作年度报告" in capsys.readouterr().err


def test_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("rules") == 0
    out = capsys.readouterr().out
    assert all(code in out for code in gd.RULES)
    assert run("rules", "--json") == 0
    assert [r["code"] for r in json.loads(capsys.readouterr().out)] == list(gd.RULES)


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("schema") == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_console_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gov_disclosure.cli", "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "no findings" in done.stdout


def test_a_folder_skips_what_is_no_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    (tmp_path / "README.md").write_text("# 说明\n\n本文件夹存放年度报告。\n", "utf-8")
    assert run("check", tmp_path) == 0
    assert "README.md: skipped, not a report" in capsys.readouterr().err
    assert run("check", tmp_path / "README.md") == 2  # named, it is bad input
    assert "no title" in capsys.readouterr().err


# --- consistency: formats, streams, -q (issue 10) ----------------------------------------------


def test_render_warns_about_errors_and_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = broken_example(tmp_path)
    out = tmp_path / "r.html"
    assert run("render", broken, "-o", out) == 0
    assert (
        capsys.readouterr()
        .err.splitlines()[0]
        .startswith(f"3 个错误：请先运行 gov-disclosure check {broken}")
    )
    assert out.exists()
    out.unlink()
    assert run("render", broken, "-o", out, "--strict") == 1
    assert "--strict：未写出" in capsys.readouterr().err
    assert not out.exists()
    assert run("render", broken, "-q") == 0
    assert capsys.readouterr().err == ""
    assert run("render", EXAMPLE, "--strict") == 0


def test_json_counts_stay_true_under_errors_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    gd.dump(gd.Report(gd.Agency("测试局"), 2024), path)  # warnings, no errors
    assert run("check", path, "--format", "json", "--errors-only") == 0
    data = json.loads(capsys.readouterr().out)
    (file,) = data["files"]
    assert file["findings"] == []
    assert file["warnings"] == len([f for f in gd.check(gd.load(path)) if f.severity == "warning"])
    assert file["warnings"] > 0
    assert data["summary"] == {"files": 1, "with_errors": 0, "unreadable": 0, "skipped": 0}


def test_rules_format_json_and_the_old_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("rules", "--format", "json") == 0
    new = capsys.readouterr().out
    assert run("rules", "--json") == 0  # kept as a hidden alias
    assert capsys.readouterr().out == new
    assert [r["code"] for r in json.loads(new)] == list(gd.RULES)


@pytest.mark.parametrize(
    "args",
    [
        ("new", "--agency", "测试局", "--year", "2025", "-o", "{tmp}/n.toml"),
        ("check", "{tmp}"),
        ("totals", "{tmp}/a.toml"),
        ("render", "{tmp}/a.toml", "-o", "{tmp}/a.html"),
        ("read", "{tmp}/a.md", "-o", "{tmp}/read.json"),
        ("schema", "-o", "{tmp}/s.json"),
    ],
)
def test_quiet_means_no_status_lines_on_every_command(
    tmp_path: Path, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    (tmp_path / "a.md").write_text(gd.render(gd.load(EXAMPLE), "markdown"), "utf-8")
    (tmp_path / "README.md").write_text("# 说明\n\n本文件夹存放年度报告。\n", "utf-8")
    filled = [arg.format(tmp=tmp_path) for arg in args]
    assert run(*filled) == 0
    assert capsys.readouterr().err != ""  # a status line, a warning or a reading finding
    assert run(*filled, "-q", *(["--force"] if args[0] == "new" else [])) == 0
    assert capsys.readouterr().err == ""


def test_standard_input_for_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def given(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    report = gd.load(EXAMPLE)
    given(EXAMPLE.read_bytes())
    assert run("render", "-", "--to", "html") == 0
    assert capsys.readouterr().out == gd.render(report, "html")
    given(gd.render(report, "markdown").encode("utf-8"))
    assert run("read", "-", "-o", tmp_path / "r.toml") == 0
    assert gd.load(tmp_path / "r.toml") == gd.read(EXAMPLES / "zhongwei-justice-2024.md").report
    given(json.dumps(gd.to_dict(report)).encode("utf-8"))
    assert run("check", "-", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["kind"] == "data"
    given(EXAMPLE.read_bytes())
    assert run("totals", "-", "-o", "-") == 0
    captured = capsys.readouterr()
    assert captured.out == EXAMPLE.read_text("utf-8")  # the file on stdout, status on stderr
    assert "wrote standard output: 0 totals changed" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("render", "{toml}", "-o", "{tmp}/r.toml"), "cannot tell the format from '.toml'"),
        (("render", "{toml}", "--to", "html", "-o", "{tmp}/r.md"), "--to html writes .html"),
        (("read", "{tmp}/absent.html", "-o", "{tmp}/r.docx"), "cannot write a .docx file"),
        (("read", "{tmp}/absent.html", "-o", "{tmp}/r.toml", "--to", "json"), "--to json"),
        (("totals", "{toml}", "-o", "{tmp}/no/r.toml"), "the folder"),
        (("schema", "-o", "{tmp}/s.yaml"), "cannot write a .yaml file"),
        (("new", "--agency", "测试局", "--year", "2025", "-o", "{tmp}/no/n.toml"), "the folder"),
        (("render", "{tmp}", "-o", "{tmp}/r.md"), "a folder, not a file"),
    ],
)
def test_an_unsupported_output_is_refused_before_reading(
    tmp_path: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = [arg.format(tmp=tmp_path, toml=EXAMPLE) for arg in args]
    assert run(*filled) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == []


def test_years_warns_about_a_report_given_twice_and_an_agency_written_two_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = gd.load(EXAMPLE)
    assert report.applications is not None
    forward = gd.ApplicantRow.from_parts(2, 0, 0, 0, 0, 0)
    earlier = attrs.evolve(
        report,
        year=2023,
        agency=attrs.evolve(report.agency, name="中卫市 司法局"),  # a space: the same agency
        applications=attrs.evolve(report.applications, carried_forward=forward),
    )
    gd.dump(earlier, tmp_path / "2023.toml")
    shutil.copy(EXAMPLE, tmp_path / "2024.toml")
    (tmp_path / "2024.md").write_text(gd.render(report, "markdown"), "utf-8")  # the same report
    assert run("check", tmp_path, "--years", "--format", "json") == 1
    data = json.loads(capsys.readouterr().out)
    assert [Path(f["file"]).name for f in data["files"]] == ["2023.toml", "2024.md", "2024.toml"]
    for file in data["files"][1:]:  # both copies are compared with 2023
        assert "CROSS-YEAR-CARRY" in {f["code"] for f in file["findings"]}
    two_ways, twice = data["warnings"]
    assert two_ways.startswith("one agency written 2 ways, compared as one: “中卫市 司法局”")
    assert twice.startswith("the same report twice (中卫市司法局 2024): ")
    assert run("check", tmp_path, "--years") == 1
    assert "warning: the same report twice" in capsys.readouterr().err


def test_a_folder_without_reports_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", empty) == 2  # nothing checked at all
    err = capsys.readouterr().err
    assert f"warning: {empty}: no data files or reports in this folder" in err
    assert "nothing to check" in err
    assert run("check", empty, EXAMPLE) == 0  # something checked: the warning alone
    assert f"warning: {empty}: no data files" in capsys.readouterr().err


def test_an_unreadable_subfolder_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "locked").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "locked" / "b.toml")
    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    scandir = os.scandir

    def refusing(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert run("check", tmp_path, "--timeout", "0") == 0
    captured = capsys.readouterr()
    assert "a.toml — 中卫市司法局 2024年: no findings" in captured.out
    assert f"{tmp_path / 'locked'}: folder cannot be read (Permission denied)" in captured.err


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the worker inherits a patch"
)
def test_a_worker_that_dies_is_an_error_line_and_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.toml", "b-dies.toml", "c.toml", "d-dies.toml", "e.toml"):
        shutil.copy(EXAMPLE, tmp_path / name)
    load_target = _batch.load_target

    def dying(target: Any) -> Any:
        if "dies" in Path(target.name).name:
            os._exit(9)  # as if the kernel had killed it for its memory
        return load_target(target)

    monkeypatch.setattr(_batch, "load_target", dying)  # forked workers inherit it
    assert run("check", tmp_path, "--jobs", "2") == 2
    captured = capsys.readouterr()
    assert captured.out.count("no findings") == 3
    assert f"{tmp_path / 'b-dies.toml'}: the process checking it died (status 9)" in captured.err
    assert "5 files: 0 with errors, 2 unreadable" in captured.err


def test_folders_are_walked_lazily_and_files_checked_in_a_bounded_window() -> None:
    taken = 0

    def targets() -> Iterator[_batch.Target]:
        nonlocal taken
        for _ in range(40):
            taken += 1
            yield _batch.Target(EXAMPLE)

    results = _batch.check_files(targets(), _batch.result_data, jobs=2, timeout=30)
    first = next(results)
    assert first["agency"] == "中卫市司法局"
    assert taken <= 2 * 8 + 1  # not the whole list before the first result
    assert len(list(results)) == 39
    assert _batch.check_file(str(EXAMPLE)).agency == "中卫市司法局"  # a plain path will do


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the worker inherits a patch"
)
def test_a_slow_file_holds_back_the_output_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "slow.toml"
    shutil.copy(EXAMPLE, slow)
    load_target = _batch.load_target

    def slowly(target: Any) -> Any:
        if Path(target.name) == slow:
            time.sleep(1)  # meanwhile the other worker checks the rest: the window fills
        return load_target(target)

    monkeypatch.setattr(_batch, "load_target", slowly)
    # The worker of the slow file also has the next-but-one, a quick one (absent): both come
    # back at once, when the other worker has long checked every file the window allows.
    absent = tmp_path / "absent.toml"
    files = [_batch.Target(p) for p in (slow, EXAMPLE, absent, *[EXAMPLE] * 40)]
    results = list(_batch.check_files(files, _batch.result_data, jobs=2, timeout=30))
    assert [r["file"] for r in results] == [str(f.path) for f in files]
    assert [bool(r["problems"]) for r in results] == [False, False, True] + [False] * 40
