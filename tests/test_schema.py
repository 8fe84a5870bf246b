"""The JSON Schema of a data file: generated from the model, and in step with the loader."""

from __future__ import annotations

import copy
import datetime
import json
import re
import tomllib
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema.exceptions import best_match

import gov_disclosure as gd
from gov_disclosure import _validators
from gov_disclosure._model import AGENCY_KINDS, OVERVIEW_TOPICS
from gov_disclosure.schema import DECIMAL_PATTERN, SCHEMA_ID, json_schema, schema_json
from gov_disclosure.strategies import any_reports as reports

from conftest import EXAMPLES

SCHEMA = json_schema()
DEFS: dict[str, Any] = SCHEMA["$defs"]
VALIDATOR: Any = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
EXAMPLE = EXAMPLES / "zhongwei-justice-2024.toml"

# Generated reports carry 10,000-character paragraphs: they are big on purpose.
# Generated reports are big, and the machines are shared: no per-example deadline.
big = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None
)


def schema_error_paths(data: Any) -> list[str]:
    """Where the schema refuses *data*, as data paths (``overview.subsections[0]``).

    Each error is followed into its ``anyOf`` alternatives to the most relevant
    one, as ``jsonschema`` reports it: a bad cell inside an optional table is
    placed at the cell, not at the table.
    """
    paths = []
    for error in VALIDATOR.iter_errors(data):
        path = ""
        for part in best_match([error]).absolute_path:
            path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else part
        paths.append(path)
    return paths


