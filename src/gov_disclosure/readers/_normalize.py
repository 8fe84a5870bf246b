"""Text normalisation for reading: the key a label is recognised by, and printed cell values.

Labels are recognised by a *key*: the text after NFKC, traditional → simplified
(with OpenCC's character table, :func:`to_simplified`), with ordinals, punctuation,
quotes and spaces removed. ``（三）不予公开 1. 属于国家秘密`` and
``(三) 不予公開1．属于国家秘密`` have the same key.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from ..formatting import parse_amount

__all__ = [
    "HEADING_LENGTH",
    "MAX_FIGURE_DIGITS",
    "PUNCTUATION",
    "SECTION_ORDINAL",
    "Value",
    "is_traditional",
    "is_value_token",
    "key",
    "parse_value",
    "simplified",
    "squeeze",
    "to_simplified",
]

#: The least number of distinct traditional characters, and their least share of the
#: distinct CJK characters, for a source to be read as a traditional-character mirror: a
#: simplified report may quote a name in traditional characters, a mirror page changes
#: hundreds of characters.
TRADITIONAL_MIN_CHARACTERS: Final = 5
TRADITIONAL_MIN_SHARE: Final = 0.03
_CJK_CHAR: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SIMPLIFIED: dict[int, str] = {}  # code point → simplified character, where the library changes it
_SEEN: set[str] = set()  # characters already looked up (at most the CJK blocks: bounded)


@functools.cache
def _converter() -> Any:
    import opencc  # opencc-python-reimplemented: OpenCC's dictionaries, pure Python

    return opencc.OpenCC("t2s")


def _learn(chars: set[str]) -> None:
    """Look up each new character's simplified form once (cached for the process)."""
    new = [char for char in chars - _SEEN if _CJK_CHAR.match(char)]
    if not new:
        return
    converted = _converter().convert("\n".join(new)).split("\n")
    if len(converted) != len(new):  # pragma: no cover - a dictionary entry spanning newlines
        converted = [_converter().convert(char) for char in new]
    for char, simple in zip(new, converted, strict=True):
        _SEEN.add(char)
        if simple != char and len(simple) == 1:
            _SIMPLIFIED[ord(char)] = simple


def to_simplified(text: str) -> str:
    """Traditional characters → simplified, character by character, with OpenCC's table.

    Character by character (not OpenCC's phrase pass): linear, with ``str.translate``'s
    speed on any input; the official labels and headings need no phrase context.
    """
    _learn(set(text))
    return text.translate(_SIMPLIFIED)


def is_traditional(text: str) -> bool:
    """Whether a source is printed in traditional characters (a portal's 繁體 mirror)."""
    chars = {char for char in set(text) if _CJK_CHAR.match(char)}
    _learn(chars)
    changed = sum(1 for char in chars if ord(char) in _SIMPLIFIED)
    return changed >= max(TRADITIONAL_MIN_CHARACTERS, TRADITIONAL_MIN_SHARE * len(chars))


_NUMERALS = "一二三四五六七八九十"
_ORDINALS: Final = re.compile(
    rf"[(（][{_NUMERALS}]+[)）]"  # （一）
    rf"|(?<![{_NUMERALS}])[{_NUMERALS}]+[、.．]"  # 一、  (not inside 三安全一稳定)
    r"|(?<!\d)\d+\s*[.．、]"  # 1.  1、 (once per digit run)
)
_NOT_CJK: Final = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]+")
_SPACE: Final = re.compile(r"\s+")

#: A level-one ordinal opening a line (``三、``).
SECTION_ORDINAL: Final = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
#: Punctuation that a heading, a name or a title part does not print.
PUNCTUATION: Final = re.compile(r"[。，,；;！？!?：:《》“”\"]")
#: The longest section heading or organ name (characters): longer is a paragraph.
HEADING_LENGTH: Final = 40


def simplified(text: str) -> str:
    """NFKC, then traditional → simplified (:func:`to_simplified`)."""
    return to_simplified(unicodedata.normalize("NFKC", text))


def key(text: str, *, ordinals: bool = False) -> str:
    """The recognition key of a label: CJK characters only, ordinals removed.

    With *ordinals*, leading ordinals are kept (``一、``, ``（一）``), for headings
    where the ordinal tells the level.
    """
    text = simplified(text)
    if not ordinals:
        text = _ORDINALS.sub("", text)
    return _NOT_CJK.sub("", text)


def squeeze(text: str) -> str:
    """Whitespace removed: a PDF text layer breaks words with spaces (``结 果 维持``)."""
    return _SPACE.sub("", text)


# --- printed values -----------------------------------------------------------------------------

#: The most digits a figure may have: no report has a trillion applications, and a longer
#: run of digits is no figure (read as unreadable, never as a huge number).
MAX_FIGURE_DIGITS: Final = 15
#: Printed as "not applicable" besides "/": dashes of every width.
DASHES: Final = frozenset({"—", "－", "-", "–", "——", "─", "―"})
_NUMBER: Final = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
#: A value and its note: the note runs from the first opening bracket to the last closing
#: one (the value holds no bracket, so the pattern is tried from one place only).
_NOTE: Final = re.compile(r"^(?P<number>[^(（]*?)\s*[(（](?P<note>.*)[)）]\s*$", re.S)


@attrs.frozen
class Value:
    """What a printed cell says, before it becomes a model cell."""

    text: str
    """The cell as printed."""
    kind: Literal["blank", "na", "number", "unreadable"]
    number: int | Decimal | None = None
    note: str | None = None
    dash: bool = False
    """Printed as a dash (—), which reads as ``/``."""


def parse_value(text: str) -> Value:
    """A printed cell: blank, ``/`` (or a dash), a number (maybe with a note), or unreadable."""
    raw = text
    text = text.strip()
    note = None
    match = _NOTE.match(text)
    if match and match["number"].strip():
        text, note = match["number"].strip(), match["note"]  # the note exactly as printed
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return Value(raw, "blank", note=note)
    if text == "/":
        return Value(raw, "na", note=note)
    if text in DASHES or set(text) <= {"-", "—", "－", "–"}:
        return Value(raw, "na", note=note, dash=True)
    if sum(1 for char in text if char.isdigit()) > MAX_FIGURE_DIGITS:
        return Value(raw, "unreadable", note=note)  # no count has that many digits
    try:
        amount = parse_amount(text)  # the inverse of how the renderers print figures
    except ValueError:
        return Value(raw, "unreadable", note=note)
    return Value(raw, "number", amount if "." in text else int(amount), note)


def is_value_token(text: str) -> bool:
    """Whether a whitespace-separated token reads as a cell value (number, / or a dash)."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(text) and (
        text == "/" or text in DASHES or bool(_NUMBER.fullmatch(text)) or _looks_like_note(text)
    )


def _looks_like_note(text: str) -> bool:
    """``22（其中修订16件）`` or ``/（无此职能）``: a value with its note."""
    match = _NOTE.match(text)
    if not match:
        return False
    number = match["number"].strip()
    return bool(_NUMBER.fullmatch(number)) or number == "/" or number in DASHES
