"""Benchmark: reading the published reports of ../shared/corpus and ../shared/wild.

Prints, per source file, the median time of ``gd.read`` and how its table cells
compare with the report's expected.json: ``right`` (the printed figure), ``wrong``
(any other figure: must stay 0), ``amb`` (blank where the source's digits admit no
certain reading, as ``ambiguous_in_source`` says), ``missed`` (blank where a
figure is printed). Then the same per layout family, with the median time of the
family's reads. PDFs are timed with pypdf's text extraction and, separately, from
their extracted text layer. Target: under 20 ms per report for HTML, Markdown and
text. An excerpt (``partial``) is read with its agency and year given.

    python benchmarks/bench_read.py [repeat]
"""

from __future__ import annotations

import functools
import inspect
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gov_disclosure as gd

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import (  # noqa: E402 - the scoring the tests use, from the tests' folder
    UNNAMED_AGENCY,
    corpus_dirs,
    read_cells,
    score_cells,
    wild_dirs,
)

#: The layout family of each source, as the corpus and wild READMEs describe it.
FAMILIES = {
    "hongze-district-gov-2023": "pdf text layer",
    "hongze-district-gov-2024": "pdf text layer",
    "huaian-city-gov-2024": "pdf text layer",
    "shanghai-stc-2024": "markdown (pdf conversion)",
    "shuyang-county-gov-2025": "markdown (ocr)",
    "shuyang-fgj-2023": "html word export",
    "zhongwei-justice-2024": "text tab-separated",
    "pingtan-zone-2024": "html cms article",
    "pingtan-social-affairs-2024": "html cms article",
    "pingtan-haitan-area-2023": "html cms article",
    "pingtan-natural-resources-2023": "html cms article",
    "pingtan-finance-2021": "crawler text glued",
    "pingtan-public-security-2021": "crawler text glued",
    "pingtan-admin-approval-2021": "crawler text glued",
    "pingtan-natural-resources-2022": "crawler text glued",
    "pingtan-economic-development-2021": "crawler text space-joined",
    "heping-county-township-2023-partial": "pipe-separated lines",
    "fuyuan-natural-resources-2022-partial": "pipe-separated lines, traditional",
    "jurong-housing-construction-2022-partial": "one cell per line, traditional",
    "xixian-taiping-town-2022-partial": "one cell per paragraph",
    "changtu-qijiazi-town-2023-partial": "one cell per paragraph",
    "yanbian-xinjiu-town-2021-partial": "one cell per paragraph",
}
_COUNTS = ("right", "wrong", "ambiguous_blank", "missed")


def _reader(source: Path, expected: dict[str, Any]) -> Callable[[], gd.ReadResult]:
    if expected.get("partial") and "agency" in inspect.signature(gd.read).parameters:
        agency = expected["agency"] or UNNAMED_AGENCY
        return functools.partial(gd.read, source, agency=agency, year=expected["year"])
    return functools.partial(gd.read, source)


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    folders = corpus_dirs() + wild_dirs()
    if not folders:
        sys.exit("no ../shared/corpus or ../shared/wild beside this checkout")
    print(f"{'report':42} {'source':11} {'kind':9} {'ms':>7}  right wrong amb missed")
    families: dict[str, tuple[list[float], dict[str, int]]] = {}
    for folder in folders:
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        for source in sorted(folder.glob("source.*")):
            read = _reader(source, expected)
            kind = "pdf" if source.suffix == ".pdf" else "?"
            try:
                result = read()
                counts = score_cells(read_cells(result.report), folder)
                kind = result.format
                ms = median_seconds(read, repeat) * 1000
            except gd.ReadError as exc:
                counts = dict.fromkeys(_COUNTS, 0)
                counts["missed"] = sum(1 for c in gd.CELLS.values() if c.table != "other_matters")
                ms = float("nan")
                print(f"  ({folder.name}: {exc.reason[:70]})")
            if source.suffix == ".txt" and (folder / "source.pdf").exists():
                kind = "pdf-text"  # the PDF's text layer, read without extraction
            figures = " ".join(f"{counts[name]:5}" for name in _COUNTS)
            print(f"{folder.name:42} {source.name:11} {kind:9} {ms:7.2f}  {figures}")
            family = FAMILIES.get(folder.name, "other")
            if source.suffix == ".pdf":
                family += " (pdf extraction)"
            times, totals = families.setdefault(family, ([], dict.fromkeys(_COUNTS, 0)))
            times.append(ms)
            for name in _COUNTS:
                totals[name] += counts[name]
    print(f"\n{'family':42} {'files':>5} {'median ms':>9}  right wrong amb missed")
    for family, (times, totals) in sorted(families.items()):
        figures = " ".join(f"{totals[name]:5}" for name in _COUNTS)
        print(f"{family:42} {len(times):5} {statistics.median(times):9.2f}  {figures}")


if __name__ == "__main__":
    main()
