"""The indicator chart: one series per reporter, nothing merged, every value in the text."""
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

from beyond_borders import data
from beyond_borders.views.lessons import economy
from beyond_borders.views.lessons.economy import (IndicatorExplorer, joined_runs, period_basis, period_position,
                                    plot_indicator, select_rows)
from beyond_borders.render.figures import figure_png
from tests.support.faults import fails_once


def _row(id, indicator, year, period, value, unit, reporter, subject="IRN-PAK"):
    return {"id": id, "indicator": indicator, "subject": subject, "year": year, "period": period,
            "value": value, "unit": unit, "reporter": reporter, "sources": "s1",
            "confidence": "single_source", "notes": ""}


@pytest.fixture()
def toy():
    rows = [
        _row("a1", "exports_irn_to_pak", 2021, "FY2021-22", 700.0, "USD million", "Customs A"),
        _row("a2", "exports_irn_to_pak", 2022, "FY2022-23", 800.0, "USD million", "Customs A"),
        _row("a3", "exports_irn_to_pak", 2024, "FY2024-25", 1000.0, "USD million", "Customs A"),
        _row("b1", "exports_irn_to_pak", 2022, "IR 1401 (Mar 2022–Mar 2023)", 1500.0, "USD million", "Customs B"),
        _row("b2", "exports_irn_to_pak", 2023, "IR 1402, first 7 months (Mar–Oct 2023)", 1100.0, "USD million", "Customs B"),
        _row("c1", "exports_irn_to_pak", 2025, "2025-08", 3.0, "USD billion", "A politician"),
        _row("d1", "exports_pak_to_irn", 2022, "FY2022-23", 0.0, "USD million", "Customs A"),
        _row("t1", "trade_target", 2024, "set Apr 2024", 10000.0, "USD million per year", "Summit"),
        _row("t2", "trade_target", 2025, "set Aug 2025", 10.0, "USD billion per year", "Summit 2"),
        _row("p1", "population", 2023, "2023", 241.5, "million people", "Census", subject="PAK"),
    ]
    return pd.DataFrame(rows)


def _points(ax):
    """Every (x, y) drawn as a marker, by collection."""
    return [c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)]


def test_period_basis_tells_the_three_kinds_of_year_from_part_years():
    assert period_basis("FY2023-24") == "fiscal"
    assert period_basis("FY2024-25 (provisional, May 2025)") == "fiscal"
    assert period_basis("FY2024-25 (revised, Oct 2025)") == "fiscal"
    assert period_basis("IR 1401 (Mar 2022–Mar 2023)") == "iranian"
    assert period_basis("2023") == "calendar"
    for part in ["7MFY24 (Jul 2023–Jan 2024)", "IR 1401, first 7 months (to late Oct 2022)",
                 "2025-06", "Jan–Mar 2024", "per year (report of Sep 2023)", "", None,
                 "2023 (as given by an Iranian ministry)", "FY2023-24 first half"]:
        assert period_basis(part) == "other", part


def test_points_sit_at_the_middle_of_their_period():
    assert period_position(2023, "2023") == 2023.5
    assert period_position(2023, "FY2023-24") == 2024.0          # July 2023 – June 2024
    assert 2022.6 < period_position(2022, "IR 1401 (Mar 2022–Mar 2023)") < 2022.8
    assert period_position(2025, "2025-06") == pytest.approx(2025 + 5.5 / 12)
    assert period_position(2024, "per year") == 2024.5


def test_each_reporter_is_its_own_series_and_nothing_is_averaged(toy):
    fig = plot_indicator(toy, "exports_irn_to_pak")
    assert [rep for _ind, rep, _g in fig.drawn["series"]] == ["Customs A", "Customs B"]
    ax = fig.axes[0]
    ys = sorted(float(y) for off in _points(ax) for _x, y in off)
    assert ys == [700.0, 800.0, 1000.0, 1100.0, 1500.0]  # exactly the data, no mean of A and B
    assert not any(np.isclose(y, (800 + 1500) / 2) for y in ys)
    # Lines join only consecutive whole years of one reporter: FY21-22 to FY22-23, not to FY24-25
    lines = [(list(l.get_xdata()), list(l.get_ydata())) for l in ax.get_lines()]
    assert lines == [([2022.0, 2023.0], [700.0, 800.0])]


def test_unit_is_on_the_axis_and_other_units_are_left_out_not_converted(toy):
    fig = plot_indicator(toy, "exports_irn_to_pak")
    assert fig.drawn["unit"] == "USD million" and fig.axes[0].get_ylabel() == "USD million"
    assert list(fig.drawn["left_out"]["id"]) == ["c1"]
    assert "Not plotted: A politician, 2025-08: 3 USD billion (in another unit)" in fig.alt_text
    fig_b = plot_indicator(toy, "exports_irn_to_pak", unit="USD billion")
    assert fig_b.axes[0].get_ylabel() == "USD billion"
    assert [float(y) for off in _points(fig_b.axes[0]) for _x, y in off] == [3.0]


