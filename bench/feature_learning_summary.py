#!/usr/bin/env python3
"""Summarises feature_learning_sweep output (stdin or a file): the numbers the paper's outcomes
are judged by. Diffusion: log-log fit of the stationary R against n snr^2 on converged points,
per n and pooled, and how far the per-n curves lie apart. Classifier: where R crosses 1, how
sharply, and test accuracy either side. With series rows (print_series=1): R over training.
Standard library only, so it runs wherever the driver does."""
import math
import sys
from collections import defaultdict


def parse(lines):
    rows = []
    for line in lines:
        f = line.split()
        if f and f[0] in ("diffusion", "classification"):
            rows.append(dict(model=f[0], n=int(f[1]), x=float(f[2]), S=float(f[3]), N=float(f[4]),
                             R=float(f[5]), conv=float(f[6]), steps=float(f[7]), acc=float(f[9]),
                             sec=float(f[10]), series=[]))
        elif f and f[0] == "step" and rows:
            rows[-1]["series"].append((float(f[1]), float(f[7])))
    return rows


def gmean(v):
    return math.exp(sum(math.log(x) for x in v) / len(v))


def fit(points):
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    k = len(xs)
    mx, my = sum(xs) / k, sum(ys) / k
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    syy = sum((y - my) ** 2 for y in ys)
    slope = sxy / sxx
    return slope, math.exp(my - slope * mx), sxy * sxy / (sxx * syy)


def main():
    rows = parse(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    print("points: %d, total %.1f s of computing on one core" % (len(rows), sum(r["sec"] for r in rows)))
    for model in ("diffusion", "classification"):
        mine = [r for r in rows if r["model"] == model]
        if not mine:
            continue
        bad = [r for r in mine if not math.isfinite(r["R"])]
        conv = [r for r in mine if r["conv"] == 1 and math.isfinite(r["R"])]
        print("\n%s: %d points, %d converged, %d diverged, steps max %d" %
              (model, len(mine), len(conv), len(bad), max(r["steps"] for r in mine)))
        cells = defaultdict(list)
        for r in mine:
            if math.isfinite(r["R"]):
                cells[(r["n"], r["x"])].append(r)
        ns = sorted({n for n, _ in cells})
        xs = sorted({x for _, x in cells})
        print("  geometric-mean R over replicates (rows n snr^2, columns n):")
        print("  %9s " % "nsnr2" + " ".join("%10s" % ("n=%d" % n) for n in ns) +
              ("   test acc (mean over n)" if model == "classification" else ""))
        for x in xs:
            line = "  %9.4g " % x + " ".join(
                "%10.4g" % gmean([r["R"] for r in cells[(n, x)]]) if cells[(n, x)] else "%10s" % "-"
                for n in ns)
            if model == "classification":
                accs = [r["acc"] for n in ns for r in cells[(n, x)]]
                line += "   %.3f" % (sum(accs) / len(accs))
            print(line)
        if len(xs) == 2:
            lo, hi = xs
            for n in ns:
                a = sorted(cells[(n, lo)], key=lambda r: id(r))
                b = cells[(n, hi)]
                ratios = [y["R"] / x["R"] for x, y in zip(a, b)]
                print("  n=%d: R(%g)/R(%g) per replicate: %s; geometric mean %.3g" %
                      (n, hi, lo, ", ".join("%.3g" % q for q in ratios), gmean(ratios)))
            for x in xs:
                with_series = [r for r in mine if r["x"] == x and len(r["series"]) > 2]
                if with_series:
                    first = gmean([r["series"][0][1] for r in with_series])
                    tenth = gmean([r["series"][max(1, len(r["series"]) // 10)][1] for r in with_series])
                    last = gmean([r["series"][-1][1] for r in with_series])
                    print("  R over training at n snr^2 = %g: start %.3g, 10%% of the log %.3g, end %.3g"
                          % (x, first, tenth, last))
        if model == "diffusion" and len(xs) > 2:
            pts = [(r["x"], r["R"]) for r in conv]
            s, c, r2 = fit(pts)
            print("  pooled fit on converged points: R = %.3g (n snr^2)^%.3f, R^2 = %.3f" % (c, s, r2))
            for n in ns:
                s, c, r2 = fit([(r["x"], r["R"]) for r in conv if r["n"] == n])
                print("  n=%d: R = %.3g (n snr^2)^%.3f, R^2 = %.3f" % (n, c, s, r2))
            spread = [max(gmean([r["R"] for r in cells[(n, x)]]) for n in ns) /
                      min(gmean([r["R"] for r in cells[(n, x)]]) for n in ns) for x in xs]
            print("  collapse: max/min over n of R at fixed n snr^2: median %.2f, max %.2f" %
                  (sorted(spread)[len(spread) // 2], max(spread)))
        if len(xs) > 2:
            slopes = []
            for n in ns:
                g = [gmean([r["R"] for r in cells[(n, x)]]) for x in xs]
                slopes += [math.log(g[i + 1] / g[i]) / math.log(xs[i + 1] / xs[i]) for i in range(len(xs) - 1)]
                if model == "classification":
                    cross = None
                    for i in range(len(xs) - 1):
                        if g[i] < 1 <= g[i + 1]:
                            f = math.log(1 / g[i]) / math.log(g[i + 1] / g[i])
                            cross = xs[i] * (xs[i + 1] / xs[i]) ** f
                    print("  n=%d: R crosses 1 at n snr^2 = %s" % (n, "%.3g" % cross if cross else "none"))
            print("  largest local slope d log R / d log(n snr^2): %.2f" % max(slopes))
            if model == "classification":
                low = [r["acc"] for r in mine if r["x"] <= 0.6]
                high = [r["acc"] for r in mine if r["x"] >= 5]
                print("  test accuracy: n snr^2 <= 0.6: mean %.3f, max %.3f; n snr^2 >= 5: mean %.3f, min %.3f"
                      % (sum(low) / len(low), max(low), sum(high) / len(high), min(high)))


main()
