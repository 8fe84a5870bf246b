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
COMMANDS = ("new", "check", "export", "totals", "render", "read", "rules", "schema")


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
    assert f"{bad}: 机关·机关名称（agency.name）：不能为空\n" in err
    assert f"{bad}: 年度（year）：应为 2008 至 2100 之间的整数，现为 1999\n" in err
    assert f"{bad}: extra：未知的键\n" in err
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
    published = tmp_path / "published.md"  # (this library's own HTML states the kind)
    published.write_text(gd.render(gd.load(EXAMPLE), "markdown"), "utf-8")
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

    results = _batch.check_targets(targets(), _batch.result_data, jobs=2, timeout=30)
    first = next(results)
    assert first["agency"] == "中卫市司法局"
    assert taken <= 2 * 8 + 1  # not the whole list before the first result
    assert len(list(results)) == 39
    assert _batch.check_file(str(EXAMPLE)).agency == "中卫市司法局"  # a plain path will do


def _checked_by(result: _batch.FileResult) -> tuple[str, int]:
    """The file and the process that checked it (module-level: a worker gets it pickled)."""
    return result.file, os.getpid()


def test_with_one_job_data_files_are_checked_here_up_to_the_first_report(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.md"
    report.write_text(gd.render(gd.load(EXAMPLE), "markdown"), encoding="utf-8")
    files = [EXAMPLE, EXAMPLE, report, EXAMPLE]
    targets = [_batch.Target(path) for path in files]
    results = list(_batch.check_targets(targets, _checked_by, jobs=1, timeout=30))
    assert [file for file, _ in results] == [str(path) for path in files]
    here = os.getpid()
    assert [pid == here for _, pid in results] == [True, True, False, False]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe (POSIX)")
def test_a_data_file_that_is_a_pipe_is_checked_within_the_time_budget(tmp_path: Path) -> None:
    hang = tmp_path / "hangs.toml"
    os.mkfifo(hang)  # opening it blocks for ever: no regular file, so a worker takes it
    targets = [_batch.Target(path) for path in (EXAMPLE, hang, EXAMPLE)]
    results = list(_batch.check_targets(targets, _batch.result_data, jobs=1, timeout=2))
    assert [[p["message_en"] for p in r["problems"]] for r in results] == [
        [],
        ["stopped after 2 s (--timeout): took too long to check"],
        [],
    ]  # 2 s: room for a slow CI to check the last file in a new worker


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
    results = list(_batch.check_targets(files, _batch.result_data, jobs=2, timeout=30))
    assert [r["file"] for r in results] == [str(f.path) for f in files]
    assert [bool(r["problems"]) for r in results] == [False, False, True] + [False] * 40


def edited_example(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """The example data file with whole lines of it replaced."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clerk_s_mistakes_are_told_in_chinese_with_label_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'year = 2024\n[agency]\nname = "某局"\n[applications]\n'
        'received = { commercial = "１２" }\noutcome_total = { natural_person = -1 }\n',
        encoding="utf-8",
    )
    label = "三、收到和处理政府信息公开申请情况"
    negative = (
        f"{bad}: {label}·（七）总计·自然人（applications.outcome_total.natural_person）："
        "应为不小于 0 的整数，现为 -1\n"
    )
    full_width = (
        f"{bad}: {label}·一、本年新收政府信息公开申请数量·商业企业"
        "（applications.received.commercial）："
    )
    for command in ("check", "render", "totals"):
        assert run(command, bad) == 2
        err = capsys.readouterr().err
        assert negative in err
        assert full_width in err
        assert "现为“１２”：不要用全角字符，请写作 12\n" in err
        assert "null" not in err
        assert "Traceback" not in err
    assert run("check", bad, "--format", "json") == 2
    (file,) = json.loads(capsys.readouterr().out)["files"]
    messages = {p["message_en"]: p["message"] for p in file["problems"]}
    english = "applications.outcome_total.natural_person: must be >= 0, got -1"
    assert messages[english] == negative.removeprefix(f"{bad}: ").rstrip("\n")
    assert run("new", "--agency", "某局", "--year", "1999", "-o", tmp_path / "new.toml") == 2
    assert (
        capsys.readouterr().err
        == "gov-disclosure new --year：应为 2008 至 2100 之间的整数，现为 1999\n"
    )


def test_the_best_repair_is_printed_under_the_findings_and_all_are_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = broken_example(tmp_path)
    assert run("check", broken) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "  最可能的错误：（七）总计·自然人 表中为 1，应为 0"
    assert "T3-BALANCE" in lines[-2]  # under the findings it explains
    assert run("check", broken, "--format", "json") == 1
    (file,) = json.loads(capsys.readouterr().out)["files"]
    repairs = file["repairs"]
    assert repairs["status"] == "repaired"
    assert repairs["best"] == "最可能的错误：（七）总计·自然人 表中为 1，应为 0"
    (repair,) = repairs["repairs"]
    assert repair["changes"] == [
        {
            "path": "applications.outcome_total.natural_person",
            "label": "（七）总计·自然人",
            "printed": 1,
            "value": 0,
            "slip": "digit",
        }
    ]
    assert run("check", EXAMPLE, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["repairs"] is None


def test_a_report_no_small_repair_explains_needs_a_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zeros = "{ upheld = 0, corrected = 0, other = 0, pending = 0, total = "
    path = edited_example(
        tmp_path,
        "three.toml",
        (f"review = {zeros}0 }}", f"review = {zeros}1 }}"),
        (f"litigation_direct = {zeros}0 }}", f"litigation_direct = {zeros}2 }}"),
        (f"litigation_after_review = {zeros}0 }}", f"litigation_after_review = {zeros}3 }}"),
    )
    assert run("check", path) == 1
    out = capsys.readouterr().out
    assert out.count("T4-TOTAL") == 3
    assert out.endswith("  无法定位错误：改动一处或两处数字都不能使各项勾稽关系成立，需人工核对\n")
    assert run("check", path, "--format", "json") == 1
    (file,) = json.loads(capsys.readouterr().out)["files"]
    assert file["repairs"] == {"status": "needs-person", "best": None, "repairs": []}


def test_blank_and_not_applicable_cells_of_a_row_are_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited_example(
        tmp_path,
        "cells.toml",
        (
            "regulations = { issued = 0, repealed = 0, in_force = 0 }",
            'regulations = { issued = "/", repealed = "/", in_force = "/" }',
        ),
        (
            "review = { upheld = 0, corrected = 0, other = 0, pending = 0, total = 0 }",
            "review = { upheld = 0, other = 0, total = 0 }",
        ),
        ("litigation_direct = { upheld = 0,", 'litigation_direct = { upheld = "/",'),
    )
    assert run("check", path) == 0
    out = capsys.readouterr().out
    assert "2 warnings, 4 notes" in out
    assert (
        "    info    CELL-NOT-APPLICABLE      规章：3 格为“/”（不适用）"
        "（本年制发件数、本年废止件数、现行有效件数），计为 0\n"
    ) in out
    assert (
        "    warning CELL-BLANK               行政复议：2 格空白（结果纠正、尚未审结），计为 0\n"
    ) in out
    assert (
        "CELL-NOT-APPLICABLE      行政诉讼·未经复议直接起诉·结果维持：“/”（不适用），计为 0\n"
        in out
    )
    assert "或为" not in out


def test_check_writes_a_summary_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.toml")
    broken_example(tmp_path).rename(folder / "b.toml")
    page = tmp_path / "out" / "summary.html"
    page.parent.mkdir()
    assert run("check", folder, "--format", "html", "-o", page) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"wrote {page}" in captured.err
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert text.count("<tr><td") == 2
    assert 'href="../reports/b.toml"' in text  # relative to the page's folder
    assert "T3-" in text
    assert "<svg" in text
    assert run("check", folder / "a.toml", "--format", "html") == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert run("check", folder, "--format", "html", "-o", tmp_path / "summary.md") == 2
    assert "use .html, .htm" in capsys.readouterr().err
    assert run("check", folder / "a.toml", "-o", "-") == 0  # standard output, as without -o
    assert "中卫市司法局 2024年: no findings" in capsys.readouterr().out
    assert run("check", folder, "-o", tmp_path / "out.txt") == 2
    assert "-o is for --format html" in capsys.readouterr().err
    assert not (tmp_path / "out.txt").exists()


class BytesRenderer:
    """A renderer of a binary format, as a Word renderer is."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    def render(self, report: gd.Report) -> bytes:
        return b"\x00BIN" + report.agency.name.encode("utf-8") + b"\xff"


def test_render_takes_any_format_of_the_registry_and_writes_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from gov_disclosure.renderers import _dispatch

    monkeypatch.setitem(_dispatch.RENDERERS, "bin", BytesRenderer)
    expected = b"\x00BIN" + "中卫市司法局".encode() + b"\xff"
    output = tmp_path / "report.bin"
    assert run("render", EXAMPLE, "-o", output) == 0  # by its suffix
    assert output.read_bytes() == expected
    output.unlink()
    assert run("render", EXAMPLE, "--to", "bin", "-o", output) == 0
    assert output.read_bytes() == expected
    assert run("render", EXAMPLE, "--to", "bin") == 0
    assert capsysbinary.readouterr().out == expected
    assert run("render", EXAMPLE, "--to", "bin", "-o", tmp_path / "r.md") == 2
    assert b"--to bin writes .bin files" in capsysbinary.readouterr().err
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run("render", EXAMPLE, "--to", "bin") == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    assert b"--to bin writes a binary file" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "markdown", "--standalone"), "--standalone is for --to html, not --to markdown"),
        (("--to", "html", "--layout", "tsv"), "--layout is for --to text, not --to html"),
    ],
)
def test_render_refuses_an_option_of_another_format(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert run("render", EXAMPLE, *args) == 2
    captured = capsys.readouterr()
    assert captured.err == message + "\n"
    assert captured.out == ""


def test_render_refuses_a_format_no_renderer_gives(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run("render", EXAMPLE, "--to", "pdf")
    assert exit_.value.code == 2
    assert (
        "invalid choice: 'pdf' (choose from 'markdown', 'html', 'text'" in capsys.readouterr().err
    )


def test_render_to_word_then_check_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("docx", reason="Word output needs python-docx (the docx extra)")
    folder = tmp_path / "published"
    folder.mkdir()
    output = folder / "report.docx"
    assert run("render", EXAMPLE, "-o", output) == 0  # the format by the suffix
    assert f"wrote {output}" in capsys.readouterr().err
    assert output.read_bytes().startswith(b"PK\x03\x04")
    assert run("render", EXAMPLE, "--to", "docx", "-o", tmp_path / "report.md") == 2
    assert "--to docx writes .docx files" in capsys.readouterr().err
    assert run("check", folder) == 0  # a Word report in a folder is checked
    assert capsys.readouterr().out.startswith(f"{output} — 中卫市司法局 2024年:")


def test_render_to_word_without_python_docx_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gov_disclosure.renderers import docx as docx_renderer

    monkeypatch.setitem(sys.modules, "docx", None)
    docx_renderer._package.cache_clear()  # python-docx may have been found by an earlier test
    try:
        assert run("render", EXAMPLE, "-o", tmp_path / "report.docx") == 2
    finally:
        docx_renderer._package.cache_clear()
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("--to docx: ")
    assert "docx" in line.partition(": ")[2]
    assert os.listdir(tmp_path) == []


def _excerpt() -> Path:
    from conftest import WILD

    source = WILD / "heping-county-township-2023-partial" / "source.txt"
    if not source.is_file():
        pytest.skip(
            f"the shared wild reports are not at {WILD} (clone ../shared beside this checkout)"
        )
    return source


def test_an_excerpt_needs_agency_and_year(capsys: pytest.CaptureFixture[str]) -> None:
    source = _excerpt()
    assert run("check", source) == 2
    assert "--year, --agency" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "read", "export"])
def test_agency_and_year_are_given_for_an_excerpt(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _excerpt()
    hints = ("--agency", "和平县某镇人民政府", "--year", "2023")
    if command == "export":
        assert run("export", source, *hints, "-o", tmp_path / "out.jsonl", "-q") == 0
        (row,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
        assert (row["agency"], row["year"]) == ("和平县某镇人民政府", 2023)
        return
    if command == "read":
        assert run("read", source, *hints, "-o", tmp_path / "out.json", "-q") == 0
        data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert (data["agency"]["name"], data["year"]) == ("和平县某镇人民政府", 2023)
        return
    run("check", source, *hints)
    assert "和平县某镇人民政府 2023年" in capsys.readouterr().out
