"""Text codecs of the renderers: every ``escape_*`` has an exact ``unescape_*`` inverse.

A renderer writes every piece of report text (titles, headings, paragraphs,
labels and cell texts) through one of these codecs, and a reader of the same
format reads it back through the inverse, so ``unescape_x(escape_x(t)) == t``
for every string ``t``. Each escaped form keeps the text on its own terms in the
output format — it can never open a tag, a Markdown construct, a table cell or
a new line of the layout — while ordinary Chinese text passes through unchanged.

**HTML** (:func:`escape_html`): ``&``, ``<``, ``>``, ``"`` and ``'`` as
:func:`html.escape` writes them (``&amp;`` ``&lt;`` ``&gt;`` ``&quot;``
``&#x27;``), a carriage return as ``&#13;`` (a raw one would read as a newline
in a browser), a newline as ``<br>``, and every other C0 control character
and DEL (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F) as a decimal
reference ``&#N;``, never raw (a page with raw control characters is refused
as binary by the readers). So an escaped text has no raw line break, no raw
control character but the tab, and no ``<`` but those of its ``<br>`` tags.
HTML parsers read ``&#1;`` … back as the character itself, except ``&#0;``,
which HTML turns into U+FFFD (NUL is the one character a page cannot carry).
The C1 controls (U+0080–U+009F) stay raw: HTML reads ``&#128;`` … as the
Windows-1252 characters (``€`` …), so a reference would change them. The
inverse turns ``<br>`` (also ``<br/>`` and ``<br />``) into a newline and the
control references into their characters, then applies :func:`html.unescape`.

**Markdown** (CommonMark and GitHub-flavoured, and Python-Markdown): ``<`` and
``&`` are written as the entities ``&lt;`` and ``&amp;``, which every Markdown
renderer honours (Python-Markdown takes ``\\<`` for a backslash and raw HTML);
the other ASCII punctuation that could start a construct is backslash-escaped.
Everywhere: the backslash, the backtick, ``*`` ``_`` ``[`` ``]`` ``|`` ``~``;
the ``.`` of ``www.`` and the ``:`` of ``http://``, ``https://`` and ``ftp://``
(any case), which would start a GFM autolink — GFM takes a link's text raw, backslashes and all (``https\\://www\\.…``).
At the start of a line of a paragraph: ``#`` ``>`` ``-`` ``+`` ``=``, and the
``.`` or ``)`` of an ordered-list marker (1–9 ASCII digits, then ``.`` or ``)``,
then a space, a tab or the end of the line: ``1\\. 扎实…``; ``1.5万`` is left
alone). Written as a decimal character reference ``&#N;``: every control
character (Unicode category Cc) but newline and tab, U+2028 and U+2029, and each
whitespace character (``str.isspace``) at the start or end of a line, which
Markdown would strip (a line that starts with whitespace so starts with ``&#``,
and needs no marker escaped). Nothing else is escaped: CJK, full-width
punctuation, emoji, ``:``, ``!``, ``(`` … pass through. (GFM may still show an
e-mail address as a link; its text is unchanged. U+0000 shows as U+FFFD in any
CommonMark rendering, but reads back exactly.)

* :func:`escape_markdown` (paragraph text) writes a newline as a hard line
  break, a backslash at the end of the line (``\\`` then the newline), except a
  newline that ends the text, written ``&#10;``. So a paragraph never contains
  an empty or blank line, and no line of it starts or ends with whitespace.
* :func:`escape_markdown_cell` (one line: table cells, headings, the bold item
  labels of table 二) writes a newline as ``<br>`` and also escapes ``#``
  everywhere (a heading's trailing ``#`` would be taken for a closing sequence).

The inverse of both is the same scan from left to right: a backslash followed
by ASCII punctuation or a newline stands for that character; ``&#N;`` for
``chr(N)``; ``&lt;`` and ``&amp;`` for ``<`` and ``&``; ``<br>`` (also
``<br/>``, ``<br />``) for a newline; everything else for itself.

**Plain text** (:func:`escape_text`: the text layouts, one line per text,
tab-separated fields in TSV): a backslash is written ``\\\\``, a newline ``\\n``, a
carriage return ``\\r``, a tab ``\\t``; every other control character (Cc),
U+2028, U+2029, and each whitespace character at the start or end of the text,
as ``\\uXXXX`` (four lower-case hex digits). So an escaped text is one line with
no tab and no whitespace at either end (a reader may strip lines and split on
tabs). :func:`escape_text_line` (the title, headings, paragraphs and 落款 of the text
rendering) also writes a ``<``, ``#`` or ``|`` that starts the line, a ``|`` that ends it,
and every ``|`` of a line with three `` | `` or more as ``\\uXXXX``, so that no reader takes
the line for a page, a Markdown heading or a table row. :func:`escape_text_cell` (cells
of the aligned tables) also writes ``|`` as ``\\|``, so that cells can be split on every
unescaped ``|``. The inverse of all three reads ``\\\\ \\| \\n \\r \\t \\uXXXX`` back and
leaves any other character alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Final

__all__ = [
    "escape_html",
    "escape_markdown",
    "escape_markdown_cell",
    "escape_markdown_html",
    "escape_text",
    "escape_text_cell",
    "escape_text_line",
    "split_cells",
    "unescape_html",
    "unescape_markdown",
    "unescape_markdown_cell",
    "unescape_text",
    "unescape_text_cell",
]


def _controls() -> Iterable[int]:
    """Code points that no codec writes literally: controls but tab and newline, U+2028/9."""
    yield from (cp for cp in range(0x20) if cp not in (0x09, 0x0A))
    yield from range(0x7F, 0xA0)
    yield from (0x2028, 0x2029)


def _encode_edges(text: str, encode: Callable[[str], str]) -> str:
    """*text* with each whitespace character at either end written by *encode*."""
    lead = len(text) - len(text.lstrip())
    if lead == len(text):
        return "".join(map(encode, text))
    trail = len(text) - len(text.rstrip())
    if not lead and not trail:
        return text
    end = len(text) - trail
    head = "".join(map(encode, text[:lead]))
    tail = "".join(map(encode, text[end:]))
    return head + text[lead:end] + tail


# --- HTML ----------------------------------------------------------------------------------

_HTML_BR: Final = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: C0 controls and DEL but tab and newline: written ``&#N;`` (carriage return included).
_HTML_CONTROLS: Final = frozenset((*range(0x09), 0x0B, 0x0C, *range(0x0D, 0x20), 0x7F))
_HTML_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_HTML_CONTROL_REF: Final = re.compile(r"&#([0-9]{1,3});")


def _html_ref(match: re.Match[str]) -> str:
    return f"&#{ord(match[0])};"


def escape_html(text: str) -> str:
    """Text for HTML element content or an attribute: entities, ``&#N;`` controls, ``<br>``."""
    escaped = html.escape(text, quote=True).replace("\n", "<br>")
    if _HTML_CONTROL.search(escaped) is None:  # the common case: no control character
        return escaped
    return _HTML_CONTROL.sub(_html_ref, escaped)


