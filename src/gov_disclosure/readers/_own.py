"""This library's own HTML, read by its markup: every report reads back exactly.

:class:`~gov_disclosure.renderers.HtmlRenderer` marks what the place of a block
does not tell (see :mod:`gov_disclosure.renderers.html`): the article carries
``data-gd-year``, the agency's kind and contact details; ``<h1>`` the stated
title; an overview ``<h3>`` its topic; the 信息处理费 heading and figures, the
closing paragraphs and the contact sentence their classes. A page with that
markup is read block by block, trusting it: no heading is guessed, no sentence
parsed for an address, nothing normalised. A page without it (a render of an
older version, a page edited past recognition) returns ``None``, and is read
like any published page.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any, Final

from .._cell import NOT_APPLICABLE, Cell
from .._escape import unescape_text
from .._form import CELLS, SECTIONS, build
from .._layout import LAYOUTS
from .._model import (
    ActiveDisclosure,
    Agency,
    Applications,
    Narrative,
    OtherMatters,
    ProcessingFees,
    Report,
    ReviewLitigation,
    Subsection,
)
from .._outline import CONTACT_FIELDS, NOTE_CLOSE, NOTE_OPEN
from ..formatting import subsection_ordinal

__all__ = ["OWN_MARK", "own_report"]

#: The attribute that marks this library's own HTML (on its ``<article>``).
OWN_MARK: Final = "data-gd-year"
_ARTICLE_CLASS: Final = "gov-disclosure"
_DATE: Final = re.compile(r"([0-9]{1,4})年([0-9]{1,2})月([0-9]{1,2})日")
_COUNT: Final = re.compile(r"[0-9]+")
_AMOUNT: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")


class _UnreadableError(Exception):
    """The markup is not what this library writes: read the page like any other."""


def own_report(root: Any) -> Report | None:
    """The report of this library's own HTML rendering in the element tree *root*, or
    ``None`` when *root* holds none."""
    for article in root.iter("article"):
        classes = (article.get("class") or "").split()
        if _ARTICLE_CLASS in classes and article.get(OWN_MARK) is not None:
            try:
                return _Reader(article).report()
            except (_UnreadableError, ValueError, TypeError, KeyError, IndexError):
                return None
    return None


def _data(element: Any, name: str) -> str | None:
    value = element.get("data-gd-" + name)
    return None if value is None else unescape_text(value)


def _text(element: Any) -> str:
    """The element's text exactly as written: ``<br>`` a newline, nothing collapsed."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append("\n" if child.tag == "br" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def parse_cell(text: str, kind: str) -> Cell[Any]:
    """A cell from its printed text (:func:`gov_disclosure._outline.cell_text`): the
    figure never holds ``（``, so the first one opens the note."""
    value, bracket, rest = text.partition(NOTE_OPEN)
    note = None
    if bracket:
        if not rest.endswith(NOTE_CLOSE):
            raise _UnreadableError(text)
        note = rest[: -len(NOTE_CLOSE)]
    if value == NOT_APPLICABLE:
        return Cell(not_applicable=True, note=note)
    if not value:
        return Cell(note=note)
    if kind == "amount" and _AMOUNT.fullmatch(value):
        return Cell(Decimal(value), note=note)
    if kind == "count" and _COUNT.fullmatch(value):
        return Cell(int(value), note=note)
    raise _UnreadableError(text)


