#!/usr/bin/python3
"""Draws the figures of a diffsweep-analyze report: a PDF and a PNG per entry of plots.json.

The numbers are computed by diffsweep-analyze (C++); this script only draws them. Usage:
plot.py [PLOTS_JSON [OUTPUT_DIR]]. Without arguments it draws the report folder it sits in
(plot-data/plots.json beside it), so `python3 plot.py` inside a report folder redraws it wherever
the folder has moved. Exit 3 when matplotlib is missing, so the caller can say so.

One style for every figure: error bars are the intervals the analysis computed, fitted laws thin
lines in their data's colour, floors and reference levels grey and dashed, legends outside the
axes, and values a log axis cannot show are never dropped silently: a series with no drawable
value is named in a note on the figure, and other non-positive values switch the axis to symlog.
"""
import csv
import json
import math
import os
import sys
import textwrap

try:
    import matplotlib

    matplotlib.use("Agg")  # no display on a cluster node
    import matplotlib.collections
    import matplotlib.colors
    import matplotlib.lines
    import matplotlib.patches
    import matplotlib.pyplot as plt
    import matplotlib.transforms
    from matplotlib import ticker
except ImportError:
    print("matplotlib is not installed", file=sys.stderr)
    sys.exit(3)

PNG_DPI = 200
STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 7.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "savefig.bbox": "tight",
    "pdf.fonttype": 42,  # text stays text in the PDF
}
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
# More curves than this are drawn as lines coloured on a scale (with a colour bar) instead of one
# legend entry each.
LEGEND_CAP = 12
# A legend lists at most this many entries, the rest counted ("... 3 more"): room for a few
# curves' fitted laws and the shared levels beside the curves.
LEGEND_ENTRIES = 16
REFERENCE_GREY = "0.45"
# tab10 and tab20's colours without their greys, which are kept for floors and reference levels.
PALETTE = [c for k, c in enumerate(plt.get_cmap("tab10").colors) if k != 7] + \
    [c for k, c in enumerate(plt.get_cmap("tab20").colors) if k % 2 == 1 and k not in (15,)]


def colour(index):
    return PALETTE[index % len(PALETTE)]


STYLE["axes.prop_cycle"] = matplotlib.cycler(color=PALETTE)


def number(text):
    return float(text) if text != "" else None


def read_panels(path):
    """The series of a figure by panel, in the order they first appear: {panel: {label: series}}.
    Panel "" holds the series drawn in every panel (a shared reference level), or all of them in
    a figure without panels."""
    panels = {"": {}}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            s = panels.setdefault(row.get("panel") or "", {}).setdefault(
                row["series"],
                {"x": [], "y": [], "lo": [], "hi": [], "points": row["points_only"] == "1",
                 "dashed": row["dashed"] == "1", "color": int(row["color"]),
                 "role": row.get("role") or "data"},
            )
            for key in ("x", "y", "lo", "hi"):
                s[key].append(number(row[key]))
    return panels


def read_series(path):
    """The series of a figure without panels."""
    return read_panels(path)[""]


def save(fig, out_dir, name):
    fig.savefig(os.path.join(out_dir, f"{name}.pdf"))
    fig.savefig(os.path.join(out_dir, f"{name}.png"), dpi=PNG_DPI)
    plt.close(fig)


def footer(ax, lines):
    """Notes and the caption under the axes and their x label, wrapped to the figure's width."""
    text = "\n".join(textwrap.fill(line, 110) for line in lines if line)
    if text:
        # Below whatever hangs under the axes (tick labels, rotated or not, and the x label).
        fig = ax.figure
        fig.canvas.draw()
        below = ax.get_tightbbox(fig.canvas.get_renderer()).y0
        _, bottom = ax.transAxes.inverted().transform((0, below))
        ax.annotate(text, xy=(0, bottom), xycoords="axes fraction", xytext=(-30, -6),
                    textcoords="offset points", ha="left", va="top", fontsize=7)


def drawable_values(s, axis):
    """The values a log axis must show: x, or y with its error bars."""
    if axis == "x":
        return [v for v in s["x"] if v is not None], [v for v in s["x"] if v is not None]
    ys = [v for v in s["y"] if v is not None]
    return ys, ys + [v for v in s["lo"] + s["hi"] if v is not None]


