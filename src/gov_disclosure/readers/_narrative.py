"""The narrative: lines joined into paragraphs, subsections, the preamble and the closing.

Sources wrap text differently (a PDF text layer breaks lines at the page width,
a web page gives one paragraph a line, a crawler text runs everything on): the
:class:`Flow` of the source (paragraphs parted by blank lines or not, the usual
line width) tells where a paragraph ends.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Final

import attrs

from .._form import label
from .._model import Narrative, Subsection
from .._outline import (
    CONTACT_CLOSE,
    CONTACT_FIELDS,
    CONTACT_MIDDLE,
    CONTACT_OPENING,
    LABEL_SEPARATOR,
    PART_SEPARATOR,
)
from ..formatting import OrdinalKind, split_ordinal
from ._blocks import Block, Line
from ._identity import date_of, is_name
from ._normalize import PUNCTUATION, SECTION_ORDINAL, simplified, squeeze

__all__ = [
    "Flow",
    "closing",
    "contact",
    "generated_contact",
    "is_contact",
    "is_subsection",
    "narrative_of",
    "paragraphs_of",
    "preamble",
    "topic_of",
]

_SENTENCE_END: Final = "。！？!?；;：:"
#: The share of the usual line width below which a line ending a sentence ends its paragraph.
_SHORT_LINE: Final = 0.9
#: The share of the usual line width below which an unpunctuated line is a title.
_TITLE_LINE: Final = 0.6
#: The quantile of line widths taken as the source's usual width.
_WIDTH_QUANTILE: Final = 0.8
_CONTACT: Final = re.compile(r"联系|疑问|地址[：:]|邮编|电话[：:]|电子邮箱|电子版")
_URL: Final = re.compile(r"https?://[^\s)）<>\"'，。；]+")
_CONTACT_PATTERNS: Final = {
    "address": re.compile(r"地址[：:]\s*([^；;，,）)\n]+)"),
    "postcode": re.compile(r"邮编[：:]\s*(\d{6})"),
    "phone": re.compile(r"电话[：:]\s*([0-9０-９\-—－–()（） ]{0,40}[0-9０-９])"),
    "email": re.compile(r"(?:电子邮箱|邮箱|电子信箱)[：:]\s*([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)"),
    "website": re.compile(r"网址[：:]\s*([^；;，,）)\s]+)"),
}
#: Words that tell which standard topic of 总体情况 a subsection covers, tried in this order.
_TOPIC_WORDS: Final = (
    ("requests", ("依申请",)),
    ("platforms", ("平台",)),
    ("oversight", ("监督", "保障")),
    ("information_management", ("信息管理",)),
    ("active_disclosure", ("主动公开",)),
)


@attrs.frozen
class Flow:
    """How the source lays out its text: paragraphs parted by blank lines or not, line width."""

    blank_mode: bool
    width: float

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> Flow:
        lines = [b for b in blocks if isinstance(b, Line) and b.text.strip()]
        widths = sorted(len(squeeze(line.text)) for line in lines)
        width = float(widths[int(len(widths) * _WIDTH_QUANTILE)]) if widths else 0.0
        return cls(any(line.blank_before for line in lines), width)


def paragraphs_of(lines: Sequence[Line], flow: Flow) -> list[tuple[str, Line]]:
    """Lines joined into paragraphs, each with its first line.

    A heading, or a line starting with a subsection ordinal, begins a paragraph.
    Otherwise a paragraph ends after a line ending a sentence (。) that is
    shorter than the text around it (a PDF text layer wraps lines), or after a
    short line with no punctuation (a title such as ``收费情况``). A blank line
    ends a paragraph too, unless the text before it stops mid-sentence (a page
    break cut the paragraph) and the line after it is not marked as a paragraph's
    first (``Line.paragraph``).
    """
    paragraphs: list[tuple[str, Line]] = []
    current: list[str] = []
    first: Line | None = None

    def flush() -> None:
        nonlocal current, first
        if current and first is not None:
            paragraphs.append(("".join(current), first))
        current, first = [], None

    for line in lines:
        # a paragraph the source marks keeps its white space (a codec wrote it, escaped)
        text = line.text if line.paragraph else line.text.strip()
        if not text.strip():
            continue
        if current and _breaks_before(current, line, text, flow):
            flush()
        first = first or line
        current.append(text)
        if line.heading is not None:
            flush()
    flush()
    return paragraphs


def _breaks_before(current: list[str], line: Line, text: str, flow: Flow) -> bool:
    if line.heading is not None or line.paragraph or is_subsection(text):
        return True
    previous = current[-1]
    ends_sentence = previous[-1] in _SENTENCE_END
    if flow.blank_mode and line.blank_before:
        heading_alone = len(current) == 1 and is_subsection(previous)
        return ends_sentence or heading_alone or line.paragraph
    length = len(squeeze(previous))
    a_title = length <= _TITLE_LINE * flow.width and not PUNCTUATION.search(previous)
    return (ends_sentence and length < _SHORT_LINE * flow.width) or a_title


def is_subsection(text: str) -> bool:
    try:
        kind, _, _ = split_ordinal(text)
    except ValueError:
        return False
    return kind is OrdinalKind.SUBSECTION


def _split_heading(text: str) -> tuple[str, str]:
    """A subsection's first paragraph: its heading (no ordinal, no final 。) and the text after."""
    _, _, rest = split_ordinal(text)
    head, stop, tail = rest.partition("。")
    if stop and tail.strip():
        return head.strip(), tail.strip()
    return rest.removesuffix("。").strip(), ""


