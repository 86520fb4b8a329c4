#!/usr/bin/python3
"""Draws the figures of a diffsweep-analyze report: one PNG per entry of plots.json.

The numbers are computed by diffsweep-analyze (C++); this script only draws them. Usage:
plot.py PLOT-DATA/plots.json OUTPUT_DIR. Exit 3 when matplotlib is missing, so the caller can say so.
"""
import csv
import json
import os
import sys

try:
    import matplotlib

    matplotlib.use("Agg")  # no display on a cluster node
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed", file=sys.stderr)
    sys.exit(3)


def number(text):
    return float(text) if text != "" else None


def read_series(path):
    series = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            s = series.setdefault(
                row["series"],
                {"x": [], "y": [], "lo": [], "hi": [], "points": row["points_only"] == "1",
                 "dashed": row["dashed"] == "1", "color": int(row["color"])},
            )
            for key in ("x", "y", "lo", "hi"):
                s[key].append(number(row[key]))
    return series


def draw(spec, out_dir):
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    for label, s in read_series(spec["csv"]).items():
        pts = [(x, y, lo, hi) for x, y, lo, hi in zip(s["x"], s["y"], s["lo"], s["hi"]) if x is not None and y is not None]
        if spec["logx"]:
            pts = [p for p in pts if p[0] > 0]
        if spec["logy"]:
            pts = [p for p in pts if p[1] > 0]
        if not pts:
            continue
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        style = {"label": label}
        if s["color"] >= 0:
            style["color"] = f"C{s['color'] % 10}"
        if s["points"]:
            ax.scatter(xs, ys, s=12, alpha=0.6, **style)
            continue
        (line,) = ax.plot(xs, ys, marker="o", markersize=4, linestyle="--" if s["dashed"] else "-", **style)
        band = [p for p in pts if p[2] is not None and p[3] is not None and (not spec["logy"] or p[2] > 0)]
        if band:
            ax.fill_between([p[0] for p in band], [p[2] for p in band], [p[3] for p in band], color=line.get_color(), alpha=0.2)
    if spec["hline"] is not None:
        ax.axhline(spec["hline"], color="gray", linestyle="--", linewidth=1)
    if spec["logx"]:
        ax.set_xscale("log")
    if spec["logy"]:
        ax.set_yscale("log")
    ax.set_xlabel(spec["xlabel"])
    ax.set_ylabel(spec["ylabel"])
    ax.set_title(spec["title"])
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    fig.savefig(f"{out_dir}/{spec['name']}.png", dpi=110)
    plt.close(fig)


def draw_images(spec, out_dir):
    """A grid of square images, one per series labelled "row|column" (Noisy-MNIST's Figure 3).

    A row whose name mentions a gradient is signed: drawn with a diverging map centred on 0.
    Every panel has its own scale: what matters is the picture's shape, not its level.
    """
    rows, cols, pixels = [], [], {}
    for label, s in read_series(spec["csv"]).items():
        row, col = label.split("|", 1)
        rows += [row] if row not in rows else []
        cols += [col] if col not in cols else []
        pixels[(row, col)] = s["y"]
    fig, axes = plt.subplots(len(rows), len(cols), figsize=(1.3 * len(cols) + 1.2, 1.4 * len(rows) + 0.6),
                             squeeze=False)
    for r, row in enumerate(rows):
        for c, col in enumerate(cols):
            ax = axes[r][c]
            ax.set_xticks([])
            ax.set_yticks([])
            values = pixels.get((row, col))
            if values:
                side = int(round(len(values) ** 0.5))
                image = [values[k * side:(k + 1) * side] for k in range(side)]
                if "gradient" in row:
                    top = max(abs(v) for v in values) or 1.0
                    ax.imshow(image, cmap="bwr", vmin=-top, vmax=top)
                else:
                    ax.imshow(image, cmap="gray")
            if r == 0:
                ax.set_title(col.replace(", ", "\n"), fontsize=7)
            if c == 0:
                ax.set_ylabel(row.replace(" ", "\n", 1), fontsize=7)
    fig.suptitle(spec["title"], fontsize=9)
    fig.tight_layout()
    fig.savefig(f"{out_dir}/{spec['name']}.png", dpi=110)
    plt.close(fig)


def main():
    with open(sys.argv[1]) as f:
        specs = json.load(f)
    data_dir = os.path.dirname(os.path.abspath(sys.argv[1]))
    for spec in specs:
        spec["csv"] = os.path.join(data_dir, spec["csv"])  # written relative to plots.json
        (draw_images if spec.get("kind") == "images" else draw)(spec, sys.argv[2])


if __name__ == "__main__":
    main()
