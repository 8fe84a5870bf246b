"""The model: cells, constructors, validators and the labels of the form."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import gov_disclosure as gd
from gov_disclosure import _form
from gov_disclosure._model import TableName


class TestCell:
    def test_states(self) -> None:
        assert gd.Count(3).is_number
        assert gd.Count().is_blank
        assert not gd.Count.na().is_blank
        assert gd.Count.na().not_applicable
        assert [gd.Count(3).number, gd.Count().number, gd.Count.na().number] == [3, 0, 0]

    def test_note_is_kept_beside_the_number(self) -> None:
        cell = gd.Count(22, note="其中修订16件")
        assert (cell.value, cell.note) == (22, "其中修订16件")

    def test_not_applicable_holds_no_number(self) -> None:
        with pytest.raises(ValueError, match="not-applicable cell holds no number"):
            gd.Count(3, not_applicable=True)

    def test_repr_is_compact(self) -> None:
        assert repr(gd.Count(3)) == "Cell(3)"
        assert repr(gd.Count.na(note="x")) == "Cell.na(note='x')"
        assert repr(gd.Amount(Decimal("1.50"))) == "Cell(Decimal('1.50'))"


class TestConverters:
    def test_plain_values_become_cells(self) -> None:
        row = gd.ApplicantRow(natural_person=3, commercial=None, research="/")
        assert row.natural_person == gd.Count(3)
        assert row.commercial == gd.Count()
        assert row.research == gd.Count.na()
        assert row.total == gd.Count()  # absent cells are blank, not 0

    def test_amounts_are_decimal(self) -> None:
        table = gd.ActiveDisclosure(fees=Decimal("7730.28"))
        assert table.fees.value == Decimal("7730.28")
        assert gd.ActiveDisclosure(fees=7545).fees.value == Decimal(7545)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (-1, "'natural_person' must be >= 0: -1"),
            (True, "'natural_person' must be an int >= 0"),
            ("3", "'natural_person' must be an int >= 0"),
            (1.5, "'natural_person' must be an int >= 0"),
            (gd.Count(-2), "'natural_person' must be >= 0: -2"),
        ],
    )
    def test_bad_counts_are_refused_in_attrs_style(self, value: object, message: str) -> None:
        with pytest.raises(ValueError, match=message.replace("(", r"\(")):
            gd.ApplicantRow(natural_person=value)  # type: ignore[arg-type]

    def test_float_amount_is_refused(self) -> None:
        with pytest.raises(ValueError, match="'fees' must be a Decimal >= 0"):
            gd.ActiveDisclosure(fees=0.1)  # type: ignore[arg-type]

    def test_count_cell_cannot_hold_a_decimal(self) -> None:
        with pytest.raises(ValueError, match=r"'licensing' must be a whole number: 1\.5"):
            gd.ActiveDisclosure(licensing=gd.Cell(Decimal("1.5")))  # type: ignore[arg-type]

    def test_paragraphs_accept_any_iterable_but_not_a_string(self) -> None:
        assert gd.Narrative(paragraphs=["a", "b"]).paragraphs == ("a", "b")
        with pytest.raises(ValueError, match="'paragraphs' must be a tuple of str"):
            gd.Narrative(paragraphs="ab")


class TestReport:
    def test_only_agency_and_year_are_required(self) -> None:
        report = gd.Report(gd.Agency("中卫市司法局"), 2024)
        assert report.applications is None  # absent, not zero
        assert report.default_title == "中卫市司法局2024年政府信息公开工作年度报告"

    @pytest.mark.parametrize(("year", "message"), [(2007, ">= 2008"), (2101, "<= 2100")])
    def test_year_range(self, year: int, message: str) -> None:
        with pytest.raises(ValueError, match=f"'year' must be {message}"):
            gd.Report(gd.Agency("x"), year)

    def test_agency_name_must_not_be_empty(self) -> None:
        with pytest.raises(ValueError, match="'name' must not be empty"):
            gd.Agency(" ")

    def test_topic_must_be_known(self) -> None:
        with pytest.raises(ValueError, match="'topic' must be one of"):
            gd.Subsection("主动公开情况", topic="active")


class TestFromParts:
    def test_row_total_is_computed(self) -> None:
        row = gd.ApplicantRow.from_parts(natural_person=3, commercial=1)
        assert row.total == gd.Count(4)

    def test_all_blank_parts_give_a_blank_total(self) -> None:
        assert gd.ApplicantRow.from_parts().total == gd.Count()

    def test_blank_and_slash_count_as_zero(self) -> None:
        assert gd.ApplicantRow.from_parts(2, None, "/").total == gd.Count(2)

    def test_applications_compute_outcome_total(self) -> None:
        table = gd.Applications.from_parts(
            received=gd.ApplicantRow.from_parts(4, 1),
            granted=gd.ApplicantRow(3),
            withheld=gd.Withheld(state_secret=gd.ApplicantRow(1, 1)),
            carried_forward=gd.ApplicantRow(0),
        )
        assert table.granted.total == gd.Count(3)
        assert table.withheld.state_secret.total == gd.Count(2)
        assert table.outcome_total == gd.ApplicantRow(4, 1, None, None, None, None, 5)
        assert [
            f
            for f in gd.check(gd.Report(gd.Agency("x"), 2024, applications=table))
            if f.severity == "error"
        ] == []

    def test_stated_total_must_agree(self) -> None:
        with pytest.raises(ValueError, match=r"'applications.granted.total' is stated as 9"):
            gd.Applications.from_parts(granted=gd.ApplicantRow(3, total=9))

    def test_stated_total_that_agrees_is_kept_with_its_note(self) -> None:
        row = gd.ApplicantRow(3, total=gd.Count(3, note="含转办"))
        assert row.with_total().total == gd.Count(3, note="含转办")

    def test_review_litigation(self) -> None:
        table = gd.ReviewLitigation.from_parts(review=gd.ReviewOutcomes(10, 1))
        assert table.review.total == gd.Count(11)
        assert table.litigation_direct.total == gd.Count()

    def test_report_from_parts(self) -> None:
        report = gd.Report.from_parts(
            agency=gd.Agency("x"),
            year=2024,
            review_litigation=gd.ReviewLitigation(review=gd.ReviewOutcomes(1, 2, 3, 4)),
        )
        assert report.review_litigation is not None
        assert report.review_litigation.review.total == gd.Count(10)
        assert report.applications is None


class TestForm:
    def test_cell_counts(self) -> None:
        sizes = {name: len(cells) for name, cells in _form.TABLE_CELLS.items()}
        assert sizes == {"active_disclosure": 10, "applications": 175, "review_litigation": 15}

    def test_every_cell_path_resolves_to_a_cell(self) -> None:
        report = gd.Report(
            gd.Agency("x"),
            2024,
            active_disclosure=gd.ActiveDisclosure(),
            applications=gd.Applications(),
            review_litigation=gd.ReviewLitigation(),
            other_matters=gd.OtherMatters(processing_fees=gd.ProcessingFees()),
        )
        for path, info in gd.CELLS.items():
            cell = _form.get(report, path)
            assert isinstance(cell, gd.Cell), path
            assert info.label == gd.label(path)

    @pytest.mark.parametrize(
        ("path", "label"),
        [
            ("applications.outcome_total.natural_person", "（七）总计·自然人"),
            ("applications.withheld.state_secret.total", "（三）不予公开·1.属于国家秘密·总计"),
            (
                "applications.partially_granted.other",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）·其他",
            ),
            ("active_disclosure.normative_documents.repealed", "行政规范性文件·本年废止件数"),
            ("active_disclosure.fees", "行政事业性收费·本年收费金额（单位：万元）"),
            ("review_litigation.litigation_direct.pending", "行政诉讼·未经复议直接起诉·尚未审结"),
            ("applications.withheld", "（三）不予公开"),
            ("applications", "收到和处理政府信息公开申请情况"),
            ("agency.postcode", "邮编"),
        ],
    )
    def test_labels(self, path: str, label: str) -> None:
        assert gd.label(path) == label

    def test_unknown_path(self) -> None:
        with pytest.raises(KeyError, match="no such data path"):
            gd.label("applications.recieved")

    def test_section_headings_are_official(self) -> None:
        assert [s.heading for s in gd.SECTIONS] == [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]

    def test_table_three_labels_follow_the_spec_exactly(self) -> None:
        rows = [_form.row_label(f"applications.{path}") for path, _ in gd.Applications().rows()]
        assert rows[4] == "（三）不予公开 · 1.属于国家秘密"
        assert rows[6] == "（三）不予公开 · 3.危及“三安全一稳定”"
        assert rows[20] == (
            "（六）其他处理 · 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        )
        assert rows[-2:] == ["（七）总计", "四、结转下年度继续办理"]
        assert len(rows) == 25

    def test_replace_rebuilds_frozen_parents(self) -> None:
        report = gd.Report(gd.Agency("x"), 2024, applications=gd.Applications())
        changed = _form.replace(report, "applications.withheld.state_secret.research", gd.Count(7))
        assert _form.get(changed, "applications.withheld.state_secret.research") == gd.Count(7)
        assert report.applications == gd.Applications()  # the original is untouched
        assert attrs.evolve(changed, applications=gd.Applications()) == report


class TestTypes:
    """What the type checker sees. ``mypy --strict`` runs over this file (test_quality), and
    ``warn_unused_ignores`` is on: an ignore below that mypy no longer needs fails it."""

    def test_a_string_count_is_refused_by_mypy_and_at_run_time(self) -> None:
        with pytest.raises(gd.DataError, match="'natural_person' must be an int >= 0"):
            gd.ApplicantRow(natural_person="3")  # type: ignore[arg-type]
        with pytest.raises(gd.DataError, match="'fees' must be a Decimal >= 0"):
            gd.ActiveDisclosure(fees="1.5")  # type: ignore[arg-type]
        assert gd.ApplicantRow(natural_person="/").natural_person == gd.Count.na()

    def test_a_refused_field_is_a_data_error_with_a_path(self) -> None:
        with pytest.raises(gd.DataError) as info:
            gd.ReviewOutcomes(upheld=-1)
        assert str(info.value) == "'upheld' must be >= 0: -1"
        (problem,) = info.value.problems
        assert (problem.path, problem.message) == ("upheld", "must be >= 0, got -1")
        assert problem.message_zh == "应为不小于 0 的整数，现为 -1"

    def test_tables_of_a_report_built_from_parts_are_typed(self) -> None:
        report = gd.Report.from_parts(
            agency=gd.Agency("某县交通运输局"),
            year=2025,
            applications=gd.Applications(received=gd.ApplicantRow(natural_person=2)),
        )
        applications: gd.Applications = report.table("applications")
        assert applications.received.total == gd.Count(2)
        assert report.table("applications") is report.applications
        with pytest.raises(LookupError, match="states no review_litigation table"):
            report.table("review_litigation")
        with pytest.raises(LookupError, match="no such table: 'overview'"):
            report.table("overview")  # type: ignore[call-overload]

    def test_a_template_states_every_table(self) -> None:
        report = gd.Report.template(gd.Agency("某局"), 2025)
        disclosure: gd.ActiveDisclosure = report.table("active_disclosure")
        review: gd.ReviewLitigation = report.table("review_litigation")
        assert disclosure.licensing == review.review.total == gd.Count(0)
        names: tuple[TableName, ...] = ("active_disclosure", "applications", "review_litigation")
        assert [type(report.table(name)) for name in names] == [
            gd.ActiveDisclosure,
            gd.Applications,
            gd.ReviewLitigation,
        ]
