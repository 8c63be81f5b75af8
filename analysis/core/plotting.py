"""The book's figure style: one look for every chart, axes with units, source in the caption.

matplotlib and seaborn are imported when a figure is drawn, not when a chapter module is imported,
so the ledger (which imports every chapter) starts quickly.
"""
from __future__ import annotations

TIER_MARKERS = {"official": "o", "secondary": "s"}


def style() -> None:
    """Seaborn's white grid, a colour-blind safe palette and fixed metadata (no timestamps)."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    sns.set_theme(style="whitegrid", palette="colorblind", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "svg.hashsalt": "bsn",
                         "figure.figsize": (8, 4.5)})


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
    """Lay out and detach the figure so notebooks show it only where it is glued."""
    import matplotlib.pyplot as plt
    fig.tight_layout()
    plt.close(fig)
    return fig
