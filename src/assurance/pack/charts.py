"""Vega-Lite chart specs built from statistics results: results in, a dict out.

The frame every chart shares and control charts (XmR and p′) are here; forecasts are in
:mod:`assurance.pack.charts_forecast`, funnel plots in :mod:`assurance.pack.charts_funnel`,
breakdown bars in :mod:`assurance.pack.charts_compare`. :func:`render_svg` turns a spec into
SVG offline with vl-convert (no browser, no network). Every chart has a title, and a text
alternative made from its data by the ``*_alt`` function beside each builder.

Special-cause points are marked by colour *and* shape (a circle for common cause, a diamond
for concern, a square for improvement, a triangle for a neutral change), with a legend, so
colour is never the only signal.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from assurance.measures.catalogue import Measure
from assurance.pack.analysis import Spc
from assurance.pack.formats import axis_format, month_long, target_text, unit_label, value_text
from assurance.pack.icons import BLUE, GREY, ORANGE, PURPLE

log = logging.getLogger(__name__)

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "Liberation Sans"
"""The font charts are measured and drawn with (metric-compatible with Arial). A single family:
vl-convert resolves a list of families for every text, which doubles the time a chart takes.
The rendered SVG names the fallbacks (:data:`FONT_STACK`) for browsers without it."""
FONT_STACK = "Liberation Sans, Arial, Helvetica, sans-serif"
WIDTH = 600
HEIGHT = 220
INK = "#1f2a33"
LIMIT = "#4b5760"
TARGET = "#b3261e"

POINT_LABEL = {
    "common_cause": "Common cause",
    "special_cause_concern": "Special cause: concern",
    "special_cause_improvement": "Special cause: improvement",
    "special_cause_neutral_high": "Special cause: neutral",
    "special_cause_neutral_low": "Special cause: neutral",
}
POINT_DOMAIN = (
    "Common cause",
    "Special cause: concern",
    "Special cause: improvement",
    "Special cause: neutral",
)
POINT_COLOURS = (GREY, ORANGE, BLUE, PURPLE)
POINT_SHAPES = ("circle", "diamond", "square", "triangle-up")

CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": "#ffffff",
    "view": {"stroke": None},
    "title": {
        "anchor": "start",
        "fontSize": 15,
        "fontWeight": "bold",
        "color": INK,
        "subtitleFontSize": 12,
        "subtitleColor": "#3d4750",
        "offset": 10,
    },
    "axis": {
        "labelFontSize": 11,
        "titleFontSize": 12,
        "labelColor": "#2b3640",
        "titleColor": "#2b3640",
        "gridColor": "#e3e6e8",
        "domainColor": "#8a949c",
        "tickColor": "#8a949c",
    },
    "legend": {
        "labelFontSize": 11,
        "titleFontSize": 11,
        "orient": "bottom",
        "direction": "horizontal",
        "symbolSize": 90,
        "labelLimit": 260,
    },
    "aria": False,
}


def base(title: str, subtitle: str = "", *, height: int = HEIGHT) -> dict[str, Any]:
    """The frame every chart shares: schema, size, fonts, title."""
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "width": WIDTH,
        "height": height,
        "title": {"text": title, **({"subtitle": subtitle} if subtitle else {})},
        "config": copy.deepcopy(CONFIG),
    }
    return spec


def month_date(month: str) -> str:
    """A month as a mid-month date: time zones can never move it into another month."""
    return f"{month}-15"


def y_axis(m: Measure, title: str | None = None, span: float | None = None) -> dict[str, Any]:
    """The title and number format of a value axis (shares to 0.1% when the range is narrow)."""
    fmt = axis_format(m)
    if m.unit == "share" and span is not None and span < 0.06:
        fmt = ".1%"
    return {"title": title or unit_label(m), "axis": {"format": fmt}}


def x_months(title: str = "Month") -> dict[str, Any]:
    return {
        "field": "month",
        "type": "temporal",
        "title": title,
        "axis": {
            "format": "%b %Y",
            "labelAngle": 0,
            "tickCount": {"interval": "month", "step": 6},
            "grid": False,
        },
    }


def target_layer(target: float | None, m: Measure) -> list[dict[str, Any]]:
    """A dashed red line at the target, labelled at its right end."""
    if target is None:
        return []
    label = f"Target {target_text(target, m)}"
    return [
        {
            "data": {"values": [{"target": target, "label": label}]},
            "mark": {"type": "rule", "color": TARGET, "strokeDash": [8, 4], "strokeWidth": 2},
            "encoding": {"y": {"field": "target", "type": "quantitative"}},
        },
        {
            "data": {"values": [{"target": target, "label": label}]},
            "mark": {
                "type": "text",
                "align": "right",
                "baseline": "bottom",
                "dy": -3,
                "x": "width",
                "color": TARGET,
                "fontWeight": "bold",
                "fontSize": 11,
            },
            "encoding": {
                "y": {"field": "target", "type": "quantitative"},
                "text": {"field": "label"},
            },
        },
    ]


LINE_STYLES = {
    "upper": (LIMIT, [6, 3], 1.5, "Upper limit"),
    "lower": (LIMIT, [6, 3], 1.5, "Lower limit"),
    "centre": (LIMIT, [1, 0], 1.2, "Mean"),
    "upper2": ("#9aa4ab", [2, 3], 1.0, ""),
    "lower2": ("#9aa4ab", [2, 3], 1.0, ""),
}


def spc_spec(
    chart: Spc, m: Measure, title: str, *, subtitle: str = "", two_sigma: bool = True
) -> dict[str, Any]:
    """An XmR or p′ control chart: the series, its mean, process limits (and optionally the
    two-sigma lines), special-cause points coloured and shaped by type, and the target."""
    months = [month_date(mo) for mo in chart.months]
    points = [
        {"month": mo, "value": v, "point": POINT_LABEL.get(chart.point_type[i], "Common cause")}
        for i, (mo, v) in enumerate(zip(months, chart.values, strict=True))
    ]
    series = {
        "upper": chart.upper,
        "lower": chart.lower,
        "centre": chart.centre,
        "upper2": chart.upper_two_sigma,
        "lower2": chart.lower_two_sigma,
    }
    lines = [
        {
            "month": mo,
            "y": values[i],
            "line": name,
            "colour": LINE_STYLES[name][0],
            "dash": LINE_STYLES[name][1],
            "size": LINE_STYLES[name][2],
        }
        for name, values in series.items()
        if two_sigma or not name.endswith("2")
        for i, mo in enumerate(months)
        if values[i] == values[i]
    ]
    ends = [
        {"month": months[-1], "y": series[name][-1], "text": LINE_STYLES[name][3]}
        for name in ("upper", "lower", "centre")
        if series[name][-1] == series[name][-1]
    ]
    present = [label for label in POINT_DOMAIN if any(p["point"] == label for p in points)]
    colours = [POINT_COLOURS[POINT_DOMAIN.index(label)] for label in present]
    shapes = [POINT_SHAPES[POINT_DOMAIN.index(label)] for label in present]
    y = {"field": "y", "type": "quantitative"}
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": lines},
            "mark": {"type": "line"},
            "encoding": {
                "x": x_months(),
                "y": y,
                "detail": {"field": "line"},
                "stroke": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
                "strokeDash": {"field": "dash", "type": "nominal", "scale": None, "legend": None},
                "strokeWidth": {
                    "field": "size",
                    "type": "quantitative",
                    "scale": None,
                    "legend": None,
                },
            },
        },
        {
            "data": {"values": points},
            "mark": {"type": "line", "color": "#5b6770", "strokeWidth": 1.4},
            "encoding": {"x": x_months(), "y": {"field": "value", "type": "quantitative"}},
        },
        {
            "data": {"values": points},
            "mark": {"type": "point", "filled": True, "size": 52, "opacity": 1},
            "encoding": {
                "x": x_months(),
                "y": {"field": "value", "type": "quantitative"},
                "color": {
                    "field": "point",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": present, "range": colours},
                },
                "shape": {
                    "field": "point",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": present, "range": shapes},
                },
            },
        },
        {
            "data": {"values": ends},
            "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 10.5, "color": LIMIT},
            "encoding": {"x": x_months(), "y": y, "text": {"field": "text"}},
        },
        *target_layer(chart.target, m),
    ]
    extra = [chart.target] if chart.target is not None else []
    lows = [*chart.values, *chart.lower, *extra]
    highs = [*chart.values, *chart.upper, *extra]
    spec = base(title, subtitle)
    domain = domain_of(lows, highs, m)
    spec["encoding"] = {
        "y": {**y_axis(m, span=domain[1] - domain[0]), "scale": {"zero": False, "domain": domain}},
    }
    spec["layer"] = layers
    spec["width"] = WIDTH - 70  # room for the limit labels on the right
    return spec


def domain_of(lows: list[float], highs: list[float], m: Measure) -> list[float]:
    finite_lows = [v for v in lows if v == v]
    finite_highs = [v for v in highs if v == v]
    lo, hi = min(finite_lows), max(finite_highs)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.05 or 1.0
    lo, hi = lo - pad, hi + pad
    if m.unit == "share":
        lo, hi = max(0.0, lo), min(1.0, hi)
    elif lo < 0 <= min(finite_lows):
        lo = 0.0
    return [lo, hi]


def spc_alt(chart: Spc, m: Measure, what: str) -> str:
    """The text alternative of a control chart, from its data."""
    first, last = month_long(chart.months[0]), month_long(chart.months[-1])
    kind = "p′ (p-prime)" if chart.kind == "p-prime" else "XmR"
    parts = [
        f"Control chart ({kind}) of {what}, monthly from {first} to {last} "
        f"({len(chart.months)} months).",
        f"Latest value {value_text(chart.values[-1], m)}; mean "
        f"{value_text(chart.centre[-1], m)}; process limits "
        f"{value_text(chart.lower[-1], m)} to {value_text(chart.upper[-1], m)}.",
    ]
    if chart.target is not None:
        parts.append(f"Target {target_text(chart.target, m)}.")
    flagged = [
        (month_long(chart.months[i]), POINT_LABEL[p].split(": ")[-1])
        for i, p in enumerate(chart.point_type)
        if p != "common_cause"
    ]
    if flagged:
        recent = ", ".join(f"{mo} ({k})" for mo, k in flagged[-6:])
        more = f" ({len(flagged)} in all; the latest: {recent})" if len(flagged) > 6 else ""
        parts.append(
            f"{len(flagged)} special-cause point{'s' if len(flagged) != 1 else ''}"
            + (more or f": {recent}")
            + "."
        )
    else:
        parts.append("No special-cause points: only common-cause variation.")
    return " ".join(parts)


def render_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG with vl-convert: offline (no URL may be fetched), with
    British number and date formats."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(
        spec, allowed_base_urls=[], format_locale="en-GB", time_format_locale="en-GB"
    )
    assert isinstance(svg, str)
    return svg.replace(f'font-family="{FONT}"', f'font-family="{FONT_STACK}"')