def log_axis_plan(pairs, axis):
    """Which series of (label, series) `pairs` a log axis cannot show (every value exactly 0, as
    an exact score's error: listed in a note rather than squashing the others onto a symlog
    axis); whether the rest hold values <= 0 (a distance estimate below 0 near its floor), which
    make the axis symlog; and whether only error bars reach 0 or below. Those bars are cut at the
    axis's edge (and a note says so) rather than making the axis symlog, whose linear part would
    draw an interval crossing 0 as one spanning decades."""
    hidden, mixed, cut, positive = [], False, False, []
    for label, s in pairs:
        own, with_bars = drawable_values(s, axis)
        if own and all(v == 0 for v in own):
            hidden += [label] if label not in hidden else []
            continue
        mixed = mixed or any(v <= 0 for v in own)
        cut = cut or any(v <= 0 for v in with_bars)
        positive += [abs(v) for v in with_bars if v != 0]
    return hidden, mixed, cut and not mixed, (min(positive) if positive else 1.0)


def describe_hidden(label, s):
    ys = sorted({v for v in s["y"] if v is not None})
    shown = ", ".join(f"{v:g}" for v in ys[:3]) + (", ..." if len(ys) > 3 else "")
    return f"{label} (y = {shown})"


def labelled_log_ends(ax, axis, kind):
    """A log axis ends on labelled ticks, so its extreme values can be read off: its limits go out
    to the next 1, 2 or 5 times a power of ten when it spans up to 3 decades (whose 2x and 5x
    ticks are then labelled too), else to the next power of ten."""
    if kind != "log":
        return
    get, put = (ax.get_ylim, ax.set_ylim) if axis == "y" else (ax.get_xlim, ax.set_xlim)
    lo, hi = get()
    if lo <= 0 or hi <= lo:
        return
    fine = math.log10(hi / lo) <= 3
    steps = (1, 2, 5) if fine else (1,)

    def marks(v):  # the step values of v's decade and the next
        k = math.floor(math.log10(v))
        return [s * 10.0 ** k for s in steps] + [10.0 ** (k + 1)]

    # The data's own extent (the limits add a margin): an end already on a labelled value keeps
    # a small margin instead of going out to the next one (0.01 to 10, not 0.001 to 100).
    data = ax.dataLim.intervaly if axis == "y" else ax.dataLim.intervalx
    low, high = (data[0], data[1]) if 0 < data[0] < data[1] else (lo, hi)
    margin = 10 ** 0.04
    below = max(m for m in marks(low) if m <= low * (1 + 1e-9))
    above = min(m for m in marks(high) if m >= high * (1 - 1e-9))
    put(low / margin if below >= low * (1 - 1e-9) else below,
        high * margin if above <= high * (1 + 1e-9) else above)
    if fine:
        target = ax.yaxis if axis == "y" else ax.xaxis
        target.set_minor_locator(ticker.LogLocator(subs=(2.0, 5.0)))
        target.set_minor_formatter(PlainLogFormatter(labelOnlyBase=False,
                                                     minor_thresholds=(4, 4)))


def cut_outlying_bars(ax, panels, notes):
    """A linear y range follows the points, not one long error bar: bars reaching more than half
    the points' own range beyond them are cut at the axis's edge, and a note says so."""
    points, ends = [], []
    for series in panels.values():
        for s in series.values():
            if s["role"] in ("data", "reference", "marker") and not s["points"]:
                points += [y for y in s["y"] if y is not None]
                ends += [v for v in s["lo"] + s["hi"] if v is not None]
    if not points or not ends:
        return
    low, high = min(points), max(points)
    spread = (high - low) or abs(high) or 1.0
    allowed = (low - spread / 2, high + spread / 2)
    if min(ends) >= allowed[0] and max(ends) <= allowed[1]:
        return
    shown = (max(min(ends + points), allowed[0]), min(max(ends + points), allowed[1]))
    margin = 0.04 * (shown[1] - shown[0])
    ax.set_ylim(shown[0] - margin, shown[1] + margin)
    notes.append("Error bars reaching beyond half the points' own range past them are cut at the "
                 "axis's edge (every interval is in summary.csv).")


