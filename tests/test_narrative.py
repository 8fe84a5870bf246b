"""The text against the tables: NARRATIVE-TABLE."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import attrs
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import strategies
from gov_disclosure._narrative import narrative_findings, statements

from conftest import UNNAMED_AGENCY, corpus_params, wild_params


def _report(*paragraphs: str, year: int = 2024, name: str = "某某县发展和改革局") -> gd.Report:
    applications = gd.Applications.from_parts(
        received=gd.ApplicantRow.from_parts(90, 5),
        carried_over=gd.ApplicantRow.from_parts(3),
        granted=gd.ApplicantRow.from_parts(40),
        partially_granted=gd.ApplicantRow.from_parts(10),
        unavailable=gd.Unavailable(not_held=gd.ApplicantRow.from_parts(40, 5)),
        carried_forward=gd.ApplicantRow.from_parts(3),
    )
    return gd.Report(
        gd.Agency(name),
        year,
        overview=gd.Narrative(paragraphs),
        active_disclosure=gd.ActiveDisclosure(
            normative_documents=gd.DocumentCounts(7, 1, 30), licensing=66
        ),
        applications=applications,
        review_litigation=gd.ReviewLitigation.from_parts(
            review=gd.ReviewOutcomes.from_parts(1, 1, 0, 0), litigation_direct=gd.ReviewOutcomes(0)
        ),
    )


def _told(*paragraphs: str, **kwargs: object) -> list[tuple[str, object, object]]:
    report = _report(*paragraphs, **kwargs)  # type: ignore[arg-type]
    return [(f.path, f.printed, f.computed) for f in narrative_findings(report)]


def test_agreeing_statements_give_no_warning() -> None:
    text = (
        "2024年，我局共收到政府信息公开申请95件，上年结转3件，办结95件，结转下年度3件。"
        "其中予以公开40件，部分公开10件，无法提供45件。"
        "本年制发规范性文件7件，现行有效的行政规范性文件30件，产生行政许可66条。"
        "政府信息公开行政复议2件，其中结果维持1件，结果纠正1件，其他结果0件，尚未审结0件。"
    )
    found = statements(_report(text))
    assert len(found) == 15
    assert all(s.agrees for s in found)
    assert _told(text) == []


def test_a_disagreement_quotes_the_sentence_and_names_the_cell() -> None:
    (finding,) = narrative_findings(_report("我局全年共受理政府信息公开申请十七件，均按时答复。"))
    assert (finding.code, finding.severity) == ("NARRATIVE-TABLE", "warning")
    assert (finding.path, finding.printed, finding.computed) == (
        "applications.received.total",
        17,
        95,
    )
    assert finding.excerpt == "我局全年共受理政府信息公开申请十七件，均按时答复"
    assert finding.message == (
        "正文“我局全年共受理政府信息公开申请十七件，均按时答复”称 17，"
        "表中一、本年新收政府信息公开申请数量·总计为 95"
    )
    assert finding in gd.check(_report("我局全年共受理政府信息公开申请十七件，均按时答复。"))


def test_received_may_include_carried_over() -> None:
    assert _told("全年共受理政府信息公开申请98件。") == []  # 一 + 二
    assert _told("共收到公开申请98件（含上年结转3件）。") == []
    assert _told("共收到公开申请95件（含上年结转3件）。") == [
        ("applications.received.total", 95, 98)
    ]
    assert _told("新收政府信息公开申请98件。") == [("applications.received.total", 98, 95)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("办结90件。", [("applications.outcome_total.total", 90, 95)]),
        ("上年结转政府信息公开申请2件。", [("applications.carried_over.total", 2, 3)]),
        ("上年结转申请2件。", [("applications.carried_over.total", 2, 3)]),  # no 公开
        ("同意公开答复41件。", []),  # needs 申请 in the sentence
        ("办理的申请中同意公开答复41件。", [("applications.granted.total", 41, 40)]),
        ("申请中无法提供的44件。", [("applications.unavailable.not_held.total", 44, 45)]),
        ("行政复议3起。", [("review_litigation.review.total", 3, 2)]),
        ("本年制发规范性文件8件。", [("active_disclosure.normative_documents.issued", 8, 7)]),
        ("产生行政许可65条。", [("active_disclosure.licensing", 65, 66)]),
    ],
)
def test_each_statement_is_compared_with_its_cell(text: str, found: list[object]) -> None:
    assert _told(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "2023年我局受理政府信息公开申请17件。",  # another year
        "与上年相比受理政府信息公开申请17件。",
        "其中区教育局受理政府信息公开申请17件。",  # a sub-unit
        "区教育局受理政府信息公开申请17件。",
        "公开《行政复议决定书》14件。",  # documents, not cases
        "发布政府信息393件，其中行政规范性文件13件。",  # published, not issued
        "主动公开政府信息125条，不予公开77条。",  # items of information
        "受理政府信息公开申请若干件。",
    ],
)
def test_figures_that_are_not_the_agencys_of_the_year_are_not_compared(text: str) -> None:
    assert _told(text) == []


def test_an_agency_office_acting_for_it_is_the_agency() -> None:
    text = "2024年，区政府办代表区政府受理政府信息公开申请17件。"
    assert _told(text) == [("applications.received.total", 17, 95)]


def test_a_blank_cell_or_absent_table_is_not_a_disagreement() -> None:
    report = gd.Report(
        gd.Agency("某某局"), 2024, overview=gd.Narrative(["受理政府信息公开申请17件。"])
    )
    (statement,) = statements(report)
    assert statement.agrees is None
    assert narrative_findings(report) == []


def test_traditional_characters_are_read() -> None:
    assert _told("我局收到政府信息公開申請17件。") == [("applications.received.total", 17, 95)]


def test_long_text_takes_linear_time() -> None:
    def seconds(n: int) -> float:  # the best of three: a pause of a shared machine is noise
        report = _report("受理" * n + "申请17件" + "，" * n + "行政复议" * n)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            statements(report)
            best = min(best, time.perf_counter() - start)
        return best

    seconds(100)
    assert seconds(64_000) < 16 * max(seconds(8_000), 2e-3)


# --- the corpus: every disagreement of the notes is found, and nothing else -----------------


def _expected_figures(notes: list[str]) -> set[int]:
    """Figures the notes call a text/table inconsistency (the body text's figure, quoted)."""
    figures: set[int] = set()
    for note in notes:
        if "inconsistency" in note.lower():
            quoted = re.findall(r"'([^']+)'", note)
            figures |= {int(n) for text in quoted for n in re.findall(r"(\d+)\s*件", text)}
    return figures


@pytest.mark.parametrize("folder", [*corpus_params(), *wild_params()])
def test_the_notes_disagreements_are_found_and_nothing_else(folder: Path) -> None:
    source = min(
        (p for p in folder.iterdir() if p.name.startswith("source.")),
        key=lambda p: p.suffix != ".pdf",
    )
    if source.suffix == ".pdf":
        pytest.importorskip("pypdf")
    stated = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    # an excerpt (partial) names neither agency nor year: the caller gives them, as a user would
    hints = {"agency": stated["agency"] or UNNAMED_AGENCY, "year": stated["year"]}
    result = gd.read(source, **hints) if stated.get("partial") else gd.read(source)
    expected = _expected_figures(stated["notes"])
    found = [f for f in result.located(gd.check(result.report)) if f.code == "NARRATIVE-TABLE"]
    assert {f.printed for f in found} == expected
    assert all(f.excerpt and f.line is None for f in found)  # the sentence, not the row


def _expected_report(folder: Path) -> gd.Report:
    """The report of expected.json, with the source's whole text as its narrative."""
    found = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    tables = ("year", "active_disclosure", "applications", "review_litigation")
    data = {key: found[key] for key in tables if key in found}
    data["applications"].pop("nonstandard_rows", None)
    data["agency"] = {"name": found["agency"] or UNNAMED_AGENCY}
    source = next(
        p for p in sorted(folder.iterdir()) if p.name.startswith("source.") and p.suffix != ".pdf"
    )
    text = source.read_text(encoding="utf-8")
    if source.suffix == ".html":
        text = lxml.html.fromstring(text).text_content()
    text = re.sub(r"\s*\n\s*", "", text)  # lines of a PDF's text layer break sentences
    return attrs.evolve(gd.from_dict(data), overview=gd.Narrative([text]))


@pytest.mark.parametrize("folder", [*corpus_params(), *wild_params()])
def test_on_the_source_text_only_the_notes_disagreements_are_found(folder: Path) -> None:
    """Independent of the reader: the source's text against the tables of expected.json."""
    notes = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["notes"]
    report = _expected_report(folder)
    assert {f.printed for f in narrative_findings(report)} == _expected_figures(notes)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.reports(consistent=False, partial=True, hostile_text=True), st.text())
def test_any_text_is_looked_at_without_a_crash(report: gd.Report, text: str) -> None:
    report = attrs.evolve(report, problems=gd.Narrative([f"受理政府信息公开申请{text}件。"]))
    for statement in statements(report):
        assert statement.sentence
    for finding in narrative_findings(report):
        assert finding.excerpt is not None
        assert finding.severity == "warning"


def test_every_pattern_is_searched_for_by_a_word_each_of_its_matches_holds() -> None:
    # A keyword only in an optional part ("(?:政府信息公开)?") would pass over sentences
    # the pattern matches: the keyword must stay when every optional group is left out.
    from gov_disclosure._narrative import _PATTERNS

    for pattern in _PATTERNS:
        required = re.sub(r"\(\?:[^()]*\)[?*]", "", pattern.source)
        assert pattern.keyword in required, pattern.source
