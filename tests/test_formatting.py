"""Tests of gov_disclosure.formatting: examples, edge cases and round-trip properties."""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.formatting import (
    CHINESE_NUMERAL_MAX,
    OrdinalKind,
    chinese_numeral,
    format_amount,
    format_compact,
    format_count,
    format_date,
    format_date_chinese,
    format_percent,
    format_year_chinese,
    item_ordinal,
    parse_amount,
    parse_chinese_numeral,
    parse_count,
    parse_date,
    parse_ordinal,
    parse_percent,
    parse_year_chinese,
    section_ordinal,
    split_ordinal,
    subsection_ordinal,
    wan_to_yuan,
    yuan_to_wan,
)

D = Decimal
DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2199, 12, 31))
PLACES = st.integers(min_value=0, max_value=6)
# Finite non-negative amounts with a non-positive exponent, two ways.
AMOUNTS = st.one_of(
    PLACES.flatmap(lambda k: st.decimals(min_value=0, max_value=10**12, places=k)),
    st.builds(
        lambda coefficient, exponent: D(f"{coefficient}E{exponent}"),
        st.integers(min_value=0, max_value=10**30),
        st.integers(min_value=-12, max_value=0),
    ),
)


def _message(text: str) -> str:
    return re.escape(text)


# --------------------------------------------------------------------------- Chinese numerals


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1050, "一千零五十"),
        (1100, "一千一百"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (10100, "一万零一百"),
        (11000, "一万一千"),
        (100000, "十万"),
        (110000, "十一万"),
        (1010000, "一百零一万"),
        (10001000, "一千万一千"),
        (10000001, "一千万零一"),
        (99999999, "九千九百九十九万九千九百九十九"),
        (100000000, "一亿"),
        (100000005, "一亿零五"),
        (100010000, "一亿零一万"),
        (110000000, "一亿一千万"),
        (1000001000, "十亿零一千"),
        (10**12, "一万亿"),
        (10**12 + 5, "一万亿零五"),
        (12345678901234, "十二万三千四百五十六亿七千八百九十万一千二百三十四"),
        (CHINESE_NUMERAL_MAX, "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九"),
    ],
)
def test_chinese_numeral_examples(n: int, text: str) -> None:
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize("n", range(10, 20))
def test_teens_read_shi_at_start_and_yi_shi_inside(n: int) -> None:
    ones = "" if n == 10 else chinese_numeral(n - 10)
    assert chinese_numeral(n) == "十" + ones
    assert chinese_numeral(100 + n) == "一百一十" + ones
    assert chinese_numeral(10000 + n) == "一万零一十" + ones


def test_chinese_numeral_bounds() -> None:
    assert CHINESE_NUMERAL_MAX == 10**16 - 1
    with pytest.raises(ValueError, match=_message(f"'n' must be <= {CHINESE_NUMERAL_MAX}")):
        chinese_numeral(10**16)
    with pytest.raises(ValueError, match=_message("'n' must be >= 0: -1")):
        chinese_numeral(-1)


@pytest.mark.parametrize("bad", [True, 1.0, "1", D(1)])
def test_chinese_numeral_refuses_non_int(bad: object) -> None:
    with pytest.raises(TypeError, match="'n' must be an int"):
        chinese_numeral(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("〇", 0),
        ("零", 0),
        ("两百", 200),
        ("两千零五", 2005),
        ("两万", 20000),
        ("两亿", 200000000),
        ("一百〇五", 105),
        ("一十一", 11),
        ("一十万", 100000),
        (" 十二 ", 12),
    ],
)
def test_parse_chinese_numeral_variants(text: str, n: int) -> None:
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "百",
        "一百五",  # colloquially 150: ambiguous, refused
        "一万五",
        "二五",
        "零五",
        "一百零",
        "一百零零五",
        "一百零五十",
        "一千五十",
        "一万零一千",
        "十两",
        "两",
        "两十",
        "一亿亿",
        "一百一十一十",
        "二〇二五",
        "12",
        "十一、",
        "廿",
    ],
)
def test_parse_chinese_numeral_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not a Chinese numeral")):
        parse_chinese_numeral(text)


def test_parse_chinese_numeral_refuses_non_str() -> None:
    with pytest.raises(TypeError, match="'text' must be a str, not int"):
        parse_chinese_numeral(12)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=CHINESE_NUMERAL_MAX))
