"""Each figure's data as readers download it: exactly the values drawn, read back from the artists, with
each column's meaning and unit in the header; and the figure rules the plotting module enforces."""
from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from analysis.core import plotting  # noqa: E402
from analysis.chapters import budgets  # noqa: E402
from analysis.chapters.budgets import agents  # noqa: E402
from analysis.tools.sphinx_fixes import figure_data_header  # noqa: E402


def read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), comment="#", keep_default_na=False)


def test_lines_scatter_spans_and_marked_years_come_back_as_drawn():
    fig, ax = plotting.new_figure("Agents", "Fiscal year", "Agents (persons)")
    ax.plot([2001, 2002, 2003], [9821, 10045, 10717], label="Nationwide")
    ax.scatter([2003], [12000.5], label="Stated")
    ax.axvspan(2001, 2003, alpha=0.1, label="Window")
    ax.axvline(2002, color="grey")
    ax.annotate("captured", (2002, 1))
    ax.legend()
    frame = plotting.figure_data(plotting.finish(fig))
    assert list(frame.columns) == ["series", "x", "y", "x_to"]
    assert frame.fillna("").values.tolist() == [
        ["Nationwide", 2001, 9821, ""], ["Nationwide", 2002, 10045, ""], ["Nationwide", 2003, 10717, ""],
        ["captured", 2002, "", ""],  # a vertical line takes the name of the note beside it
        ["Stated", 2003.0, 12000.5, ""], ["Window", 2001.0, "", 2003.0]]


def test_bars_error_bars_and_heat_maps_read_by_their_labels():
    fig, (left, right) = matplotlib.pyplot.subplots(1, 2)
    left.set_title("bars")
    left.bar([2021 - 0.2, 2022 - 0.2], [5, 7], 0.4, label="Cato")
    left.set_xticks([2021, 2022])
    left.errorbar([0], [1.5], yerr=[[0.5], [1.0]], fmt="o", label="capture")
    right.set_title("cells")
    right.pcolormesh(np.array([[0.25, 0.5], [1.0, 0.0]]))
    right.set_xticks([0.5, 1.5], ["rule of law", "corruption"])
    right.set_yticks([0.5, 1.5], ["Finland", "Mexico"])
    frame = plotting.figure_data(fig).fillna("")
    assert frame[frame["panel"] == "bars"][["series", "x", "y", "low", "high"]].values.tolist() == [
        ["Cato", "2021", 5, "", ""], ["Cato", "2022", 7, "", ""], ["capture", 0, 1.5, 1.0, 2.5]]
    assert frame[frame["panel"] == "cells"][["x", "y", "value"]].values.tolist() == [
        ["rule of law", "Finland", 0.25], ["corruption", "Finland", 0.5], ["rule of law", "Mexico", 1.0],
        ["corruption", "Mexico", 0.0]]


def test_a_mark_without_a_rule_is_refused_by_name():
    fig, ax = plotting.new_figure("t", "x", "y")
    ax.fill_between([0, 1], [0, 1], [1, 2])
    with pytest.raises(TypeError, match="figure data: no rule for a FillBetweenPolyCollection"):
        plotting.figure_data(fig)


def test_the_agents_figure_offers_the_agents_series_and_the_levels_the_essay_states():
    fig = budgets.agents_figure(1993, 2010)
    text = plotting.figure_csv(fig)
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[:3] == ["# U.S. Border Patrol agents on board", header[1], "# x: position on the horizontal axis: Fiscal year"]
    assert "# y: position on the vertical axis: Agents (persons)" in header
    frame = read(text)
    nationwide = frame[frame["series"] == "Nationwide"]
    series = agents("nationwide")
    assert nationwide["x"].astype(int).tolist() == list(series.index)
    assert nationwide["y"].astype(float).tolist() == [float(v) for v in series.values]
    stated = frame[frame["series"] == "Levels the essay states (nationwide)"]
    assert stated["y"].astype(float).tolist()[0] == 4000.0
    window = frame[frame["series"] == "Comparison window FY1993-FY2010"]
    assert window[["x", "x_to"]].astype(float).values.tolist() == [[1993.0, 2010.0]]


def test_a_legend_over_data_moves_below_the_axes_and_one_clear_of_it_stays():
    def figure(values):
        fig, ax = plotting.new_figure("t", "Year", "Count (persons)")
        ax.plot(range(10), values, label="a series with a long label")
        ax.legend(loc="upper left")
        return plotting.finish(fig)
    covered = figure([9, 9, 9, 9, 9, 0, 0, 0, 0, 0])  # along the top on the left, where the legend sits
    legend = covered.axes[0].get_legend()
    assert legend.get_bbox_to_anchor().transformed(covered.axes[0].transAxes.inverted()).y1 < 0
    assert covered.get_size_inches()[1] > 4.5  # taller, to hold it
    clear = figure([0, 0, 0, 0, 0, 0, 0, 0, 0, 9])  # low on the left, where the legend sits
    assert clear.axes[0].get_legend()._loc == 2 and clear.get_size_inches()[1] == 4.5  # upper left, unchanged


def test_the_data_file_is_headed_by_the_figure_number_caption_and_source():
    caption = "Agents on board (persons),\n nationwide. Source: U.S. Customs and Border Protection [CBP, 2020]."
    assert figure_data_header("1.2", caption) == (
        "# Figure 1.2: Agents on board (persons), nationwide. Source: U.S. Customs and Border Protection [CBP, 2020].\n"
        "# Source: U.S. Customs and Border Protection [CBP, 2020].\n")


RC_AFTER = """import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
if sys.argv[1] == "seaborn":
    import seaborn as sns
    sns.set_theme(style="whitegrid", palette="colorblind", context="notebook")
    from analysis.core.plotting import SIZE_AND_METADATA
    plt.rcParams.update(SIZE_AND_METADATA)
else:
    from analysis.core import plotting
    plotting.style()
print(json.dumps({k: repr(v) for k, v in plt.rcParams.items()}))
print("seaborn" in sys.modules, "scipy.stats" in sys.modules)
"""


@pytest.mark.slow  # two fresh interpreters, one importing seaborn and scipy.stats
def test_the_written_out_theme_is_seaborns_without_importing_it():
    """The figures look as seaborn's theme makes them (every setting but its default colour map, which no
    figure uses), and drawing one imports neither seaborn nor scipy.stats (two seconds a kernel)."""
    import json
    import subprocess
    import sys
    runs = {how: subprocess.run([sys.executable, "-c", RC_AFTER, how], capture_output=True, text=True, check=True)
            .stdout.splitlines() for how in ("seaborn", "book")}
    theirs, ours = (json.loads(runs[how][0]) for how in ("seaborn", "book"))
    assert {k for k in theirs if theirs[k] != ours.get(k)} == {"image.cmap"}
    assert theirs["axes.prop_cycle"] == ours["axes.prop_cycle"] and ours["axes.grid"] == "True"
    assert runs["book"][1] == "False False" and runs["seaborn"][1] == "True True"
