"""Check every report in a folder and print one line per report, worst first.

    python examples/batch_check.py path/to/reports [--json]

Data files (.toml, .json) are loaded; published reports (.html, .md, .txt,
.pdf) are read as they were published, errors included. A report that cannot
be read at all is listed with the reason. This is what an evaluator runs over
a whole province's reports; ``gov-disclosure check --jobs N`` does the same
in several processes.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import gov_disclosure as gd

DATA = {".toml", ".json"}
PUBLISHED = {".html", ".htm", ".md", ".txt", ".pdf"}


def check(path: Path) -> dict[str, object]:
    reading: tuple[gd.Finding, ...]
    try:
        if path.suffix in DATA:
            report, reading = gd.load(path), ()
        else:
            report, reading = gd.read(path)
    except gd.DataError as exc:
        return {"file": str(path), "unreadable": "; ".join(map(str, exc.problems))}
    except gd.ReadError as exc:
        return {"file": str(path), "unreadable": exc.reason}
    findings = [*reading, *gd.check(report)]
    severities = Counter(f.severity for f in findings)
    return {
        "file": str(path),
        "agency": report.agency.name,
        "year": report.year,
        "errors": severities["error"],
        "warnings": severities["warning"],
        "codes": sorted({f.code for f in findings if f.severity == "error"}),
    }


def main() -> None:
    folder = Path(sys.argv[1])
    files = sorted(p for p in folder.rglob("*") if p.suffix in DATA | PUBLISHED)
    results = [check(path) for path in files]
    if "--json" in sys.argv:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    results.sort(key=lambda r: (-int(str(r.get("errors", 99))), str(r["file"])))
    for result in results:
        if "unreadable" in result:
            print(f"UNREADABLE  {result['file']}: {result['unreadable']}")
            continue
        codes = ", ".join(result["codes"]) or "-"  # type: ignore[arg-type]
        print(
            f"{result['errors']:3} errors {result['warnings']:3} warnings  "
            f"{result['agency']} {result['year']}  {codes}  ({result['file']})"
        )


if __name__ == "__main__":
    main()
