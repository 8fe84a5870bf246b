"""Data files in and out: round trips, and a clear DataError for every kind of bad input."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import gov_disclosure as gd
from gov_disclosure.strategies import any_reports as reports
from gov_disclosure.strategies import valid_reports

from conftest import EXAMPLES

# Generated reports carry 10,000-character paragraphs: they are big on purpose.
# Generated reports are big, and the machines are shared: no per-example deadline.
big = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None
)


def minimal() -> dict[str, Any]:
    return {"agency": {"name": "中卫市司法局"}, "year": 2024}


def problems_of(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(gd.DataError) as info:
        gd.from_dict(data)
    assert isinstance(info.value, ValueError)
    return [(p.path, p.message) for p in info.value.problems]


# --- round trips ------------------------------------------------------------------------------


@big
@given(reports())
def test_dict_round_trip(report: gd.Report) -> None:
    assert gd.from_dict(gd.to_dict(report)) == report


@big
@given(reports())
def test_json_round_trip(report: gd.Report) -> None:
    assert gd.loads(gd.dumps(report, "json"), "json") == report


@big
@given(reports())
def test_toml_round_trip(report: gd.Report) -> None:
    text = gd.dumps(report, "toml")
    tomllib.loads(text)  # valid TOML for any TOML reader, not only ours
    assert gd.loads(text, "toml") == report


@big
@given(valid_reports())
def test_file_round_trip(tmp_path_factory: pytest.TempPathFactory, report: gd.Report) -> None:
    folder = tmp_path_factory.mktemp("files")
    for suffix in (".json", ".toml"):
        path = folder / f"report{suffix}"
        gd.dump(report, path)
        assert gd.load(path) == report


def test_amounts_keep_their_digits() -> None:
    report = gd.from_dict({**minimal(), "active_disclosure": {"fees": "96171.60"}})
    assert report.active_disclosure is not None
    assert report.active_disclosure.fees.value is not None
    assert report.active_disclosure.fees.value.as_tuple() == Decimal("96171.60").as_tuple()
    assert gd.to_dict(report)["active_disclosure"]["fees"] == "96171.60"


def test_numeric_amount_in_a_file_is_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(minimal())[:-1] + ', "active_disclosure": {"fees": 0.1}}')
    report = gd.load(path)
    assert report.active_disclosure is not None
    assert report.active_disclosure.fees.value == Decimal("0.1")


def test_cell_forms() -> None:
    data = {
        **minimal(),
        "active_disclosure": {
            "regulations": {"issued": "/", "repealed": None, "in_force": 3},
            "normative_documents": {"issued": {"value": 22, "note": "其中修订16件"}},
            "licensing": {"value": "/", "note": "无此职能"},
            "penalties": {"note": "未统计"},
        },
    }
    table = gd.from_dict(data).active_disclosure
    assert table is not None
    assert table.regulations.issued == gd.Count.na()
    assert table.regulations.repealed == gd.Count()
    assert table.normative_documents.issued == gd.Count(22, note="其中修订16件")
    assert table.licensing == gd.Count.na(note="无此职能")
    assert table.penalties == gd.Count.blank(note="未统计")


def test_absent_tables_stay_absent() -> None:
    data = gd.to_dict(gd.from_dict(minimal()))
    assert data["applications"] is None
    toml = gd.dumps(gd.from_dict(minimal()), "toml")
    assert "[applications]" not in toml


def test_toml_labels_every_row() -> None:
    text = (EXAMPLES / "zhongwei-justice-2024.toml").read_text(encoding="utf-8")
    assert "# （三）不予公开 · 1.属于国家秘密" in text
    assert "# 行政事业性收费·本年收费金额（单位：万元）" in text


# --- every family of bad input --------------------------------------------------------------


def test_missing_required_fields() -> None:
    assert problems_of({}) == [
        ("agency", "required field is missing"),
        ("year", "required field is missing"),
    ]
    assert problems_of({"agency": {}, "year": 2024}) == [
        ("agency.name", "required field is missing")
    ]


def test_every_problem_is_listed_with_its_path() -> None:
    data = {
        "agency": {"name": "", "emial": "x@y.cn"},
        "year": 1999,
        "published": "2025-13-01",
        "overview": {"paragraphs": "一段", "subsections": [{"topic": "x"}]},
        "active_disclosure": {"fees": "1e3", "licensing": 2.5},
        "applications": {
            "received": {"natural_person": -1, "commercial": "3", "total": True},
            "recieved": {},
        },
        "review_litigation": {"review": {"total": {"value": 1, "note": 5}}},
    }
    assert problems_of(data) == [
        ("agency.name", "must not be empty"),
        ("agency.emial", "unknown key (did you mean 'email'?)"),
        ("year", "must be >= 2008, got 1999"),
        ("published", "must be a date (YYYY-MM-DD), got string '2025-13-01'"),
        ("overview.paragraphs", "must be a list, got string '一段'"),
        ("overview.subsections[0].heading", "required field is missing"),
        (
            "overview.subsections[0].topic",
            "must be one of 'active_disclosure', 'requests', 'information_management', "
            "'platforms', 'oversight', got 'x'",
        ),
        ("active_disclosure.licensing", "must be a whole number, got 2.5"),
        ("active_disclosure.fees", "must be a decimal number such as \"7730.28\", got '1e3'"),
        ("applications.received.natural_person", "must be >= 0, got -1"),
        (
            "applications.received.commercial",
            "must be an integer >= 0, null or \"/\", got string '3': "
            "a count is written without quotes: write 3",
        ),
        ("applications.received.total", 'must be an integer >= 0, null or "/", got boolean True'),
        ("applications.recieved", "unknown key (did you mean 'received'?)"),
        ("review_litigation.review.total", "note must be a string, got integer 5"),
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (-1, "must be >= 0, got -1"),
        (Decimal("1.5"), "must be a whole number, got 1.5"),
        (Decimal("2.0"), "must be a whole number, got 2.0"),
        (
            "12",
            "must be an integer >= 0, null or \"/\", got string '12': "
            "a count is written without quotes: write 12",
        ),
        ("—", "must be an integer >= 0, null or \"/\", got string '—'"),
        ([1], 'must be an integer >= 0, null or "/", got list [1]'),
        ({"value": 1, "remark": "x"}, "unknown key 'remark' in a cell (allowed: 'value', 'note')"),
        ({"value": -3}, "must be >= 0, got -3"),
    ],
)
def test_bad_count_cells(cell: Any, message: str) -> None:
    data = {**minimal(), "applications": {"granted": {"research": cell}}}
    assert problems_of(data) == [("applications.granted.research", message)]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("-1.5", "must be >= 0, got -1.5"),
        (
            "1,234.5",
            "must be a decimal number such as \"7730.28\", got '1,234.5': "
            'no thousands separators: write "1234.5"',
        ),
        ("NaN", "must be a decimal number such as \"7730.28\", got 'NaN'"),
        (0.1, 'must be a decimal string such as "7730.28", not a float: 0.1'),
        (Decimal("-2"), "must be >= 0, got -2"),
        (Decimal("Infinity"), "must be a finite decimal, got Infinity"),
        (True, 'must be a decimal string, null or "/", got boolean True'),
    ],
)
def test_bad_amount_cells(cell: Any, message: str) -> None:
    data = {**minimal(), "active_disclosure": {"fees": cell}}
    assert problems_of(data) == [("active_disclosure.fees", message)]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], ("", "must be a mapping (a JSON object or TOML table), got list []")),
        ({**minimal(), "year": "2024"}, ("year", "must be an integer, got string '2024'")),
        ({**minimal(), "year": 2024.0}, ("year", "must be an integer, got number 2024.0")),
        ({**minimal(), "title": 5}, ("title", "must be a string, got integer 5")),
        (
            {**minimal(), "applications": [1]},
            ("applications", "must be a mapping (a JSON object or TOML table), got list [1]"),
        ),
        ({**minimal(), "preamble": ["a", None]}, ("preamble[1]", "must be a string, got null")),
        (
            {**minimal(), "agency": {"name": "x", "kind": "bureau"}},
            ("agency.kind", "must be one of 'department', 'government', got 'bureau'"),
        ),
    ],
)
def test_wrong_types(data: Any, problem: tuple[str, str]) -> None:
    assert problems_of(data) == [problem]


def test_error_message_names_the_file_and_lists_problems(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"agency": {"name": "x"}, "year": 1, "extra": 1}))
    with pytest.raises(gd.DataError) as info:
        gd.load(path)
    assert str(info.value) == (
        f"{path}: 2 problems\n  year: must be >= 2008, got 1\n  extra: unknown key"
    )
    assert info.value.source == str(path)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "bad.json",
            '{"agency": {"name": "x"},\n "year": 2024,,}',
            "line 2, column 15: invalid JSON",
        ),
        ("bad.toml", "year = 2024\nagency = {name = }\n", "line 2, column 18: invalid TOML"),
        (
            "dup.json",
            '{"year": 2024, "year": 2025, "agency": {"name": "x"}}',
            "key year given twice",
        ),
        ("r.yaml", "year: 2024", "unknown data file suffix '.yaml'"),
    ],
)
def test_malformed_files(tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(gd.DataError, match=expected):
        gd.load(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes('{"year": 2024}'.encode("gb18030") + "中".encode("gb18030"))
    with pytest.raises(gd.DataError, match="not UTF-8 text"):
        gd.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(gd.DataError, match="No such file"):
        gd.load(tmp_path / "absent.toml")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal()).encode())
    assert gd.load(path).year == 2024


def test_make_converter_gives_independent_converters() -> None:
    first, second = gd.make_converter(), gd.make_converter()
    assert first is not second
    report = gd.from_dict(minimal())
    assert first.structure(second.unstructure(report), gd.Report) == report


def test_empty_paragraph_is_refused() -> None:
    assert problems_of({**minimal(), "problems": {"paragraphs": ["有内容。", " "]}}) == [
        ("problems.paragraphs", "item 1 must not be empty")
    ]


# --- messages a clerk can act on ---------------------------------------------------------------


def _zh_lines(text: str, fmt: str) -> list[str]:
    with pytest.raises(gd.DataError) as info:
        gd.loads(text, fmt, source="r." + fmt)  # type: ignore[arg-type]
    return info.value.lines("zh")


def test_a_problem_in_chinese_names_the_label_and_the_path() -> None:
    data = {**minimal(), "applications": {"outcome_total": {"natural_person": -1}}}
    with pytest.raises(gd.DataError) as info:
        gd.from_dict(data)
    (problem,) = info.value.problems
    assert problem.message == "must be >= 0, got -1"
    assert problem.label == "三、收到和处理政府信息公开申请情况·（七）总计·自然人"
    assert problem.describe("zh") == (
        "三、收到和处理政府信息公开申请情况·（七）总计·自然人"
        "（applications.outcome_total.natural_person）：应为不小于 0 的整数，现为 -1"
    )
    assert str(problem) == "applications.outcome_total.natural_person: must be >= 0, got -1"


def test_every_problem_has_a_chinese_message() -> None:
    data = {
        "agency": {"name": "", "kind": "bureau", "emial": "x"},
        "year": "2024",
        "published": "2024W011",
        "overview": {"subsections": [{"topic": "x"}], "paragraphs": "一段"},
        "active_disclosure": {"fees": "12万元", "licensing": 2.5},
        "review_litigation": {"review": {"total": {"value": 1, "note": 5}}},
        "titel": "x",
    }
    with pytest.raises(gd.DataError) as info:
        gd.from_dict(data, source="r.json")
    lines = info.value.lines("zh")
    assert len(lines) == len(info.value.problems) == 12
    for problem, line in zip(info.value.problems, lines, strict=True):
        assert problem.message_zh
        assert problem.message_zh != problem.message
        assert line.startswith("r.json: ")
        assert f"（{problem.path}）" in line or line.startswith(f"r.json: {problem.path}：")
    assert (
        "r.json: 机关·机关类型（agency.kind）：应为 department、government 之一，现为“bureau”"
        in lines
    )
    assert (
        "r.json: 发布日期（published）：应为日期，写作 YYYY-MM-DD（如 2025-01-20），现为“2024W011”"
        in lines
    )
    assert "r.json: titel：未知的键（是否应为 title？）" in lines


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("１２", "不要用全角字符，请写作 12"),
        ("1,234", "不要用千位分隔符，请写作 1234"),
        ("12件", "不要写单位“件”，请写作 12"),
        ("１,２３４件", "不要用全角字符，不要用千位分隔符，不要写单位“件”，请写作 1234"),
        ("7", "件数不加引号，请写作 7"),
    ],
)
def test_a_count_written_as_on_paper_gets_a_hint(written: str, hint: str) -> None:
    text = f'year = 2024\n[agency]\nname = "某局"\n[applications.received]\nother = "{written}"\n'
    (line,) = _zh_lines(text, "toml")
    assert line.endswith(f"现为“{written}”：{hint}"), line
    assert "null" not in line


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("１２.５", 'write "12.5"'),
        ("1,234.50", 'write "1234.50"'),
        ("12元", 'write "12"'),
    ],
)
def test_an_amount_written_as_on_paper_gets_a_hint(written: str, hint: str) -> None:
    data = {**minimal(), "active_disclosure": {"fees": written}}
    ((_, message),) = problems_of(data)
    assert message.endswith(hint), message


def test_a_toml_message_never_mentions_null() -> None:
    text = (
        'year = 2024\n[agency]\nname = "某局"\n[applications]\n'
        'received = { other = "x", total = true }\n[active_disclosure]\nfees = true\n'
    )
    with pytest.raises(gd.DataError) as info:
        gd.loads(text, "toml")
    assert len(info.value.problems) == 3
    for lang in ("en", "zh"):
        for line in info.value.lines(lang):
            assert "null" not in line
            assert "leave the key out" in line or "不写这一项" in line
    json_text = json.dumps({**minimal(), "applications": {"received": {"other": "x"}}})
    with pytest.raises(gd.DataError, match='null or "/"'):
        gd.loads(json_text, "json")


def test_parse_errors_have_chinese_messages(tmp_path: Path) -> None:
    assert _zh_lines('{"year": 1, "year": 2}', "json") == [
        "r.json: JSON 格式错误：键 year 出现了两次"
    ]
    (line,) = _zh_lines("year = 2024\n[agency\n", "toml")
    assert line.startswith("r.toml: 第 2 行第 8 列：TOML 格式错误：")
    path = tmp_path / "bad.toml"
    path.write_bytes(b"year = \xff")
    with pytest.raises(gd.DataError) as info:
        gd.load(path)
    assert "不是 UTF-8 编码的文本" in info.value.lines("zh")[0]


def test_a_converter_uses_the_same_rules_and_groups_every_problem() -> None:
    converter = gd.make_converter()
    outcomes = converter.structure({"upheld": 1, "total": 1}, gd.ReviewOutcomes)
    assert outcomes == gd.ReviewOutcomes(upheld=1, total=1)
    assert converter.unstructure(gd.Cell(22, note="注"), gd.Count) == {"value": 22, "note": "注"}
    assert converter.unstructure(outcomes)["upheld"] == 1
    with pytest.raises(ExceptionGroup) as info:
        converter.structure({"agency": {}, "year": "2024"}, gd.Report)
    assert len(info.value.exceptions) == 2
