"""Build a report from its parts in Python, check it, and print it in every format.

    python examples/build_report.py [output folder]

Only the figures that are not 0 are given, part by part: ``Report.from_parts``
computes every 总计, the （七）总计 row and the totals of table 四, and
``blanks_as_zero`` fills in the rest. The report is then saved as a data file
(TOML), checked, and rendered as Markdown, an HTML page and text.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import gov_disclosure as gd


def build() -> gd.Report:
    row = gd.ApplicantRow.from_parts  # one row of table 三: 自然人, 商业企业 … 其他
    report = gd.Report.from_parts(
        agency=gd.Agency(
            "示例县自然资源局",
            kind="department",
            address="示例县人民路1号",
            postcode="100000",
            phone="010-12345678",
            email="gk@example.gov.cn",
        ),
        year=2025,
        preamble=[
            "根据《中华人民共和国政府信息公开条例》，编制本报告。"
            "本报告数据统计期限为2025年1月1日至2025年12月31日。"
        ],
        overview=gd.Narrative(
            paragraphs=["2025年，我局坚持以公开为常态、不公开为例外。"],
            subsections=[
                gd.Subsection("主动公开情况", ["全年主动公开政府信息312条。"], "active_disclosure"),
                gd.Subsection("依申请公开情况", ["全年新收申请12件，均按期答复。"], "requests"),
                gd.Subsection(
                    "政府信息管理情况", ["落实公开属性源头认定。"], "information_management"
                ),
                gd.Subsection("政府信息公开平台建设情况", ["优化门户网站专栏。"], "platforms"),
                gd.Subsection("监督保障情况", ["将政务公开纳入年度考核。"], "oversight"),
            ],
        ),
        active_disclosure=gd.ActiveDisclosure(
            regulations=gd.DocumentCounts("/", "/", "/"),  # 本机关无规章制定权
            normative_documents=gd.DocumentCounts(2, 1, gd.Cell(15, note="其中修订1件")),
            licensing=1203,
            penalties=86,
            coercive_measures=4,
            fees=Decimal("12.56"),
        ),
        applications=gd.Applications(
            received=row(10, 2),
            carried_over=row(1),
            granted=row(6, 1),
            partially_granted=row(1),
            unavailable=gd.Unavailable(not_held=row(2, 1)),
            not_processed=gd.NotProcessed(repeated=row(1)),
            carried_forward=row(1),
        ),
        review_litigation=gd.ReviewLitigation(review=gd.ReviewOutcomes(1, 0, 0, 1)),
        problems=gd.Narrative(paragraphs=["政策解读形式还不够丰富。下一步将增加图解和视频解读。"]),
        other_matters=gd.OtherMatters(
            processing_fees=gd.ProcessingFees(notices=0, notified=Decimal(0), collected=Decimal(0))
        ),
    )
    return report.blanks_as_zero()  # the figures not given are 0, not blank


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    out.mkdir(parents=True, exist_ok=True)
    report = build()
    gd.dump(report, out / "report.toml")
    findings = gd.check(report)
    for finding in findings:  # the three "/" of 规章: this bureau makes no 规章
        print(finding.severity, finding.code, finding.message)
    assert report.applications is not None
    total = report.applications.received.total.value
    errors = sum(f.severity == "error" for f in findings)
    print(f"{errors} errors; 一、本年新收政府信息公开申请数量·总计 computed: {total}")
    (out / "report.md").write_text(gd.render(report, "markdown"), encoding="utf-8")
    (out / "report.html").write_text(gd.render(report, "html", standalone=True), encoding="utf-8")
    (out / "report.txt").write_text(gd.render(report, "text"), encoding="utf-8")
    print(f"wrote report.toml, report.md, report.html and report.txt in {out}")


if __name__ == "__main__":
    main()
