"""A summary page of a folder's checks, for an evaluator to send on.

:func:`summary_html` makes one standalone HTML page: a sortable table of the
reports (agency, year, errors, warnings, the first finding, a link to the
source) and three charts drawn as inline SVG from the data (reports by error
count, the most frequent rules, applications by outcome across the folder).

The page loads nothing: its Content-Security-Policy allows no source at all but
its own inline style and the one inline sorting script, named by its hash. Every
text of the reports is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from ._export import Entry, entry
from ._findings import RULES, shown_number
from ._form import label

__all__ = ["summary_html"]

#: The most rules the rule chart shows.
TOP_RULES: Final = 10

_SEVERITY_ORDER: Final = {"error": 0, "warning": 1, "info": 2}

_SCRIPT: Final = """
document.querySelectorAll("table.reports th").forEach(function (th, column) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = th.dataset.type === "number";
    var down = th.getAttribute("aria-sort") !== "ascending";
    th.closest("tr").querySelectorAll("th").forEach(function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", down ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.key, y = b.cells[column].dataset.key;
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "zh");
      return down ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""

_STYLE: Final = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: .4em; }
.scroll { overflow-x: auto; }
table.reports { border-collapse: collapse; width: 100%; font-size: .92em; }
table.reports th, table.reports td { border: 1px solid #bbb; padding: .3em .5em;
  vertical-align: top; text-align: left; }
