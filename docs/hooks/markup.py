"""The Markdown of the generated pages: code blocks, tables, docstrings and excerpts.

Shared by the generators of the site's pages (``form_reference``, ``api_reference`` and
``generate``); it has no hook of its own.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, Protocol

__all__ = [
    "ELLIPSIS",
    "Directive",
    "PageRun",
    "code_block",
    "docstring_summary",
    "escape",
    "excerpt",
    "from_rst",
    "inline",
    "parse_options",
    "table",
]

_ROLE: Final = re.compile(r":(?:class|func|meth|data|attr|mod|exc|obj):`(~?)([^`]+)`")
#: The line that marks lines left out of an excerpt.
ELLIPSIS: Final = "…"


class PageRun(Protocol):
    """The page being generated, as a placeholder's generator sees it."""

    #: The page's path in ``docs/`` (``reference/rules.md``).
    page: str


#: A placeholder's generator: its arguments and the page, to Markdown.
Directive = Callable[[list[str], PageRun], str]


def code_block(text: str, language: str, title: str | None = None) -> str:
    """A fenced code block holding *text*, its fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    head = f'{fence}{language} title="{title}"' if title else f"{fence}{language}"
    return f"{head}\n{text.rstrip(chr(10))}\n{fence}"


def escape(text: str) -> str:
    """Markdown for a table cell: one line, no cell separator, no raw HTML outside code spans."""
    parts = re.split(r"(`+[^`]*`+)", " ".join(text.split()))
    return "".join(
        part if part.startswith("`") else part.replace("|", "\\|").replace("<", "&lt;")
        for part in parts
    )


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells are Markdown already (see :func:`escape`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def inline(text: str) -> str:
    return f"`{text}`"


def from_rst(docstring: str) -> str:
    """reStructuredText roles of a docstring as Markdown code: :class:`~a.B` → `B`."""

    def role(match: re.Match[str]) -> str:
        tilde, target = match[1], match[2]
        return inline(target.rsplit(".", 1)[-1] if tilde else target)

    return _ROLE.sub(role, docstring)


def docstring_summary(obj: Any) -> str:
    """The first paragraph of an object's docstring, on one line, as Markdown."""
    doc = inspect.getdoc(obj) or ""
    return from_rst(" ".join(doc.split("\n\n", 1)[0].split()))


def excerpt(text: str, options: dict[str, str]) -> str:
    """The lines of *text* the options keep, each gap marked by a line ``…``.

    ``start``: from the first line holding this text; ``keep``, ``drop``: only the lines
    matching, or not matching, this regular expression; ``head``: at most this many lines.
    """
    lines = text.rstrip("\n").split("\n")
    kept: list[str] = []
    if "start" in options:
        index = next((i for i, line in enumerate(lines) if options["start"] in line), None)
        if index is None:
            raise ValueError(f"no line holds start={options['start']!r}")
        if index:
            kept.append(ELLIPSIS)
        lines = lines[index:]
    for line in lines:
        dropped = "drop" in options and re.search(options["drop"], line)
        if dropped or ("keep" in options and not re.search(options["keep"], line)):
            if not kept or kept[-1] != ELLIPSIS:
                kept.append(ELLIPSIS)
        else:
            kept.append(line)
    head = int(options.get("head", len(kept)))
    if len(kept) > head:
        kept = [*kept[:head], ELLIPSIS]
    return "\n".join(kept)


def parse_options(tokens: list[str], allowed: frozenset[str]) -> tuple[dict[str, str], list[str]]:
    """Leading ``name=value`` tokens as options, and the tokens after them."""
    options: dict[str, str] = {}
    while tokens and "=" in tokens[0] and tokens[0].partition("=")[0] in allowed:
        name, _, value = tokens.pop(0).partition("=")
        options[name] = value
    return options, tokens
