#!/usr/bin/env python3
"""The table and plot of benches/scale.sh (stdlib only).

usage: scale_plot.py SCALE.csv OUT.svg
Prints a Markdown table and writes four panels (ingest seconds, index MB,
peak memory MB, query p95 ms, each against corpus MB) as an SVG. Axes are
logarithmic on both sides, so a straight line of slope 1 is linear growth
and a flat line is a cost independent of corpus size.
"""
import csv
import math
import sys


def table(rows):
    print("| corpus | records | corpus MB | ingest s | MB/s | index MB | index / corpus | peak private MB | peak RSS MB | query p50 ms | query p95 ms | ranking p95 ms | hits p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        mb = int(r["corpus_bytes"]) / 1e6
        s = float(r["ingest_s"])
        ix = int(r["index_bytes"]) / 1e6
        print(
            f"| x{r['factor']} | {int(r['records']):,} | {mb:.1f} | {s:.2f} | {mb / s:.1f} | {ix:.1f} | "
            f"{ix / mb:.2f} | {int(r['peak_anon_kb']) * 1024 / 1e6:.0f} | {int(r['peak_rss_kb']) * 1024 / 1e6:.0f} | "
            f"{float(r['query_p50_ms']):.2f} | "
            f"{float(r['query_p95_ms']):.2f} | "
            f"{float(r['ranking_p95_ms']):.2f} | {float(r['hits_p95_ms']):.2f} |"
        )


def panel(x0, y0, w, h, xs, ys, title):
    lx = [math.log10(x) for x in xs]
    ly = [math.log10(max(y, 1e-3)) for y in ys]
    xmin, xmax = min(lx), max(lx)
    ymin, ymax = min(ly), max(ly)
    if ymax - ymin < 1:
        mid = (ymax + ymin) / 2
        ymin, ymax = mid - 0.5, mid + 0.5
    xmin, xmax = xmin - 0.1, xmax + 0.1
    ymin, ymax = ymin - 0.1, ymax + 0.1

    def px(v):
        return x0 + 50 + (v - xmin) / (xmax - xmin) * (w - 70)

    def py(v):
        return y0 + h - 30 - (v - ymin) / (ymax - ymin) * (h - 60)

    out = [f'<text x="{x0 + w / 2}" y="{y0 + 16}" text-anchor="middle" font-weight="bold">{title}</text>',
           f'<rect x="{x0 + 50}" y="{y0 + 30}" width="{w - 70}" height="{h - 60}" fill="none" stroke="#999"/>']
    for e in range(math.floor(ymin), math.ceil(ymax) + 1):
        for m in (1, 2, 5):
            v = math.log10(m) + e
            if ymin <= v <= ymax:
                out.append(f'<line x1="{x0 + 50}" x2="{x0 + w - 20}" y1="{py(v):.1f}" y2="{py(v):.1f}" stroke="#eee"/>')
                out.append(f'<text x="{x0 + 46}" y="{py(v) + 4:.1f}" text-anchor="end" font-size="10">{m * 10 ** e:g}</text>')
    for x, v in zip(xs, lx):
        out.append(f'<text x="{px(v):.1f}" y="{y0 + h - 14}" text-anchor="middle" font-size="10">{x:.0f}</text>')
    pts = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(lx, ly))
    out.append(f'<polyline points="{pts}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    for a, b, y in zip(lx, ly, ys):
        out.append(f'<circle cx="{px(a):.1f}" cy="{py(b):.1f}" r="3" fill="#1f77b4"/>')
        out.append(f'<text x="{px(a) + 5:.1f}" y="{py(b) - 5:.1f}" font-size="9">{y:.3g}</text>')
    out.append(f'<text x="{x0 + w / 2}" y="{y0 + h}" text-anchor="middle" font-size="10">corpus MB</text>')
    return out


def main(argv):
    rows = list(csv.DictReader(open(argv[1])))
    table(rows)
    xs = [int(r["corpus_bytes"]) / 1e6 for r in rows]
    series = [
        ("ingest seconds", [float(r["ingest_s"]) for r in rows]),
        ("index MB", [int(r["index_bytes"]) / 1e6 for r in rows]),
        ("peak private memory MB (ingest)", [int(r["peak_anon_kb"]) * 1024 / 1e6 for r in rows]),
        ("query p95 ms", [float(r["query_p95_ms"]) for r in rows]),
    ]
    w, h = 380, 260
    body = []
    for i, (title, ys) in enumerate(series):
        body += panel((i % 2) * w, (i // 2) * h, w, h, xs, ys, title)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * w}" height="{2 * h}" '
           f'font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="white"/>'
           + "".join(body) + "</svg>\n")
    open(argv[2], "w").write(svg)


if __name__ == "__main__":
    main(sys.argv)