def escape_markdown_html(text: str) -> str:
    """Text for an HTML block of a Markdown document: :func:`escape_html`, and a backslash
    as ``&#92;`` (Python-Markdown takes ``\\<`` there for an escaped ``<``)."""
    return escape_html(text).replace("\\", "&#92;")


def _html_control(match: re.Match[str]) -> str:
    code = int(match[1])
    return chr(code) if code in _HTML_CONTROLS else match[0]


def unescape_html(text: str) -> str:
    """The inverse of :func:`escape_html`: ``<br>`` becomes a newline, entities characters."""
    text = _HTML_BR.sub("\n", text)
    if "&#" in text:
        text = _HTML_CONTROL_REF.sub(_html_control, text)
    return html.unescape(text)


# --- Markdown ------------------------------------------------------------------------------

_MD_INLINE: Final = "\\`*_[]|~"
_MD_REFS: Final = {cp: f"&#{cp};" for cp in _controls()}
_MD_ENTITIES: Final = {ord("<"): "&lt;", ord("&"): "&amp;"}
_MD_PARAGRAPH_TABLE: Final = {ord(c): "\\" + c for c in _MD_INLINE} | _MD_REFS | _MD_ENTITIES
_MD_CELL_TABLE: Final = _MD_PARAGRAPH_TABLE | {ord("#"): "\\#", ord("\n"): "<br>"}
_MD_LINE_START: Final = re.compile(r"[#>+=-]|[0-9]{1,9}[.)](?=[ \t]|$)")
# The start of a GFM extended autolink: GFM takes the text of ``www.…`` and ``http://…``
# links raw, backslashes and all, so its ``.`` or ``:`` is escaped and the text stays text.
_MD_AUTOLINK: Final = re.compile(r"(www)(\.)|((?i:https?|ftp))(:)(?=//)")
_MD_UNESCAPE: Final = re.compile(r"\\([!-/:-@\[-`{-~\n])|&#([0-9]{1,7});|<br\s*/?>|&(lt|amp);")
_MD_NAMED: Final = {"lt": "<", "amp": "&"}


def _md_ref(char: str) -> str:
    return f"&#{ord(char)};"


def _no_autolink(match: re.Match[str]) -> str:
    start, punctuation = match.group(1, 2) if match.group(1) else match.group(3, 4)
    return f"{start}\\{punctuation}"


def _without_autolinks(text: str) -> str:
    if "www." in text or "://" in text:
        return _MD_AUTOLINK.sub(_no_autolink, text)
    return text


