"""Plots as inline SVG, drawn with matplotlib (imported here, on first use only).

Text stays text (``svg.fonttype: none``), ids are prefixed per figure so several plots
can share a page, and each label keeps its colour and hatch from the page palette.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from .palette import MUTED, TEXT, Swatch

RC = {
    "svg.fonttype": "none", "svg.hashsalt": "nlp-html", "font.family": "DejaVu Sans", "font.size": 9,
    "axes.edgecolor": MUTED, "axes.labelcolor": TEXT, "xtick.color": TEXT, "ytick.color": TEXT,
    "axes.spines.top": False, "axes.spines.right": False, "hatch.linewidth": 0.6, "hatch.color": "#ffffff",
}
MAX_TICKS = 14


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def to_svg(fig, *, name: str, description: str) -> str:
    """The figure as an ``<svg>`` element with its own id prefix and an accessible name."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'id="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r'(url\(#|href="#)([^")]+)', rf"\1{name}-\2", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(description)}" ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _bars(ax, positions, shares: dict[str, list[float]], swatches: dict[str, Swatch], *, horizontal: bool):
    base = [0.0] * len(positions)
    for label, values in shares.items():
        s = swatches[label]
        kwargs = dict(color=s.strong, hatch=s.hatch or None, edgecolor="#ffffff", linewidth=0.4, label=label)
        if horizontal:
            ax.barh(positions, values, left=base, height=0.72, **kwargs)
        else:
            ax.bar(positions, values, bottom=base, width=0.82, **kwargs)
        base = [b + v for b, v in zip(base, values)]


def share_over_time(periods: Sequence[str], volume: Sequence[int], actors: dict[str, dict[str, list[float]]],
                    swatches: dict[str, Swatch], *, name: str = "time") -> str:
    """Articles per period, then one panel per actor: its label shares per period (stacked)."""
    import matplotlib

    with matplotlib.rc_context(RC):
        rows = 1 + len(actors)
        fig = _figure(10, 1.2 + 1.55 * rows)
        axes = fig.subplots(rows, 1, sharex=True, height_ratios=[0.7] + [1] * len(actors))
        x = list(range(len(periods)))
        axes[0].bar(x, volume, color="#8a8a8a", width=0.82)
        axes[0].set_ylabel("articles")
        for ax, (actor, shares) in zip(axes[1:], actors.items()):
            _bars(ax, x, shares, swatches, horizontal=False)
            ax.set_ylim(0, 1)
            ax.set_yticks([0, 0.5, 1], ["0", "50%", "100%"])
            ax.set_ylabel(actor, rotation=0, ha="right", va="center", fontweight="bold")
        step = max(1, -(-len(periods) // MAX_TICKS))
        axes[-1].set_xticks(x[::step], list(periods)[::step], rotation=35, ha="right")
        handles, labels = axes[-1].get_legend_handles_labels() if actors else ([], [])
        if handles:
            fig.legend(handles, labels, loc="outside upper right", ncols=len(labels), frameon=False)
        return to_svg(fig, name=name, description="Each actor's stance share by period; the data table follows.")


def share_by_source(sources: Sequence[str], actors: dict[str, dict[str, list[float]]],
                    swatches: dict[str, Swatch], *, name: str = "sources") -> str:
    """One panel per actor: its label shares in each source's articles (stacked, horizontal)."""
    import matplotlib

    with matplotlib.rc_context(RC):
        cols = max(1, len(actors))
        fig = _figure(10, 1.0 + 0.28 * len(sources))
        axes = fig.subplots(1, cols, sharey=True, squeeze=False)[0]
        y = list(range(len(sources)))
        for ax, (actor, shares) in zip(axes, actors.items()):
            _bars(ax, y, shares, swatches, horizontal=True)
            ax.set_xlim(0, 1)
            ax.set_xticks([0, 0.5, 1], ["0", "50%", "100%"])
            ax.set_title(actor, fontweight="bold", fontsize=10)
        axes[0].set_yticks(y, list(sources))
        axes[0].invert_yaxis()
        handles, labels = axes[0].get_legend_handles_labels()
        if handles:
            fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), frameon=False)
        return to_svg(fig, name=name, description="Each actor's stance share by source; the data table follows.")


def intervals(metrics: Sequence[str], systems: dict[str, dict[str, tuple[float, float, float]]],
              *, name: str = "rouge") -> str:
    """Means with confidence intervals: one group per metric, one marker per system."""
    import matplotlib

    markers = "osD^vP*X"
    colours = ["#005a9c", "#b33c00", "#1b7837", "#6a3d9a", "#595959", "#8c510a"]
    with matplotlib.rc_context(RC):
        fig = _figure(8, 0.9 + 0.5 * len(metrics) * max(1, len(systems)) ** 0.5)
        ax = fig.subplots()
        n = max(1, len(systems))
        for k, (system, values) in enumerate(systems.items()):
            ys = [i + (k - (n - 1) / 2) * 0.8 / n for i in range(len(metrics))]
            means = [values[m][0] for m in metrics]
            err = [[values[m][0] - values[m][1] for m in metrics], [values[m][2] - values[m][0] for m in metrics]]
            ax.errorbar(means, ys, xerr=err, fmt=markers[k % len(markers)], color=colours[k % len(colours)],
                        capsize=3, label=system)
        ax.set_yticks(range(len(metrics)), list(metrics))
        ax.invert_yaxis()
        ax.set_xlabel("F1, mean and 95% bootstrap interval")
        ax.grid(axis="x", color="#dddddd")
        fig.legend(loc="outside upper right", ncols=min(n, 4), frameon=False)
        return to_svg(fig, name=name, description="ROUGE F1 per system with 95% intervals; the table follows.")
