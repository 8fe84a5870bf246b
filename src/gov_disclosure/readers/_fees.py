"""Section 六: its paragraphs and subsections, and the 信息处理费 part with its figures.

The renderers print the fees as one sentence of labelled figures
(``发出收费通知件数：0；通知收费金额（元）：0；实际收取金额（元）：0。``); a
published report's own fee paragraphs are kept as paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import attrs

from .._findings import Finding
from .._form import label
from .._model import OtherMatters, ProcessingFees
from .._outline import LABEL_SEPARATOR, PART_SEPARATOR
from ._blocks import Line
from ._narrative import Flow, narrative_of
from ._normalize import key
from ._tables import read_cell

__all__ = [
    "other_matters",
]

_FEES_KEY: Final = key(label("other_matters.processing_fees"))


def other_matters(lines: Sequence[Line], flow: Flow) -> tuple[OtherMatters, list[Finding]]:
    """Section 六; its last subsection becomes the 信息处理费 part when it is headed so."""
    narrative = narrative_of(lines, flow)
    subsections = list(narrative.subsections)
    fees: ProcessingFees | None = None
    findings: list[Finding] = []
    if subsections and _FEES_KEY in key(subsections[-1].heading):
        fees, findings = _fees(subsections.pop().paragraphs)
    return OtherMatters(narrative.paragraphs, tuple(subsections), fees), findings


def _fees(paragraphs: Sequence[str]) -> tuple[ProcessingFees, list[Finding]]:
    """The 信息处理费 part: its paragraphs, and the figures of the sentence the renderers print
    (``发出收费通知件数：0；通知收费金额（元）：0；实际收取金额（元）：0。``)."""
    names = {
        f.metadata["label"]: f.name for f in attrs.fields(ProcessingFees) if f.name != "paragraphs"
    }
    texts = list(paragraphs)
    cells: dict[str, Any] = {}
    findings: list[Finding] = []
    if texts and texts[-1].endswith("。"):
        parts = [part.partition(LABEL_SEPARATOR) for part in texts[-1][:-1].split(PART_SEPARATOR)]
        if all(separator and name in names for name, separator, _ in parts):
            texts.pop()
            for name, _, value in parts:
                path = f"other_matters.processing_fees.{names[name]}"
                cells[names[name]], cell_findings = read_cell(value, path)
                findings += cell_findings
    return ProcessingFees(**cells, paragraphs=tuple(texts)), findings