class PlainLogFormatter(ticker.LogFormatter):
    """Log-axis tick labels as plain numbers (20, 0.7, 0.001), not powers of ten (10^3, 1e-03
    make a reader convert); %g writes exponents only below 1e-4 and from 1e6 on. Which ticks are
    labelled stays matplotlib's choice."""

    def _num_to_string(self, x, vmin, vmax):
        return f"{x:g}"


def plain_log_ticks(ax, axis, kind):
    if kind != "log":
        return
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PlainLogFormatter())
    target.set_minor_formatter(PlainLogFormatter(labelOnlyBase=False))


def single_x_value(series):
    """The one x every data series sits at (a sweep of one n_target), else None."""
    xs = {x for s in series.values() if s["role"] == "data" for x in s["x"] if x is not None}
    return xs.pop() if len(xs) == 1 else None


def curve_scale(labels):
    """What colours many curves: the one "name=value" of their labels ("exponent=1.5 y=2") that
    differs between curves, when it is a number; else the curves' order. Returns the scale's
    name and each label's value."""
    parsed = {label: dict(t.split("=", 1) for t in label.split(" ") if "=" in t)
              for label in labels}
    names = set.intersection(*(set(p) for p in parsed.values())) if parsed else set()
    varying = [n for n in sorted(names) if len({p[n] for p in parsed.values()}) > 1]
    if len(varying) == 1:
        try:
            return varying[0], {label: float(p[varying[0]]) for label, p in parsed.items()}
        except ValueError:
            pass
    return "curve (in order)", {label: float(k) for k, label in enumerate(labels)}


def draw_curves_on_scale(ax, series, data, notes):
    """Many curves as one collection of lines coloured by their parameter, with a colour bar;
    their fitted laws thin and dashed in the same colour. The error bars are left out (the
    intervals are in summary.csv): hundreds of them hide the curves."""
    name, value = curve_scale(data)
    shade = {series[label]["color"]: value[label] for label in data}
    positive = all(v > 0 for v in value.values())
    span = (min(value.values()), max(value.values()))
    norm = (matplotlib.colors.LogNorm(*span) if positive and span[1] > 10 * span[0]
            else matplotlib.colors.Normalize(*span))
    drawn = {"data": ([], []), "fit": ([], [])}
    for label, s in series.items():
        if s["points"] or s["role"] not in drawn:
            continue
        key = value.get(label) if s["role"] == "data" else shade.get(s["color"])
        if key is None:
            continue
        pts = [(x, y) for x, y in zip(s["x"], s["y"]) if x is not None and y is not None]
        if pts:
            drawn[s["role"]][0].append(pts)
            drawn[s["role"]][1].append(key)
    collections = []
    for role, (segments, keys) in drawn.items():
        if not segments:
            continue
        style = ({"linewidth": 0.8} if role == "data" else
                 {"linewidth": 0.6, "linestyle": (0, (5, 2)), "alpha": 0.8, "zorder": 3})
        collection = matplotlib.collections.LineCollection(
            segments, cmap="viridis", norm=norm, array=keys, **style)
        ax.add_collection(collection)
        collections.append(collection)
    bar = ax.figure.colorbar(collections[0], ax=ax, pad=0.02)
    bar.set_label(name)
    handles = [matplotlib.lines.Line2D([], [], color="0.3", linewidth=0.8,
                                       label=f"{len(data)} curves, coloured by {name}")]
    if drawn["fit"][0]:
        handles.append(matplotlib.lines.Line2D([], [], color="0.3", linewidth=0.6,
                                               linestyle=(0, (5, 2)), label="their fitted laws"))
    notes.append(f"{len(data)} curves: drawn as lines coloured by {name} (colour bar), without "
                 "markers or error bars; every median and interval is in summary.csv.")
    return handles, collections, bar