def test_alt_text_lists_every_plotted_value_with_reporter_and_year(toy):
    fig = plot_indicator(toy, "exports_irn_to_pak", subject="IRN-PAK")
    alt = fig.alt_text
    assert "in USD million: 5 values from 2 reporters" in alt
    assert "Customs A: FY2021-22 (year 2021): 700; FY2022-23 (year 2022): 800; FY2024-25 (year 2024): 1,000." in alt
    assert "Customs B: IR 1401 (Mar 2022–Mar 2023) (year 2022): 1,500; " in alt
    assert "IR 1402, first 7 months (Mar–Oct 2023) (year 2023): 1,100 [part-year or estimate]" in alt


def test_part_years_are_hollow_or_left_out(toy):
    fig = plot_indicator(toy, "exports_irn_to_pak")
    hollow = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)
              and np.allclose(c.get_facecolors()[0][:3], [1, 1, 1])]
    assert [float(c.get_offsets()[0][1]) for c in hollow] == [1100.0]
    full = plot_indicator(toy, "exports_irn_to_pak", full_years_only=True)
    assert sorted(full.drawn["left_out"]["id"]) == ["b2", "c1"]
    assert "1,100 USD million (part-year, month or estimate)" in full.alt_text


def test_several_indicators_and_a_subject_filter(toy):
    fig = plot_indicator(toy, ["exports_irn_to_pak", "exports_pak_to_irn"], subject="IRN-PAK")
    assert [(i, r) for i, r, _g in fig.drawn["series"]] == [
        ("exports_irn_to_pak", "Customs A"), ("exports_irn_to_pak", "Customs B"),
        ("exports_pak_to_irn", "Customs A")]
    assert "Goods from Pakistan to Iran, Customs A: FY2022-23 (year 2022): 0." in fig.alt_text
    assert plot_indicator(toy, "population", subject="IRN-PAK").drawn["series"] == []
    assert "no values to plot" in plot_indicator(toy, "population", subject="IRN-PAK").alt_text


def test_subjects_are_kept_apart_when_several_are_in_view(toy):
    extra = pd.DataFrame([_row("p2", "population", 2016, "2016", 79.9, "million people", "Census",
                               subject="IRN")])
    both = pd.concat([toy, extra], ignore_index=True)
    fig = plot_indicator(both, "population")
    assert [rep for _i, rep, _g in fig.drawn["series"]] == ["Census (IRN)", "Census (PAK)"]
    assert "from 1 reporter in 2 series (one per reporter and subject)" in fig.alt_text
    assert "Census (PAK): 2023 (year 2023): 241.5." in fig.alt_text
    assert ax_lines(fig) == []  # two subjects are never joined into one line


def ax_lines(fig):
    return [l for l in fig.axes[0].get_lines()]


def test_reference_lines_come_from_rows_in_the_same_unit(toy):
    fig = plot_indicator(toy, "exports_irn_to_pak", reference=["t1"])
    ax = fig.axes[0]
    flat = [l for l in ax.get_lines() if len(set(l.get_ydata())) == 1 and l.get_ydata()[0] == 10000]
    assert len(flat) == 1
    assert "Dashed horizontal lines: Summit, set Apr 2024: 10,000 USD million per year." in fig.alt_text
    assert ax.get_ylim()[1] >= 10000
    with pytest.raises(ValueError, match="not in the plotted unit"):
        plot_indicator(toy, "exports_irn_to_pak", reference=["t2"])
    with pytest.raises(ValueError, match="no indicator rows"):
        plot_indicator(toy, "exports_irn_to_pak", reference=["nope"])


def test_reporter_filter_and_select_rows(toy):
    kept, left, unit = select_rows(toy, "exports_irn_to_pak", reporters=["Customs B"])
    assert list(kept["id"]) == ["b1", "b2"] and left.empty and unit == "USD million"
    fig = plot_indicator(toy, "exports_irn_to_pak", reporters=["Customs B"])
    assert "from 1 reporter," in fig.alt_text


def test_joined_runs_break_on_gaps_and_on_kind_of_year(toy):
    kept, _left, _unit = select_rows(toy, "exports_irn_to_pak")
    assert [xs for xs, _ys in joined_runs(kept[kept["reporter"] == "Customs A"])] == [[2022.0, 2023.0]]
    assert list(joined_runs(kept[kept["reporter"] == "Customs B"])) == []


def test_two_versions_of_one_year_are_never_joined(toy):
    extra = pd.DataFrame([
        _row("a4", "exports_irn_to_pak", 2023, "FY2023-24 (provisional, May 2024)", 950.0, "USD million", "Customs A"),
        _row("a5", "exports_irn_to_pak", 2023, "FY2023-24 (revised, May 2025)", 940.0, "USD million", "Customs A")])
    kept, _left, _unit = select_rows(pd.concat([toy, extra], ignore_index=True), "exports_irn_to_pak",
                                     reporters=["Customs A"])
    # FY21-22 and FY22-23 join; the two versions of FY23-24 stand alone, and so does FY24-25
    assert [xs for xs, _ys in joined_runs(kept)] == [[2022.0, 2023.0]]