table.reports th { background: #eef2f6; cursor: pointer; user-select: none; }
table.reports th[aria-sort="ascending"]::after { content: " ▲"; }
table.reports th[aria-sort="descending"]::after { content: " ▼"; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { color: #b00020; font-weight: bold; }
svg text { font-size: 12px; font-family: inherit; }
"""


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _href(source: str, base: Path | None) -> str:
    """A link to the source file, relative to *base* (the page's folder) when given."""
    path = Path(source)
    if base is not None:
        try:
            return urllib.parse.quote(Path(os.path.relpath(path, base)).as_posix())
        except ValueError:  # another drive
            pass
    if path.is_absolute():
        return path.as_uri()
    return urllib.parse.quote(path.as_posix())


def _first_finding(item: Entry) -> str:
    if item.problems:
        return item.problems[0]
    ranked = sorted(item.findings, key=lambda f: _SEVERITY_ORDER[f.severity])
    for finding in ranked:
        if finding.severity != "info":
            return f"{finding.code} {finding.message}"
    return ""


def _rows(entries: list[Entry], base: Path | None) -> str:
    lines = []
    for item in entries:
        report = item.report
        agency = report.agency.name if report is not None else (item.agency or "")
        year = report.year if report is not None else item.year
        errors = sum(f.severity == "error" for f in item.findings)
        warnings = sum(f.severity == "warning" for f in item.findings)
        source = item.source or ""
        shown = "/".join(Path(source).parts[-2:])
        link = f'<a href="{_e(_href(source, base))}">{_e(shown)}</a>' if source else ""
        first = _first_finding(item)
        if item.problems:  # not read: sorts after every report that was
            error_cell = f'<td class="n bad" data-key="{10**9}">无法读取</td>'
        else:
            bad = " bad" if errors else ""
            error_cell = f'<td class="n{bad}" data-key="{errors}">{errors}</td>'
        lines.append(
            "<tr>"
            f'<td data-key="{_e(agency)}">{_e(agency)}</td>'
            f'<td class="n" data-key="{year or 0}">{_e(year or "")}</td>'
            f"{error_cell}"
            f'<td class="n" data-key="{warnings}">{warnings}</td>'
            f'<td data-key="{_e(first)}">{_e(first)}</td>'
            f'<td data-key="{_e(source)}">{link}</td>'
            "</tr>"
        )
    return "\n".join(lines)


# --- charts ----------------------------------------------------------------------------------


def _bars(title: str, bars: list[tuple[str, int]], *, colour: str, label_width: int = 150) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per (label, value)."""
    width, bar, gap = 460, 18, 6
    height = max(1, len(bars)) * (bar + gap) + gap
    top = max((value for _, value in bars), default=0) or 1
    span = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">'
    ]
    if not bars:
        parts.append(f'<text x="4" y="{bar}">（无数据）</text>')
    for index, (name, value) in enumerate(bars):
        y = gap + index * (bar + gap)
        length = round(span * value / top)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar - 5}" text-anchor="end">{_e(name)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}" fill="{colour}">'
            f"<title>{_e(name)}：{shown_number(value)}</title></rect>"
            f'<text x="{label_width + length + 4}" y="{y + bar - 5}">{shown_number(value)}</text>'
        )
    parts.append("</svg>")
    return f"<figure><figcaption>{_e(title)}</figcaption>{''.join(parts)}</figure>"


def _error_counts(entries: list[Entry]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for item in entries:
        if item.report is None:
            counts["无法读取"] += 1
            continue
        errors = sum(f.severity == "error" for f in item.findings)
        counts[str(errors) if errors < 5 else "5 个及以上"] += 1
    order = ["0", "1", "2", "3", "4", "5 个及以上", "无法读取"]
    return [
        (f"{key} 个错误" if key.isdigit() else key, counts[key]) for key in order if counts[key]
    ]


def _rule_counts(entries: list[Entry]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for item in entries:
        counts.update({f.code for f in item.findings if f.severity != "info"})
    return [(code, n) for code, n in counts.most_common(TOP_RULES)]


def _outcomes(entries: list[Entry]) -> list[tuple[str, int]]:
    groups = (
        "granted",
        "partially_granted",
        "withheld",
        "unavailable",
        "not_processed",
        "other_handling",
        "carried_forward",
    )
    totals = dict.fromkeys(groups, 0)
    for item in entries:
        table = item.report.applications if item.report is not None else None
        if table is None:
            continue
        for path, row in (*table.outcome_rows(), ("carried_forward", table.carried_forward)):
            totals[path.partition(".")[0]] += row.total.number
    names = [(label(f"applications.{g}"), g) for g in groups]
    return [(_short(name, group), totals[group]) for name, group in names]


def _short(name: str, group: str) -> str:
    if group == "carried_forward":
        return "结转下年度"
    return name.split("）", 1)[-1].split("（", 1)[0]


#: The page's default title.
TITLE: Final = "政府信息公开工作年度报告检查汇总"


def summary_html(
    results: Iterable[object], *, title: str = TITLE, base: str | os.PathLike[str] | None = None
) -> str:
    """One standalone HTML page summarising the checks of many reports.

    *results* are what :func:`gov_disclosure.to_records` takes: reports, read
    results, file paths or the batch results of ``gov-disclosure check`` (those
    with ``skipped`` set, files that are no report, are left out). Links to the
    sources are relative to *base*, the folder the page is written to, when given.
    """
    entries = [entry(item) for item in results if not getattr(item, "skipped", None)]
    folder = None if base is None else Path(base)
    with_errors = sum(
        any(f.severity == "error" for f in item.findings) or bool(item.problems) for item in entries
    )
    charts = "".join(
        (
            _bars("报告按错误数分布（份）", _error_counts(entries), colour="#c0392b"),
            _bars(
                "最常见的问题（涉及报告份数）",
                _rule_counts(entries),
                colour="#2e6da4",
                label_width=190,
            ),
            _bars("全部报告的申请办理结果（件）", _outcomes(entries), colour="#3c8d5a"),
        )
    )
    rule_titles = "".join(
        f"<li><code>{_e(code)}</code> {_e(RULES[code].title)}</li>"
        for code, _ in _rule_counts(entries)
        if code in RULES
    )
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src '{_hash(_SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    headers = (
        ("机关", "text"),
        ("年度", "number"),
        ("错误", "number"),
        ("警告", "number"),
        ("首个问题", "text"),
        ("来源", "text"),
    )
    head = "".join(f'<th scope="col" data-type="{kind}">{name}</th>' for name, kind in headers)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{_e(title)}</h1>
<p>共 {len(entries)} 份报告，其中 {with_errors} 份有错误（勾稽关系不成立或无法读取）。</p>
<div class="charts">{charts}</div>
<h2>报告一览（点击表头排序）</h2>
<div class="scroll">
<table class="reports">
<thead><tr>{head}</tr></thead>
<tbody>
{_rows(entries, folder)}
</tbody>
</table>
</div>
<h2>图中的规则</h2>
<ul>{rule_titles}</ul>
<script>{_SCRIPT}</script>
</body>
</html>
"""