def test_chinese_numeral_round_trip(n: int) -> None:
    text = chinese_numeral(n)
    assert parse_chinese_numeral(text) == n
    assert parse_chinese_numeral(text.replace("零", "〇")) == n


@given(st.integers(min_value=0, max_value=99_999))
def test_chinese_numeral_round_trip_small(n: int) -> None:
    assert parse_chinese_numeral(chinese_numeral(n)) == n


# --------------------------------------------------------------------------- ordinals


def test_ordinal_examples() -> None:
    assert section_ordinal(1) == "一、"
    assert section_ordinal(11) == "十一、"
    assert subsection_ordinal(1) == "\uff08一\uff09"
    assert subsection_ordinal(20) == "（二十）"
    assert item_ordinal(1) == "1."
    assert item_ordinal(12) == "12."


@pytest.mark.parametrize("function", [section_ordinal, subsection_ordinal, item_ordinal])
def test_ordinals_start_at_one(function: object) -> None:
    assert callable(function)
    with pytest.raises(ValueError, match=_message("'n' must be >= 1: 0")):
        function(0)
    with pytest.raises(TypeError, match="'n' must be an int, not bool"):
        function(True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、", (OrdinalKind.SECTION, 1)),
        ("十二、", (OrdinalKind.SECTION, 12)),
        ("（一）", (OrdinalKind.SUBSECTION, 1)),
        ("(一)", (OrdinalKind.SUBSECTION, 1)),
        ("(一) ", (OrdinalKind.SUBSECTION, 1)),
        ("（三)", (OrdinalKind.SUBSECTION, 3)),
        ("( 四 )", (OrdinalKind.SUBSECTION, 4)),
        ("1.", (OrdinalKind.ITEM, 1)),
        ("1、", (OrdinalKind.ITEM, 1)),
        ("1．", (OrdinalKind.ITEM, 1)),
        ("１２．", (OrdinalKind.ITEM, 12)),
        (" 3. ", (OrdinalKind.ITEM, 3)),
    ],
)
def test_parse_ordinal_forms(text: str, expected: tuple[OrdinalKind, int]) -> None:
    assert parse_ordinal(text) == expected


def test_ordinal_kind_is_a_string() -> None:
    assert str(OrdinalKind.SECTION) == "section"
    assert OrdinalKind("subsection") is OrdinalKind.SUBSECTION
    assert [kind.value for kind in OrdinalKind] == ["section", "subsection", "item"]


@pytest.mark.parametrize(
    "text",
    ["", "一", "一、总体情况", "零、", "（零）", "0.", "1", "1.5", "（一", "一百五、", "a.", "(1)"],
)
def test_parse_ordinal_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not a heading ordinal")):
        parse_ordinal(text)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("一、总体情况", (OrdinalKind.SECTION, 1, "总体情况")),
        ("（二）主动公开政府信息情况", (OrdinalKind.SUBSECTION, 2, "主动公开政府信息情况")),
        ("(三) 收到和处理情况", (OrdinalKind.SUBSECTION, 3, "收到和处理情况")),
        ("1．规章", (OrdinalKind.ITEM, 1, "规章")),
        ("2、 行政规范性文件", (OrdinalKind.ITEM, 2, "行政规范性文件")),
        ("四、", (OrdinalKind.SECTION, 4, "")),
    ],
)
def test_split_ordinal(heading: str, expected: tuple[OrdinalKind, int, str]) -> None:
    assert split_ordinal(heading) == expected


@pytest.mark.parametrize("heading", ["总体情况", "1.5万件", "二〇二五年度报告", "一百五、x", ""])
def test_split_ordinal_refuses(heading: str) -> None:
    with pytest.raises(ValueError, match="does not start with a heading ordinal"):
        split_ordinal(heading)


@given(st.integers(min_value=1, max_value=CHINESE_NUMERAL_MAX), st.text(max_size=5))
def test_ordinal_round_trips(n: int, title: str) -> None:
    assert parse_ordinal(section_ordinal(n)) == (OrdinalKind.SECTION, n)
    assert parse_ordinal(subsection_ordinal(n)) == (OrdinalKind.SUBSECTION, n)
    assert parse_ordinal(item_ordinal(n)) == (OrdinalKind.ITEM, n)
    assert parse_ordinal(subsection_ordinal(n).replace("（", "(").replace("）", ")")) == (
        OrdinalKind.SUBSECTION,
        n,
    )
    heading = subsection_ordinal(n) + "情况" + title
    assert split_ordinal(heading) == (OrdinalKind.SUBSECTION, n, ("情况" + title).strip())