def capped_legend(axes, extra, beside=None, order=()):
    """One legend for every panel in `axes` (the first is where it goes: outside on its right,
    right of `beside`, a colour bar, when given), at most LEGEND_ENTRIES entries, the rest
    counted.
    A label drawn in several panels is listed once; labels in `order` (the series as the data
    list them) follow it, after any others."""
    handles, labels = list(extra), [h.get_label() for h in extra]
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    rank = {label: k for k, label in enumerate(order)}
    ranked = sorted(zip(handles, labels), key=lambda hl: rank.get(hl[1], -1))
    handles, labels = [h for h, _ in ranked], [l for _, l in ranked]
    if not handles:
        return
    if len(handles) > LEGEND_ENTRIES:
        more = len(handles) - (LEGEND_ENTRIES - 1)
        handles = handles[:LEGEND_ENTRIES - 1] + [matplotlib.patches.Patch(visible=False)]
        labels = labels[:LEGEND_ENTRIES - 1] + [f"... {more} more"]
    ax = axes[0]
    place = {"bbox_to_anchor": (1.02, 1.0)}
    if beside is not None:
        fig = ax.figure
        fig.canvas.draw()
        right = beside.get_tightbbox(fig.canvas.get_renderer()).transformed(
            fig.transFigure.inverted()).x1
        top = ax.get_position().y1
        place = {"bbox_to_anchor": (right + 0.02, top), "bbox_transform": fig.transFigure}
    ax.legend(handles, labels, loc="upper left", borderaxespad=0.0, frameon=False, **place)


def plan_scales(spec, panels, at_x, notes):
    """Each log axis's scale, planned over every panel's series so the panels share it. Series a
    log axis cannot show at all are removed from their panels and named in a note."""
    scales = {}
    for axis in ("x", "y"):
        if not spec[f"log{axis}"] or (axis == "x" and at_x is not None):
            continue
        pairs = [(label, s) for series in panels.values() for label, s in series.items()]
        hidden, mixed, cut, threshold = log_axis_plan(pairs, axis)
        if cut:
            notes.append(f"Error bars reaching 0 or below run off the {axis} axis's log scale "
                         "(their intervals are in summary.csv).")
        if hidden:
            named = {}
            for label, s in pairs:
                if label in hidden:
                    named.setdefault(label, describe_hidden(label, s))
            notes.append(f"Not drawable on the log {axis} axis (every value 0): " +
                         "; ".join(named.values()) + ".")
            for series in panels.values():
                for label in hidden:
                    series.pop(label, None)
        if mixed:
            # A whole decade, so the ticks at +-threshold and 0 sit a decade's width apart
            # instead of crowding into the linear part.
            threshold = 10 ** math.ceil(math.log10(threshold))
            scales[axis] = ("symlog", threshold)
            notes.append(f"The {axis} axis is symlog: linear within +-{threshold:g}, "
                         "so that values <= 0 are drawn.")
        else:
            scales[axis] = ("log", None)
    return scales


