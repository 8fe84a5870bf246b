"""The documentation site builds with ``mkdocs build --strict`` and says what the code says.

The reference pages are generated from the code when the site is built (see
``docs/hooks/generate.py``); these tests build the site once and check the pages against
the code. They also run every example of the developer guide as a doctest, and run the
evaluator guide's commands again on the shared corpus, when it is beside this checkout.
"""

from __future__ import annotations

import argparse
import doctest
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest

import gov_disclosure as gd
from gov_disclosure import cli, formatting, schema

from conftest import CORPUS, ROOT

DOCS = ROOT / "docs"
ELLIPSIS = "…"


# --- the site --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for this module into a temporary folder."""
    if importlib.util.find_spec("mkdocs") is None:
        pytest.skip("mkdocs is not installed (it is in the test extra: pip install -e '.[test]')")
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def _article(site: Path, page: str) -> Any:
    """The content of a built page (its ``<article>``), as an lxml element."""
    document = lxml.html.fromstring((site / page / "index.html").read_text(encoding="utf-8"))
    (article,) = document.xpath("//article")
    return article


def _text(site: Path, page: str) -> str:
    return str(_article(site, page).text_content())


def _rows(site: Path, page: str) -> dict[str, str]:
    """Each table row of a page whose first cell is code, by that code, as text."""
    rows: dict[str, str] = {}
    for row in _article(site, page).xpath(".//tr[td[1]/code]"):
        rows[row.xpath("string(td[1]/code)")] = row.text_content()
    return rows


def test_every_page_is_built_without_a_placeholder_left(site: Path) -> None:
    built = sorted(site.rglob("*.html"))
    for name in ("", "guide/agency", "guide/developer", "guide/evaluator", "reference/rules"):
        assert site / name / "index.html" in built
    for page in built:
        assert "<!-- gov-disclosure" not in page.read_text(encoding="utf-8"), page


def test_rules_page_lists_every_rule(site: Path) -> None:
    text = _text(site, "reference/rules")
    ids = set(_article(site, "reference/rules").xpath(".//h3/@id"))
    for rule in gd.RULES.values():
        assert rule.code.lower() in ids
        for part in (rule.code, rule.title, rule.formula):
            assert part in text, part


def test_format_page_has_the_headings_labels_and_layout_of_the_code(site: Path) -> None:
    text = _text(site, "reference/format")
    for section in gd.SECTIONS:
        assert section.heading in text
    for topic in gd.OVERVIEW_TOPICS.values():
        assert topic in text
    article = _article(site, "reference/format")
    figures = set(article.xpath(".//div[@class='gd-form']//td/@title"))
    tables = {"active_disclosure", "applications", "review_litigation"}
    assert figures == {path for path, info in gd.CELLS.items() if info.table in tables}
    for info in gd.CELLS.values():
        for label in info.labels:
            assert label in text, label


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


def test_cli_page_shows_the_help_of_every_subcommand(site: Path) -> None:
    text = _text(site, "reference/cli")
    assert "usage: gov-disclosure [-h]" in text
    for name, parser in _subcommands().items():
        assert f"usage: gov-disclosure {name}" in text
        assert parser.description is not None
        assert " ".join(parser.description.split()[:4]) in text
        for action in parser._actions:
            for option in action.option_strings:
                assert option in text, (name, option)
    assert "usage: mkdocs" not in text
    assert "usage: __main__" not in text


def test_data_file_page_gives_every_cell_its_path_and_label(site: Path) -> None:
    rows = _rows(site, "reference/data-file")
    sample = rows["applications.withheld.state_secret.natural_person"]
    assert "（三）不予公开" in sample
    assert "1.属于国家秘密" in sample
    for path, info in gd.CELLS.items():
        assert info.label in rows[path], path
        assert info.kind in rows[path], path
    for path, label in (
        ("agency.name", "机关名称"),
        ("year", "年度"),
        ("overview.subsections[].topic", "主题"),
        ("other_matters.processing_fees", "信息处理费收取情况"),
    ):
        assert label in rows[path]
    links = _article(site, "reference/data-file").xpath(".//a/@href")
    assert any(link.endswith("schema/report-2021.schema.json") for link in links)


