"""The shipped examples load, pass every check and hold the seed report's text and figures."""

from __future__ import annotations

import re

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