def draw_series(ax, spec, series, scales, at_x, notes):
    """One panel's curves, levels and marks; returns the legend entries it adds beyond its
    lines' own and its colour bar (None without one)."""
    data = [label for label, s in series.items() if s["role"] == "data" and not s["points"]]
    on_scale = len(data) > LEGEND_CAP and at_x is None
    legend_extra, scaled, bar = (draw_curves_on_scale(ax, series, data, notes) if on_scale
                                 else ([], [], None))
    per_colour = {}
    spans = [label for label, s in series.items() if s["role"] == "span"]
    # Several scatters of runs (one per curve, in its colour) share one legend entry: a legend
    # of one per curve would push the curves themselves out of it.
    scatters = [label for label, s in series.items() if s["points"] and s["role"] == "data"]
    if len(scatters) > 1:
        legend_extra = legend_extra + [matplotlib.lines.Line2D(
            [], [], color="0.3", marker="x", linestyle="none", markersize=4,
            label="runs left out of their curve (crosses, in its colour)")]
    for label, s in series.items():
        if on_scale and not s["points"] and s["role"] in ("data", "fit"):
            continue
        pts = [(x, y, lo, hi) for x, y, lo, hi in zip(s["x"], s["y"], s["lo"], s["hi"])
               if x is not None and y is not None]
        if not pts:
            continue
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        style = {"label": label}
        if s["color"] >= 0:
            style["color"] = colour(s["color"])
        if s["role"] == "reference":
            # Above the curves: a level the data sit on (the true samples' log-likelihood) must
            # stay visible.
            level = {"color": REFERENCE_GREY, "linestyle": "--", "linewidth": 1.2, "zorder": 3,
                     "label": label}
            if at_x is not None:
                ax.axhline(ys[0], **level)
            else:
                ax.plot(xs, ys, **level)
            continue
        if s["role"] == "fit":
            ax.plot(xs, ys, linewidth=1.0, linestyle=(0, (5, 2)), zorder=3,
                    **({"color": "black"} | style))
            continue
        if s["role"] == "marker":  # one value to find at a glance, e.g. a located crossing
            # Filled with its data's colour, edged in black: it sits among its own data's marks.
            face = style.pop("color", "white")
            ax.scatter(xs, ys, s=110, marker="D", facecolors=face, edgecolors="black",
                       linewidths=1.4, zorder=10, **style)
            continue
        if s["role"] == "span":  # an interval along a reference level
            # Several bands on one level sit a few points apart, so none hides another.
            k = spans.index(label)
            shift = matplotlib.transforms.offset_copy(
                ax.transData, fig=ax.figure, y=6.0 * (k - (len(spans) - 1) / 2), units="points")
            ax.plot(xs, ys, linewidth=5, alpha=0.35, solid_capstyle="butt", zorder=2,
                    transform=shift, **({"color": "black"} | style))
            continue
        if s["points"]:
            if len(scatters) > 1:  # one legend entry stands for all of them (draw_series)
                style["label"] = "_" + label
            ax.scatter(xs, ys, s=14, marker="x", alpha=0.7, linewidths=0.8, zorder=4, **style)
            continue
        index = per_colour.setdefault(s["color"], 0)
        per_colour[s["color"]] = index + 1
        if at_x is not None and label in data:
            xs = [data.index(label)]
            del style["label"]  # named on the x axis
        elif spec.get("dodge") and spec["logx"] and len(data) > 1:
            k = data.index(label)
            factor = 10 ** (0.012 * (k - (len(data) - 1) / 2))
            xs = [x * factor for x in xs]
        bars = [(p[2], p[3]) for p in pts]
        has_bars = all(lo is not None and hi is not None for lo, hi in bars)
        # Markers on the measured points of a curve; on a training curve's every logged step
        # (mark_every_value), small and of one size however many there are, open on a dashed
        # curve so that two curves of one colour stay apart where their marks crowd.
        every = spec.get("mark_every_value", False)
        line_style = {"marker": MARKERS[index % len(MARKERS)] if every or len(xs) <= 40 else None,
                      "markersize": 2.5 if every else 3.5,
                      "linestyle": "--" if s["dashed"] else "-", "linewidth": 1.2}
        if every and s["dashed"]:
            line_style["markerfacecolor"] = "white"
        if len(xs) == 2 and at_x is None and not every:
            # Two points: a line between them would show where the curve runs between, which
            # nothing measured.
            line_style["linestyle"] = "none"
            notes.append("A curve of two points is drawn as its points, not joined: where it "
                         "runs between them is not measured.")
        if has_bars:
            err = [[max(0.0, y - lo) for y, (lo, _) in zip(ys, bars)],
                   [max(0.0, hi - y) for y, (_, hi) in zip(ys, bars)]]
            ax.errorbar(xs, ys, yerr=err, capsize=2, elinewidth=0.8, **line_style, **style)
        else:
            ax.plot(xs, ys, **line_style, **style)
    if spec["hline"] is not None:
        ax.axhline(spec["hline"], color=REFERENCE_GREY, linestyle=":", linewidth=1.2,
                   label=spec.get("hline_label") or None)
    for axis, (kind, threshold) in scales.items():
        setter = ax.set_xscale if axis == "x" else ax.set_yscale
        if kind == "symlog":
            setter("symlog", linthresh=threshold)
        else:
            setter("log")
    ax.relim()
    for collection in scaled:  # relim leaves collections out
        ax.update_datalim([p for seg in collection.get_segments() for p in seg])
    ax.autoscale_view()  # with the margins of the scales just set, so no point sits on the frame
    if at_x is not None:
        ax.set_xticks(range(len(data)), data, rotation=25, ha="right")
        ax.set_xlim(-0.6, len(data) - 0.4)
    ax.grid(True, which="major", alpha=0.3)
    return legend_extra, bar


