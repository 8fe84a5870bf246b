"""The documentation site builds with ``mkdocs build --strict`` and says what the code says.

The reference pages are generated from the code when the site is built (see
``docs/hooks/generate.py``); these tests build the site once and check the pages against
the code, that the site is searchable in Chinese and makes no request to another host.
They also run every example of the developer guide as a doctest, type-check the guides'
Python samples with ``mypy --strict``, and run the evaluator guide's commands again on the
shared corpus, when it is beside this checkout.

A sample that is partial on purpose (it leaves out its imports, or shows a call the type
checker refuses) is marked in its fence with the class ``no-mypy``, in the attribute form
of the fence: ```` ```{ .python .no-mypy } ```` or ```` ```{ .pycon .no-mypy } ````. It is
shown and (``pycon``) run as any other, but not type-checked. One line that shows a call the
type checker refuses on purpose says so itself: ``>>> formatting.format_amount(1.5)  # type:
ignore[arg-type]``.
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
import urllib.parse
from pathlib import Path
from typing import Any

import attrs
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
    pages = ("", "guide/agency", "guide/developer", "guide/evaluator", "guide/cluster")
    for name in (*pages, "reference/rules"):
        assert site / name / "index.html" in built
    for page in built:
        assert "<!-- gov-disclosure" not in page.read_text(encoding="utf-8"), page


def test_the_private_names_the_reference_pages_use_are_there() -> None:
    """docs/hooks/form_reference.py reads the command's parser and the readers' label
    variants through private names: renaming one must fail here, by name, not only in a
    failed build."""
    from gov_disclosure.readers import _labels

    assert isinstance(cli._parser(), argparse.ArgumentParser)
    assert _labels.ROWS
    assert _labels.SECTION_CANDIDATES


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


# --- search and offline use ---------------------------------------------------------------------


def _search_tokens(site: Path) -> set[str]:
    """Every word of the search index, cut as the browser's search cuts it (by the separator
    of the index's configuration)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    assert "trimmer" not in index["config"]["pipeline"]  # it strips every Han character
    return {
        token
        for doc in index["docs"]
        for field in ("title", "text")
        for token in separator.split(doc[field])
        if token
    }


def test_search_finds_chinese_words(site: Path) -> None:
    tokens = _search_tokens(site)
    for word in ("勾稽关系", "结转", "自然人", "行政复议"):
        assert word in tokens, word
    # cut into words, not indexed as whole sentences
    assert not any(len(token) > 12 and re.fullmatch("[\u4e00-\u9fff]+", token) for token in tokens)


#: Runs the site's own search worker (Material for MkDocs) under Node on the site's index,
#: as the browser does: prints the pages found for each query, as JSON.
_SEARCH_JS = r"""
const fs = require("fs");
const vm = require("vm");
const path = require("path");
const [site, ...queries] = process.argv.slice(2);
const workers = path.join(site, "assets", "javascripts", "workers");
const worker = fs.readdirSync(workers).find(n => /^search\..*\.js$/.test(n));
let listener = null;
const messages = [];
globalThis.self = globalThis;
globalThis.addEventListener = (type, fn) => { listener = fn; };
globalThis.postMessage = m => messages.push(m);
globalThis.importScripts = (...urls) => {
  for (const url of urls) vm.runInThisContext(fs.readFileSync(path.join(workers, url), "utf8"));
};
vm.runInThisContext(fs.readFileSync(path.join(workers, worker), "utf8"));
const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
(async () => {
  await listener({ data: { type: 0, data: { ...index, options: { suggest: false } } } });
  const found = {};
  for (const query of queries) {
    messages.length = 0;
    await listener({ data: { type: 2, data: query } });
    const result = messages[0];
    found[query] = result.data.items.map(group => group[0].location);
  }
  process.stdout.write(JSON.stringify(found));
})();
"""


