"""Pictures of a result table, drawn on the server as inline SVG (no script, no inline style).

Two pictures, chosen by the columns a result has, so any query with the same columns gets
them: a **timeline** of who said what (columns ``date``, ``speakerName``, ``text``; one
lane per speaker, one dot per statement, linked to the statement's page and its evidence)
and a chart of **competing figures** (columns ``sourceName`` and ``value`` or
``low``/``high``; one panel per counted thing, one bar — or a range from low to high — per
source and article). The geometry is computed here; ``templates/_charts.html`` writes the
SVG, so every text from an article is escaped by the template engine.
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


def charts_for(table: Table | None) -> dict[str, object]:
    """The pictures that suit ``table``: ``{"timeline": Timeline}``, ``{"figures": [...]}``."""
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