# --------------------------------------------------------------------------- counts


def test_format_count() -> None:
    assert format_count(0) == "0"
    assert format_count(447228) == "447228"
    assert format_count(447228, grouping=True) == "447,228"
    assert format_count(999, grouping=True) == "999"
    assert format_count(10**30) == "1" + "0" * 30


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (-1, ValueError, "'n' must be >= 0: -1"),
        (True, TypeError, "'n' must be an int, not bool"),
        (1.0, TypeError, "'n' must be an int, not float"),
        (D(1), TypeError, "'n' must be an int, not Decimal"),
    ],
)
def test_format_count_refuses(bad: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=_message(message)):
        format_count(bad)  # type: ignore[arg-type]
    with pytest.raises(error, match=_message(message)):
        format_compact(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("447228", 447228),
        ("447,228", 447228),
        ("1，234", 1234),
        ("１２３", 123),
        ("１，２３４", 1234),
        ("  0\n", 0),
        ("\u30001,234,567\u3000", 1234567),
    ],
)
def test_parse_count(text: str, n: int) -> None:
    assert parse_count(text) == n


@pytest.mark.parametrize(
    "text",
    ["", " ", "-1", "1.5", "1,23", "12,34,567", ",123", "1,234,", "１２a", "一", "+1", "1e3"],
)
def test_parse_count_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not a count")):
        parse_count(text)


@given(st.integers(min_value=0, max_value=10**30), st.booleans())
def test_count_round_trip(n: int, grouping: bool) -> None:
    assert parse_count(format_count(n, grouping=grouping)) == n


@pytest.mark.parametrize(
    ("n", "places", "text"),
    [
        (0, 2, "0"),
        (9999, 2, "9999"),
        (10000, 2, "1万"),
        (120000, 2, "12万"),
        (447228, 2, "44.72万"),
        (398575800, 2, "3.99亿"),
        (99995000, 2, "9999.5万"),
        (99999999, 2, "1亿"),  # rounds up into the next unit
        (10**12, 2, "1万亿"),
        (10**16, 2, "10000万亿"),
        (447228, 0, "45万"),
        (447228, 4, "44.7228万"),
    ],
)
def test_format_compact(n: int, places: int, text: str) -> None:
    assert format_compact(n, places=places) == text


@pytest.mark.parametrize(
    ("n", "places", "half_up"),
    [
        # Half-even (babel's own rounding) would give 12万, 1.234万, 12亿, 2.2万, 44.72万.
        (125000, 0, "13万"),
        (12345, 3, "1.235万"),
        (1250000000, 0, "13亿"),
        (22500, 1, "2.3万"),
        (447250, 2, "44.73万"),
    ],
)
def test_format_compact_rounds_half_up(n: int, places: int, half_up: str) -> None:
    assert format_compact(n, places=places) == half_up


def test_format_compact_refuses_negative_places() -> None:
    with pytest.raises(ValueError, match=_message("'places' must be >= 0: -1")):
        format_compact(447228, places=-1)


