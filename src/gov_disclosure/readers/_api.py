"""``read`` and ``parse``: decode the input, pick the front-end, assemble the report."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal

import attrs

from .._errors import NotAReportError, ReadError
from .._findings import Finding, finding
from .._model import Report
from ._blocks import Block
from ._document import assemble
from ._normalize import is_traditional, to_simplified
from .docx import docx_html, is_docx, is_legacy_doc
from .html import html_read, own_html_report
from .markdown import markdown_blocks
from .pdf import pdf_text
from .text import text_blocks

__all__ = [
    "MAX_BYTES",
    "SNIFF_CHARS",
    "ReadResult",
    "SourceFormat",
    "normalise",
    "parse",
    "read",
]

SourceFormat = Literal["text", "markdown", "html", "pdf", "docx"]

#: The largest input read: reports are far smaller; a bigger file is refused, not parsed slowly.
MAX_BYTES: Final = 64 * 1024 * 1024

FrontEnd = Callable[[str], tuple[list[Block], list[Finding]]]


def _only(blocks: Callable[[str], list[Block]]) -> FrontEnd:
    """A front-end that finds nothing to report besides its blocks."""
    return lambda text: (blocks(text), [])


#: Each format's front-end: its blocks, and findings on what it could not read.
_FRONT_ENDS: Final[dict[str, FrontEnd]] = {
    "text": _only(text_blocks),
    "pdf": _only(text_blocks),
    "markdown": _only(markdown_blocks),
    "html": html_read,
    "docx": html_read,  # Word: docx_html makes the document HTML first
}
#: Formats by suffix. A ``.txt`` file is told from its content: much "plain text" is Markdown.
_SUFFIXES: Final[dict[str, SourceFormat]] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_CHARSET: Final = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL: Final = re.compile(r"[\x00-\x08\x0e-\x1f]")
#: Charsets a page may declare in place of another (tried as UTF-8 and GB18030 too).
_COMMON_CHARSETS: Final = frozenset({"utf-8", "utf8", "gb18030", "big5", "ascii", "us-ascii"})
#: How much of a text its format is told from.
SNIFF_CHARS: Final = 20_000
_HTML_TAG: Final = re.compile(r"<(?:html|body|table|article)\b", re.I)
#: A page starts with a tag, a comment or a declaration: ``<`` and a letter, ``!``, ``?`` or ``/``
#: (a text that starts with ``<`` and anything else is text).
_HTML_START: Final = re.compile(r"\s*<[A-Za-z!?/]")
_MD_HEADING: Final = re.compile(r"#{1,6}[ \t]")
_DELIMITER_CELL: Final = re.compile(r":?-+:?")


class ReadResult(tuple[Report, tuple[Finding, ...]]):
    """A published report as read: the report exactly as stated, and the reading findings.

    A pair, so it unpacks with its types known to a type checker:
    ``report, findings = gd.parse(text)``. Besides, ``format`` is the format read,
    ``source`` the file's name, and ``lines`` the source line each table row was read
    from, by its data path (``applications.received``): to find a finding's figures in
    the source. Immutable; equal when report, findings, format and source are.
    """

    format: SourceFormat
    source: str | None
    lines: Mapping[str, int]

    def __new__(
        cls,
        report: Report,
        findings: tuple[Finding, ...],
        format: SourceFormat,
        source: str | None = None,
        lines: Mapping[str, int] | None = None,
    ) -> ReadResult:
        self = super().__new__(cls, (report, tuple(findings)))
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "lines", MappingProxyType(dict(lines or {})))
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a ReadResult is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a ReadResult is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadResult, (*self, self.format, self.source, dict(self.lines)))

    @property
    def report(self) -> Report:
        """The report, exactly as the source states it."""
        return self[0]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """What the reader met and how it read it."""
        return self[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReadResult):
            return NotImplemented
        return tuple.__eq__(self, other) and (self.format, self.source) == (
            other.format,
            other.source,
        )

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.report, self.findings, self.format, self.source))

    def __repr__(self) -> str:
        return (
            f"ReadResult(report={self.report!r}, findings={self.findings!r}, "
            f"format={self.format!r}, source={self.source!r})"
        )

    def located(self, findings: Iterable[Finding]) -> list[Finding]:
        """*findings* (of ``gd.check(result.report)``, say) with the source line of the row
        each reports on, where the reader knows it. A finding that quotes its own text (a
        sentence of the narrative, ``NARRATIVE-TABLE``) is not placed on the row of its cell."""
        located = []
        for found in findings:
            if found.line is None and found.excerpt is None:
                line = self.lines.get(found.path.rpartition(".")[0]) or self.lines.get(found.path)
                found = attrs.evolve(found, line=line)
            located.append(found)
        return located


def parse(
    data: str | bytes,
    fmt: SourceFormat | None = None,
    *,
    source: str | None = None,
    agency: str | None = None,
    year: int | None = None,
) -> ReadResult:
    """Read a published report from its text (or its bytes; a PDF or a .docx must be bytes).

    ``fmt`` is ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"`` or ``"docx"``, or ``None``
    to tell from the content. ``agency`` and ``year`` name a source that does not
    state them (an excerpt, a page without its title); without them they are read
    from the title, else the year from the statistics period and the agency from the
    落款 or the contact sentence (each with an info finding). Raises
    :class:`~gov_disclosure.ReadError` when the input is no report at all (empty,
    binary, no agency or year to be found); a report that is only partly readable
    comes back with findings that say what was not.
    """
    if len(data) > MAX_BYTES:
        raise ReadError(f"the input is {len(data):,} bytes, more than {MAX_BYTES:,}", source)
    if isinstance(data, bytes):
        # --- Word: .docx read as HTML; a legacy .doc refused with what to do ---
        if fmt == "docx" or (fmt is None and is_docx(data)):
            text, fmt = _docx(data, source), "docx"
        elif is_legacy_doc(data):
            msg = "a Word 97-2003 .doc file: open it in Word or WPS and save it as .docx"
            raise ReadError(msg, source)
        # ---
        elif fmt == "pdf" or (fmt is None and data.lstrip()[:5] == b"%PDF-"):
            text, fmt = _pdf(data, source), "pdf"
        elif b"\x00" in data[:4096]:
            raise NotAReportError("the input is binary data, not text", source)
        else:
            text = _decode(data, source)
    else:
        text = data
        if fmt in ("pdf", "docx"):
            raise ReadError(
                f"a {fmt.upper()} must be given as bytes (read the file in binary mode)", source
            )
    if not text.strip():
        raise NotAReportError("the input is empty", source)
    if _CONTROL.search(text[:4096]):
        raise NotAReportError("the input is binary data, not text", source)
    fmt = fmt or _sniff(text)
    if fmt == "html" and (own := own_html_report(text)) is not None:
        return ReadResult(own, (), fmt, source)  # this library's own page: read by its markup
    text, normalised = normalise(text)
    blocks, front = _FRONT_ENDS[fmt](text)
    try:
        report, findings, lines = assemble(blocks, agency=agency, year=year)
    except ReadError as exc:
        raise type(exc)(exc.reason, source) from None
    return ReadResult(report, (*normalised, *front, *findings), fmt, source, lines)


def read(
    path: str | os.PathLike[str], *, agency: str | None = None, year: int | None = None
) -> ReadResult:
    """Read a published report from a file: ``.html``, ``.md``, ``.txt``, ``.pdf`` or ``.docx``.

    The format comes from the suffix, or from the content for ``.txt`` and other names.
    ``agency`` and ``year`` are for a source that does not state them (see :func:`parse`).
    """
    source = os.fspath(path)
    try:
        with open(path, "rb") as file:  # a device or a pipe has no size to ask: read to the cap
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), source) from None
    if len(data) > MAX_BYTES:
        raise ReadError(f"the input is more than {MAX_BYTES:,} bytes", source)
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    return parse(data, fmt, source=source, agency=agency, year=year)


def _pdf(data: bytes, source: str | None) -> str:
    try:
        return pdf_text(data)
    except ReadError as exc:
        raise ReadError(exc.reason, source) from None


def _docx(data: bytes, source: str | None) -> str:
    try:
        return docx_html(data)
    except ReadError as exc:
        raise ReadError(exc.reason, source) from None


def _decode(data: bytes, source: str | None) -> str:
    """Text from bytes: UTF-8, or the charset an HTML page declares (GBK pages are common).

    A page that declares a charset Python does not know, one that is no text encoding
    (``base64``), or one its bytes are not in is a :class:`ReadError` naming the charset;
    only a page declaring UTF-8 or a Chinese charset is tried as the other (pages often
    declare the wrong one of those).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    declared = _CHARSET.search(data[:4096])
    name = declared[1].decode("ascii").lower() if declared else "utf-8"
    name = "gb18030" if name in ("gb2312", "gbk") else name
    try:
        known = codecs.lookup(name)._is_text_encoding
    except LookupError:
        known = False
    if not known:
        raise ReadError(f"the page declares charset {name!r}, which is no text encoding", source)
    family = name.replace("_", "-") in _COMMON_CHARSETS
    for encoding in [name, "utf-8", "gb18030"] if family else [name]:
        try:
            return data.decode(encoding)
        except (UnicodeError, ValueError, TypeError):
            continue
    if family:
        raise ReadError("the input is neither UTF-8 nor GB18030 text", source)
    raise ReadError(f"the input is not in the charset it declares ({name!r})", source)


