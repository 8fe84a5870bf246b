"""The gov-disclosure command: every subcommand, its exit statuses and its error lines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import gov_disclosure as gd
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
    assert "一、本年新收政府信息公开申请数量·总计 (applications.received.total): 0 → 5" in captured.out
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
