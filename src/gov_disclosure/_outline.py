"""The printed order of a report, as blocks every renderer presents and every reader expects.

:func:`outline` turns a report into a flat list of blocks — title, headings,
paragraphs, tables and the signature — in the order the format prescribes.
Each renderer only decides how a block looks in its output format; which
blocks there are, their ordinals and their generated sentences are decided
here, once. Readers parse the same conventions back (see
:func:`cell_text` and :data:`CONTACT_FIELDS`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias

import attrs

from ._cell import NOT_APPLICABLE, Cell
from ._form import SECTIONS, label
from ._layout import LAYOUTS, TableLayout
from ._model import Narrative, OtherMatters, ProcessingFees, Report
from .formatting import format_amount, format_count, format_date, subsection_ordinal

__all__ = [
    "CONTACT_CLOSE",
    "CONTACT_FIELDS",
    "CONTACT_MIDDLE",
    "CONTACT_OPENING",
    "LABEL_SEPARATOR",
    "NOTE_CLOSE",
    "NOTE_OPEN",
    "PART_SEPARATOR",
    "Block",
    "Heading",
    "Paragraph",
    "Signature",
    "TableBlock",
    "Title",
    "cell_text",
    "contact_sentence",
    "fees_sentence",
    "outline",
]

#: Agency fields printed in the generated contact sentence, in order.
CONTACT_FIELDS: Final = ("address", "postcode", "phone", "email", "website")
#: Opening and close of the generated contact sentence (when ``closing`` is empty).
CONTACT_OPENING: Final = "如对本报告有疑问，请与"
CONTACT_MIDDLE: Final = "联系（"
CONTACT_CLOSE: Final = "）。"
#: Separators of the generated sentences: between parts, and between a label and its value.
PART_SEPARATOR: Final = "；"
LABEL_SEPARATOR: Final = "："
NOTE_OPEN: Final = "（"
NOTE_CLOSE: Final = "）"


@attrs.frozen
class Title:
    text: str


@attrs.frozen
class Heading:
    """A section heading (level 1, ``一、总体情况``) or a subsection heading (level 2)."""

    level: Literal[1, 2]
    text: str


@attrs.frozen
class Paragraph:
    text: str


@attrs.frozen
class TableBlock:
    """One of the three tables: its layout and the table object holding the figures."""

    layout: TableLayout
    table: Any

    def cell(self, path: str) -> Cell[Any]:
        """The cell at a data path of this table (``applications.received.total``)."""
        obj = self.table
        for name in path.split(".")[1:]:
            obj = getattr(obj, name)
        return obj  # type: ignore[no-any-return]


@attrs.frozen
class Signature:
    """The 落款: the agency's name and, when known, the publication date."""

    lines: tuple[str, ...]


Block: TypeAlias = Title | Heading | Paragraph | TableBlock | Signature


def cell_text(cell: Cell[Any]) -> str:
    """A cell as printed: ``66``, ``7730.28``, ``/``, blank, or ``22（其中修订16件）``."""
    text: str
    if cell.not_applicable:
        text = NOT_APPLICABLE
    elif cell.value is None:
        text = ""
    elif isinstance(cell.value, Decimal):
        text = format_amount(cell.value)
    else:
        text = format_count(cell.value)
    if cell.note is not None:
        text += f"{NOTE_OPEN}{cell.note}{NOTE_CLOSE}"
    return text


def fees_sentence(fees: ProcessingFees) -> str | None:
    """The stated 信息处理费 figures as one sentence, or ``None`` when all are plain blanks.

    ``发出收费通知件数：0；通知收费金额（元）：0；实际收取金额（元）：0。``
    """
    parts = []
    for field in attrs.fields(ProcessingFees):
        cell = getattr(fees, field.name)
        if isinstance(cell, Cell) and cell != Cell():
            parts.append(f"{field.metadata['label']}{LABEL_SEPARATOR}{cell_text(cell)}")
    return PART_SEPARATOR.join(parts) + "。" if parts else None


def contact_sentence(report: Report) -> str | None:
    """The contact sentence generated from the agency's details, or ``None`` without any."""
    agency = report.agency
    parts = [
        f"{label(f'agency.{name}')}{LABEL_SEPARATOR}{value}"
        for name in CONTACT_FIELDS
        if (value := getattr(agency, name)) is not None
    ]
    if not parts:
        return None
    details = PART_SEPARATOR.join(parts)
    return f"{CONTACT_OPENING}{agency.name}{CONTACT_MIDDLE}{details}{CONTACT_CLOSE}"


def _narrative(narrative: Narrative) -> list[Block]:
    blocks: list[Block] = [Paragraph(text) for text in narrative.paragraphs]
    for number, sub in enumerate(narrative.subsections, start=1):
        blocks.append(Heading(2, f"{subsection_ordinal(number)}{sub.heading}"))
        blocks += [Paragraph(text) for text in sub.paragraphs]
    if isinstance(narrative, OtherMatters) and narrative.processing_fees is not None:
        fees = narrative.processing_fees
        number = len(narrative.subsections) + 1
        heading = label("other_matters.processing_fees")
        blocks.append(Heading(2, f"{subsection_ordinal(number)}{heading}"))
        blocks += [Paragraph(text) for text in fees.paragraphs]
        sentence = fees_sentence(fees)
        if sentence is not None:
            blocks.append(Paragraph(sentence))
    return blocks


def outline(report: Report) -> list[Block]:
    """The blocks of a report in printed order.

    Title; preamble; the six sections, each under its official heading, with
    subsections numbered （一）（二）… by position and the 信息处理费 part as the
    last subsection of 六; the closing paragraphs (or, when there are none, a
    contact sentence made from the agency's details); the 落款.
    """
    blocks: list[Block] = [Title(report.title or report.default_title)]
    blocks += [Paragraph(text) for text in report.preamble]
    for section in SECTIONS:
        blocks.append(Heading(1, section.heading))
        part = getattr(report, section.name)
        if isinstance(part, Narrative):
            blocks += _narrative(part)
        elif part is not None:
            blocks.append(TableBlock(LAYOUTS[section.name], part))
    if report.closing:
        blocks += [Paragraph(text) for text in report.closing]
    elif (sentence := contact_sentence(report)) is not None:
        blocks.append(Paragraph(sentence))
    date = () if report.published is None else (format_date(report.published),)
    blocks.append(Signature((report.agency.name, *date)))
    return blocks