@given(st.integers(min_value=10**4, max_value=10**17), st.integers(min_value=0, max_value=4))
def test_format_compact_is_close(n: int, places: int) -> None:
    text = format_compact(n, places=places)
    match = re.fullmatch(r"([0-9]+(?:\.([0-9]+))?)(万亿|亿|万)", text)
    assert match is not None
    assert len(match[2] or "") <= places
    assert not (match[2] or "").endswith("0")
    exponent = {"万": 4, "亿": 8, "万亿": 12}[match[3]]
    value = D(match[1]).scaleb(exponent)
    assert abs(value - n) <= D(5).scaleb(exponent - places - 1)
    assert D(match[1]) >= 1
    if match[3] != "万亿":
        assert D(match[1]) < 10**4


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("7730.28"), "7730.28"),
        (D("7545"), "7545"),
        (D("4068.208"), "4068.208"),
        (D("96171.60"), "96171.60"),
        (D("1E+3"), "1000"),
        (D("1.23E-5"), "0.0000123"),
        (D("0"), "0"),
        (D("0.00"), "0.00"),
        (D("-0.00"), "0.00"),
        (D("-1.50"), "-1.50"),
        (D("123456789012345678901234567890.123456789"), "123456789012345678901234567890.123456789"),
    ],
)
def test_format_amount_exact(value: Decimal, text: str) -> None:
    assert format_amount(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (D("2.665"), 2, "2.67"),  # half-even would give 2.66
        (D("0.125"), 2, "0.13"),  # half-even would give 0.12
        (D("2.5"), 0, "3"),  # half-even would give 2
        (D("1.005"), 2, "1.01"),
        (D("7545"), 2, "7545.00"),
        (D("96171.60"), 1, "96171.6"),
        (D("1E+3"), 1, "1000.0"),
        (D("-1.5"), 2, "-1.50"),
        (D("-2.665"), 2, "-2.67"),
        (D("-0.001"), 2, "0.00"),
        (D("-0.4"), 0, "0"),
        (D("-0.005"), 2, "-0.01"),
        (D("0.004999"), 2, "0.00"),
    ],
)
def test_format_amount_rounds_half_up(value: Decimal, places: int, text: str) -> None:
    assert format_amount(value, places=places) == text


def test_format_amount_grouping() -> None:
    assert format_amount(D("1234567.891"), grouping=True) == "1,234,567.891"
    assert format_amount(D("1234567.891"), places=2, grouping=True) == "1,234,567.89"
    assert format_amount(D("-1234.5"), grouping=True) == "-1,234.5"
    assert format_amount(D("999.99"), places=1, grouping=True) == "1,000.0"


def test_format_amount_ignores_callers_decimal_context() -> None:
    with localcontext(prec=3, rounding=ROUND_DOWN):
        assert format_amount(D("123456.789")) == "123456.789"
        assert format_amount(D("2.665"), places=2) == "2.67"
        assert format_percent(D("0.123456"), places=2) == "12.35%"
        assert yuan_to_wan(D("123456.789")) == D("12.3456789")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: format_amount(1.5), TypeError, "'value' must be a Decimal, not float"),  # type: ignore[arg-type]
        (lambda: format_amount(1), TypeError, "'value' must be a Decimal, not int"),  # type: ignore[arg-type]
        (lambda: format_amount(D("NaN")), ValueError, "'value' must be finite: NaN"),
        (lambda: format_amount(D("-Infinity")), ValueError, "'value' must be finite: -Infinity"),
        (lambda: format_amount(D(1), places=-1), ValueError, "'places' must be >= 0: -1"),
        (lambda: format_amount(D(1), places=True), TypeError, "'places' must be an int, not bool"),
        (lambda: format_percent(0.5), TypeError, "'value' must be a Decimal, not float"),  # type: ignore[arg-type]
        (lambda: format_percent(D("0.5"), places=-1), ValueError, "'places' must be >= 0: -1"),
        (lambda: yuan_to_wan(1.5), TypeError, "'yuan' must be a Decimal, not float"),  # type: ignore[arg-type]
        (lambda: wan_to_yuan(1.5), TypeError, "'wan' must be a Decimal, not float"),  # type: ignore[arg-type]
        (lambda: yuan_to_wan(D("sNaN")), ValueError, "'yuan' must be finite: sNaN"),
    ],
)
def test_amount_argument_validation(call: object, error: type[Exception], message: str) -> None:
    assert callable(call)
    with pytest.raises(error, match=_message(message)):
        call()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.50", D("1234.50")),
        ("1234.50", D("1234.50")),
        ("7545", D("7545")),
        ("0.00", D("0.00")),
        (" 96171.60\n", D("96171.60")),
        ("１２３４．５０", D("1234.50")),
        ("１，２３４．５", D("1234.5")),
        ("-1.50", D("-1.50")),
        ("－1.50", D("-1.50")),
    ],
)
def test_parse_amount(text: str, value: Decimal) -> None:
    parsed = parse_amount(text)
    assert parsed == value
    assert parsed.as_tuple() == value.as_tuple()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "1E3",
        "1e-2",
        "1.",
        ".5",
        "+1",
        "1,23.4",
        "1.2.3",
        "1.234,5",
        "12 34",
        "一百",
        "1234元",
        "--1",
    ],
)
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not an amount")):
        parse_amount(text)


