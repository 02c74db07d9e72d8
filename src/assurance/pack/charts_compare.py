"""Vega-Lite specs that compare groups: breakdown bars (satisfaction by stage, a measure by
area or offence group), response by hour of the day with the shift-changeover windows shaded,
and monthly compliance (funnel plots are in :mod:`assurance.pack.charts_funnel`). Results in,
a dict out; each builder has an ``*_alt`` text alternative made from the same data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assurance.measures.catalogue import Measure
from assurance.pack.charts import INK, TARGET, WIDTH, base, y_axis
from assurance.pack.formats import (
    axis_format,
    interval_text,
    month_long,
    target_text,
    value_text,
)
from assurance.pack.icons import GREY, ORANGE


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    lower: float | None = None
    upper: float | None = None
    highlight: bool = False
    """Drawn darker: the force's own value among its areas, say."""


def bars_spec(
    bars: Sequence[Bar],
    m: Measure,
    title: str,
    *,
    subtitle: str = "",
    target: float | None = None,
    axis_title: str = "",
) -> dict[str, Any]:
    """Horizontal bars with 95% intervals (black whiskers), value labels and the target."""
    rows = [
        {
            "label": b.label,
            "value": b.value,
            "lower": b.lower,
            "upper": b.upper,
            "shade": "Force" if b.highlight else "Group",
            "text": value_text(b.value, m, short=True),
        }
        for b in bars
    ]
    y = {
        "field": "label",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"labelLimit": 240},
    }
    x_field = {"field": "value", "type": "quantitative"}
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {
                "y": y,
                "x": x_field,
                "color": {
                    "field": "shade",
                    "type": "nominal",
                    "scale": {"domain": ["Force", "Group"], "range": ["#1d4f7a", "#8fb3d4"]},
                    "legend": None,
                },
            },
        },
        {
            "transform": [{"filter": "datum.lower != null"}],
            "mark": {"type": "rule", "color": INK, "strokeWidth": 1.4},
            "encoding": {
                "y": y,
                "x": {"field": "lower", "type": "quantitative"},
                "x2": {"field": "upper"},
            },
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 4, "dy": -8, "fontSize": 10.5},
            "encoding": {
                "y": y,
                "x": {
                    "field": "upper" if any(b.upper for b in bars) else "value",
                    "type": "quantitative",
                },
                "text": {"field": "text"},
                "color": {"value": INK},
            },
        },
    ]
    if target is not None:
        layers.append(
            {
                "data": {"values": [{"t": target, "label": f"Target {target_text(target, m)}"}]},
                "layer": [
                    {
                        "mark": {
                            "type": "rule",
                            "color": TARGET,
                            "strokeDash": [6, 3],
                            "strokeWidth": 2,
                        },
                        "encoding": {"x": {"field": "t", "type": "quantitative"}},
                    },
                    {
                        "mark": {
                            "type": "text",
                            "color": TARGET,
                            "y": -6,
                            "fontWeight": "bold",
                            "fontSize": 11,
                            "align": "center",
                        },
                        "encoding": {
                            "x": {"field": "t", "type": "quantitative"},
                            "text": {"field": "label"},
                        },
                    },
                ],
            }
        )
    spec = base(title, subtitle, height=max(60, 26 * len(rows)))
    spec["data"] = {"values": rows}
    highs = [b.upper or b.value for b in bars] + ([target] if target is not None else [])
    top = max(highs) * 1.08
    if m.unit == "share":
        top = min(1.0, top) if max(highs) < 0.93 else 1.0
    spec["encoding"] = {
        "x": {
            "title": axis_title or y_axis(m)["title"],
            "axis": {"format": axis_format(m)},
            "scale": {"domain": [0, top]},
        }
    }
    spec["layer"] = layers
    spec["width"] = WIDTH - 140
    return spec


def bars_alt(bars: Sequence[Bar], m: Measure, what: str, target: float | None = None) -> str:
    items = []
    for b in bars:
        ci = (
            interval_text((b.lower, b.upper), m)
            if b.lower is not None and b.upper is not None
            else ""
        )
        items.append(f"{b.label} {value_text(b.value, m)}" + (f" (95% CI {ci})" if ci else ""))
    text = f"Bar chart of {what}: " + "; ".join(items) + "."
    if target is not None:
        text += f" Target {target_text(target, m)}."
    return text


