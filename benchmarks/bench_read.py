"""Benchmark: reading the published reports of ../shared/corpus (issue: readers).

Prints, per corpus report and source kind, the median time of ``gd.read`` and the
cell accuracy against the report's expected.json (cells read exactly / cells of
the tables, blank and "/" included). PDFs are timed with pypdf's text extraction
and, separately, from their extracted text layer. Target: under 20 ms per report
for HTML, Markdown and text.

    python benchmarks/bench_read.py [path/to/corpus]
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any

import gov_disclosure as gd
from gov_disclosure import _form

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXTRA_KEYS = ("source", "layout", "notes", "known_violations")


def expected(folder: Path) -> gd.Report:
    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    for name in EXTRA_KEYS:
        data.pop(name)
    data["applications"].pop("nonstandard_rows", None)
    data["agency"] = {"name": data["agency"]}
    return gd.from_dict(data)


def accuracy(report: gd.Report, want: gd.Report) -> tuple[int, int]:
    right = total = 0
    for path, info in gd.CELLS.items():
        if info.table == "other_matters" or getattr(want, info.table) is None:
            continue
        total += 1
        got: Any = _form.get(report, path) if getattr(report, info.table) is not None else None
        right += got == _form.get(want, path)
    return right, total


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")
    print(f"{'report':28} {'source':12} {'kind':9} {'median ms':>9}  cells")
    for folder in sorted(p for p in corpus.iterdir() if (p / "expected.json").exists()):
        want = expected(folder)
        for source in sorted(folder.glob("source.*")):
            result = gd.read(source)
            right, total = accuracy(result.report, want)
            kind: str = result.format
            if source.suffix == ".txt" and (folder / "source.pdf").exists():
                kind = "pdf-text"  # the PDF's text layer, read without extraction
            ms = median_seconds(functools.partial(gd.read, source), 30) * 1000
            print(f"{folder.name:28} {source.name:12} {kind:9} {ms:9.2f}  {right}/{total}")


if __name__ == "__main__":
    main()
