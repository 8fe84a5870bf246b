"""Recognising the form's rows, sections and 2019-format words by their labels.

Every candidate comes from the shared layout (so from the model's labels);
this module adds only what published reports print instead: the known
variants and misprints of spec §9, and the words of the superseded 2019 format.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterable
from types import MappingProxyType
from typing import Final, Literal

import attrs

from .._form import SECTIONS
from .._layout import LAYOUTS, DataRow
from ._normalize import key

__all__ = [
    "FORMAT_2019_WORDS",
    "GROUPS",
    "ROWS",
    "SECTION_CANDIDATES",
    "Candidate",
    "Match",
    "best",
    "score",
]

#: Printed variants of official labels seen in published reports (spec §9), by data path.
#: A match through one of these is reported, saying which variant was printed.
_ROW_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "active_disclosure.normative_documents": ("规范性文件",),
    "applications.withheld.prohibited_by_law": ("2.其他法律行政止公开",),
    "applications.withheld.internal_affairs": ("5.属于三类内容事务信息",),
    "applications.partially_granted": ("（二）部分公开（区分处理的，只计这一情况，不计其他情况）",),
}
_SECTION_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "review_litigation": ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    "problems": (
        "五、存在的主要问题及整改措施",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "五、存在的主要问题及整改情况",
    ),
}

#: Words that only the superseded 2019 format prints (spec §8).
FORMAT_2019_WORDS: Final = tuple(
    key(word)
    for word in (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "其他对外管理服务事项",
        "政府集中采购",
        "采购项目数量",
        "采购总金额",
    )
)

_FUZZY_MIN: Final = 0.8
#: Label scores kept for reuse: a row's label is scored against every candidate by several
#: steps, and reports print the same official labels over and over.
_SCORES_CACHED: Final = 16384


@attrs.frozen
class Candidate:
    """Something a printed label may name: a table row, a row group, or a section."""

    path: str
    label: str
    """The official label, as findings quote it."""
    key: str
    variants: tuple[tuple[str, str], ...] = ()
    """(key, printed text) of each known variant."""


MatchKind = Literal["exact", "variant", "fuzzy"]


@attrs.frozen
class Match:
    candidate: Candidate
    score: float
    kind: MatchKind = "exact"
    variant: str | None = None
    """The known variant printed, when ``kind`` is ``variant``."""


def _variants(texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple((key(text), text) for text in texts)


def _row(row: DataRow) -> Candidate:
    return Candidate(
        row.path, row.labels[-1], key(row.labels[-1]), _variants(_ROW_VARIANTS.get(row.path, ()))
    )


#: The rows of each table, in form order.
ROWS: Final = MappingProxyType(
    {name: tuple(_row(row) for row in layout.data_rows) for name, layout in LAYOUTS.items()}
)


def _groups() -> tuple[Candidate, ...]:
    found: dict[str, Candidate] = {}
    for row in LAYOUTS["applications"].data_rows:
        if len(row.labels) == 2:
            path = row.path.rpartition(".")[0]
            found.setdefault(path, Candidate(path, row.labels[0], key(row.labels[0])))
    return tuple(found.values())


#: The row groups of table 三: （三）不予公开 … （六）其他处理.
GROUPS: Final = _groups()

SECTION_CANDIDATES: Final = tuple(
    Candidate(s.name, s.heading, key(s.label), _variants(_SECTION_VARIANTS.get(s.name, ())))
    for s in SECTIONS
)


@functools.lru_cache(maxsize=_SCORES_CACHED)
def score(observed: str, candidate: Candidate) -> Match | None:
    """How well an observed label key names *candidate*, or ``None`` if it does not.

    Exact containment scores highest, longer labels above shorter ones (so a
    sub-row's own words beat its group's); a known variant a little less; a
    fuzzy match (≥ 80 % of the label's characters, in order) least.
    """
    if not observed:
        return None
    if candidate.key in observed:
        return Match(candidate, 1 + len(candidate.key) / 10)
    for variant_key, printed in candidate.variants:
        if variant_key and variant_key in observed:
            return Match(candidate, 0.9 + len(variant_key) / 10, "variant", printed)
    if len(candidate.key) >= 4 and _shared_characters(candidate.key, observed) >= _FUZZY_MIN:
        matcher = difflib.SequenceMatcher(None, candidate.key, observed, autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        ratio = matched / len(candidate.key)
        if ratio >= _FUZZY_MIN:
            return Match(candidate, 0.5 + ratio * len(candidate.key) / 10, "fuzzy")
    return None


@functools.lru_cache(maxsize=4096)
def _counts(text: str) -> Counter[str]:
    return Counter(text)


def _shared_characters(label: str, observed: str) -> float:
    """The share of a label's characters found in the observed text, order ignored.

    An upper bound of the in-order share a fuzzy match needs, and far quicker.
    """
    mine, theirs = _counts(label), _counts(observed)
    return sum(min(n, theirs[char]) for char, n in mine.items()) / len(label)


def best(observed: str, candidates: Iterable[Candidate]) -> Match | None:
    """The best-scoring candidate for an observed label key."""
    found = [m for c in candidates if (m := score(observed, c)) is not None]
    return max(found, key=lambda m: m.score, default=None)
