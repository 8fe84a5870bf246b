"""Numbers and dates as a Chinese government document prints them.

Every ``format_*`` function has a ``parse_*`` inverse, so renderers and readers
of the annual report share one set of conventions:

* **Chinese numerals** follow the standard modern reading: ``十一`` (not
  ``一十一``) at the start of a number, ``一百一十`` inside it, one ``零`` for
  each run of missing places (``一百零五``, ``一万零一十``), units ``万`` and
  ``亿`` (``一万亿`` = 10**12).  Supported range: 0 to :data:`CHINESE_NUMERAL_MAX`
  (10**16 - 1); ``亿亿`` is not used.
* **Heading ordinals** are produced by position: ``一、`` (section), ``（一）``
  (subsection, full-width parentheses) and ``1.`` (item).  Readers parse them
  back with :func:`parse_ordinal` or strip them from a heading with
  :func:`split_ordinal`, which also accept the variants found in real
  documents: ``(一)``, ``1、``, ``1．`` and full-width digits.
* **Counts** are non-negative ``int`` (``bool`` is refused) and print as plain
  digits (``447228``), optionally grouped (``447,228``) or compact
  (``44.72万``).
* **Amounts and percentages** are :class:`decimal.Decimal`, never ``float``
  (a ``float`` raises :class:`TypeError`).  Rounding is always 四舍五入
  (``ROUND_HALF_UP``), done here before babel sees the value (babel would round
  half-even), and a value that rounds to zero never prints as ``-0.00``.
  Decimal arithmetic runs in a private context, so the caller's decimal
  context (precision, rounding) never changes a result.
* **Dates** print as ``2025年1月20日`` or ``二〇二五年一月二十日``.

Digits and grouping are rendered by babel, always with the explicit locale
``zh_CN``.  Parsers strip surrounding whitespace, accept full-width digits and
punctuation, and raise :class:`ValueError` for anything else.
"""

from __future__ import annotations

import datetime
import enum
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

# babel is imported on first use (about 20 ms): ``import gov_disclosure`` and the
# checks of a data file never need it.


def _babel_format_decimal(value: Decimal, *, format: str, locale: str) -> Any:
    from babel.numbers import format_decimal

    return format_decimal(value, format=format, locale=locale)


def _babel_format_percent(value: Decimal, *, format: str, locale: str) -> Any:
    from babel.numbers import format_percent

    return format_percent(value, format=format, locale=locale)


def _babel_format_date(value: datetime.date, *, format: str, locale: str) -> Any:
    from babel.dates import format_date

    return format_date(value, format=format, locale=locale)


__all__ = [
    "CHINESE_NUMERAL_MAX",
    "OrdinalKind",
    "chinese_numeral",
    "format_amount",
    "format_compact",
    "format_count",
    "format_date",
    "format_date_chinese",
    "format_percent",
    "format_year_chinese",
    "item_ordinal",
    "parse_amount",
    "parse_chinese_numeral",
    "parse_count",
    "parse_date",
    "parse_ordinal",
    "parse_percent",
    "parse_year_chinese",
    "section_ordinal",
    "split_ordinal",
    "subsection_ordinal",
    "wan_to_yuan",
    "yuan_to_wan",
]

_LOCALE = "zh_CN"

CHINESE_NUMERAL_MAX = 10**16 - 1
"""Largest integer :func:`chinese_numeral` writes (九千九百九十九万九千九百九十九亿…)."""

_DIGITS = "零一二三四五六七八九"
_YEAR_DIGITS = "〇一二三四五六七八九"
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_COMPACT_UNITS = ((12, "万亿"), (8, "亿"), (4, "万"))

# Full-width digits and punctuation accepted by the parsers.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９，．％－／", "0123456789,.%-/")

