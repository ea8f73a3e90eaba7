"""Pictures of a result table, drawn on the server as inline SVG (no script, no inline style).

Three pictures, chosen by the columns a result has, so any query with the same columns gets
them: a **timeline** of who said what (columns ``date``, ``speakerName``, ``text``; one
lane per speaker, one dot per statement, linked to the statement's page and its evidence),
a chart of **competing figures** (columns ``sourceName`` and ``value`` or
``low``/``high``; one panel per counted thing, one bar — or a range from low to high — per
source and article) and each article's **sourcing** (columns ``attributions`` and one count
per type of source, as the ``sourcing`` query gives them; one bar per article, stacked by
type). The geometry is computed here; ``templates/_charts.html`` writes the SVG, so every
text from an article is escaped by the template engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from newsgraph.server.tables import Table, format_date, format_number

WIDTH = 800
LABEL_WIDTH = 190
BAR_LABEL_WIDTH = 300
RIGHT_MARGIN = 30
AXIS_HEIGHT = 34
LANE_HEIGHT = 30
BAR_HEIGHT = 28
MAX_LANES = 30
MAX_PANELS = 12
MAX_BARS = 40
TICKS = 5
LEGEND_HEIGHT = 26
SWATCH = 12


@dataclass(frozen=True)
class SourceKind:
    column: str
    """The count's column in the ``sourcing`` query."""
    value: str
    """The ``ng:sourceType`` value ("named-person"), also the segment's class name."""
    label: str
    """What the legend and the titles call it."""
    colour: str
    """Its fill (Okabe and Ito's colour-blind-safe palette), written as an SVG attribute."""


SOURCE_KINDS = (
    SourceKind("namedPerson", "named-person", "named person", "#0072b2"),
    SourceKind("namedOrganization", "named-organization", "named organisation", "#56b4e9"),
    SourceKind("document", "document", "document", "#009e73"),
    SourceKind("unnamedGroup", "unnamed-group", "unnamed group", "#e69f00"),
    SourceKind("unnamedPerson", "unnamed-person", "unnamed person", "#d55e00"),
    SourceKind("anonymous", "anonymous", "anonymous source", "#cc79a7"),
)
"""The six types of source in the order the chart stacks them: named first."""
UNKNOWN_KIND = SourceKind("", "unknown", "type not known", "#8c959f")
"""Attributions whose source carries no type (a store read before types were recorded)."""
SOURCING_COLUMNS = frozenset({"attributions", *(k.column for k in SOURCE_KINDS)})


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    href: str | None
    title: str


@dataclass(frozen=True)
class Lane:
    y: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    lanes: list[Lane]
    dots: list[Dot]
    ticks: list[Tick]
    undated: int = 0
    """Rows left out because they carry no day."""
    label_width: int = LABEL_WIDTH


@dataclass(frozen=True)
class Bar:
    y: float
    label: str
    x0: float
    """Where the bar starts (0, or the low bound of a range)."""
    x1: float
    """Where it ends (the value, or the high bound)."""
    text: str
    """The number as written next to the bar ("2,000–4,000")."""
    href: str | None
    title: str
    is_range: bool = False


@dataclass(frozen=True)
class Panel:
    heading: str
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick] = field(default_factory=list)
    label_width: int = LABEL_WIDTH


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    kind: SourceKind
    count: int
    title: str


@dataclass(frozen=True)
class StackedBar:
    y: float
    label: str
    href: str | None
    segments: list[Segment]
    total: int
    end: float
    """Where the bar ends (its total is written after it)."""
    title: str


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    """The top of its swatch."""
    row: int
    kind: SourceKind
    count: int
    """Attributions of this type over the articles drawn."""

    @property
    def text(self) -> str:
        return f"{self.kind.label} ({self.count:,})"


@dataclass(frozen=True)
class SourcingChart:
    width: int
    height: int
    bars: list[StackedBar]
    legend: list[LegendItem]
    ticks: list[Tick]
    articles: int
    """Articles in the table (the chart draws the first :data:`MAX_BARS`)."""
    more: bool
    """The result has more articles than the table shows."""
    summary: str
    """The totals in words, for the picture's description."""
    top: float
    """Where the bars start (below the legend and the axis)."""
    label_width: int = BAR_LABEL_WIDTH