def test_real_data_keeps_the_mirror_gap_visible():
    ind = data.load_indicators()
    fig = plot_indicator(ind, "exports_pak_to_irn", subject="IRN-PAK", full_years_only=True)
    reps = {r for _i, r, _g in fig.drawn["series"]}
    assert {"Iranian customs data as reported by IRNA", "State Bank of Pakistan (banking records)"} <= reps
    assert "Iranian customs data as reported by IRNA: IR 1401 (Mar 2022–Mar 2023) (year 2022): 841.8." in fig.alt_text
    for _i, rep, g in fig.drawn["series"]:   # every plotted value is a row of the data, untouched
        src = ind[(ind["indicator"] == "exports_pak_to_irn") & (ind["reporter"] == rep)]
        assert set(g["value"]) <= set(src["value"])


def test_png_is_repeatable(toy):
    assert figure_png(plot_indicator(toy, "exports_irn_to_pak")) == figure_png(plot_indicator(toy, "exports_irn_to_pak"))


def test_explorer_switches_indicator_unit_and_reporters(toy):
    w = IndicatorExplorer(indicators=toy)
    assert repr(w) == "IndicatorExplorer: exports_irn_to_pak in USD million"
    assert w.unit.options == ("USD million", "USD billion")
    assert set(w.reporters.value) == {"Customs A", "Customs B"}
    assert "5 values from 2 reporters" in w.alt_text and w.image.value[:4] == b"\x89PNG"
    w.reporters.value = ("Customs A",)
    assert "3 values from 1 reporter" in w.alt_text
    w.full.value = True
    assert "Customs A: FY2021-22" in w.alt_text and "<table" in w.table.value
    w.unit.value = "USD billion"
    assert w.reporters.options == ("A politician",) and "3 values" not in w.alt_text
    assert "A politician: 2025-08" not in w.alt_text  # a month is not a whole year
    w.full.value = False
    assert "A politician: 2025-08 (year 2025): 3 [part-year or estimate]" in w.alt_text
    w.picker.value = "exports_pak_to_irn"
    assert w.unit.value == "USD million" and w.reporters.options == ("Customs A",)
    assert repr(w) == "IndicatorExplorer: exports_pak_to_irn in USD million"



def test_explorer_draws_once_per_change_and_recovers_after_a_drawing_error(toy, monkeypatch):
    w = IndicatorExplorer(indicators=toy)
    calls = fails_once(monkeypatch, economy, "plot_indicator")
    with pytest.raises(RuntimeError, match="plot_indicator failed"):
        w.picker.value = "exports_pak_to_irn"  # refills units and reporters, then draws: fails
    assert w.unit.value == "USD million" and w.reporters.options == ("Customs A",)
    assert "5 values from 2 reporters" in w.alt_text  # the old chart stays
    w.full.value = True
    assert len(calls) == 2, "one control change, one drawing"
    assert "Goods from Pakistan to Iran" in w.alt_text and "1 value from 1 reporter" in w.alt_text
    w.picker.value = "exports_irn_to_pak"
    assert len(calls) == 3 and w.reporters.value == ("Customs A", "Customs B")
    assert repr(w) == "IndicatorExplorer: exports_irn_to_pak in USD million"


def test_explorer_table_says_the_confidence_in_words(toy):
    w = IndicatorExplorer(indicators=toy)
    assert "<td>single source</td>" in w.table.value and "single_source" not in w.table.value


def test_qualified_figures_keep_their_qualifier_in_the_table_and_text_alternative():
    """A figure the source gave as 'more than 2,000' never reads as a bare 2,000 on screen."""
    from beyond_borders import data as course_data
    from beyond_borders.views.lessons.economy import indicator_alt_text, rows_html, select_rows
    ind = course_data.load_indicators()
    row = ind[(ind["indicator"] == "bilateral_trade_total") & (ind["qualifier"] == "more_than")].iloc[0]
    kept, left, unit = select_rows(ind[ind["id"] == row["id"]], "bilateral_trade_total")
    table = rows_html(kept, course_data.load_sources())
    assert f"more than {int(row['value']):,}" in table
    text = indicator_alt_text(kept, left, unit)
    assert f"more than {int(row['value']):,}" in text


def test_reporter_dots_are_labelled_with_the_qualifier():
    from beyond_borders.views.lessons.indicators import reporter_figures
    table = reporter_figures(None, "bilateral_trade_claimed")
    assert set(table["qualifier"].dropna()) >= {"about", "more_than"}


def test_indicator_rows_by_name_or_prefix_with_chosen_columns():
    from beyond_borders.views.lessons.economy import indicator_rows
    table = pd.DataFrame({"indicator": ["mou_a", "mou_b", "trade", "other"], "value": [1, 2, 3, 4],
                          "unit": ["x"] * 4})
    assert indicator_rows(["trade"], indicators=table)["value"].tolist() == [3]
    assert indicator_rows(prefix="mou_", indicators=table)["indicator"].tolist() == ["mou_a", "mou_b"]
    both = indicator_rows(["other"], prefix="mou_", columns=["indicator"], indicators=table)
    assert both.columns.tolist() == ["indicator"] and both["indicator"].tolist() == ["mou_a", "mou_b", "other"]
    assert indicator_rows(indicators=table).empty  # nothing asked, nothing shown
