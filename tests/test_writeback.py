"""Nothing is accepted that cannot be written back (issue 9, item 5).

For every field of the model: whatever the constructor accepts, ``dumps`` then
``loads`` returns an equal report, as JSON and as TOML; whatever it refuses, it
refuses with a :class:`gov_disclosure.DataError`. And the data file refuses what
the constructor refuses, with the data path.
"""

from __future__ import annotations

import datetime
import json
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import _form

# --- a report holding every part, and a path to each of its fields --------------------------

Step = str | tuple[str, int]


def _full_report() -> gd.Report:
    report = gd.Report.template(gd.Agency("某县交通运输局"), 2025)
    narrative = gd.Narrative(paragraphs=["一段。"], subsections=[gd.Subsection("小节", ["段。"])])
    fees = gd.ProcessingFees(1, Decimal("2.5"), Decimal("2.5"), paragraphs=["收费。"])
    return attrs.evolve(
        report,
        title="某县交通运输局2025年政府信息公开工作年度报告",
        published=datetime.date(2026, 1, 20),
        preamble=["引言。"],
        closing=["结尾。"],
        problems=narrative,
        other_matters=gd.OtherMatters(
            paragraphs=["其他。"], subsections=[gd.Subsection("小节")], processing_fees=fees
        ),
    )


BASE = _full_report()


def _leaves(cls: type[Any], prefix: tuple[Step, ...]) -> Iterator[tuple[tuple[Step, ...], Any]]:
    """(steps, type) of every field of *cls* that holds a value, not a part of the model."""
    for field in attrs.fields(cls):
        tp = _form.hints(cls)[field.name]
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = args[0] if typing.get_origin(tp) is not tuple and len(args) == 1 else tp
        if attrs.has(inner) and typing.get_origin(inner) is not gd.Cell:
            yield from _leaves(inner, (*prefix, field.name))
        elif typing.get_origin(tp) is tuple and attrs.has(typing.get_args(tp)[0]):
            yield from _leaves(typing.get_args(tp)[0], (*prefix, (field.name, 0)))
        else:
            yield (*prefix, field.name), tp


LEAVES = list(_leaves(gd.Report, ()))


def _set(obj: Any, steps: tuple[Step, ...], value: Any) -> Any:
    """*obj* with the value at *steps* replaced through the constructor (``attrs.evolve``)."""
    step, rest = steps[0], steps[1:]
    if isinstance(step, tuple):
        name, index = step
        items = list(getattr(obj, name))
        items[index] = _set(items[index], rest, value)
        return attrs.evolve(obj, **{name: items})
    if not rest:
        return attrs.evolve(obj, **{step: value})
    return attrs.evolve(obj, **{step: _set(getattr(obj, step), rest, value)})


def _path(steps: tuple[Step, ...]) -> str:
    return ".".join(s if isinstance(s, str) else f"{s[0]}[{s[1]}]" for s in steps)


# --- values of every kind, many of them bad -----------------------------------------------

any_text = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=12),
    st.text(max_size=12),
    st.sampled_from(["", " ", "\ud800", "a\udfffb", "\x00\x7f\r\n\t", "\u2028", "\ufeff政务"]),
)
notes = st.one_of(st.none(), any_text)
big_ints = st.one_of(
    st.integers(-5, 1100),
    st.integers(10**14, 10**16),
    st.sampled_from([10**15 - 1, 10**15, -(10**20), 10**5000]),
)
decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.sampled_from(
        [Decimal("-0"), Decimal("-0.00"), Decimal("1E+20"), Decimal("1E-20"), Decimal("1E+14")]
    ),
    st.sampled_from([Decimal("0E-16"), Decimal("999999999999999.999999999999999"), Decimal("1E3")]),
)
count_values = st.one_of(
    st.none(),
    st.just("/"),
    big_ints,
    st.builds(gd.Cell, big_ints, note=notes),
    st.builds(lambda note: gd.Cell.na(note=note), notes),
    st.booleans(),
    st.floats(allow_nan=False, max_value=5, min_value=-5),
)
amount_values = st.one_of(
    st.none(),
    st.just("/"),
    decimals,
    big_ints,
    st.builds(gd.Cell, decimals, note=notes),
    st.builds(lambda note: gd.Cell.blank(note=note), notes),
)


def _values(tp: Any) -> st.SearchStrategy[Any]:
    if tp == gd.Count:
        return count_values
    if tp == gd.Amount:
        return amount_values
    if tp is str:
        return any_text
    if tp == (str | None):
        return notes
    if tp == tuple[str, ...]:
        return st.lists(any_text, max_size=3)
    if tp is int:
        return big_ints
    if tp == (datetime.date | None):
        return st.one_of(st.none(), st.dates())
    msg = f"no values for {tp!r}: teach this test"
    raise TypeError(msg)


def _choices(tp: Any) -> list[Any]:
    found: list[Any] = []
    for arg in typing.get_args(tp) or (tp,):
        if typing.get_origin(arg) is typing.Literal:
            found += typing.get_args(arg)
    return found