def narrative_of(lines: Sequence[Line], flow: Flow, *, topics: bool = False) -> Narrative:
    """Paragraphs and subsections (a line with ``（一）``, or a heading outside the format)."""
    intro: list[str] = []
    subsections: list[Subsection] = []
    heading: str | None = None
    texts: list[str] = []

    def close() -> None:
        if heading:
            subsections.append(
                Subsection(heading, tuple(texts), topic_of(heading) if topics else None)
            )

    for text, line in paragraphs_of(lines, flow):
        if line.paragraph:  # the source marks it a paragraph, whatever it starts with
            (texts if heading else intro).append(text)
        elif is_subsection(text) or (line.heading == 2 and SECTION_ORDINAL.match(text)):
            close()
            heading, tail = _split_heading(text)
            texts = [tail] if tail else []
        else:
            (texts if heading else intro).append(text)
    close()
    return Narrative(tuple(intro), tuple(subsections))


def topic_of(heading: str) -> str | None:
    text = simplified(heading)
    return next((topic for topic, words in _TOPIC_WORDS if any(w in text for w in words)), None)


def preamble(lines: Sequence[Line], flow: Flow) -> tuple[list[str], datetime.date | None]:
    """Preamble paragraphs, and a date printed under the title (``(2026年1月23日)``).

    The agency's name printed again under the title is no paragraph.
    """
    dated = None
    kept: list[Line] = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if (date := date_of(text)) is not None:
            dated = date
        elif index > 1 or not is_name(text):
            kept.append(line)
    return [text for text, _ in paragraphs_of(kept, flow)], dated


def closing(lines: list[Line], flow: Flow) -> tuple[list[str], list[Line]]:
    """The contact paragraphs ending section 六, and the lines of 六 without them."""
    paragraphs = paragraphs_of(lines, flow)
    count = 0
    for text, _ in reversed(paragraphs):
        if not is_contact(text):
            break
        count += 1
    if not count:
        return [], lines
    first = paragraphs[-count][1]
    return [text for text, _ in paragraphs[-count:]], lines[: lines.index(first)]


def is_contact(text: str) -> bool:
    """A paragraph that speaks of contact (联系, 疑问, 地址： …): a closing paragraph."""
    return _CONTACT.search(text) is not None and not is_subsection(text)


def contact(paragraphs: Sequence[str]) -> dict[str, str]:
    """Contact details printed as ``地址：…``, ``邮编：…`` (spaced-out PDF text included)."""
    text = "".join(paragraphs)
    found: dict[str, str] = {}
    for name in CONTACT_FIELDS:
        pattern = _CONTACT_PATTERNS[name]
        if match := pattern.search(text) or pattern.search(squeeze(text)):
            found[name] = match[1].strip()
    if "website" not in found and (url := _URL.search(text)):
        found["website"] = url[0]
    return found


def generated_contact(paragraph: str, name: str) -> dict[str, str] | None:
    """The agency's details, when *paragraph* is exactly the contact sentence this library
    writes for an agency named *name* (:func:`gov_disclosure._outline.contact_sentence`),
    whatever the details hold (an extension, a ``，``, a URL); else ``None``.

    Each value runs to the next ``；`` and label of a later detail; the reading stands only
    if the details read write the paragraph again, character for character.
    """
    head = CONTACT_OPENING + name + CONTACT_MIDDLE
    if not (paragraph.startswith(head) and paragraph.endswith(CONTACT_CLOSE)):
        return None
    details = paragraph[len(head) : len(paragraph) - len(CONTACT_CLOSE)]
    labels = {field: label(f"agency.{field}") + LABEL_SEPARATOR for field in CONTACT_FIELDS}
    found: dict[str, str] = {}
    at = 0
    for index, field in enumerate(CONTACT_FIELDS):
        opening = (PART_SEPARATOR if found else "") + labels[field]
        if not details.startswith(opening, at):
            continue
        start = at + len(opening)
        ends = [
            end
            for later in CONTACT_FIELDS[index + 1 :]
            if (end := details.find(PART_SEPARATOR + labels[later], start)) >= 0
        ]
        at = min(ends, default=len(details))
        found[field] = details[start:at]
    written = PART_SEPARATOR.join(labels[field] + value for field, value in found.items())
    return found if found and written == details else None
