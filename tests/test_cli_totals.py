"""``gov-disclosure totals`` keeps the clerk's file: only the totals change (issue 10)."""

from __future__ import annotations

import difflib
import json
import random
import re
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure.cli import main

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "zhongwei-justice-2024.toml"
_ITEM = re.compile(r"(\w+) = (\d+)")
_ROW = re.compile(r"^(\S+ = \{ )(.*)( \})(.*)$")


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def hand_edited(path: Path) -> str:
    """A template filled in by hand: random parts, totals left at 0, a note of the clerk's
    after every row, blank lines between rows, two rows swapped; over 100 lines."""
    assert run("new", "--agency", "某县交通运输局", "--year", "2025", "-o", path) == 0
    rng = random.Random(10)
    lines: list[str] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines()):
        row = _ROW.match(line)
        if row is not None and "total = 0" in line:
            cells = [
                cell
                if cell.startswith("total")
                else f"{cell.split(' = ')[0]} = {rng.randint(0, 9)}"
                for cell in row[2].split(", ")
            ]
            line = f"{row[1]}{', '.join(cells)}{row[3]}{row[4]}"
        lines.append(line)
        if row is not None:
            lines += [f"# 经办人备注：第 {number} 行已与台账核对", ""]
    text = "\n".join(lines) + "\n"
    swapped = text.replace("granted = {", "GRANTED = {", 1)
    first, second = (
        next(line for line in swapped.splitlines() if line.startswith(key))
        for key in ("GRANTED = {", "partially_granted = {")
    )
    text = (swapped.replace(first, "\x00").replace(second, first).replace("\x00", second)).replace(
        "GRANTED = {", "granted = {"
    )
    path.write_text(text, "utf-8")
    return text


def test_totals_keeps_every_comment_and_changes_only_totals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "2025.toml"
    before = hand_edited(path)
    assert len(before.splitlines()) > 100
    report = gd.load(path)
    capsys.readouterr()
    assert run("totals", path) == 0
    out = capsys.readouterr().out
    after = path.read_text("utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    assert len(after.splitlines()) == len(before.splitlines())  # blank lines and order stay
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert changed
    cells = 0
    for old, new in changed:  # the same line: its totals alone changed
        old_items, new_items = _ITEM.findall(old), _ITEM.findall(new)
        assert [key for key, _ in old_items] == [key for key, _ in new_items]
        assert _ITEM.sub("", old) == _ITEM.sub("", new)  # the note after the row stays
        differ = [key for (key, a), (_, b) in zip(old_items, new_items, strict=True) if a != b]
        assert new.startswith("outcome_total = ") or differ == ["total"]
        cells += len(differ)
    assert gd.load(path) == report.with_totals(recompute=True)
    assert out.count(" → ") == cells  # one line for each cell changed
    assert not [f for f in gd.check(gd.load(path)) if f.code.endswith("-TOTAL")]


def test_totals_keeps_a_json_file_s_order_and_indentation(tmp_path: Path) -> None:
    data = gd.to_dict(gd.load(EXAMPLE))
    assert data["applications"] is not None
    data["applications"]["received"]["natural_person"] = 4  # and its total still 0
    data = {"year": data.pop("year"), **dict(reversed(list(data.items())))}  # the clerk's order
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=4), "utf-8")  # no final newline
    before = path.read_text("utf-8")
    assert run("totals", path) == 0
    after = path.read_text("utf-8")
    diff = [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
    ]
    assert [" ".join(line.split()) for line in diff] == ['- "total": 0', '+ "total": 4']
    assert not after.endswith("\n")
    assert list(json.loads(after)) == list(data)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("r.toml", 'year = 2024\n[agency\nname = "x"\n'),
        ("r.json", '{"year": ['),
        ("r.json", "[" * 100_000 + "]" * 100_000),
        ("r.toml", 'year = 2024\n[agency]\nname = ""\n'),
    ],
)
def test_a_file_that_does_not_load_is_never_written(
    tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    assert run("totals", path) == 2
    assert path.read_text("utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == [name]
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(f"{path}: ")


def test_totals_to_another_file_or_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("totals", EXAMPLE, "-o", tmp_path / "copy.json") == 0
    assert gd.load(tmp_path / "copy.json") == gd.load(EXAMPLE)
    assert "every total is right" not in capsys.readouterr().err
    assert run("totals", EXAMPLE, "--format", "json", "-o", tmp_path / "copy.toml") == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {"file": str(EXAMPLE), "output": str(tmp_path / "copy.toml"), "changed": []}
    assert (tmp_path / "copy.toml").read_text("utf-8") == EXAMPLE.read_text("utf-8")


def test_a_noted_total_that_becomes_blank_keeps_its_note(tmp_path: Path) -> None:
    path = tmp_path / "noted.toml"
    path.write_text(
        'year = 2024\n\n[agency]\nname = "某县交通运输局"\n\n[applications]\n'
        'received = { total = { value = 9, note = "含转办" } }  # 经办人：待核\n',
        "utf-8",
    )
    assert run("totals", path, "-q") == 0
    text = path.read_text("utf-8")
    assert "# 经办人：待核" in text
    total = gd.load(path).table("applications").received.total
    assert (total.value, total.note) == (None, "含转办")  # no part given: the total is blank
