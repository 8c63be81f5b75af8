"""The book's figure style: one look for every chart, axes with units, source in the caption.

matplotlib is imported when a figure is drawn, not when a chapter module is imported, so the ledger (which
imports every chapter) starts quickly.
"""
from __future__ import annotations

TIER_MARKERS = {"official": "o", "secondary": "s"}
FIGURE_DATA_KEY = "figure_data"  # output metadata in which a glued figure carries its data as CSV

# Seaborn's theme (set_theme(style="whitegrid", palette="colorblind", context="notebook")) written out: importing
# seaborn imports scipy.stats, two seconds in every kernel that draws. A test keeps the two equal; only seaborn's
# default colour map is left out (matplotlib knows it only once seaborn is imported; every map is named here).
THEME = {
    # style: white grid
    "figure.facecolor": "white", "axes.facecolor": "white", "axes.edgecolor": ".8", "axes.grid": True,
    "axes.axisbelow": True, "axes.labelcolor": ".15", "text.color": ".15", "grid.color": ".8", "grid.linestyle": "-",
    "xtick.color": ".15", "ytick.color": ".15", "xtick.direction": "out", "ytick.direction": "out",
    "xtick.top": False, "ytick.right": False, "xtick.bottom": False, "ytick.left": False,
    "axes.spines.left": True, "axes.spines.bottom": True, "axes.spines.right": True, "axes.spines.top": True,
    "font.family": ["sans-serif"], "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans",
                                                       "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    # context: notebook
    "axes.linewidth": 1.25, "grid.linewidth": 1, "lines.linewidth": 1.5, "lines.markersize": 6, "patch.linewidth": 1,
    "xtick.major.width": 1.25, "ytick.major.width": 1.25, "xtick.minor.width": 1, "ytick.minor.width": 1,
    "xtick.major.size": 6, "ytick.major.size": 6, "xtick.minor.size": 4, "ytick.minor.size": 4, "font.size": 12,
    "axes.labelsize": 12, "axes.titlesize": 12, "xtick.labelsize": 11, "ytick.labelsize": 11, "legend.fontsize": 11,
    "legend.title_fontsize": 12,
}
COLORBLIND = ("#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494", "#ece133",
              "#56b4e9")  # seaborn's colour-blind safe palette
SIZE_AND_METADATA = {"figure.dpi": 100, "savefig.dpi": 100, "svg.hashsalt": "bsn", "figure.figsize": (8, 4.5)}


def style() -> None:
    """Seaborn's white grid, a colour-blind safe palette and fixed metadata (no timestamps)."""
    import matplotlib.pyplot as plt
    from cycler import cycler
    from matplotlib.colors import to_rgb
    plt.rcParams.update(THEME | {"axes.prop_cycle": cycler("color", [to_rgb(c) for c in COLORBLIND])})
    plt.rcParams.update(SIZE_AND_METADATA)


def new_figure(title: str, xlabel: str, ylabel: str):
    """A figure and axes with the title and labelled axes set (units belong in the labels)."""
    import matplotlib.pyplot as plt
    style()
    fig, ax = plt.subplots()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def finish(fig):
    """Lay out and detach the figure so notebooks show it only where it is glued. A legend that covers
    data goes below its axes (the figure grows to hold it), so no mark is hidden behind it."""
    import matplotlib.pyplot as plt
    fig.tight_layout()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None and _covers_data(ax, legend):
            _below(fig, ax, legend)
    plt.close(fig)
    return fig


def _data_points(ax):
    """Where the axes' marks are drawn, in display pixels: line vertices and points between them, scatter
    points, bars (shading across the whole axes is background, not data)."""
    import numpy as np
    for line in ax.lines:
        xy = line.get_transform().transform(np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float))
        xy = xy[np.isfinite(xy).all(axis=1)]
        if line.get_linestyle() not in ("None", "none", "", " ") and len(xy) > 1:
            steps = np.linspace(0, 1, 40)[:, None, None]
            xy = (xy[:-1] + steps * (xy[1:] - xy[:-1])).reshape(-1, 2)
        yield from xy
    for collection in ax.collections:
        offsets = collection.get_offsets()
        if len(offsets):
            yield from collection.get_offset_transform().transform(offsets)
    for container in ax.containers:
        for patch in getattr(container, "patches", []):
            box = patch.get_window_extent()
            yield from [(box.x0, box.y1), ((box.x0 + box.x1) / 2, box.y1), (box.x1, box.y1)]