_COUNT_RE = re.compile(r"[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+")
_AMOUNT_RE = re.compile(r"-?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?")
_PERCENT_RE = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)\s*%")
_DATE_YMD_RE = re.compile(
    r"(?P<year>[0-9]{1,4})\s*年\s*(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日"
)
_DATE_SEP_RE = re.compile(
    r"(?P<year>[0-9]{4})\s*(?P<sep>[-./])\s*(?P<month>[0-9]{1,2})\s*(?P=sep)\s*(?P<day>[0-9]{1,2})"
)
_DATE_CHINESE_RE = re.compile(r"(?P<year>\S+?)\s*年\s*(?P<month>\S+?)\s*月\s*(?P<day>\S+?)\s*日")
_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_ORDINAL_RE = re.compile(
    rf"\s*(?:(?P<section>[{_NUMERAL_CHARS}]+)\s*、"
    rf"|[（(]\s*(?P<subsection>[{_NUMERAL_CHARS}]+)\s*[）)]"
    r"|(?P<item>[0-9０-９]+)\s*[.．、](?![0-9０-９]))"
    r"\s*(?P<rest>.*)",
    re.DOTALL,
)


class OrdinalKind(enum.StrEnum):
    """The three heading levels of the report: ``一、``, ``（一）`` and ``1.``."""

    SECTION = "section"
    SUBSECTION = "subsection"
    ITEM = "item"


# --------------------------------------------------------------------------- validation


def _check_int(value: object, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name!r} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name!r} must be >= {minimum}: {value}")
    return value


def _check_places(places: object) -> int:
    return _check_int(places, "places", minimum=0)


def _check_decimal(value: object, name: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(f"{name!r} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{name!r} must be finite: {value}")
    return value


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"'text' must be a str, not {type(text).__name__}")
    return text


# --------------------------------------------------------------------------- decimal helpers


def _context_for(value: Decimal, places: int = 0) -> Context:
    """A private context precise enough to hold ``value`` with ``places`` decimals."""
    return Context(prec=max(28, len(value.as_tuple().digits) + places + abs(value.adjusted()) + 2))