@given(AMOUNTS, st.booleans())
def test_amount_round_trip_is_exact(value: Decimal, grouping: bool) -> None:
    text = format_amount(value, grouping=grouping)
    assert "E" not in text
    parsed = parse_amount(text)
    assert parsed == value
    assert parsed.as_tuple() == value.as_tuple()


@given(AMOUNTS.filter(lambda value: not value.is_zero()))
def test_negative_amount_round_trip_is_exact(value: Decimal) -> None:
    negative = value.copy_negate()
    assert parse_amount(format_amount(negative)).as_tuple() == negative.as_tuple()


@given(AMOUNTS, PLACES, st.booleans())
def test_amount_round_trip_with_places(value: Decimal, places: int, grouping: bool) -> None:
    with localcontext(prec=100):
        expected = value.quantize(D(10) ** -places, ROUND_HALF_UP)
    text = format_amount(value, places=places, grouping=grouping)
    assert parse_amount(text) == expected
    assert parse_amount(text).as_tuple() == expected.as_tuple()


@given(AMOUNTS, PLACES)
def test_rounded_amount_never_prints_negative_zero(value: Decimal, places: int) -> None:
    text = format_amount(value.copy_negate(), places=places)
    assert text.startswith("-") != parse_amount(text).is_zero()


@pytest.mark.parametrize(
    ("yuan", "wan"),
    [
        (D("7730.28"), D("0.773028")),
        (D("7545"), D("0.7545")),
        (D("10000"), D("1.0000")),
        (D("96171.60"), D("9.617160")),
        (D("0"), D("0.0000")),
    ],
)
def test_yuan_to_wan(yuan: Decimal, wan: Decimal) -> None:
    converted = yuan_to_wan(yuan)
    assert converted.as_tuple() == wan.as_tuple()
    assert wan_to_yuan(converted).as_tuple() == yuan.as_tuple()


def test_wan_to_yuan_never_has_a_positive_exponent() -> None:
    assert str(wan_to_yuan(D("1"))) == "10000"
    assert str(wan_to_yuan(D("2.5"))) == "25000"
    assert str(wan_to_yuan(D("1E+2"))) == "1000000"
    assert str(wan_to_yuan(D("0.12345678"))) == "1234.5678"


@given(AMOUNTS)
def test_yuan_wan_round_trip(value: Decimal) -> None:
    wan = yuan_to_wan(value)
    with localcontext(prec=100):
        assert wan * 10000 == value
    assert wan_to_yuan(wan) == value
    assert wan_to_yuan(wan).as_tuple() == value.as_tuple()


@given(
    st.builds(
        lambda coefficient, exponent: D(f"{coefficient}E{exponent}"),
        st.integers(min_value=0, max_value=10**20),
        st.integers(min_value=-8, max_value=8),
    )
)
def test_wan_to_yuan_is_exact_and_plain(wan: Decimal) -> None:
    yuan = wan_to_yuan(wan)
    with localcontext(prec=100):
        assert yuan == wan * 10000
    exponent = yuan.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent <= 0
    assert yuan_to_wan(yuan) == wan


# --------------------------------------------------------------------------- percentages


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (D("0.12345"), 1, "12.3%"),
        (D("0.12345"), 2, "12.35%"),  # half-even would give 12.34%
        (D("0.1225"), 1, "12.3%"),  # half-even would give 12.2%
        (D("0.125"), 0, "13%"),  # half-even would give 12%
        (D("1"), 1, "100.0%"),
        (D("0"), 1, "0.0%"),
        (D("-0.0001"), 1, "0.0%"),
        (D("-0.5"), 0, "-50%"),
        (D("12.5"), 0, "1250%"),
    ],
)
def test_format_percent(value: Decimal, places: int, text: str) -> None:
    assert format_percent(value, places=places) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.3%", D("0.123")),
        ("12.3％", D("0.123")),
        (" 12.3 % ", D("0.123")),
        ("１２．３％", D("0.123")),
        ("100%", D("1.00")),
        ("0.0%", D("0.000")),
        ("-50%", D("-0.50")),
    ],
)
def test_parse_percent(text: str, value: Decimal) -> None:
    parsed = parse_percent(text)
    assert parsed == value
    assert parsed.as_tuple() == value.as_tuple()


@pytest.mark.parametrize("text", ["", "12.3", "%", "abc%", "1e2%", "12.3%%", "NaN%", "12,3%"])
def test_parse_percent_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not a percentage")):
        parse_percent(text)