def _covers_data(ax, legend) -> bool:
    fig = ax.figure
    fig.canvas.draw()
    box = legend.get_window_extent().padded(2)
    return any(box.contains(x, y) for x, y in _data_points(ax))


def _below(fig, ax, legend) -> None:
    """The legend again, under the axes' labels, in columns; the figure taller by its height."""
    handles, labels = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
    fontsize = legend.get_texts()[0].get_fontsize() if labels else None
    legend.remove()
    new = ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=fontsize,
                    frameon=False)
    fig.canvas.draw()
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height + new.get_window_extent().height / fig.dpi + 0.2)
    fig.tight_layout()


# --- a figure's data as readers can download it: the values drawn, read back from the artists --------

COLUMNS = {  # the columns a figure's data may have, and what each holds (the header says so)
    "panel": "the panel's title (figures of several panels)",
    "series": "what is drawn: the legend's label, else the mark's own name; blank for an unnamed mark",
    "x": "position on the horizontal axis: {x}",
    "y": "position on the vertical axis: {y}",
    "x_to": "end of a span or segment on the horizontal axis (same unit as x)",
    "y_to": "end of a span or segment on the vertical axis (same unit as y)",
    "low": "low end of the error bar (same unit as y)",
    "high": "high end of the error bar (same unit as y)",
    "value": "the cell's value: {value}",
}


def _name(artist) -> str:
    """A mark's name: its gid when a chapter gave it one, else its legend label (matplotlib's own
    ``_child3`` labels name nothing)."""
    label = (getattr(artist, "get_gid", lambda: None)() or artist.get_label() or "")
    return "" if str(label).startswith("_") else str(label)


def _categories(axis) -> tuple[list[float], list[str]] | None:
    """An axis's ticks and their labels when the chapter set them (countries, indicators, estimates)."""
    import matplotlib.ticker as ticker
    if not isinstance(axis.get_major_locator(), ticker.FixedLocator):
        return None
    ticks = list(axis.get_ticklocs())
    labels = [t.get_text() for t in axis.get_ticklabels()]
    return (ticks, labels) if ticks and any(labels) else None


def _on_axis(value, categories, nearest: bool = False):
    """A coordinate as the reader reads it: on an axis of named categories (countries, estimates), the
    name of the one the mark belongs to (the nearest); on an axis of set numeric ticks, the tick's label
    only for bars beside each other (``nearest``); else the number drawn."""
    import numpy as np
    if categories is None or value is None or isinstance(value, str):
        return value
    ticks, labels = categories
    spacing = min(np.diff(sorted(ticks))) if len(ticks) > 1 else 1.0
    i = int(np.argmin([abs(float(value) - t) for t in ticks]))
    label = labels[i]
    numeric = label.replace(",", "").replace(".", "", 1).lstrip("-\u2212").isdigit()
    close = abs(float(value) - ticks[i]) < spacing / 2
    return label if close and label and (nearest or not numeric) else value


def _plain(value):
    """numpy scalars and datetimes as plain values the CSV writes exactly."""
    return value.item() if hasattr(value, "item") else value


