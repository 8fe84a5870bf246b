"""The shipped examples load, pass every check and hold the seed report's text and figures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import gov_disclosure as gd

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "zhongwei-justice-2024.toml"


def test_example_passes_every_check() -> None:
    report = gd.load(EXAMPLE)
    assert gd.check(report) == []


def test_example_is_written_as_the_library_writes_it() -> None:
    report = gd.load(EXAMPLE)
    assert gd.dumps(report, "toml") == EXAMPLE.read_text(encoding="utf-8")


def _paragraphs(report: gd.Report) -> list[str]:
    found = [*report.preamble, *report.closing]
    for narrative in (report.overview, report.problems, report.other_matters):
        found += narrative.paragraphs
        for sub in narrative.subsections:
            found += [sub.heading, *sub.paragraphs]
    if report.other_matters.processing_fees is not None:
        found += report.other_matters.processing_fees.paragraphs
    return found


def _plain(text: str) -> str:
    """Seed text without the Markdown marks and the line breaks of its page layout."""
    return re.sub(r"\*\*|<|>|\s", "", text)


def test_example_holds_every_paragraph_of_the_seed(seed_text: str) -> None:
    seed = _plain(seed_text)
    for paragraph in _paragraphs(gd.load(EXAMPLE)):
        assert _plain(paragraph) in seed, paragraph[:40]


def test_example_holds_the_seed_figures(seed_text: str) -> None:
    report = gd.load(EXAMPLE)
    assert report.active_disclosure is not None
    assert report.active_disclosure.normative_documents == gd.DocumentCounts(0, 7, 6)
    assert report.active_disclosure.licensing == gd.Count(66)
    assert "行政许可\t66" in seed_text
    assert report.applications is not None
    assert {
        cell.value for _, row in report.applications.rows() for cell in (*row.parts, row.total)
    } == {0}


# --- the other examples: the rendered seed and the scripts ---------------------------------

RENDERED = {
    ".md": ("markdown", {}),
    ".html": ("html", {"standalone": True}),
    ".txt": ("text", {}),
}


@pytest.mark.parametrize("suffix", sorted(RENDERED))
def test_rendered_example_is_current(suffix: str) -> None:
    """examples/ shows the seed in each format; ``GOLDEN_UPDATE=1`` rewrites it."""
    fmt, options = RENDERED[suffix]
    rendered = gd.render(gd.load(EXAMPLE), fmt, **options)  # type: ignore[call-overload]
    path = EXAMPLE.with_suffix(suffix)
    if os.environ.get("GOLDEN_UPDATE") == "1":
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


def _script(name: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_build_report_script(tmp_path: Path) -> None:
    done = _script("build_report.py", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "0 errors" in done.stdout
    report = gd.load(tmp_path / "report.toml")
    assert report.applications is not None
    assert report.applications.received.total == gd.Count(12)
    assert not [f for f in gd.check(report) if f.severity == "error"]
    for suffix in (".md", ".html", ".txt"):
        assert (
            gd.parse((tmp_path / "report").with_suffix(suffix).read_text("utf-8")).report == report
        )


def test_batch_check_script(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    (tmp_path / "b.md").write_text(gd.render(gd.load(EXAMPLE), "markdown"), "utf-8")
    (tmp_path / "c.txt").write_text("不是年度报告。", "utf-8")
    done = _script("batch_check.py", tmp_path, "--json")
    assert done.returncode == 0, done.stderr
    results = {Path(r["file"]).name: r for r in json.loads(done.stdout)}
    assert results["a.toml"]["errors"] == 0
    assert results["b.md"]["agency"] == "中卫市司法局"
    assert "no title" in results["c.txt"]["unreadable"]
