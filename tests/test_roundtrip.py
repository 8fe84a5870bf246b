"""What a renderer prints, a reader reads back: ``parse(render(r, fmt)) == r``."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import gov_disclosure as gd
from gov_disclosure.strategies import (
    TEXT_FAMILIES,
    any_reports,
    html_carries,
    one_hostile_field,
    printable_reports,
    text_carries,
)

from conftest import EXAMPLES

FORMATS = [
    pytest.param("markdown", {}, "markdown", id="markdown"),
    pytest.param("html", {}, "html", id="html-fragment"),
    pytest.param("html", {"standalone": True}, "html", id="html-page"),
    pytest.param("text", {}, "text", id="text-aligned"),
    pytest.param("text", {"layout": "tsv"}, "text", id="text-tsv"),
]


@pytest.mark.parametrize(("fmt", "options", "source"), FORMATS)
def test_the_example_reads_back_from_every_format(
    fmt: Any, options: dict[str, Any], source: Any
) -> None:
    report = gd.load(EXAMPLES / "zhongwei-justice-2024.toml")
    result = gd.parse(gd.render(report, fmt, **options), source)
    assert result.report == report
    # this library's own HTML states the agency's kind; text and Markdown leave it to a guess
    guessed = [] if fmt == "html" else ["READ-AGENCY-KIND"]
    assert [f.code for f in result.findings] == guessed


@pytest.mark.parametrize(("fmt", "options", "source"), FORMATS)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=printable_reports())
def test_generated_reports_read_back_from_every_format(
    fmt: Any, options: dict[str, Any], source: Any, report: gd.Report
) -> None:
    printed = gd.render(report, fmt, **options)
    assert gd.parse(printed, source).report == report
    assert gd.parse(printed).report == report  # the format told from the content


# hypothesis spells out the filtered strategy (the whole model) when it names it: noise only.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@pytest.mark.parametrize("standalone", [False, True], ids=["html-fragment", "html-page"])
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=any_reports().filter(html_carries))
def test_any_report_reads_back_from_html(standalone: bool, report: gd.Report) -> None:
    """HTML marks its structure: any text in any field, any note in any cell reads back."""
    result = gd.parse(gd.render(report, "html", standalone=standalone))
    assert result.report == report
    assert result.findings == ()


@pytest.mark.parametrize(("fmt", "options", "source"), FORMATS)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=one_hostile_field().filter(lambda case: text_carries(case[1])))
def test_a_hostile_field_reads_back_from_every_format(
    fmt: Any, options: dict[str, Any], source: Any, case: tuple[str, gd.Report]
) -> None:
    """Any text in one field (markup, pipes, line breaks, white space at the ends, a line like
    a heading or a date, contact details with extensions) reads back, but for the families
    that Markdown and text cannot tell apart (``TEXT_FAMILIES``, each with its reason)."""
    _, report = case
    printed = gd.render(report, fmt, **options)
    assert gd.parse(printed, source).report == report
    assert gd.parse(printed).report == report


def test_every_family_left_out_says_why() -> None:
    for family in TEXT_FAMILIES:
        assert len(family.__doc__ or "") > 60, family.__name__
    example = gd.load(EXAMPLES / "zhongwei-justice-2024.toml")
    assert text_carries(example)
    assert html_carries(example)