def _axes_rows(ax) -> list[dict]:
    """Every mark drawn on one axes, a row per point (or span, segment, bar, cell)."""
    import matplotlib.collections as mcoll
    import matplotlib.container as mcont
    import matplotlib.lines as mlines
    import numpy as np
    rows, done = [], set()
    xcat, ycat = _categories(ax.xaxis), _categories(ax.yaxis)

    def row(series, x=None, y=None, nearest=False, **more):
        rows.append({"series": series, "x": _on_axis(_plain(x), xcat, nearest), "y": _on_axis(_plain(y), ycat, nearest)}
                    | {k: _plain(v) for k, v in more.items()})

    for container in ax.containers:
        if isinstance(container, mcont.BarContainer):
            vertical = container.orientation == "vertical"
            for bar in container.patches:
                done.add(id(bar))
                if vertical:
                    row(_name(bar) or _name(container), bar.get_x() + bar.get_width() / 2, bar.get_height(), nearest=True)
                else:
                    row(_name(bar) or _name(container), bar.get_width(), bar.get_y() + bar.get_height() / 2, nearest=True)
        elif isinstance(container, mcont.ErrorbarContainer):
            line, caps, bars = container.lines
            done.update(id(a) for a in (line, *caps, *bars))
            segments = bars[0].get_segments() if bars else [None] * len(line.get_xdata())
            for x, y, segment in zip(line.get_xdata(orig=True), line.get_ydata(orig=True), segments):
                ends = {} if segment is None else {"low": min(segment[:, 1]), "high": max(segment[:, 1])}
                row(_name(container), x, y, **ends)
        else:
            raise TypeError(f"figure data: no rule for a {type(container).__name__} (analysis/core/plotting.py)")
    texts = {round(float(t.xy[0] if hasattr(t, "xy") else t.get_position()[0]), 9): t.get_text() for t in ax.texts
             if isinstance(t.xy[0] if hasattr(t, "xy") else t.get_position()[0], (int, float, np.number))}
    for line in ax.lines:
        if id(line) in done or len(line.get_xdata()) == 0:
            continue
        x, y = line.get_xdata(orig=True), line.get_ydata(orig=True)
        if line.get_transform() is ax.get_xaxis_transform():  # vertical lines, or marks on an x-axis edge
            for a in dict.fromkeys(x):
                row(_name(line) or texts.get(round(float(a), 9), ""), a)
        elif line.get_transform() is ax.get_yaxis_transform():  # horizontal lines, or marks on a y-axis edge
            for b in dict.fromkeys(y):
                row(_name(line), None, b)
        else:
            for a, b in zip(x, y):
                row(_name(line), a, b)
    for collection in ax.collections:
        if id(collection) in done:
            continue
        if isinstance(collection, mcoll.QuadMesh):  # a heat map: a row per cell, at its tick labels
            corners = collection.get_coordinates()
            centres = (corners[:-1, :-1] + corners[1:, 1:]) / 2
            for (cx, cy), value in zip(centres.reshape(-1, 2), np.ma.filled(collection.get_array(), np.nan).ravel()):
                row(_name(collection), cx, cy, nearest=True, value=value)
        elif isinstance(collection, mcoll.LineCollection):
            for segment in collection.get_segments():
                for (a, b), (c, d) in zip(segment[:-1], segment[1:]):
                    row(_name(collection), a, b, x_to=c, y_to=d)
        elif isinstance(collection, mcoll.PathCollection):  # a scatter
            for a, b in collection.get_offsets():
                row(_name(collection), a, b)
        else:
            raise TypeError(f"figure data: no rule for a {type(collection).__name__} (analysis/core/plotting.py)")
    for patch in ax.patches:
        if id(patch) in done:
            continue
        (a, b), (c, d) = patch.get_bbox().get_points()
        if patch.get_data_transform() is ax.get_xaxis_transform():  # a vertical band across the axes
            row(_name(patch), a, x_to=c)
        elif patch.get_data_transform() is ax.get_yaxis_transform():  # a horizontal band across the axes
            row(_name(patch), None, b, y_to=d)
        else:
            row(_name(patch), a, b, x_to=c, y_to=d)
    if ax.images:
        raise TypeError("figure data: no rule for an image (analysis/core/plotting.py)")
    return rows


def _is_colorbar(ax) -> bool:
    return ax.get_label() == "<colorbar>"


def figure_data(fig):
    """The values a figure draws, one row per point, bar, span or cell, read back from its artists, so
    they are exactly what is plotted; columns that every row leaves empty are dropped."""
    import pandas as pd
    panels = [ax for ax in fig.axes if not _is_colorbar(ax)]
    rows = [{"panel": ax.get_title()} | r for ax in panels for r in _axes_rows(ax)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)  # whole numbers stay whole
    if len(panels) < 2:
        frame = frame.drop(columns="panel")
    return frame.dropna(axis="columns", how="all")


def figure_csv(fig) -> str:
    """The figure's data as CSV, after comment lines (``#``) giving its title and each column's meaning
    and unit (from the axis labels, which carry the units)."""
    frame = figure_data(fig)
    panels = [ax for ax in fig.axes if not _is_colorbar(ax)]
    colorbars = [ax.get_ylabel() or ax.get_xlabel() for ax in fig.axes if _is_colorbar(ax)]
    units = {"x": " / ".join(dict.fromkeys(ax.get_xlabel() or "(no label)" for ax in panels)),
             "y": " / ".join(dict.fromkeys(ax.get_ylabel() or "(no label)" for ax in panels)),
             "value": " / ".join(colorbars) or "(no label)"}
    title = " / ".join(t for t in dict.fromkeys(ax.get_title() for ax in panels) if t)
    header = [f"# {title}"] if title else []
    header += [f"# {column}: {COLUMNS[column].format(**units)}" for column in frame.columns]
    return "\n".join(header) + "\n" + frame.to_csv(index=False, lineterminator="\n")