def normalise(text: str) -> tuple[str, list[Finding]]:
    """The one normalisation every front-end reads through: a traditional-character
    mirror page becomes simplified (with a finding saying so)."""
    if not is_traditional(text):
        return text, []
    message = "原文为繁体字（镜像页面），按简体字读取"
    return to_simplified(text), [finding("READ-TRADITIONAL", "title", message)]


def _sniff(text: str) -> SourceFormat:
    """The format of a text: HTML by its tags, Markdown by a table's delimiter row or a
    heading, else plain text. Each line of the first :data:`SNIFF_CHARS` is looked at once."""
    head = text[:SNIFF_CHARS]
    if _HTML_START.match(head) or _HTML_TAG.search(head):
        return "html"
    for line in head.splitlines():
        stripped = line.strip()
        if stripped[:1] == "#" and _MD_HEADING.match(stripped):
            return "markdown"
        if "-" in stripped and "|" in stripped and _is_delimiter_row(stripped):
            return "markdown"
    return "text"


def _is_delimiter_row(line: str) -> bool:
    """``| --- | ---: |``: a Markdown table's delimiter row (two cells at least)."""
    cells = line.strip("|").split("|")
    return len(cells) > 1 and all(_DELIMITER_CELL.fullmatch(cell.strip()) for cell in cells)
