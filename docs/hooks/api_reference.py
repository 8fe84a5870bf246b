"""The reference page of the Python API: every public name of the package, with its summary.

Placeholder (see ``generate.py`` for how a page uses it):

- ``api``: the public API (``__all__`` of the package, of ``formatting`` and of
  ``schema``) with the first paragraph of each docstring, grouped by the module that
  defines each name.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, Final

import attrs

import gov_disclosure as gd
from gov_disclosure import formatting, schema

from markup import (
    Directive,
    PageRun,
    code_block,
    docstring_summary,
    escape,
    from_rst,
    inline,
    table,
)

__all__ = ["DIRECTIVES"]

#: Groups of the package's public names, by the module that defines them.
_API_GROUPS: Final = (
    (
        "Model",
        "The report, its parts and cells, and the official labels by data path.",
        ("gov_disclosure._model", "gov_disclosure._cell", "gov_disclosure._form"),
    ),
    (
        "Data files",
        "Reports to and from JSON and TOML data files and plain data.",
        ("gov_disclosure._files", "gov_disclosure._convert", "gov_disclosure._errors"),
    ),
    (
        "Checks",
        "The rules of the format and the findings they produce; many files checked at once, "
        "here or on a Dask cluster.",
        ("gov_disclosure._checks", "gov_disclosure._findings", "gov_disclosure._cluster"),
    ),
    (
        "Rendering",
        "A report printed as Markdown, HTML or text, from the layout of the official form.",
        ("gov_disclosure.renderers", "gov_disclosure._layout", "gov_disclosure._outline"),
    ),
    ("Reading", "Published reports read into the model.", ("gov_disclosure.readers",)),
)
#: Names shown in another group than their module's.
_API_PLACE: Final = {"ReadError": "Reading", "NotAReportError": "Reading"}
#: Names shown first in their group.
_API_LEAD: Final = ("Report", "Cell", "load", "check", "render", "read")


@cache
def _module_tree(module: str) -> ast.Module | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    return ast.parse(Path(spec.origin).read_text(encoding="utf-8"))


@cache
def _source_lines(module: str) -> list[str]:
    spec = importlib.util.find_spec(module)
    assert spec is not None
    assert spec.origin is not None
    return Path(spec.origin).read_text(encoding="utf-8").splitlines()


def _package_modules() -> list[str]:
    root = Path(gd.__file__).parent
    return sorted(
        "gov_disclosure."
        + ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        for path in root.rglob("*.py")
    )


def _assignment(module: str, name: str) -> tuple[int, str] | None:
    """Line number and doc (``#:`` comments before it, or a string after it) of a top-level
    assignment of *name* in *module*, if it has one."""
    tree = _module_tree(module)
    if tree is None:
        return None
    body = tree.body
    for index, node in enumerate(body):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if not any(isinstance(t, ast.Name) and t.id == name for t in targets):
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            return node.lineno, inspect.cleandoc(following.value.value)
        return node.lineno, _comment_doc(_source_lines(module), node.lineno - 1)
    return None


def _comment_doc(lines: list[str], index: int) -> str:
    """The ``#:`` comment lines just above line *index* (0-based), joined."""
    found: list[str] = []
    while index > 0 and lines[index - 1].strip().startswith("#:"):
        index -= 1
        found.insert(0, lines[index].strip().removeprefix("#:").strip())
    return " ".join(found)


@attrs.frozen
class _ApiEntry:
    name: str
    qualified: str
    obj: Any
    module: str
    line: int
    doc: str


def _entry(prefix: str, name: str, obj: Any) -> _ApiEntry:
    if inspect.isclass(obj) or inspect.isfunction(obj):
        module = obj.__module__
        try:
            line = inspect.getsourcelines(obj)[1]
        except (OSError, TypeError):
            line = 0
        return _ApiEntry(name, f"{prefix}{name}", obj, module, line, docstring_summary(obj))
    for module in _package_modules():
        found = _assignment(module, name)
        if found is not None:
            line, doc = found
            doc = from_rst(" ".join(doc.split("\n\n", 1)[0].split()))
            return _ApiEntry(name, f"{prefix}{name}", obj, module, line, doc)
    return _ApiEntry(name, f"{prefix}{name}", obj, "", 0, "")


def _signature(obj: Any, *, bound: bool = False) -> str:
    """Parameters as they are called, without annotations: ``(report, fmt, **options)``."""
    try:
        parameters = list(inspect.signature(obj).parameters.values())
    except (TypeError, ValueError):
        return "(…)"
    if bound and parameters and parameters[0].name in ("self", "cls"):
        parameters = parameters[1:]
    shown: list[str] = []
    star = False
    for p in parameters:
        if p.kind is p.VAR_POSITIONAL:
            shown.append(f"*{p.name}")
            star = True
        elif p.kind is p.VAR_KEYWORD:
            shown.append(f"**{p.name}")
        else:
            if p.kind is p.KEYWORD_ONLY and not star:
                shown.append("*")
                star = True
            shown.append(p.name if p.default is p.empty else f"{p.name}={p.default!r}")
    return f"({', '.join(shown)})"


def _members(cls: type[Any]) -> list[tuple[str, str, str]]:
    """(name as called, kind, summary) of the public members a class defines or inherits
    from the package, its own first."""
    fields = {f.name for f in attrs.fields(cls)} if attrs.has(cls) else set()
    seen: set[str] = set()
    found: list[tuple[str, str, str]] = []
    for owner in inspect.getmro(cls):
        if not owner.__module__.startswith("gov_disclosure"):
            continue
        for name, raw in vars(owner).items():
            if name.startswith("_") or name in seen or name in fields:
                continue
            seen.add(name)
            if isinstance(raw, property):
                found.append((name, "property", docstring_summary(raw)))
            elif isinstance(raw, classmethod | staticmethod):
                kind = "classmethod" if isinstance(raw, classmethod) else "staticmethod"
                call = getattr(cls, name)
                found.append((f"{name}{_signature(call)}", kind, docstring_summary(call)))
            elif inspect.isfunction(raw):
                found.append(
                    (f"{name}{_signature(raw, bound=True)}", "method", docstring_summary(raw))
                )
            elif not callable(raw):
                doc = _attribute_doc(owner, name)
                found.append((name, "attribute", doc))
    return found


def _attribute_doc(cls: type[Any], name: str) -> str:
    """The ``#:`` comment above a class attribute, if any."""
    try:
        lines, _ = inspect.getsourcelines(cls)
    except (OSError, TypeError):
        return ""
    pattern = re.compile(rf"^\s+{re.escape(name)}\s*[:=]")
    for index, line in enumerate(lines):
        if pattern.match(line):
            return from_rst(_comment_doc([x.rstrip("\n") for x in lines], index))
    return ""


def _kind_of(obj: Any) -> str:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isfunction(obj):
        return "function"
    if isinstance(obj, types.ModuleType):
        return "module"
    if typing.get_origin(obj) is not None:
        return "type"
    return "constant"


def _api_entry_markdown(entry: _ApiEntry) -> str:
    obj, kind = entry.obj, _kind_of(entry.obj)
    lines = [f"### {entry.qualified}", f"*{kind}*" + (f" — {entry.doc}" if entry.doc else "")]
    if kind == "function":
        lines.insert(1, code_block(f"{entry.qualified}{_signature(obj)}", "python"))
    if kind == "type":
        shown = re.sub(r"\b(typing|gov_disclosure(\.\w+)*)\.", "", repr(obj))
        lines.append(code_block(f"{entry.name} = {shown}", "python"))
    if inspect.isclass(obj):
        if attrs.has(obj) and attrs.fields(obj):
            names = ", ".join(inline(f.name) for f in attrs.fields(obj))
            lines.append(f"Fields: {names}.")
        members = _members(obj)
        if members:
            lines.append(
                table(
                    ("Member", "Kind", "Summary"),
                    [(inline(name), kind_, escape(summary)) for name, kind_, summary in members],
                )
            )
    return "\n\n".join(lines)


def _api(args: list[str], page: PageRun) -> str:
    grouped: dict[str, list[_ApiEntry]] = {title: [] for title, _, _ in _API_GROUPS}
    grouped["Other"] = []
    for name in gd.__all__:
        entry = _entry("gd.", name, getattr(gd, name))
        group = _API_PLACE.get(name) or next(
            (
                title
                for title, _, modules in _API_GROUPS
                if any(entry.module == m or entry.module.startswith(m + ".") for m in modules)
            ),
            "Other",
        )
        grouped[group].append(entry)
    intros = {title: intro for title, intro, _ in _API_GROUPS}
    order = {title: list(modules) for title, _, modules in _API_GROUPS}

    def position(group: str, entry: _ApiEntry) -> tuple[int, int, int]:
        lead = _API_LEAD.index(entry.name) if entry.name in _API_LEAD else len(_API_LEAD)
        modules = order.get(group, [])
        module = next(
            (i for i, m in enumerate(modules) if entry.module.startswith(m)), len(modules)
        )
        return lead, module, entry.line

    parts = []
    for group, entries in grouped.items():
        if not entries:
            continue
        parts.append(f"## {group}")
        if group in intros:
            parts.append(intros[group])
        for entry in sorted(entries, key=lambda e: position(group, e)):
            parts.append(_api_entry_markdown(entry))
    for module, title in ((formatting, "Formatting"), (schema, "JSON Schema")):
        short = module.__name__.rpartition(".")[2]
        parts += [
            f"## {title}: `{module.__name__}`",
            docstring_summary(module),
            code_block(f"from gov_disclosure import {short}", "python"),
        ]
        entries = [_entry(f"{short}.", name, getattr(module, name)) for name in module.__all__]
        for entry in sorted(entries, key=lambda e: e.line):
            parts.append(_api_entry_markdown(entry))
    return "\n\n".join(parts)


DIRECTIVES: Final[dict[str, Directive]] = {"api": _api}
