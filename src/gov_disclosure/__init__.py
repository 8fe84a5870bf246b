"""gov_disclosure: the 政府信息公开工作年度报告 of 国办公开办函〔2021〕30号 as a library.

A typed, immutable model of the report; data files in and out; the checks of
every 勾稽关系; renderers (Markdown, HTML, text, Word) and readers of published reports
(HTML, PDF, Markdown, text). The guides and references are in ``docs/``.

>>> import gov_disclosure as gd
>>> report = gd.load("examples/zhongwei-justice-2024.toml")    # doctest: +SKIP
>>> [f for f in gd.check(report) if f.severity == "error"]      # doctest: +SKIP
[]
"""

import importlib as _importlib
import typing as _typing

from ._cell import Amount, Cell, Count
from ._checks import check, check_years
from ._convert import from_dict, make_converter, to_dict
from ._errors import DataError, NotAReportError, Problem, ReadError
from ._files import dump, dumps, load, loads
from ._findings import RULES, Finding, Rule, Severity
from ._form import CELLS, SECTIONS, CellInfo, SectionInfo, label
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

if _typing.TYPE_CHECKING:  # imported on first use, below; named here for type checkers
    from ._cluster import check_files
    from ._export import to_frame, to_records, write_records
    from ._layout import LAYOUTS, DataRow, GridCell, TableLayout
    from ._outline import cell_text
    from ._repairs import Change, Repair, repairs
    from ._summary import summary_html
    from .readers import ReadResult, parse, read
    from .renderers import (
        DocxRenderer,
        HtmlRenderer,
        MarkdownRenderer,
        Renderer,
        TextRenderer,
        render,
    )

#: Names loaded on first use (PEP 562), by the module that defines them: the
#: readers, renderers and layouts pull in lxml, tabulate and babel, which a
#: program that only loads and checks data files never needs; the repair search
#: is needed only for a report whose totals break.
_LAZY: dict[str, str] = {
    "DataRow": "._layout",
    "DocxRenderer": ".renderers",
    "GridCell": "._layout",
    "HtmlRenderer": ".renderers",
    "LAYOUTS": "._layout",
    "MarkdownRenderer": ".renderers",
    "ReadResult": ".readers",
    "Renderer": ".renderers",
    "TableLayout": "._layout",
    "TextRenderer": ".renderers",
    "Change": "._repairs",
    "Repair": "._repairs",
    "cell_text": "._outline",
    "check_files": "._cluster",
    "parse": ".readers",
    "read": ".readers",
    "render": ".renderers",
    "repairs": "._repairs",
    "summary_html": "._summary",
    "to_frame": "._export",
    "to_records": "._export",
    "write_records": "._export",
}


if not _typing.TYPE_CHECKING:  # a type checker sees the imports above, and no catch-all

    def __getattr__(name: str) -> _typing.Any:
        """Import a lazily loaded public name on first use (and keep it)."""
        try:
            module = _LAZY[name]
        except KeyError:
            msg = f"module {__name__!r} has no attribute {name!r}"
            raise AttributeError(msg) from None
        value = getattr(_importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    "Change",
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
    "Repair",
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
    "check_files",
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
    "repairs",
    "summary_html",
    "to_dict",
    "to_frame",
    "to_records",
    "write_records",
]
