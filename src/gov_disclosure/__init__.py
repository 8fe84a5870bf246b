"""gov_disclosure: the 政府信息公开工作年度报告 of 国办公开办函〔2021〕30号 as a library.

A typed, immutable model of the report; data files in and out; the checks of
every 勾稽关系; renderers (Markdown, HTML, text, Word) and readers of published reports
(HTML, PDF, Markdown, text). The guides and references are in ``docs/``.

>>> import gov_disclosure as gd
>>> report = gd.load("examples/zhongwei-justice-2024.toml")    # doctest: +SKIP
>>> [f for f in gd.check(report) if f.severity == "error"]      # doctest: +SKIP
[]
"""

from ._cell import Amount, Cell, Count
from ._checks import check, check_years
from ._convert import from_dict, make_converter, to_dict
from ._errors import DataError, NotAReportError, Problem, ReadError
from ._files import dump, dumps, load, loads
from ._findings import RULES, Finding, Rule, Severity
from ._form import CELLS, SECTIONS, CellInfo, SectionInfo, label
from ._layout import LAYOUTS, DataRow, GridCell, TableLayout
from ._model import (
    OVERVIEW_TOPICS,
    ActiveDisclosure,
    Agency,
    ApplicantRow,
    Applications,
    DocumentCounts,
    Narrative,
    NotProcessed,
    OtherHandling,
    OtherMatters,
    ProcessingFees,
    Report,
    ReviewLitigation,
    ReviewOutcomes,
    Subsection,
    Unavailable,
    Withheld,
)
from ._outline import cell_text
from .readers import ReadResult, parse, read
from .renderers import DocxRenderer, HtmlRenderer, MarkdownRenderer, Renderer, TextRenderer, render

__version__ = "0.1.0"

__all__ = [
    "CELLS",
    "LAYOUTS",
    "OVERVIEW_TOPICS",
    "RULES",
    "SECTIONS",
    "ActiveDisclosure",
    "Agency",
    "Amount",
    "ApplicantRow",
    "Applications",
    "Cell",
    "CellInfo",
    "Count",
    "DataError",
    "DataRow",
    "DocumentCounts",
    "DocxRenderer",
    "Finding",
    "GridCell",
    "HtmlRenderer",
    "MarkdownRenderer",
    "Narrative",
    "NotAReportError",
    "NotProcessed",
    "OtherHandling",
    "OtherMatters",
    "Problem",
    "ProcessingFees",
    "ReadError",
    "ReadResult",
    "Renderer",
    "Report",
    "ReviewLitigation",
    "ReviewOutcomes",
    "Rule",
    "SectionInfo",
    "Severity",
    "Subsection",
    "TableLayout",
    "TextRenderer",
    "Unavailable",
    "Withheld",
    "cell_text",
    "check",
    "check_years",
    "dump",
    "dumps",
    "from_dict",
    "label",
    "load",
    "loads",
    "make_converter",
    "parse",
    "read",
    "render",
    "to_dict",
]