def charts_for(table: Table | None) -> dict[str, object]:
    """The pictures that suit ``table``: ``{"timeline": Timeline}``, ``{"figures": [...]}``,
    ``{"sourcing": SourcingChart}``."""
    if table is None or not table.rows:
        return {}
    found: dict[str, object] = {}
    names = set(table.names)
    if {"date", "speakerName", "text"} <= names:
        timeline = timeline_chart(table)
        if timeline is not None:
            found["timeline"] = timeline
    if "sourceName" in names and ("value" in names or "high" in names):
        panels = figure_panels(table)
        if panels:
            found["figures"] = panels
    if SOURCING_COLUMNS.issubset(names):
        found["sourcing"] = sourcing_chart(table)
    return found


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeline_chart(table: Table) -> Timeline | None:
    """One lane per speaker (in order of their first dated statement), one dot per row."""
    dated = []
    for record in table.records():
        day = _day(record["date"].value)
        if day is not None:
            dated.append((day, record))
    if not dated:
        return None
    dated.sort(key=lambda item: item[0])
    speakers = list(dict.fromkeys(r["speakerName"].text for _, r in dated))[:MAX_LANES]
    first, last = dated[0][0], dated[-1][0]
    if first == last:
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    span = (last - first).days
    plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN

    def x_of(day: dt.date) -> float:
        return round(LABEL_WIDTH + plot * (day - first).days / span, 1)

    lanes = [Lane(AXIS_HEIGHT + LANE_HEIGHT * (i + 0.5), name) for i, name in enumerate(speakers)]
    lane_y = {lane.label: lane.y for lane in lanes}
    seen: dict[tuple[str, dt.date], int] = {}
    dots = []
    for day, record in dated:
        speaker = record["speakerName"].text
        if speaker not in lane_y:
            continue
        nth = seen.get((speaker, day), 0)
        seen[(speaker, day)] = nth + 1
        link = record.get("statement")
        dots.append(
            Dot(
                x=x_of(day) + 9 * nth,
                y=lane_y[speaker],
                href=link.href if link else None,
                title=f"{format_date(day.isoformat())} — {speaker}: {record['text'].text}",
            )
        )
    ticks = [
        Tick(x_of(day), format_date(day.isoformat()))
        for day in dict.fromkeys(
            first + dt.timedelta(days=round(span * i / (TICKS - 1))) for i in range(TICKS)
        )
    ]
    height = int(AXIS_HEIGHT + LANE_HEIGHT * len(lanes) + 10)
    return Timeline(WIDTH, height, lanes, dots, ticks, undated=len(table.rows) - len(dated))