@given(
    st.integers(min_value=0, max_value=8).flatmap(
        lambda k: st.decimals(min_value=-100, max_value=100, places=k)
    ),
    st.integers(min_value=0, max_value=4),
)
def test_percent_round_trip(ratio: Decimal, places: int) -> None:
    expected = ratio.quantize(D(10) ** -(places + 2), ROUND_HALF_UP)
    parsed = parse_percent(format_percent(ratio, places=places))
    assert parsed == expected


# --------------------------------------------------------------------------- dates


def test_format_date_examples() -> None:
    assert format_date(datetime.date(2025, 1, 20)) == "2025年1月20日"
    assert format_date(datetime.date(2024, 12, 31)) == "2024年12月31日"
    assert format_date(datetime.datetime(2025, 3, 5, 14, 30)) == "2025年3月5日"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2025, 1, 20), "二〇二五年一月二十日"),
        (datetime.date(2025, 10, 1), "二〇二五年十月一日"),
        (datetime.date(2000, 11, 11), "二〇〇〇年十一月十一日"),
        (datetime.date(1900, 12, 31), "一九〇〇年十二月三十一日"),
        (datetime.date(2021, 2, 10), "二〇二一年二月十日"),
    ],
)
def test_format_date_chinese(day: datetime.date, text: str) -> None:
    assert format_date_chinese(day) == text
    assert parse_date(text) == day


def test_format_year_chinese() -> None:
    assert format_year_chinese(2025) == "二〇二五年"
    assert format_year_chinese(2000) == "二〇〇〇年"
    assert format_year_chinese(1) == "一年"
    with pytest.raises(ValueError, match=_message("'year' must be >= 1: 0")):
        format_year_chinese(0)
    with pytest.raises(ValueError, match=_message("'year' must be <= 9999: 10000")):
        format_year_chinese(10000)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("二〇二五年", 2025),
        ("二〇二五", 2025),
        ("二零二五年", 2025),
        ("二○二五年", 2025),
        (" 一九九九 年", 1999),
    ],
)
def test_parse_year_chinese(text: str, year: int) -> None:
    assert parse_year_chinese(text) == year


@pytest.mark.parametrize("text", ["", "年", "二千零二十五年", "2025年", "二〇二五二年", "〇〇年"])
def test_parse_year_chinese_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not a Chinese year")):
        parse_year_chinese(text)


@pytest.mark.parametrize(
    "text",
    [
        "2025年1月20日",
        "2025 年 1 月 20 日",
        "2025年01月20日",
        " 2025年1月20日\n",
        "２０２５年１月２０日",
        "2025-01-20",
        "2025-1-20",
        "2025.1.20",
        "2025/1/20",
        "2025 / 01 / 20",
        "２０２５．１．２０",
        "二〇二五年一月二十日",
        "二○二五年一月二十日",
        "二〇二五 年 一 月 二十 日",
    ],
)
def test_parse_date_forms(text: str) -> None:
    assert parse_date(text) == datetime.date(2025, 1, 20)


@pytest.mark.parametrize(
    "text", ["2025年2月30日", "2025-13-01", "2025.0.10", "二〇二五年二月三十日", "2023年2月29日"]
)
def test_parse_date_refuses_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not a valid date")):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2025",
        "2025年1月",
        "2025-01/20",
        "20250120",
        "2025年一月二十日",
        "二〇二五年一月二五日",
        "tomorrow",
    ],
)
def test_parse_date_refuses_other_text(text: str) -> None:
    with pytest.raises(ValueError, match=_message(f"{text!r} is not a date")):
        parse_date(text)


def test_date_functions_refuse_non_dates() -> None:
    with pytest.raises(TypeError, match="'d' must be a date, not str"):
        format_date("2025-01-20")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'d' must be a date, not str"):
        format_date_chinese("2025-01-20")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'text' must be a str, not date"):
        parse_date(datetime.date(2025, 1, 20))  # type: ignore[arg-type]


@given(DATES)
def test_date_round_trips(day: datetime.date) -> None:
    assert parse_date(format_date(day)) == day
    assert parse_date(format_date_chinese(day)) == day
    assert parse_date(day.isoformat()) == day
    assert parse_year_chinese(format_year_chinese(day.year)) == day.year