@st.composite
def field_and_value(draw: st.DrawFn) -> tuple[tuple[Step, ...], Any]:
    steps, tp = draw(st.sampled_from(LEAVES))
    choices = _choices(tp)
    if choices:
        return steps, draw(st.one_of(st.none(), st.sampled_from(choices), any_text))
    return steps, draw(_values(tp))


def test_every_kind_of_field_is_covered() -> None:
    kinds = {str(tp) for _, tp in LEAVES}
    assert len(LEAVES) > 200
    assert any("Cell[int]" in k for k in kinds)
    assert any("Cell[decimal.Decimal]" in k for k in kinds)
    assert any("datetime.date" in k for k in kinds)
    assert any("Literal" in k for k in kinds)


@given(field_and_value())
def test_what_the_constructor_accepts_is_written_back(case: tuple[tuple[Step, ...], Any]) -> None:
    steps, value = case
    refused: gd.DataError | None = None
    try:
        report = _set(BASE, steps, value)
    except gd.DataError as error:  # refused: with the field's name, never a bare ValueError
        refused = error
    if refused is not None:
        assert refused.problems
        assert refused.problems[0].message_zh
        event("refused")
        return
    event("accepted")
    for fmt in ("json", "toml"):
        text = gd.dumps(report, fmt)
        text.encode("utf-8")
        assert gd.loads(text, fmt) == report, (fmt, _path(steps), value)


@given(field_and_value())
def test_the_data_file_refuses_what_the_constructor_refuses(
    case: tuple[tuple[Step, ...], Any],
) -> None:
    steps, value = case
    try:
        _set(BASE, steps, value)
    except gd.DataError:
        accepted = False
    else:
        accepted = True
    data = gd.to_dict(BASE)
    if isinstance(value, gd.Cell):
        return  # a Cell object has no data form of its own: covered through its value and note
    if isinstance(value, (datetime.date, Decimal)):
        value = value.isoformat() if isinstance(value, datetime.date) else f"{value:f}"
        if not accepted:
            return  # a string form of a bad value is refused or read differently: below
    target = data
    for step in steps[:-1]:
        target = target[step] if isinstance(step, str) else target[step[0]][step[1]]
    last = steps[-1]
    assert isinstance(last, str)
    if isinstance(value, tuple):
        value = list(value)
    target[last] = value
    refused: gd.DataError | None = None
    try:
        gd.from_dict(data)
    except gd.DataError as error:
        refused = error
    if refused is None:
        assert accepted, (_path(steps), value)
        return
    assert not accepted or isinstance(value, (bool, float, str)), (value, refused)
    paths = [problem.path for problem in refused.problems]
    assert any(p.startswith(_path(steps)) for p in paths), (paths, _path(steps))


# --- the rules, one by one ---------------------------------------------------------------


def test_a_lone_surrogate_is_refused_at_construction() -> None:
    with pytest.raises(gd.DataError, match="lone surrogate U\\+D800") as info:
        gd.Agency("某\ud800局")
    assert info.value.problems[0].path == "name"
    with pytest.raises(gd.DataError, match="note must be text"):
        gd.ApplicantRow(natural_person=gd.Cell(1, note="\udfff"))
    with pytest.raises(gd.DataError, match="item 1 must be text"):
        gd.Narrative(paragraphs=["一段。", "\ud800"])