class _Reader:
    def __init__(self, article: Any) -> None:
        self.article = article
        self.title: str | None = None
        self.preamble: list[str] = []
        self.parts: dict[str, Any] = {}
        self.closing: list[str] = []
        self.name: str | None = None
        self.published: datetime.date | None = None

    def report(self) -> Report:
        section: str | None = None
        paragraphs: list[str] = []
        subsections: list[tuple[str, str | None, list[str]]] = []
        fees: dict[str, Any] | None = None
        target = self.preamble
        for element in self.article:
            tag = element.tag if isinstance(element.tag, str) else None
            classes = _classes(element) if tag else set()
            if tag == "h1":
                self.title = _data(element, "title")
            elif tag == "h2":
                if section is not None:
                    self._narrative(section, paragraphs, subsections, fees)
                section = SECTIONS[len(self.parts)].name
                if _text(element) != SECTIONS[len(self.parts)].heading:
                    raise _UnreadableError(section)
                self.parts[section] = None
                paragraphs, subsections, fees = [], [], None
                target = paragraphs
            elif tag == "h3":
                if "gd-fees" in classes:
                    fees = {"paragraphs": []}
                    target = fees["paragraphs"]
                    continue
                ordinal = subsection_ordinal(len(subsections) + 1)
                heading = _text(element)
                if not heading.startswith(ordinal) or fees is not None:
                    raise _UnreadableError(heading)
                target = []
                subsections.append((heading[len(ordinal) :], _data(element, "topic"), target))
            elif tag == "p":
                if "gd-closing" in classes:
                    self.closing.append(_text(element))
                elif "gd-fees-figures" in classes and fees is not None:
                    for name in ("notices", "notified", "collected"):
                        kind = "count" if name == "notices" else "amount"
                        fees[name] = parse_cell(_data(element, name) or "", kind)
                elif "gd-contact" not in classes:
                    target.append(_text(element))
            elif tag == "div" and "gd-table-wrap" in classes and section is not None:
                self.parts[section] = _table(section, element)
            elif tag == "div" and "gd-signature" in classes:
                self._signature(element)
        if section is None or len(self.parts) != len(SECTIONS) or self.name is None:
            raise _UnreadableError("sections")
        self._narrative(section, paragraphs, subsections, fees)
        return self._assembled()

    def _narrative(
        self,
        section: str,
        paragraphs: list[str],
        subsections: list[tuple[str, str | None, list[str]]],
        fees: dict[str, Any] | None,
    ) -> None:
        if section not in ("overview", "problems", "other_matters"):
            return
        subs = [Subsection(heading, tuple(texts), topic) for heading, topic, texts in subsections]
        if section == "other_matters":
            processing = None if fees is None else ProcessingFees(**fees)
            self.parts[section] = OtherMatters(tuple(paragraphs), tuple(subs), processing)
        else:
            self.parts[section] = Narrative(tuple(paragraphs), tuple(subs))

    def _signature(self, element: Any) -> None:
        lines = [_text(p) for p in element if p.tag == "p"]
        if not lines or len(lines) > 2:
            raise _UnreadableError("signature")
        self.name = lines[0]
        if len(lines) == 2:
            match = _DATE.fullmatch(lines[1])
            if match is None:
                raise _UnreadableError(lines[1])
            self.published = datetime.date(*map(int, match.groups()))

    def _assembled(self) -> Report:
        article = self.article
        contact = {name: _data(article, name) for name in CONTACT_FIELDS}
        if self.name is None:
            raise _UnreadableError("signature")
        agency = Agency(self.name, _data(article, "kind"), **contact)  # type: ignore[arg-type]
        return Report(
            agency=agency,
            year=int(_data(article, "year") or ""),
            title=self.title,
            published=self.published,
            preamble=tuple(self.preamble),
            closing=tuple(self.closing),
            **self.parts,
        )


def _table(section: str, wrap: Any) -> Any:
    """A table from its grid: each figure cell where the layout puts it."""
    layout = LAYOUTS[section]
    rows = list(wrap.iter("tr"))
    if len(rows) != len(layout.grid):
        raise _UnreadableError(section)
    cells: dict[str, Cell[Any]] = {}
    for grid_row, row in zip(layout.grid, rows, strict=True):
        printed = [cell for cell in row if cell.tag in ("td", "th")]
        if len(printed) != len(grid_row):
            raise _UnreadableError(section)
        for info, cell in zip(grid_row, printed, strict=True):
            if info.path is not None:
                path = info.path
                cells[path.partition(".")[2]] = parse_cell(_text(cell), CELLS[path].kind)
    return build(_TABLES[section], cells)


_TABLES: Final[dict[str, type[Any]]] = {
    "active_disclosure": ActiveDisclosure,
    "applications": Applications,
    "review_litigation": ReviewLitigation,
}