def draw(spec, out_dir):
    """A figure of curves against x: one plot, or one panel per distinct `panel` of its series
    (a setting each, the panels sharing both axes), with one legend."""
    panels = read_panels(spec["csv"])
    shared = panels.pop("")
    panels = {name: shared | own for name, own in panels.items()} or {"": shared}
    notes = []
    # All rows at one x: an axis of x would show nothing but the dodge, and a reference line
    # through one x would be a point. The rows become categories, the references horizontal lines.
    at_x = single_x_value({f"{p}|{l}": s for p, ss in panels.items() for l, s in ss.items()})
    scales = plan_scales(spec, panels, at_x, notes)
    # One row up to three panels; four as a square; more in rows of three.
    columns = len(panels) if len(panels) <= 3 else 2 if len(panels) == 4 else 3
    rows = math.ceil(len(panels) / columns)
    single = len(panels) == 1
    fig, grid = plt.subplots(rows, columns, squeeze=False, sharex=not single, sharey=not single,
                             figsize=(6.0, 4.0) if single else (3.6 * columns, 2.9 * rows + 0.4))
    axes = [ax for row in grid for ax in row]
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    legend_extra, bar = [], None
    for ax, (name, series) in zip(axes, panels.items()):
        extra, own_bar = draw_series(ax, spec, series, scales, at_x, notes)
        legend_extra = legend_extra or extra
        bar = bar or own_bar
        if name:
            ax.set_title(name)
    for axis, (kind, _) in scales.items():
        for ax in axes[:len(panels)]:
            plain_log_ticks(ax, axis, kind)
            labelled_log_ends(ax, axis, kind)
    if "y" not in scales:
        cut_outlying_bars(axes[0], panels, notes)
    xlabel = (f'method row, every one at {spec["xlabel"]} = {at_x:g}' if at_x is not None
              else spec["xlabel"])
    for k, ax in enumerate(axes[:len(panels)]):
        if k + columns >= len(panels):  # the lowest panel of its column
            ax.set_xlabel(xlabel)
            ax.xaxis.set_tick_params(labelbottom=True)
        if k % columns == 0:
            ax.set_ylabel(spec["ylabel"])
    if single:
        axes[0].set_title(spec["title"])
    else:
        fig.suptitle(spec["title"])
        fig.tight_layout()
    order = [label for series in panels.values() for label in series]
    capped_legend([axes[columns - 1]] + axes, legend_extra, bar.ax if bar else None, order)
    footer(grid[-1][0], [spec.get("caption", "")] + list(dict.fromkeys(notes)))
    save(fig, out_dir, spec["name"])


def draw_images(spec, out_dir):
    """A grid of square images, one per series labelled "row|column" (Noisy-MNIST's Figure 3).

    A row whose name mentions a gradient or a filter is signed: drawn with a diverging map
    centred on 0.
    Every panel has its own scale (what matters is the picture's shape, not its level), so every
    panel has its own colour bar.
    """
    rows, cols, pixels = [], [], {}
    for label, s in read_series(spec["csv"]).items():
        row, col = label.split("|", 1)
        rows += [row] if row not in rows else []
        cols += [col] if col not in cols else []
        pixels[(row, col)] = s["y"]
    fig, axes = plt.subplots(len(rows), len(cols),
                             figsize=(1.6 * len(cols) + 1.2, 1.4 * len(rows) + 1.2), squeeze=False)
    for r, row in enumerate(rows):
        for c, col in enumerate(cols):
            ax = axes[r][c]
            ax.set_xticks([])
            ax.set_yticks([])
            values = pixels.get((row, col))
            if values:
                side = int(round(len(values) ** 0.5))
                image = [values[k * side:(k + 1) * side] for k in range(side)]
                if "gradient" in row or "filter" in row:
                    top = max(abs(v) for v in values) or 1.0
                    shown = ax.imshow(image, cmap="bwr", vmin=-top, vmax=top)
                else:
                    shown = ax.imshow(image, cmap="gray")
                bar = fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.03)
                bar.ax.tick_params(labelsize=5, length=2)
                bar.locator = ticker.MaxNLocator(3)
                bar.formatter = ticker.FormatStrFormatter("%.2g")
                bar.update_ticks()
            if r == 0:
                ax.set_title(col.replace(", ", "\n"), fontsize=7)
            if c == 0:
                ax.set_ylabel(row.replace(" ", "\n", 1), fontsize=7)
    fig.suptitle(spec["title"], fontsize=9)
    fig.tight_layout()
    caption = spec.get("caption", "")
    if caption:
        # About 15 characters of 7-point text per inch: the caption stays as wide as the grid.
        width = max(60, int(15 * fig.get_figwidth()))
        fig.text(0.01, 0.0, textwrap.fill(caption, width), ha="left", va="top", fontsize=7)
    save(fig, out_dir, spec["name"])