def as_json(data: Any) -> Any:
    """Plain data as a JSON file holds it (tuples become lists)."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def as_toml_validator_sees_it(data: Any) -> Any:
    """Raw TOML data as a schema validator for TOML sees it: a native date is a date string.

    Numbers stay numbers (``parse_float=Decimal`` keeps a float exact, and a
    Decimal is a JSON number, not an integer, to ``jsonschema``).
    """
    if isinstance(data, dict):
        return {key: as_toml_validator_sees_it(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_toml_validator_sees_it(item) for item in data]
    if isinstance(data, datetime.date):
        return data.isoformat()
    return data


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """The schema a property holds, through ``$ref`` and a nullable ``anyOf``."""
    if "$ref" in node:
        return resolve(DEFS[node["$ref"].removeprefix("#/$defs/")])
    refs = [branch for branch in node.get("anyOf", ()) if "$ref" in branch]
    if len(refs) == 1:
        return resolve(refs[0])
    return node


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in the schema, the schema included."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def model_classes() -> list[type[Any]]:
    """Every attrs class a report is made of, the report first (cells excluded)."""
    found: list[type[Any]] = []

    def visit(cls: type[Any]) -> None:
        if cls in found:
            return
        found.append(cls)
        for tp in typing.get_type_hints(cls).values():
            for candidate in (tp, *typing.get_args(tp)):
                if isinstance(candidate, type) and attrs.has(candidate):
                    visit(candidate)

    visit(gd.Report)
    return found


def class_schema(cls: type[Any]) -> dict[str, Any]:
    return SCHEMA if cls is gd.Report else DEFS[cls.__name__]


# --- the schema itself ---------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == SCHEMA_ID
    assert "2021" in SCHEMA["title"]
    assert SCHEMA["description"]


def test_schema_json_is_the_schema_as_a_file() -> None:
    text = schema_json()
    assert json.loads(text) == SCHEMA
    assert text.endswith("}\n")
    assert "（七）总计" in text  # UTF-8 kept, not \u escapes
    assert text.startswith('{\n  "$schema"')  # indented, in a stable order
    assert schema_json() == text
    changed = json_schema()  # a fresh copy each time: a caller may change it
    changed["$defs"]["Count"]["anyOf"][0]["minimum"] = 5
    assert json_schema() == SCHEMA


def test_every_model_class_is_described_field_by_field() -> None:
    classes = model_classes()
    assert set(DEFS) == {cls.__name__ for cls in classes[1:]} | {"Count", "Amount"}
    assert list(DEFS) == sorted(DEFS)
    for cls in classes:
        schema = class_schema(cls)
        fields = attrs.fields(cls)
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False
        assert list(schema["properties"]) == [f.name for f in fields], cls
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        assert schema.get("required", []) == required, cls
        for field in fields:
            prop = schema["properties"][field.name]
            assert field.metadata["label"] in prop["title"]
            assert prop["description"].strip(), (cls, field.name)


def test_only_agency_year_name_and_heading_are_required() -> None:
    required = {
        (cls.__name__, name)
        for cls in model_classes()
        for name in class_schema(cls).get("required", [])
    }
    assert required == {
        ("Report", "agency"),
        ("Report", "year"),
        ("Agency", "name"),
        ("Subsection", "heading"),
    }


def test_every_object_refuses_unknown_keys() -> None:
    objects = [node for node in walk(SCHEMA) if node.get("type") == "object"]
    assert len(objects) == len(model_classes()) + 2  # the classes, and the two note objects
    assert all(node["additionalProperties"] is False for node in objects)


def test_defaults_are_what_to_dict_writes_for_a_field_left_out() -> None:
    converter = gd.make_converter()
    needed = {gd.Agency: {"name": "某机关"}, gd.Subsection: {"heading": "某标题"}}
    simple = [
        field
        for cls in model_classes()
        for field in attrs.fields(cls)
        if field.default is not attrs.NOTHING and not isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
    ]
    checked = 0
    for cls in model_classes():
        if cls is gd.Report:
            instance: Any = gd.Report(gd.Agency("某机关"), 2024)
        else:
            instance = cls(**needed.get(cls, {}))
        written = as_json(converter.unstructure(instance))
        for name, prop in class_schema(cls)["properties"].items():
            if "default" in prop:
                assert written[name] == prop["default"], (cls, name)
                checked += 1
    assert checked == len(simple) > 40  # every simple default, blank cells included


def test_year_kind_and_topic_come_from_the_validators() -> None:
    year = SCHEMA["properties"]["year"]
    assert (year["type"], year["minimum"], year["maximum"]) == (
        "integer",
        _validators.MIN_YEAR,
        _validators.MAX_YEAR,
    )
    kind = DEFS["Agency"]["properties"]["kind"]
    assert kind["enum"] == [*AGENCY_KINDS, None]
    assert all(name in kind["description"] for name in AGENCY_KINDS.values())
    topic = DEFS["Subsection"]["properties"]["topic"]
    assert topic["enum"] == [*OVERVIEW_TOPICS, None]
    assert all(name in topic["description"] for name in OVERVIEW_TOPICS.values())
    name = DEFS["Agency"]["properties"]["name"]
    assert (name["type"], name["minLength"]) == ("string", 1)
    assert SCHEMA["properties"]["published"]["format"] == "date"


def test_optional_tables_are_an_object_or_null() -> None:
    for name in ("active_disclosure", "applications", "review_litigation"):
        prop = SCHEMA["properties"][name]
        assert prop["anyOf"][1] == {"type": "null"}
        assert prop["default"] is None
    fees = DEFS["OtherMatters"]["properties"]["processing_fees"]
    assert fees["anyOf"] == [{"$ref": "#/$defs/ProcessingFees"}, {"type": "null"}]


def test_every_cell_is_in_the_schema_under_its_official_label() -> None:
    assert len(gd.CELLS) == 10 + 175 + 15 + 3
    for path, info in gd.CELLS.items():
        table, *rest = path.split(".")
        assert table == info.table
        node = SCHEMA["properties"][table]
        titles = []
        for name in rest:
            node = resolve(node)["properties"][name]
            titles.append(node["title"])
        assert "·".join(titles) == info.label, path
        assert node["$ref"] == f"#/$defs/{info.kind.title()}", path
    outcome = DEFS["Applications"]["properties"]["outcome_total"]
    assert (outcome["title"], DEFS["ApplicantRow"]["properties"]["natural_person"]["title"]) == (
        "（七）总计",
        "自然人",
    )
    licensing = DEFS["ActiveDisclosure"]["properties"]["licensing"]["title"]
    assert licensing == gd.CELLS["active_disclosure.licensing"].label


def test_the_decimal_pattern_is_the_loaders_plain_decimal() -> None:
    pattern = re.compile(DECIMAL_PATTERN)
    for text in ("0", "7730.28", "00.10", "1000000000000.0000"):
        assert pattern.search(text), text
        assert gd.from_dict(
            {"agency": {"name": "x"}, "year": 2024, "active_disclosure": {"fees": text}}
        )
    for text in ("", "1.", ".5", "1e3", "-1", "+1", "1.2.3", " 5", "5 ", "5\n", "\n5", "1,000"):
        assert not pattern.search(text), repr(text)


# --- data the schema accepts ---------------------------------------------------------------


def test_the_shipped_example_validates() -> None:
    report = gd.load(EXAMPLE)
    assert report.applications is not None  # a full report, not an empty one
    assert schema_error_paths(as_json(gd.to_dict(report))) == []
    assert schema_error_paths(json.loads(gd.dumps(report, "json"))) == []


def test_the_shipped_example_validates_as_raw_toml() -> None:
    raw = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"), parse_float=Decimal)
    numbers = [v for node in walk(raw) for v in node.values() if isinstance(v, Decimal)]
    assert numbers == []  # amounts are written as strings
    assert raw["active_disclosure"]["fees"] == "0"
    assert schema_error_paths(as_toml_validator_sees_it(raw)) == []


def test_toml_as_an_author_writes_it_validates() -> None:
    text = """
