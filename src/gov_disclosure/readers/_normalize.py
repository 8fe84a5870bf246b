"""Text normalisation for reading: the key a label is recognised by, and printed cell values.

Labels are recognised by a *key*: the text after NFKC, traditional → simplified
(for the characters the official labels use), with ordinals, punctuation,
quotes and spaces removed. ``（三）不予公开 1. 属于国家秘密`` and
``(三) 不予公開1．属于国家秘密`` have the same key.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final, Literal

import attrs

from ..formatting import parse_amount

# Traditional forms of the characters used by the official labels and headings
# (mirror sites publish reports in traditional characters). Only these are
# converted: labels need it, the report's own text is kept as printed.
_TRADITIONAL: Final = (
    "業业 萬万 為为 舉举 會会 體体 關关 內内 決决 況况 辦办 務务 動动 區区 單单 發发 後后 國国 "
    "處处 復复 複复 審审 屬属 廢废 開开 強强 當当 總总 執执 護护 報报 據据 無无 機机 權权 條条 "
    "構构 沒没 現现 確确 穩稳 類类 係系 糾纠 納纳 組组 織织 經经 結结 繼继 續续 維维 繳缴 罰罚 "
    "範范 獲获 補补 規规 計计 認认 議议 許许 訟讼 訪访 訴诉 詢询 請请 費费 轉转 過过 這这 進进 "
    "問问 項项 題题 額额 於于 與与 隻只 號号 資资 訊讯 數数 屆届 徵征 並并 專专 說说 負负 責责 "
    "衛卫 產产 歸归 劃划 協协 質质 個个 檢检 邊边 鄉乡 鎮镇 縣县 廳厅 廠厂 員员 環环 鐵铁 醫医 "
    "藥药 稅税 財财"
)
_T2S: Final = str.maketrans(
    {pair[0]: pair[1] for pair in _TRADITIONAL.split() if len(pair) == 2 and pair[0] != pair[1]}
)

_NUMERALS = "一二三四五六七八九十"
_ORDINALS: Final = re.compile(
    rf"[(（][{_NUMERALS}]+[)）]"  # （一）
    rf"|(?<![{_NUMERALS}])[{_NUMERALS}]+[、.．]"  # 一、  (not inside 三安全一稳定)
    r"|\d+\s*[.．、]"  # 1.  1、
)
_NOT_CJK: Final = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]+")
_SPACE: Final = re.compile(r"\s+")


def simplified(text: str) -> str:
    """NFKC, then traditional → simplified for the characters of the official labels."""
    return unicodedata.normalize("NFKC", text).translate(_T2S)


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

#: Printed as "not applicable" besides "/": dashes of every width.
DASHES: Final = frozenset({"—", "－", "-", "–", "——", "─", "―"})
_NUMBER: Final = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
_NOTE: Final = re.compile(r"^(?P<number>.*?)\s*[(（](?P<note>.*)[)）]\s*$", re.S)


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