def _number(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def figure_panels(table: Table) -> list[Panel]:
    """One panel per counted thing, one bar per figure with a number."""
    groups: dict[str, list[dict]] = {}
    for record in table.records():
        thing = record.get("thing") or record.get("what")
        key = thing.text if thing and thing.text else ""
        value = _number(record["value"].value) if "value" in record else None
        low = _number(record["low"].value) if "low" in record else None
        high = _number(record["high"].value) if "high" in record else None
        if value is None and high is None:
            continue
        groups.setdefault(key, []).append({"r": record, "v": value, "lo": low, "hi": high})
    return [
        _panel(_heading(items), items[:MAX_BARS]) for items in list(groups.values())[:MAX_PANELS]
    ]


def _heading(items: list[dict]) -> str:
    """A panel's heading: what its first figure counts, as the article words it."""
    for item in items:
        what = item["r"].get("what")
        if what and what.text:
            return what.text
    return "(what is counted is not known)"


def _panel(heading: str, items: list[dict]) -> Panel:
    top = max((i["hi"] if i["v"] is None else max(i["v"], i["hi"] or 0)) for i in items)
    top = top if top > 0 else Decimal(1)
    plot = WIDTH - BAR_LABEL_WIDTH - RIGHT_MARGIN - 90

    def x_of(number: Decimal) -> float:
        return round(BAR_LABEL_WIDTH + plot * float(max(number, Decimal(0)) / top), 1)

    bars = []
    for n, item in enumerate(items):
        record = item["r"]
        source = record["sourceName"].text or "the article itself"
        where = record.get("articleId")
        label = f"{source} · {where.text}" if where and where.text else source
        is_range = item["v"] is None and item["lo"] is not None
        if is_range:
            text = f"{format_number(str(item['lo']))}–{format_number(str(item['hi']))}"
            x0, x1 = x_of(item["lo"]), x_of(item["hi"])
        else:
            number = item["v"] if item["v"] is not None else item["hi"]
            prefix = "" if item["v"] is not None else "up to "
            text = prefix + format_number(str(number))
            x0, x1 = float(BAR_LABEL_WIDTH), x_of(number)
        figure = record.get("figure")
        quote = record["text"].text if "text" in record else ""
        bars.append(
            Bar(
                y=AXIS_HEIGHT + BAR_HEIGHT * n,
                label=label,
                x0=x0,
                x1=max(x1, x0 + 2),
                text=text,
                href=figure.href if figure else None,
                title=f"{label}: {text}" + (f" — “{quote}”" if quote else ""),
                is_range=is_range,
            )
        )
    steps = [top * i / (TICKS - 1) for i in range(TICKS)]
    steps = [Decimal(round(s)) if top >= 10 else s.quantize(Decimal("0.01")) for s in steps]
    ticks = [Tick(x_of(step), format_number(str(step))) for step in steps]
    height = AXIS_HEIGHT + BAR_HEIGHT * len(bars) + 6
    return Panel(heading, WIDTH, height, bars, ticks, label_width=BAR_LABEL_WIDTH)


def _count(record: dict, column: str) -> int:
    cell = record.get(column)
    number = _number(cell.value) if cell is not None else None
    return max(int(number), 0) if number is not None else 0


def _count_step(largest: int) -> int:
    """A round number of attributions between ticks (1, 2 or 5 times a power of ten), so
    that about :data:`TICKS` ticks cover ``largest``.

    >>> [_count_step(n) for n in (0, 3, 5, 37, 147, 2300)]
    [1, 1, 2, 10, 50, 1000]
    """
    wanted = max(largest / (TICKS - 1), 1)
    power = 1
    while power * 10 <= wanted:
        power *= 10
    return next(power * f for f in (1, 2, 5, 10) if power * f >= wanted)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def sourcing_chart(table: Table) -> SourcingChart:
    """One bar per article (the first :data:`MAX_BARS`), as long as its attributions, in
    one segment per type of source; attributions of no known type make a grey segment."""
    records = table.records()
    rows = []
    for record in records[:MAX_BARS]:
        counts = {kind: _count(record, kind.column) for kind in SOURCE_KINDS}
        total = max(_count(record, "attributions"), sum(counts.values()))
        counts[UNKNOWN_KIND] = total - sum(counts.values())
        rows.append((record, counts, total))
    kinds = [*SOURCE_KINDS, UNKNOWN_KIND]
    drawn = {kind: sum(counts[kind] for _, counts, _ in rows) for kind in kinds}
    shown = [kind for kind in kinds if kind is not UNKNOWN_KIND or drawn[kind]]

    largest = max((total for _, _, total in rows), default=0)
    step = _count_step(largest)
    scale_end = step * max(1, -(-largest // step))
    plot = WIDTH - BAR_LABEL_WIDTH - RIGHT_MARGIN - 40
    legend = _legend(shown, drawn)
    top = LEGEND_HEIGHT * (1 + max(item.row for item in legend)) + AXIS_HEIGHT

    def x_of(count: float) -> float:
        return round(BAR_LABEL_WIDTH + plot * count / scale_end, 1)

    bars = []
    for n, (record, counts, total) in enumerate(rows):
        title_cell = record.get("title")
        where = record.get("articleId")
        name = title_cell.text if title_cell and title_cell.text else ""
        article_id = where.text if where and where.text else ""
        label = name or article_id or "(an article)"
        described = f"{name} ({article_id})" if name and article_id else label
        segments, done = [], 0
        for kind in shown:
            count = counts[kind]
            if not count:
                continue
            share = round(100 * count / total)
            segments.append(
                Segment(
                    x=x_of(done),
                    width=round(x_of(done + count) - x_of(done), 1),
                    kind=kind,
                    count=count,
                    title=f"{described}: {kind.label}, {count:,} of "
                    f"{_plural(total, 'attribution')} ({share}%)",
                )
            )
            done += count
        parts = ", ".join(f"{counts[k]} {k.label}" for k in shown if counts[k])
        link = record.get("article")
        bars.append(
            StackedBar(
                y=top + BAR_HEIGHT * n,
                label=label,
                href=link.href if link else None,
                segments=segments,
                total=total,
                end=x_of(total),
                title=f"{described}: {_plural(total, 'attribution')}"
                + (f" ({parts})" if parts else ""),
            )
        )
    ticks = [Tick(x_of(count), f"{count:,}") for count in range(0, scale_end + 1, step)]
    everything = sum(total for _, _, total in rows)
    summary = f"{_plural(everything, 'attribution')} in {_plural(len(rows), 'article')}: " + (
        ", ".join(f"{drawn[k]:,} {k.label}" for k in shown if drawn[k]) or "none"
    )
    height = top + BAR_HEIGHT * len(bars) + 6
    return SourcingChart(
        WIDTH, height, bars, legend, ticks, len(records), table.truncated, summary, top
    )


def _legend(kinds: list[SourceKind], counts: dict[SourceKind, int]) -> list[LegendItem]:
    """One swatch and label per type, in rows across the picture's width."""
    items: list[LegendItem] = []
    x, row = 0.0, 0
    for kind in kinds:
        text = f"{kind.label} ({counts[kind]:,})"
        width = SWATCH + 6 + 7 * len(text) + 16  # about 7 px a character at 12 px
        if x and x + width > WIDTH - RIGHT_MARGIN:
            x, row = 0.0, row + 1
        items.append(LegendItem(x, 4 + LEGEND_HEIGHT * row, row, kind, counts[kind]))
        x += width
    return items