def test_schema_file_is_the_generated_schema(site: Path) -> None:
    published = json.loads((site / "schema" / "report-2021.schema.json").read_text("utf-8"))
    assert published == schema.json_schema()


def test_api_page_lists_every_public_name(site: Path) -> None:
    ids = set(_article(site, "reference/api").xpath(".//h3/@id"))
    for name in gd.__all__:
        assert f"gd{name.lower()}" in ids, name
    for module in (formatting, schema):
        short = module.__name__.rpartition(".")[2]
        for name in module.__all__:
            assert f"{short}{name.lower()}" in ids, name


def test_guides_show_commands_run_at_build_time(site: Path) -> None:
    agency = _text(site, "guide/agency")
    assert "wrote 2025.toml: 15 totals changed" in agency
    assert "typo.toml: applications.recieved: unknown key (did you mean 'received'?)" in agency
    evaluator = _text(site, "guide/evaluator")
    assert "CROSS-YEAR-CARRY" in evaluator


# --- the developer guide's examples ---------------------------------------------------------------


def test_developer_guide_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``pycon`` block of the guide, in order, sharing one namespace, from a copy of the
    repository's examples."""
    page = DOCS / "guide" / "developer.md"
    text = page.read_text(encoding="utf-8")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    namespace: dict[str, Any] = {}
    blocks = list(re.finditer(r"^```pycon\n(.*?)^```", text, re.M | re.S))
    assert blocks
    for block in blocks:
        line = text.count("\n", 0, block.start()) + 1
        test = parser.get_doctest(block[1], namespace, f"developer.md:{line}", str(page), line)
        runner.run(test, out=report.append, clear_globs=False)
        namespace.update(test.globs)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "".join(report)


# --- the evaluator guide's outputs ----------------------------------------------------------------

#: The folder ``reports/`` of the evaluator guide, from the corpus.
REPORTS = {
    "hongze-2023.pdf": "hongze-district-gov-2023/source.pdf",
    "hongze-2024.pdf": "hongze-district-gov-2024/source.pdf",
    "shanghai-stc-2024.md": "shanghai-stc-2024/source.md",
    "shuyang-fgj-2023.html": "shuyang-fgj-2023/source.html",
    "zhongwei-justice-2024.txt": "zhongwei-justice-2024/source.txt",
}


def _sessions(markdown: str) -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of the page's console blocks, with the output lines shown after it."""
    sessions: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```", markdown, re.M | re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                sessions.append((line[2:], []))
            else:
                sessions[-1][1].append(line)
    return sessions


def _matches(shown: list[str], output: str) -> bool:
    """Whether *output* is what the page shows, a line ``…`` standing for any lines."""
    pattern = "".join(
        r"(?:.*\n)*?" if line == ELLIPSIS else re.escape(line) + r"\n" for line in shown
    )
    return re.fullmatch(pattern, output) is not None


def test_evaluator_guide_shows_the_current_output(tmp_path: Path) -> None:
    """The outputs shown on the corpus are those the commands print now."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (clone it beside this checkout)")
    if importlib.util.find_spec("pypdf") is None:
        pytest.skip("reading PDF needs pypdf (the pdf extra)")
    bin_dir = Path(sys.executable).parent
    path = os.pathsep.join((str(bin_dir), os.environ.get("PATH", "")))
    if shutil.which("gov-disclosure", path=path) is None:
        pytest.skip("the gov-disclosure command is not installed")
    (tmp_path / "reports").mkdir()
    for name, source in REPORTS.items():
        shutil.copy(CORPUS / source, tmp_path / "reports" / name)
    env = {**os.environ, "PATH": path, "PYTHONUNBUFFERED": "1", "COLUMNS": "80"}
    sessions = _sessions((DOCS / "guide" / "evaluator.md").read_text(encoding="utf-8"))
    assert sessions
    for command, shown in sessions:
        if command.startswith("jq ") and shutil.which("jq", path=path) is None:
            continue
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
            timeout=120,
        )
        assert _matches(shown, result.stdout), f"$ {command}\n{result.stdout}"