# Green and purple (ColorBrewer's PRGn) tell wins from losses in every common colour blindness.
VERDICTS = [("wins", "#1b7837"), ("ties", "#fee08b"), ("loses", "#762a83"),
            ("undetermined", "0.85"), ("running", "white")]


def draw_verdict_map(spec, out_dir):
    """A map of sequential verdicts: one panel per reference row, one cell per setting.

    Each series is one cell, labelled "panel|row value|column value|other row|number's name"; its
    x is the verdict's code (an index into VERDICTS), its y a number printed in the cell (NaN:
    none).
    """
    panels, rows, cols, cells = [], [], [], {}
    for label, s in read_series(spec["csv"]).items():
        panel, row, col, other, name = label.split("|", 4)
        for seen, value in ((panels, panel), (rows, row), (cols, col)):
            if value not in seen:
                seen.append(value)
        cells[(panel, row, col)] = (int(s["x"][0]), s["y"][0], other, name)
    # Panels of one row of cells stack, so the figure keeps a page's width.
    stacked = len(rows) == 1
    fig, axes = plt.subplots(len(panels) if stacked else 1, 1 if stacked else len(panels),
                             squeeze=False,
                             figsize=(1.4 * len(cols) + 1.5, 1.5 * len(panels) + 1.2) if stacked
                             else (1.4 * len(cols) * len(panels) + 1.5, 0.8 * len(rows) + 1.6))
    for ax, panel in zip(axes.flat, panels):
        for r, row in enumerate(rows):
            for c, col in enumerate(cols):
                if (panel, row, col) not in cells:
                    continue
                code, note, other, name = cells[(panel, row, col)]
                word, face = VERDICTS[code]
                ax.add_patch(plt.Rectangle((c, r), 1, 1, facecolor=face, edgecolor="0.75"))
                text = f"{word}\nvs {other}"
                if note is not None and not math.isnan(note):
                    text += f"\n{name} " + (f"{note:.0f}" if abs(note) >= 100 else f"{note:.3g}")
                ax.text(c + 0.5, r + 0.5, text, ha="center", va="center", fontsize=7.5,
                        color="white" if word in ("wins", "loses") else "black")
        ax.set_xlim(0, len(cols))
        ax.set_ylim(0, len(rows))
        ax.set_xticks([c + 0.5 for c in range(len(cols))], cols)
        ax.set_yticks([r + 0.5 for r in range(len(rows))], rows)
        ax.tick_params(length=0)
        ax.set_xlabel(spec["xlabel"])
        ax.set_ylabel(spec["ylabel"])
        ax.set_title(panel)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
    used = {code for code, _, _, _ in cells.values()}
    handles = [matplotlib.patches.Patch(facecolor=face, edgecolor="0.6", label=word)
               for code, (word, face) in enumerate(VERDICTS) if code in used]
    fig.legend(handles=handles, loc="upper center", ncol=len(handles), frameon=False,
               bbox_to_anchor=(0.5, 0.0))
    fig.suptitle(spec["title"], fontsize=9)
    fig.tight_layout()
    caption = spec.get("caption", "")
    if caption:
        width = max(60, int(15 * fig.get_figwidth()))
        fig.text(0.01, -0.09, textwrap.fill(caption, width), ha="left", va="top", fontsize=7)
    save(fig, out_dir, spec["name"])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    index = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "plot-data", "plots.json")
    data_dir = os.path.dirname(os.path.abspath(index))
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(data_dir)
    with open(index) as f:
        specs = json.load(f)
    plt.rcParams.update(STYLE)
    for spec in specs:
        spec["csv"] = os.path.join(data_dir, spec["csv"])  # written relative to plots.json
        drawers = {"images": draw_images, "verdict_map": draw_verdict_map}
        drawers.get(spec.get("kind"), draw)(spec, out_dir)


if __name__ == "__main__":
    main()