def test_a_lone_surrogate_is_refused_at_load_with_the_path(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    data = gd.to_dict(BASE)
    data["agency"]["address"] = "\ud800"
    data["overview"]["subsections"][0]["paragraphs"] = ["好", "x\udc00"]
    data["applications"]["received"]["commercial"] = {"value": 1, "note": "\ud83d"}
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII escapes: \ud800
    with pytest.raises(gd.DataError) as info:
        gd.load(path)
    assert [p.path for p in info.value.problems] == [
        "agency.address",
        "overview.subsections[0].paragraphs",
        "applications.received.commercial",
    ]
    assert info.value.source == str(path)
    assert "孤立的代理码位 U+DC00" in info.value.lines("zh")[1]


@pytest.mark.parametrize("amount", [Decimal("-0"), Decimal("-0.00"), "-0", "-0.0", -0])
def test_minus_zero_is_zero_in_the_constructor_and_the_data_file(amount: Any) -> None:
    if isinstance(amount, str):
        data = gd.to_dict(BASE)
        data["active_disclosure"]["fees"] = amount
        report = gd.from_dict(data)
    else:
        report = attrs.evolve(
            BASE, active_disclosure=gd.ActiveDisclosure(fees=amount, licensing=gd.Cell(1))
        )
    fees = report.table("active_disclosure").fees
    assert fees.value == 0
    assert fees.value is not None
    assert not fees.value.is_signed()
    for fmt in ("json", "toml"):
        assert gd.loads(gd.dumps(report, fmt), fmt) == report


def test_minus_zero_inside_a_cell_is_zero() -> None:
    fees = gd.ProcessingFees(notified=gd.Cell(Decimal("-0.0"), note="无"))
    assert fees.notified == gd.Cell(Decimal("0.0"), note="无")
    assert fees.notified.value is not None
    assert not fees.notified.value.is_signed()


def test_a_json_minus_zero_number_is_zero() -> None:
    data = json.loads(gd.dumps(BASE, "json"))
    data["other_matters"]["processing_fees"]["collected"] = 0
    text = json.dumps(data).replace('"collected": 0', '"collected": -0.0')
    fees = gd.loads(text, "json").other_matters.processing_fees
    assert fees is not None
    assert fees.collected.value == 0
    assert fees.collected.value is not None
    assert not fees.collected.value.is_signed()


@pytest.mark.parametrize("date", ["2024W011", "2024-W01-1", "20240101", "2024-001", "2024-1-5"])
def test_a_date_is_yyyy_mm_dd_only(date: str) -> None:
    data = gd.to_dict(BASE)
    data["published"] = date
    with pytest.raises(gd.DataError, match=r"published: must be a date \(YYYY-MM-DD\)"):
        gd.from_dict(data)


def test_a_count_of_more_than_15_digits_is_refused() -> None:
    assert gd.ApplicantRow(natural_person=10**15 - 1).natural_person.value == 10**15 - 1
    with pytest.raises(gd.DataError, match="at most 15 digits: a number of 16 digits"):
        gd.ApplicantRow(natural_person=10**15)
    with pytest.raises(gd.DataError, match="5,001 digits"):
        gd.ApplicantRow(natural_person=10**5000)
    with pytest.raises(gd.DataError, match="must be >= 0: -<a number of 21 digits>"):
        gd.ApplicantRow(natural_person=-(10**20))
    data = gd.to_dict(BASE)
    data["applications"]["received"]["research"] = 10**15
    with pytest.raises(gd.DataError) as info:
        gd.from_dict(data)
    (problem,) = info.value.problems
    assert problem.path == "applications.received.research"
    assert problem.message_zh == "应为不超过 15 位的整数，现为 16 位"


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_a_figure_past_the_int_string_limit_is_a_data_error(fmt: str) -> None:
    text = gd.dumps(BASE, fmt)  # type: ignore[arg-type]
    key = '"licensing": 0' if fmt == "json" else "licensing = 0"
    assert key in text
    text = text.replace(key, key[:-1] + "9" * 5001)
    with pytest.raises(gd.DataError, match="too long to be a figure"):
        gd.loads(text, fmt)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_nesting_too_deep_is_a_data_error(fmt: str) -> None:
    text = "[" * 100_000 if fmt == "json" else "a = " + "[" * 100_000
    with pytest.raises(gd.DataError, match="nested too deeply"):
        gd.loads(text, fmt)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "amount",
    [Decimal("1E+15"), Decimal("1E-16"), Decimal("1234567890123456"), 10**15],
)
def test_an_amount_has_at_most_15_digits_on_either_side(amount: Any) -> None:
    with pytest.raises(gd.DataError, match="at most 15 digits before and 15 after"):
        gd.ActiveDisclosure(fees=amount)


def test_an_exponent_amount_is_written_as_digits() -> None:
    report = attrs.evolve(BASE, active_disclosure=gd.ActiveDisclosure(fees=Decimal("1E+3")))
    assert gd.to_dict(report)["active_disclosure"]["fees"] == "1000"
    assert gd.loads(gd.dumps(report, "toml"), "toml") == report


def test_dump_and_load_files(tmp_path: Path) -> None:
    for name in ("r.json", "r.toml"):
        gd.dump(BASE, tmp_path / name)
        assert gd.load(tmp_path / name) == BASE


def _validate_tree(obj: Any, seen: Callable[[Any], None]) -> None:
    attrs.validate(obj)
    seen(obj)
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(item)) and not isinstance(item, gd.Cell):
                _validate_tree(item, seen)


def test_objects_built_from_data_pass_their_own_validators() -> None:
    """The data layer builds objects without a second validation: they must still be valid."""
    report = gd.loads(gd.dumps(BASE, "toml"), "toml")
    classes: set[type[Any]] = set()
    _validate_tree(report, lambda obj: classes.add(type(obj)))
    assert len(classes) >= 15
    assert report == BASE
    assert hash(report) == hash(BASE)
    assert repr(report) == repr(BASE)


def test_reports_and_errors_survive_pickling() -> None:
    """A worker process (or a Dask cluster) sends reports and errors back whole."""
    import pickle

    report = gd.loads(gd.dumps(BASE, "json"), "json")
    assert pickle.loads(pickle.dumps(report)) == report
    errors: list[Exception] = []
    for make in (
        lambda: gd.ApplicantRow(natural_person=-1),
        lambda: gd.loads('{"year": 1}', "json", source="r.json"),
        lambda: gd.parse(""),
    ):
        try:
            make()
        except (gd.DataError, gd.ReadError) as caught:
            errors.append(caught)
    assert len(errors) == 3
    for original in errors:
        copy = pickle.loads(pickle.dumps(original))
        assert type(copy) is type(original)
        assert str(copy) == str(original)
        if isinstance(original, gd.DataError):
            assert isinstance(copy, gd.DataError)
            assert copy.problems == original.problems
            assert copy.lines("zh") == original.lines("zh")