year = 2024
published = 2025-01-20

[agency]
name = "中卫市司法局"

[active_disclosure]
regulations = { issued = "/", in_force = { value = 55, note = "含自然失效29件" } }
licensing = { note = "未统计" }
fees = "7730.28"

[other_matters.processing_fees]
notified = 120
collected = "/"
"""
    assert gd.loads(text, "toml").published == datetime.date(2025, 1, 20)
    raw = tomllib.loads(text, parse_float=Decimal)
    assert schema_error_paths(as_toml_validator_sees_it(raw)) == []


def test_a_bare_decimal_amount_is_read_by_the_loader_but_the_schema_asks_for_a_string() -> None:
    text = 'year = 2024\nagency = { name = "某机关" }\nactive_disclosure = { fees = 7730.28 }\n'
    report = gd.loads(text, "toml")
    assert report.active_disclosure is not None
    assert report.active_disclosure.fees.value == Decimal("7730.28")
    raw = tomllib.loads(text, parse_float=Decimal)
    assert schema_error_paths(as_toml_validator_sees_it(raw)) == ["active_disclosure.fees"]
    raw["active_disclosure"]["fees"] = str(raw["active_disclosure"]["fees"])
    assert schema_error_paths(as_toml_validator_sees_it(raw)) == []


@big
@given(reports())
def test_every_report_as_written_validates(report: gd.Report) -> None:
    data = json.loads(json.dumps(gd.to_dict(report), ensure_ascii=False))
    assert schema_error_paths(data) == []


def base() -> dict[str, Any]:
    """A data file with an example of every kind of value, valid for both."""
    return {
        "agency": {"name": "中卫市司法局", "kind": "department"},
        "year": 2024,
        "published": "2025-01-20",
        "overview": {
            "paragraphs": ["总体情况。"],
            "subsections": [{"heading": "主动公开情况", "topic": "active_disclosure"}],
        },
        "active_disclosure": {
            "regulations": {"issued": 0, "repealed": None, "in_force": "/"},
            "licensing": {"value": 66, "note": "其中修订16件"},
            "fees": "7730.28",
        },
        "applications": {"received": {"natural_person": 1, "total": 1}},
        "review_litigation": {"review": {"upheld": 0}},
        "other_matters": {"processing_fees": {"notices": 2, "notified": "10.5", "collected": 0}},
    }


def test_the_base_data_is_valid_for_both() -> None:
    assert gd.from_dict(base()).agency.name == "中卫市司法局"
    assert schema_error_paths(base()) == []


def at(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """*data* with *path* (dotted, ``[i]`` for a list item) set to *value*."""
    data = copy.deepcopy(data)
    *parents, last = re.split(r"\.|(?=\[)", path)
    node: Any = data
    for part in parents:
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    if last.startswith("["):
        node[int(last[1:-1])] = value
    else:
        node[last] = value
    return data


def without(data: dict[str, Any], path: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[part]
    del node[last]
    return data


ACCEPTED = {
    "blank cell with a note": at(base(), "active_disclosure.penalties", {"note": "未统计"}),
    "not applicable with a note": at(
        base(), "active_disclosure.penalties", {"value": "/", "note": "不适用"}
    ),
    "cell object with neither key": at(base(), "active_disclosure.penalties", {}),
    "cell note null": at(base(), "active_disclosure.penalties", {"value": 3, "note": None}),
    "amount as an integer": at(base(), "active_disclosure.fees", 7730),
    "amount not applicable": at(base(), "active_disclosure.fees", "/"),
    "amount with a note": at(base(), "active_disclosure.fees", {"value": "1.50", "note": "x"}),
    "large count": at(base(), "active_disclosure.licensing", 3_000_000),
    "tables null": at(at(base(), "applications", None), "review_litigation", None),
    "kind null": at(base(), "agency.kind", None),
    "subsection without topic": at(base(), "overview.subsections[0]", {"heading": "其他"}),
}


@pytest.mark.parametrize("data", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_what_the_loader_accepts_the_schema_accepts(data: dict[str, Any]) -> None:
    gd.from_dict(data)
    assert schema_error_paths(data) == []


# --- data both refuse ----------------------------------------------------------------------

CELL = "applications.received.natural_person"
REFUSED: dict[str, Any] = {
    "unknown key at the top": at(base(), "bogus", 1),
    "unknown key in a row": at(base(), "applications.received.bogus", 1),
    "unknown key in a table": at(base(), "active_disclosure.license", 3),
    "negative count": at(base(), CELL, -1),
    "fractional count": at(base(), CELL, 2.5),
    "fractional count read exactly": at(base(), CELL, Decimal("2.5")),
    "count as a string": at(base(), CELL, "3"),
    "count as a boolean": at(base(), CELL, True),
    "count as a list": at(base(), CELL, [3]),
    "dash for not applicable": at(base(), CELL, "-"),
    "negative count in a cell object": at(base(), CELL, {"value": -1, "note": "x"}),
    "cell object with an extra key": at(base(), CELL, {"value": 1, "note": "x", "extra": 1}),
    "cell note not a string": at(base(), CELL, {"value": 1, "note": 5}),
    "float amount": at(base(), "active_disclosure.fees", 1.5),
    "exponent amount": at(base(), "active_disclosure.fees", "1e3"),
    "negative amount": at(base(), "active_disclosure.fees", "-1"),
    "amount with spaces": at(base(), "active_disclosure.fees", " 1.5"),
    "amount with a final newline": at(base(), "active_disclosure.fees", "1.5\n"),
    "negative whole amount": at(base(), "other_matters.processing_fees.collected", -3),
    "year too early": at(base(), "year", _validators.MIN_YEAR - 1),
    "year too late": at(base(), "year", _validators.MAX_YEAR + 1),
    "year as a string": at(base(), "year", "2024"),
    "year missing": without(base(), "year"),
    "agency missing": without(base(), "agency"),
    "agency name missing": without(base(), "agency.name"),
    "agency name empty": at(base(), "agency.name", ""),
    "agency name only spaces": at(base(), "agency.name", " \t　"),
    "agency as a string": at(base(), "agency", "中卫市司法局"),
    "bad kind": at(base(), "agency.kind", "ministry"),
    "bad topic": at(base(), "overview.subsections[0].topic", "finance"),
    "heading missing": at(base(), "overview.subsections[0]", {"paragraphs": ["x"]}),
    "subsection heading empty": at(base(), "overview.subsections[0].heading", " "),
    "paragraphs as one string": at(base(), "overview.paragraphs", "总体情况。"),
    "paragraph not a string": at(base(), "overview.paragraphs", [1]),
    "bad date": at(base(), "published", "2025-13-01"),
    "table as a list": at(base(), "active_disclosure", []),
    "report not an object": [base()],
}


@pytest.mark.parametrize("data", REFUSED.values(), ids=REFUSED.keys())
def test_what_the_loader_refuses_the_schema_refuses_at_the_same_place(data: Any) -> None:
    with pytest.raises(gd.DataError) as info:
        gd.from_dict(data)
    found = schema_error_paths(data)
    assert found, "the schema accepts what the loader refuses"
    for problem in info.value.problems:
        assert any(on_one_branch(problem.path, path) for path in found), (problem, found)


def on_one_branch(one: str, other: str) -> bool:
    """Whether two data paths are the same place, or one lies inside the other."""
    short, long = sorted((one, other), key=len)
    return short in ("", long) or long.startswith((f"{short}.", f"{short}["))


def test_bounds_and_choices_come_from_the_validators_public_attributes() -> None:
    """The generator reads ``InRange.low``, ``OneOf.choices``: no closure or ``__qualname__``."""
    from gov_disclosure import _validators, schema

    year = _validators.in_range(1990, 1999)
    assert (year.low, year.high) == (1990, 1999)
    assert schema._refinements(year)["maximum"] == 1999
    choice = _validators.one_of(["a", "b"], optional=False)
    assert choice.choices == ("a", "b")
    assert schema._refinements(choice)["enum"] == ["a", "b"]
    assert schema._refinements(_validators.non_empty_str())["minLength"] == 1
    for only_type in (_validators.count(), _validators.str_tuple(), _validators.optional_str()):
        assert schema._refinements(only_type) == {}
    with pytest.raises(TypeError, match=r"teach gov_disclosure\.schema"):
        schema._refinements(lambda *_: None)