def test_the_sites_own_search_finds_chinese_words(site: Path, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("running the site's search needs Node.js (node)")
    script = tmp_path / "search.js"
    script.write_text(_SEARCH_JS, encoding="utf-8")
    queries = ("勾稽关系", "结转", "自然人", "勾稽", "qzxjvw")
    done = subprocess.run(
        [node, str(script), str(site), *queries],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(done.stdout)
    assert "reference/rules/#arithmetic" in found["勾稽关系"]
    assert found["勾稽"] == found["勾稽关系"]  # a word's beginning finds it
    assert any(page.startswith("reference/data-file/") for page in found["结转"])
    assert any(page.startswith("guide/agency/") for page in found["自然人"])
    assert found["qzxjvw"] == []


def _off_site(url: str) -> bool:
    """Whether a browser would fetch *url* from another host (not a relative or data URL)."""
    url = url.strip()
    return url.startswith("//") or urllib.parse.urlsplit(url).scheme in ("http", "https")


def test_site_makes_no_request_to_another_host(site: Path) -> None:
    fetched: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        document = lxml.html.fromstring(page.read_bytes())
        for element in document.xpath("//link | //script | //img | //iframe | //source"):
            for attribute in ("src", "href", "srcset"):
                url = element.get(attribute)
                if url and _off_site(url.split()[0]):
                    fetched.append(f"{page.relative_to(site)}: <{element.tag} {attribute}={url}>")
        for style in document.xpath("//style/text() | //@style"):
            fetched += [f"{page.relative_to(site)}: {u}" for u in _css_urls(str(style))]
    for sheet in sorted(site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8")
        fetched += [f"{sheet.relative_to(site)}: {u}" for u in _css_urls(text)]
    assert not fetched, "\n".join(fetched)


def _css_urls(css: str) -> list[str]:
    """The off-site URLs a stylesheet imports or refers to."""
    found = re.findall(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", css)
    found += re.findall(r"""url\(\s*["']?([^"')\s]+)""", css)
    return [url for url in found if _off_site(url)]


def test_css_url_scan_finds_off_site_fonts() -> None:
    css = "@import url(https://fonts.googleapis.com/css?family=Roboto);a{b:url('//x.cn/f.woff')}"
    assert _css_urls(css) == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "https://fonts.googleapis.com/css?family=Roboto",
        "//x.cn/f.woff",
    ]
    assert _css_urls("a{b:url(data:image/svg+xml;x)} @import 'extra.css';") == []


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
    blocks = [block for block in _fences(text) if block.language == "pycon"]
    assert blocks
    for block in blocks:
        line = block.line
        test = parser.get_doctest(block.code, namespace, f"developer.md:{line}", str(page), line)
        runner.run(test, out=report.append, clear_globs=False)
        namespace.update(test.globs)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "".join(report)


@attrs.frozen
class _Fence:
    """A fenced code block of a page: its language, its classes, its code and first line."""

    language: str
    classes: frozenset[str]
    code: str
    line: int  # of the code's first line, in the page


_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,})[ \t]*(?P<info>[^\n]*)\n"
    r"(?P<code>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S,
)


def _fences(text: str) -> list[_Fence]:
    """The fenced code blocks of a Markdown page: ```` ```python title="x" ```` or, with
    classes, ```` ```{ .python .no-mypy } ````."""
    found = []
    for match in _FENCE.finditer(text):
        info = match["info"].strip()
        if info.startswith("{"):
            classes = re.findall(r"(?<![\w-])\.([\w-]+)", info)
            language, classes = (classes[0], classes[1:]) if classes else ("", [])
        else:
            language, classes = (info.split() or [""])[0], []
        code = "".join(
            line.removeprefix(match["indent"]) for line in match["code"].splitlines(keepends=True)
        )
        line = text.count("\n", 0, match.start("code")) + 1
        found.append(_Fence(language, frozenset(classes), code, line))
    return found


def test_fences_are_read_with_their_classes() -> None:
    text = "a\n```pycon\n>>> 1\n1\n```\n\n  ```{ .python .no-mypy }\n  x = 1\n  ```\n"
    assert _fences(text) == [
        _Fence("pycon", frozenset(), ">>> 1\n1\n", 3),
        _Fence("python", frozenset({"no-mypy"}), "x = 1\n", 8),
    ]


def _source(fence: _Fence) -> list[str]:
    """The Python source of a block, one entry per line of the block (an output line of a
    ``pycon`` block is blank), so that a line of the source is a line of the page."""
    lines = fence.code.splitlines()
    if fence.language == "python":
        return lines
    return [line[4:] if line.startswith((">>> ", "... ")) else "" for line in lines]


def _checked_sources(page: Path) -> dict[str, str]:
    """The modules the type checker sees for a page, each line at its line of the page:
    every ``python`` block alone, and the ``pycon`` blocks together (they share a session)."""
    text = page.read_text(encoding="utf-8")
    total = text.count("\n") + 1
    stem = page.stem.replace("-", "_")
    modules: dict[str, list[str]] = {}
    for fence in _fences(text):
        if fence.language not in ("python", "pycon") or "no-mypy" in fence.classes:
            continue
        name = f"{stem}_session" if fence.language == "pycon" else f"{stem}_{fence.line}"
        lines = modules.setdefault(name, [""] * total)
        for offset, line in enumerate(_source(fence)):
            lines[fence.line - 1 + offset] = line
    return {name: "\n".join(lines) + "\n" for name, lines in modules.items()}


def test_guide_samples_pass_mypy_strict(tmp_path: Path) -> None:
    """The Python samples of the guides type-check with ``mypy --strict`` (the project's
    configuration): a developer who copies one gets no error. An error is reported at its
    line of the page (``developer.md:123``)."""
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is in the test extra)")
    sources: dict[str, str] = {}
    for page in sorted((DOCS / "guide").glob("*.md")):
        for name, source in _checked_sources(page).items():
            sources[f"{name}.py"] = source
            (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    assert "developer_session.py" in sources
    assert "import gov_disclosure as gd" in sources["developer_session.py"]
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml")]
        + [str(tmp_path / name) for name in sorted(sources)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    pages = {f"{page.stem.replace('-', '_')}": page.name for page in (DOCS / "guide").glob("*.md")}

    def at_page(match: re.Match[str]) -> str:
        stem = match[1].rsplit("_", 1)[0]
        return f"{pages.get(stem, match[1])}:{match[2]}:"

    report = re.sub(r"[^\s:]*?(\w+)\.py:(\d+):", at_page, result.stdout + result.stderr)
    assert result.returncode == 0, report


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