def _exponent(value: Decimal) -> int:
    """The exponent of a finite ``value``."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "only finite Decimals reach here"
    return exponent


def _round_half_up(value: Decimal, places: int) -> Decimal:
    """Round ``value`` 四舍五入 to ``places`` decimals; a zero result is unsigned."""
    with localcontext(_context_for(value, places)):
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def _shift(value: Decimal, places: int) -> Decimal:
    """Exactly multiply ``value`` by ``10**places``."""
    with localcontext(_context_for(value, abs(places))):
        return value.scaleb(places)


def _babel_decimal(value: Decimal, places: int, *, grouping: bool, optional: bool = False) -> str:
    """Render an already-rounded ``value`` with ``places`` decimals through babel."""
    pattern = "#,##0" if grouping else "0"
    if places:
        pattern += "." + ("#" if optional else "0") * places
    with localcontext(_context_for(value, places)):
        return str(_babel_format_decimal(value, format=pattern, locale=_LOCALE))


# --------------------------------------------------------------------------- Chinese numerals


def _read_group(n: int, *, leading: bool) -> str:
    """Read ``0 < n < 10000``; ``leading`` selects ``十一`` over ``一十一``."""
    parts: list[str] = []
    pending_zero = False
    for power, unit in ((3, "千"), (2, "百"), (1, "十"), (0, "")):
        digit = n // 10**power % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        if power == 1 and digit == 1 and leading and not parts:
            parts.append(unit)
        else:
            parts.append(_DIGITS[digit] + unit)
    return "".join(parts)


def _read(n: int, *, leading: bool) -> str:
    """Read ``0 < n <= CHINESE_NUMERAL_MAX`` in the standard modern way."""
    for exponent, unit in ((8, "亿"), (4, "万")):
        high, low = divmod(n, 10**exponent)
        if high:
            text = _read(high, leading=leading) + unit
            if low:
                text += ("零" if low < 10 ** (exponent - 1) else "") + _read(low, leading=False)
            return text
    return _read_group(n, leading=leading)


def chinese_numeral(n: int) -> str:
    """Write a non-negative integer in Chinese numerals.

    >>> chinese_numeral(10010)
    '一万零一十'
    """
    _check_int(n, "n", minimum=0)
    if n > CHINESE_NUMERAL_MAX:
        raise ValueError(f"'n' must be <= {CHINESE_NUMERAL_MAX}: {n}")
    return _read(n, leading=True) if n else "零"


def _evaluate_numeral(text: str) -> int:
    """Leniently add up a numeral made of ``零一…九十百千万亿``; validity is checked later."""
    total = below_yi = section = digit = 0
    for char in text:
        if char in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[char]
            digit = 0
        elif char == "万":
            below_yi += (section + digit) * _BIG_UNITS[char]
            section = digit = 0
        elif char == "亿":
            total += (below_yi + section + digit) * _BIG_UNITS[char]
            below_yi = section = digit = 0
        else:
            digit = _DIGITS.index(char)
    return total + below_yi + section + digit


def parse_chinese_numeral(text: str) -> int:
    """Read a Chinese numeral written by :func:`chinese_numeral`.

    Also accepted: ``〇`` for ``零``, ``两`` for ``二`` before ``百千万亿``, a
    leading ``一十`` for ``十`` and surrounding whitespace.  Anything else
    (``一百五``, ``二五``, ``零五``) is refused.

    >>> parse_chinese_numeral("两百零五")
    205
    """
    stripped = _check_text(text).strip()
    normal = re.sub("两(?=[百千万亿])", "二", stripped.replace("〇", "零"))
    if normal.startswith("一十"):
        normal = normal[1:]
    if normal and all(char in _DIGITS or char in "十百千万亿" for char in normal):
        value = _evaluate_numeral(normal)
        if value <= CHINESE_NUMERAL_MAX and chinese_numeral(value) == normal:
            return value
    raise ValueError(f"{text!r} is not a Chinese numeral")


# --------------------------------------------------------------------------- heading ordinals


def section_ordinal(n: int) -> str:
    """The ordinal of the ``n``-th section heading.

    >>> section_ordinal(2)
    '二、'
    """
    return chinese_numeral(_check_int(n, "n", minimum=1)) + "、"


def subsection_ordinal(n: int) -> str:
    """The ordinal of the ``n``-th subsection heading, in full-width parentheses.

    >>> subsection_ordinal(3)
    '（三）'
    """
    return "（" + chinese_numeral(_check_int(n, "n", minimum=1)) + "）"


def item_ordinal(n: int) -> str:
    """The ordinal of the ``n``-th item: ASCII digits and an ASCII period.

    >>> item_ordinal(12)
    '12.'
    """
    return f"{_check_int(n, 'n', minimum=1)}."


def split_ordinal(text: str) -> tuple[OrdinalKind, int, str]:
    """Split a heading into its ordinal and its stripped title.

    Recognised ordinals: ``一、``; ``（一）`` with full- or half-width
    parentheses in any mix; ``1.``, ``1．`` and ``1、`` with ASCII or
    full-width digits (``1.5万`` is a number, not an ordinal).  Whitespace is
    allowed around the ordinal and inside its parentheses.

    >>> split_ordinal("（二）主动公开政府信息情况")
    (<OrdinalKind.SUBSECTION: 'subsection'>, 2, '主动公开政府信息情况')
    """
    match = _ORDINAL_RE.fullmatch(_check_text(text))
    if match is not None:
        rest = match["rest"].strip()
        try:
            if match["item"] is not None:
                kind, n = OrdinalKind.ITEM, int(match["item"].translate(_HALF_WIDTH))
            elif match["section"] is not None:
                kind, n = OrdinalKind.SECTION, parse_chinese_numeral(match["section"])
            else:
                kind, n = OrdinalKind.SUBSECTION, parse_chinese_numeral(match["subsection"])
        except ValueError:
            pass
        else:
            if n >= 1:
                return kind, n, rest
    raise ValueError(f"{text!r} does not start with a heading ordinal")


def parse_ordinal(text: str) -> tuple[OrdinalKind, int]:
    """Read a bare heading ordinal (the forms of :func:`split_ordinal`).

    >>> parse_ordinal("(一) ")
    (<OrdinalKind.SUBSECTION: 'subsection'>, 1)
    """
    message = f"{text!r} is not a heading ordinal"
    try:
        kind, n, rest = split_ordinal(text)
    except ValueError:
        raise ValueError(message) from None
    if rest:
        raise ValueError(message)
    return kind, n


# --------------------------------------------------------------------------- counts


def format_count(n: int, *, grouping: bool = False) -> str:
    """Print a count as plain digits, or grouped by thousands.

    >>> format_count(447228), format_count(447228, grouping=True)
    ('447228', '447,228')
    """
    _check_int(n, "n", minimum=0)
    if not grouping:
        return str(n)  # plain digits are the same in every locale; no need for babel
    return _babel_decimal(Decimal(n), 0, grouping=grouping)


def format_compact(n: int, *, places: int = 2) -> str:
    """Print a large count in 万/亿/万亿 with at most ``places`` decimals, 四舍五入.

    Counts below 10000 print plainly; trailing zeros are dropped
    (``120000`` → ``12万``); a count that rounds up to the next unit moves to
    it (``99999999`` → ``1亿``); 万亿 is the largest unit (``10**16`` → ``10000万亿``).

    >>> format_compact(447228), format_compact(398575800)
    ('44.72万', '3.99亿')
    """
    _check_int(n, "n", minimum=0)
    _check_places(places)
    if n < 10**4:
        return format_count(n)
    index = next(i for i, (exponent, _) in enumerate(_COMPACT_UNITS) if n >= 10**exponent)
    exponent, unit = _COMPACT_UNITS[index]
    scaled = _round_half_up(_shift(Decimal(n), -exponent), places)
    if scaled >= 10**4 and index > 0:
        exponent, unit = _COMPACT_UNITS[index - 1]
        scaled = _round_half_up(_shift(Decimal(n), -exponent), places)
    return _babel_decimal(scaled, places, grouping=False, optional=True) + unit


def parse_count(text: str) -> int:
    """Read a count printed as digits, possibly grouped or full-width.

    >>> parse_count(" １，２３４ ")
    1234
    """
    normal = _check_text(text).strip().translate(_HALF_WIDTH)
    if _COUNT_RE.fullmatch(normal) is None:
        raise ValueError(f"{text!r} is not a count")
    return int(normal.replace(",", ""))


# --------------------------------------------------------------------------- amounts


def format_amount(value: Decimal, *, places: int | None = None, grouping: bool = False) -> str:
    """Print an amount exactly as given, or rounded 四舍五入 to ``places`` decimals.

    Never uses scientific notation and never prints a negative zero.

    >>> format_amount(Decimal("96171.60")), format_amount(Decimal("2.665"), places=2)
    ('96171.60', '2.67')
    """
    _check_decimal(value, "value")
    if places is None:
        places = max(0, -_exponent(value))
    else:
        _check_places(places)
    return _babel_decimal(_round_half_up(value, places), places, grouping=grouping)


def parse_amount(text: str) -> Decimal:
    """Read an amount, keeping the printed digits (trailing zeros included).

    >>> parse_amount("1,234.50")
    Decimal('1234.50')
    """
    normal = _check_text(text).strip().translate(_HALF_WIDTH)
    if _AMOUNT_RE.fullmatch(normal) is None:
        raise ValueError(f"{text!r} is not an amount")
    return Decimal(normal.replace(",", ""))


def yuan_to_wan(yuan: Decimal) -> Decimal:
    """Convert 元 to 万元 exactly; the digits are kept (``10000`` → ``1.0000``).

    >>> yuan_to_wan(Decimal("7730.28"))
    Decimal('0.773028')
    """
    return _shift(_check_decimal(yuan, "yuan"), -4)


def wan_to_yuan(wan: Decimal) -> Decimal:
    """Convert 万元 to 元 exactly, never with a positive exponent (``1`` → ``10000``).

    >>> wan_to_yuan(Decimal("0.773028"))
    Decimal('7730.28')
    """
    yuan = _shift(_check_decimal(wan, "wan"), 4)
    return _round_half_up(yuan, 0) if _exponent(yuan) > 0 else yuan


# --------------------------------------------------------------------------- percentages


def format_percent(value: Decimal, *, places: int = 1) -> str:
    """Print a ratio as a percentage, rounded 四舍五入 to ``places`` decimals.

    >>> format_percent(Decimal("0.12345"))
    '12.3%'
    """
    _check_decimal(value, "value")
    _check_places(places)
    rounded = _round_half_up(value, places + 2)
    pattern = "0" + ("." + "0" * places if places else "") + "%"
    with localcontext(_context_for(rounded, places + 2)):
        return str(_babel_format_percent(rounded, format=pattern, locale=_LOCALE))


def parse_percent(text: str) -> Decimal:
    """Read a percentage (``%`` or ``％``) back into a ratio, exactly.

    >>> parse_percent("12.3％")
    Decimal('0.123')
    """
    match = _PERCENT_RE.fullmatch(_check_text(text).strip().translate(_HALF_WIDTH))
    if match is None:
        raise ValueError(f"{text!r} is not a percentage")
    return _shift(Decimal(match[1]), -2)


# --------------------------------------------------------------------------- dates


def _check_date(d: object) -> datetime.date:
    if not isinstance(d, datetime.date):
        raise TypeError(f"'d' must be a date, not {type(d).__name__}")
    return d


def format_date(d: datetime.date) -> str:
    """Print a date with Arabic digits and no padding.

    >>> format_date(datetime.date(2025, 1, 20))
    '2025年1月20日'
    """
    return str(_babel_format_date(_check_date(d), format="y年M月d日", locale=_LOCALE))


def format_year_chinese(year: int) -> str:
    """Write a year digit by digit with ``〇`` for zero, as 落款 dates do.

    >>> format_year_chinese(2025)
    '二〇二五年'
    """
    _check_int(year, "year", minimum=datetime.MINYEAR)
    if year > datetime.MAXYEAR:
        raise ValueError(f"'year' must be <= {datetime.MAXYEAR}: {year}")
    return "".join(_YEAR_DIGITS[int(digit)] for digit in str(year)) + "年"


def format_date_chinese(d: datetime.date) -> str:
    """Print a date entirely in Chinese numerals.

    >>> format_date_chinese(datetime.date(2025, 1, 20))
    '二〇二五年一月二十日'
    """
    _check_date(d)
    return f"{format_year_chinese(d.year)}{chinese_numeral(d.month)}月{chinese_numeral(d.day)}日"


def parse_year_chinese(text: str) -> int:
    """Read a digit-by-digit Chinese year, with or without ``年``.

    ``〇``, ``零`` and ``○`` (U+25CB, common in typed documents) all read as 0.

    >>> parse_year_chinese("二〇二五年")
    2025
    """
    normal = _check_text(text).strip().removesuffix("年").rstrip()
    normal = normal.replace("零", "〇").replace("○", "〇")
    if not 1 <= len(normal) <= 4 or any(char not in _YEAR_DIGITS for char in normal):
        raise ValueError(f"{text!r} is not a Chinese year")
    year = int("".join(str(_YEAR_DIGITS.index(char)) for char in normal))
    if year < datetime.MINYEAR:
        raise ValueError(f"{text!r} is not a Chinese year")
    return year


def parse_date(text: str) -> datetime.date:
    """Read a date in any of the forms reports use.

    Accepted: ``2025年1月20日`` (spaces allowed around the numbers, full-width
    digits too), ``2025-01-20``, ``2025.1.20``, ``2025/1/20`` and
    ``二〇二五年一月二十日``.  Impossible dates raise :class:`ValueError`.

    >>> parse_date("2025 年 1 月 20 日")
    datetime.date(2025, 1, 20)
    """
    stripped = _check_text(text).strip()
    normal = stripped.translate(_HALF_WIDTH)
    try:
        if match := _DATE_YMD_RE.fullmatch(normal) or _DATE_SEP_RE.fullmatch(normal):
            year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        elif match := _DATE_CHINESE_RE.fullmatch(stripped):
            year = parse_year_chinese(match["year"])
            month = parse_chinese_numeral(match["month"])
            day = parse_chinese_numeral(match["day"])
        else:
            raise ValueError(f"{text!r} is not a date")
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date") from exc
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid date: {exc}") from exc
