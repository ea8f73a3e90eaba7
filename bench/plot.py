"""The scale curve as a small SVG (no plotting library): three panels against the number
of articles on a log axis — cumulative ingest time, store size, and query latency (the
median over the canned and analyst queries, and the slowest)."""

from __future__ import annotations

import math
import statistics
from html import escape
from typing import Any

WIDTH, HEIGHT, PAD = 300, 220, 48


def _panel(x0: int, title: str, unit: str, series: dict[str, list[tuple[float, float]]]) -> str:
    points = [p for line in series.values() for p in line]
    xs = [math.log10(x) for x, _ in points]
    top = max(y for _, y in points) * 1.1 or 1.0
    low, high = min(xs), max(xs)
    span = (high - low) or 1.0

    def at(x: float, y: float) -> tuple[float, float]:
        px = x0 + PAD + (math.log10(x) - low) / span * (WIDTH - PAD - 16)
        py = HEIGHT - PAD + 8 - y / top * (HEIGHT - PAD - 24)
        return px, py

    parts = [
        f'<text x="{x0 + WIDTH / 2}" y="16" text-anchor="middle" font-weight="bold">'
        f"{escape(title)}</text>",
        f'<line x1="{x0 + PAD}" y1="{HEIGHT - PAD + 8}" x2="{x0 + WIDTH - 8}" '
        f'y2="{HEIGHT - PAD + 8}" stroke="#444"/>',
        f'<line x1="{x0 + PAD}" y1="24" x2="{x0 + PAD}" y2="{HEIGHT - PAD + 8}" stroke="#444"/>',
        f'<text x="{x0 + 6}" y="30" font-size="10">{escape(unit)}</text>',
        f'<text x="{x0 + PAD - 4}" y="32" font-size="10" text-anchor="end">{top / 1.1:.3g}</text>',
    ]
    for x, _ in series[next(iter(series))]:
        px, _ = at(x, 0)
        parts.append(
            f'<text x="{px}" y="{HEIGHT - PAD + 22}" font-size="10" text-anchor="middle">'
            f"{int(x):,}</text>"
        )
    colours = ["#1f5f99", "#c0392b", "#27ae60"]
    for (name, line), colour in zip(series.items(), colours, strict=False):
        coords = [at(x, y) for x, y in line]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (px, py), (_, y) in zip(coords, line, strict=True):
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
            parts.append(f'<text x="{px + 4:.1f}" y="{py - 5:.1f}" font-size="9">{y:.3g}</text>')
        if len(series) > 1:
            index = list(series).index(name)
            parts.append(
                f'<text x="{x0 + PAD + 6}" y="{44 + 12 * index}" font-size="10" '
                f'fill="{colour}">{escape(name)}</text>'
            )
    parts.append(
        f'<text x="{x0 + WIDTH / 2}" y="{HEIGHT - 6}" font-size="10" text-anchor="middle">'
        "articles (log scale)</text>"
    )
    return "\n".join(parts)


def scale_svg(records: list[dict[str, Any]]) -> str:
    """Three panels from bench/scale.py's records."""

    def line(key: str, scale: float = 1.0) -> list[tuple[float, float]]:
        return [(r["articles"], r[key] * scale) for r in records]

    def timed(record: dict[str, Any]) -> list[float]:  # a query stopped at the limit is None
        return [v for v in record["query_ms"].values() if v is not None]

    median = [(r["articles"], statistics.median(timed(r))) for r in records]
    slowest = [(r["articles"], max(timed(r))) for r in records]
    panels = [
        _panel(0, "ingest time", "minutes", {"cumulative": line("ingest_seconds_total", 1 / 60)}),
        _panel(WIDTH, "store size", "MB on disk", {"store": line("store_mb")}),
        _panel(2 * WIDTH, "query latency", "ms", {"median query": median, "slowest": slowest}),
    ]
    body = "\n".join(panels)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{3 * WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" '
        f'fill="white"/>\n{body}\n</svg>\n'
    )


def serving_svg(records: list[dict[str, Any]]) -> str:
    """Two panels from bench/scale_serve.py's records, against the number of articles: the
    median and the slowest of newsgraph's pages and saved queries, and of Oxigraph's
    server running the old queries (those that answered in time)."""

    def size(record: dict[str, Any]) -> float:
        label = record["label"].lower().replace(",", "")
        return float(label[:-1]) * 1000 if label.endswith("k") else float(label)

    def times(record: dict[str, Any], key: str) -> list[float]:
        return [r[key] for r in record["rows"] if r.get(key) is not None]

    ordered = sorted(records, key=size)
    panels = []
    for index, (title, key) in enumerate(
        (
            ("newsgraph: pages and saved queries", "ms"),
            ("Oxigraph: the old queries", "oxigraph_old_ms"),
        )
    ):
        found = [(size(r), times(r, key)) for r in ordered if times(r, key)]
        if not found:
            continue
        series = {
            "median": [(x, statistics.median(t)) for x, t in found],
            "slowest": [(x, max(t)) for x, t in found],
        }
        panels.append(_panel(index * WIDTH, title, "ms", series))
    body = "\n".join(panels)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" '
        f'fill="white"/>\n{body}\n</svg>\n'
    )