def _markdown_line(line: str) -> str:
    escaped = _without_autolinks(line.translate(_MD_PARAGRAPH_TABLE))
    escaped = _encode_edges(escaped, _md_ref)
    marker = _MD_LINE_START.match(escaped)
    if marker is None:
        return escaped
    at = marker.end() - 1  # the character to escape: the marker, or the . / ) after digits
    return escaped[:at] + "\\" + escaped[at:]


def escape_markdown(text: str) -> str:
    """Paragraph text for Markdown: literal when rendered, a newline as a hard line break."""
    final_newline = text.endswith("\n")
    if final_newline:
        text = text[:-1]
    escaped = "\\\n".join(map(_markdown_line, text.split("\n")))
    return escaped + "&#10;" if final_newline else escaped


def escape_markdown_cell(text: str) -> str:
    """One-line text for Markdown (table cells, headings): a newline as ``<br>``."""
    return _encode_edges(_without_autolinks(text.translate(_MD_CELL_TABLE)), _md_ref)


def _md_token(match: re.Match[str]) -> str:
    char, number, name = match.group(1, 2, 3)
    if char is not None:
        return char
    if number is not None:
        code = int(number)
        return chr(code) if code <= 0x10FFFF else match.group()
    if name is not None:
        return _MD_NAMED[name]
    return "\n"


def unescape_markdown(text: str) -> str:
    """The inverse of :func:`escape_markdown` (and of :func:`escape_markdown_cell`)."""
    return _MD_UNESCAPE.sub(_md_token, text)


def unescape_markdown_cell(text: str) -> str:
    """The inverse of :func:`escape_markdown_cell` (the same scan as :func:`unescape_markdown`)."""
    return _MD_UNESCAPE.sub(_md_token, text)


# --- plain text ----------------------------------------------------------------------------

_TEXT_TABLE: Final = {cp: f"\\u{cp:04x}" for cp in _controls()} | {
    ord("\\"): "\\\\",
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
_TEXT_CELL_TABLE: Final = _TEXT_TABLE | {ord("|"): "\\|"}
_TEXT_UNESCAPE: Final = re.compile(r"\\(?:([\\|])|([nrt])|u([0-9a-fA-F]{4}))")
_TEXT_LETTERS: Final = {"n": "\n", "r": "\r", "t": "\t"}


def _text_ref(char: str) -> str:
    return f"\\u{ord(char):04x}"  # every whitespace character is in the BMP


def escape_text(text: str) -> str:
    """Text on one line of plain text, with no tab and no whitespace at either end."""
    return _encode_edges(text.translate(_TEXT_TABLE), _text_ref)


#: What a text reader would take for something else at the start of a line: a page (``<``), a
#: Markdown heading (``#``) or a table row (``|``); written ``\\uXXXX`` there.
_TEXT_LINE_START: Final = frozenset("<#|")
#: The `` | `` separators that make a text line a table row (as the text reader counts them).
_TEXT_ROW_SEPARATORS: Final = 3


def escape_text_line(text: str) -> str:
    """A line of text that no text reader takes for a table row, a page or a heading:
    :func:`escape_text`, and also ``<``, ``#`` or ``|`` that starts it, ``|`` that ends it, and
    every ``|`` of a line with three `` | `` or more, as ``\\uXXXX`` (read back by
    :func:`unescape_text`)."""
    escaped = escape_text(text)
    if escaped.count(" | ") >= _TEXT_ROW_SEPARATORS:
        escaped = escaped.replace("|", "\\u007c")
    if escaped[:1] in _TEXT_LINE_START:
        escaped = _text_ref(escaped[0]) + escaped[1:]
    if escaped.endswith("|"):
        escaped = escaped[:-1] + "\\u007c"
    return escaped


def escape_text_cell(text: str) -> str:
    """A cell of an aligned text table: :func:`escape_text`, and ``|`` as ``\\|``."""
    return _encode_edges(text.translate(_TEXT_CELL_TABLE), _text_ref)


def _text_token(match: re.Match[str]) -> str:
    char, letter, code = match.group(1, 2, 3)
    if char is not None:
        return char
    if letter is not None:
        return _TEXT_LETTERS[letter]
    return chr(int(code, 16))


def unescape_text(text: str) -> str:
    """The inverse of :func:`escape_text` (and of :func:`escape_text_cell`)."""
    return _TEXT_UNESCAPE.sub(_text_token, text)


def unescape_text_cell(text: str) -> str:
    """The inverse of :func:`escape_text_cell` (the same scan as :func:`unescape_text`)."""
    return _TEXT_UNESCAPE.sub(_text_token, text)


def split_cells(line: str) -> list[str]:
    """A table line split at each ``|`` no backslash escapes, escapes left in place.

    The cells of a Markdown or aligned-text table row, for the matching
    ``unescape_*_cell``; leading and trailing border pipes give empty first and
    last cells (``"| a | b |"`` → ``["", " a ", " b ", ""]``).
    """
    cells: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            current.append(line[index : index + 2])
            index += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    return cells