def hours_spec(
    hours: Sequence[tuple[int, float]],
    windows: Sequence[tuple[int, int]],
    m: Measure,
    title: str,
    *,
    overall: float | None = None,
    subtitle: str = "",
) -> dict[str, Any]:
    """Bars by local hour the incident was opened; shift-changeover windows shaded (and
    named in the legend), the overall mean as a line."""
    inside, other = "Opened in a shift-changeover window", "Opened at other times"
    rows = [
        {
            "hour": h + 0.08,
            "end": h + 0.92,
            "value": v,
            "when": inside if any(_in(h, w) for w in windows) else other,
        }
        for h, v in hours
    ]
    shades = [{"start": s / 60, "end": e / 60 if e > s else 24} for s, e in windows]
    x = {
        "field": "hour",
        "type": "quantitative",
        "title": "Hour the incident was opened (local time)",
        "scale": {"domain": [0, 24]},
        "axis": {"values": list(range(0, 25, 2)), "labelExpr": "datum.value + ':00'"},
    }
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": shades},
            "mark": {"type": "rect", "color": "#f8e6d6"},
            "encoding": {
                "x": {"field": "start", "type": "quantitative", "scale": {"domain": [0, 24]}},
                "x2": {"field": "end"},
            },
        },
        {
            "data": {"values": rows},
            "mark": {"type": "bar"},
            "encoding": {
                "x": x,
                "x2": {"field": "end"},
                "y": {"field": "value", "type": "quantitative"},
                "y2": {"datum": 0},
                "color": {
                    "field": "when",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": [inside, other], "range": [ORANGE, "#1d4f7a"]},
                },
            },
        },
    ]
    if overall is not None:
        layers.append(
            {
                "data": {"values": [{"v": overall}]},
                "mark": {"type": "rule", "color": INK, "strokeDash": [4, 3], "strokeWidth": 1.5},
                "encoding": {"y": {"field": "v", "type": "quantitative"}},
            }
        )
    spec = base(title, subtitle)
    spec["encoding"] = {"y": {**y_axis(m), "scale": {"zero": True}}}
    spec["layer"] = layers
    return spec


def hours_alt(
    hours: Sequence[tuple[int, float]], windows: Sequence[tuple[int, int]], m: Measure, what: str
) -> str:
    inside = [v for h, v in hours if any(_in(h, w) for w in windows)]
    outside = [v for h, v in hours if not any(_in(h, w) for w in windows)]
    worst = (
        max(hours, key=lambda hv: hv[1])
        if m.direction != "increase"
        else min(hours, key=lambda hv: hv[1])
    )
    names = ", ".join(f"{s // 60:02d}:{s % 60:02d}–{e // 60:02d}:{e % 60:02d}" for s, e in windows)
    text = f"Bar chart of {what} by hour of the day the incident was opened. "
    if inside and outside:
        text += (
            f"Hours starting in the shift-changeover windows ({names}) average "
            f"{value_text(sum(inside) / len(inside), m)}; other hours "
            f"{value_text(sum(outside) / len(outside), m)}. "
        )
    text += f"The least favourable hour is {worst[0]:02d}:00 at {value_text(worst[1], m)}."
    return text


def _in(hour: int, window: tuple[int, int]) -> bool:
    start, end = window
    minute = hour * 60
    if start <= end:
        return start <= minute < end
    return minute >= start or minute < end


def compliance_spec(
    months: Sequence[str],
    kept: Sequence[int],
    breaches: Sequence[int],
    title: str,
    *,
    cases: str,
    subtitle: str = "",
) -> dict[str, Any]:
    """Breaches of a rule every case must keep, month by month: orange bars with their number
    above, and each month's number of cases under its name on the axis (a breach among a few
    cases and among hundreds both stay visible)."""
    rows = [
        {
            "key": mo,
            "breaches": b,
            "text": str(b),
        }
        for mo, k, b in zip(months, kept, breaches, strict=True)
    ]
    # the axis shows each month's name and number of cases, two lines looked up by month
    labels = {
        mo: [month_long(mo)[:3] + " " + mo[2:4], f"{k + b:,}"]
        for mo, k, b in zip(months, kept, breaches, strict=True)
    }
    x: dict[str, Any] = {
        "field": "key",
        "type": "ordinal",
        "sort": None,
        "title": None,
        "axis": {
            "labelAngle": 0,
            "labelExpr": _label_lookup(labels),
            "labelLineHeight": 13,
            "labelFontSize": 10,
        },
    }
    top = max([*breaches, 1])
    spec = base(title, subtitle)
    spec["data"] = {"values": rows}
    spec["layer"] = [
        {
            "mark": {"type": "bar", "color": ORANGE, "width": {"band": 0.6}},
            "encoding": {
                "x": x,
                "y": {
                    "field": "breaches",
                    "type": "quantitative",
                    "title": "Breaches",
                    "scale": {"domain": [0, top * 1.2]},
                    "axis": {"format": "d", "tickMinStep": 1},
                },
            },
        },
        {
            "mark": {
                "type": "text",
                "dy": -7,
                "fontSize": 11,
                "fontWeight": "bold",
            },
            "encoding": {
                "x": x,
                "y": {"field": "breaches", "type": "quantitative"},
                "text": {"field": "text"},
                "color": {
                    "condition": {"test": "datum.breaches > 0", "value": ORANGE},
                    "value": GREY,
                },
            },
        },
    ]
    return spec


def _label_lookup(labels: dict[str, list[str]]) -> str:
    """A Vega expression giving each month's two-line axis label."""
    import json

    return f"{json.dumps(labels)}[datum.value]"


def compliance_alt(
    months: Sequence[str], kept: Sequence[int], breaches: Sequence[int], what: str
) -> str:
    total = sum(breaches)
    cases = total + sum(kept)
    text = (
        f"Monthly bar chart of {what} from {month_long(months[0])} to {month_long(months[-1])}: "
        f"{total} breach{'es' if total != 1 else ''} among {cases:,} cases."
    )
    detail = [f"{month_long(mo)} {b}" for mo, b in zip(months, breaches, strict=True) if b]
    if detail:
        text += " Breaches by month: " + ", ".join(detail) + "."
    return text
