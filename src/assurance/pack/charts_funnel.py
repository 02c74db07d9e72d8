"""Funnel plots (areas of the force, forces of the most similar group) as Vega-Lite specs.

Each unit is a point placed by its size (cases, or residents for a crime rate) and its value,
between the 95% limits (dashed) and 99.8% limits (solid) around the centre line. Points are
coloured by meaning (orange worse, blue better, purple a change on a neutral measure, grey
within the limits) and shaped by where they fall, and every point is labelled: labels are
placed here, beside their point, where they do not overlap another label or point.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assurance.measures.catalogue import Measure
from assurance.pack.analysis import Funnel
from assurance.pack.charts import INK, LIMIT, WIDTH, base, y_axis
from assurance.pack.formats import value_text
from assurance.pack.icons import BLUE, GREY, ORANGE, PURPLE

HEIGHT = 250
FLAG_DOMAIN = ("Within the 95% limits", "Outside the 95% limits", "Outside the 99.8% limits")
FLAG_SHAPES = ("circle", "square", "diamond")
CHAR_WIDTH = 5.9
"""Approximate width in pixels of a character of a 10.5-pixel label."""
FLAG_WORDS = {
    "within": "within the limits",
    "high-95": "above the 95% limits",
    "low-95": "below the 95% limits",
    "outlier-high-998": "above the 99.8% limits",
    "outlier-low-998": "below the 99.8% limits",
}


def _flag_label(flag: str) -> str:
    if flag.endswith("998"):
        return FLAG_DOMAIN[2]
    return FLAG_DOMAIN[0] if flag == "within" else FLAG_DOMAIN[1]


def _scale(funnel: Funnel) -> float:
    """Multiplier from the funnel's values to the measure's unit (rates: ratio × rate)."""
    return 1000.0 * funnel.per if funnel.rate else 1.0


def _colours(m: Measure, values: Sequence[float], centre: float, flags: Sequence[str]) -> list[str]:
    out = []
    for v, flag in zip(values, flags, strict=True):
        if flag == "within":
            out.append(GREY)
        elif m.direction == "neutral":
            out.append(PURPLE)
        else:
            good = (v > centre) == (m.direction == "increase")
            out.append(BLUE if good else ORANGE)
    return out


Box = tuple[float, float, float, float]


def _overlap(a: Box, b: Box) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def place_labels(
    xy: Sequence[tuple[float, float]], names: Sequence[str], width: float, height: float
) -> list[tuple[float, float, str]]:
    """Label positions in pixels (x, y, align) beside each point, avoiding the other labels
    and points where it can (greedy, largest names first)."""
    points: list[Box] = [(x - 5, y - 5, x + 5, y + 5) for x, y in xy]
    placed: dict[int, Box] = {}
    out: dict[int, tuple[float, float, str]] = {}
    for i in sorted(range(len(xy)), key=lambda j: -len(names[j])):
        x, y = xy[i]
        w = CHAR_WIDTH * len(names[i])
        best: tuple[float, tuple[float, float, str], Box] | None = None
        for dx, dy, align in (
            (7, -8, "left"),
            (7, 9, "left"),
            (-7, -8, "right"),
            (-7, 9, "right"),
            (0, -15, "center"),
            (0, 16, "center"),
        ):
            lx, ly = x + dx, y + dy
            left = lx if align == "left" else lx - w if align == "right" else lx - w / 2
            box = (left, ly - 6, left + w, ly + 6)
            cost = sum(_overlap(box, p) for j, p in enumerate(points) if j != i)
            cost += sum(_overlap(box, b) for b in placed.values())
            cost += 1000.0 * (max(0.0, -box[0]) + max(0.0, box[2] - width))
            cost += 1000.0 * (max(0.0, -box[1]) + max(0.0, box[3] - height))
            if best is None or cost < best[0]:
                best = (cost, (lx, ly, align), box)
            if cost == 0:
                break
        assert best is not None
        out[i], placed[i] = best[1], best[2]
    return [out[i] for i in range(len(xy))]


def _span(values: Sequence[float], pad: float) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    margin = (hi - lo) * pad or abs(hi) * 0.05 or 1.0
    return lo - margin, hi + margin


def funnel_spec(funnel: Funnel, m: Measure, title: str, *, subtitle: str = "") -> dict[str, Any]:
    """A funnel plot with labelled points (see the module's description)."""
    r = funnel.result
    k = _scale(funnel)
    # for rates the x axis is the population: expected counts divided by the overall rate

    def size(d: float) -> float:
        return d / funnel.per if funnel.rate else d

    grid = [
        {"n": size(d), "l95": a * k, "u95": b * k, "l998": c * k, "u998": e * k}
        for d, a, b, c, e in zip(
            r.grid.denominators,
            r.grid.lower_95,
            r.grid.upper_95,
            r.grid.lower_998,
            r.grid.upper_998,
            strict=True,
        )
    ]
    colours = _colours(m, r.values, r.target, r.flag)
    bold = _highlight_name(funnel)
    points: list[dict[str, Any]] = [
        {
            "n": size(d),
            "value": v * k,
            "name": name,
            "flag": _flag_label(flag),
            "colour": colour,
            "weight": "bold" if name == bold else "normal",
        }
        for d, v, name, flag, colour in zip(
            r.denominators, r.values, funnel.names, r.flag, colours, strict=True
        )
    ]
    x0, x1 = _span([p["n"] for p in points] + [g["n"] for g in grid], 0.04)
    x0 = max(0.0, x0)
    ys = [p["value"] for p in points] + [g["l998"] for g in grid] + [g["u998"] for g in grid]
    y0, y1 = _span(ys, 0.08)
    y0 = max(0.0, y0)
    if m.unit == "share":
        y1 = min(1.0, y1)
    width = WIDTH
    pixels = [
        ((p["n"] - x0) / (x1 - x0) * width, (1 - (p["value"] - y0) / (y1 - y0)) * HEIGHT)
        for p in points
    ]
    for p, (lx, ly, align) in zip(
        points, place_labels(pixels, [p["name"] for p in points], width, HEIGHT), strict=True
    ):
        p["lx"] = x0 + lx / width * (x1 - x0)
        p["ly"] = y0 + (1 - ly / HEIGHT) * (y1 - y0)
        p["align"] = align
    x = {
        "field": "n",
        "type": "quantitative",
        "title": "Residents" if funnel.rate else cases_title(m),
        "scale": {"domain": [x0, x1], "zero": False, "nice": False},
        "axis": {"format": "~s" if x1 >= 100000 else ",d", "tickCount": 7},
    }

    def limit(field: str, dash: list[int] | None) -> dict[str, Any]:
        mark: dict[str, Any] = {"type": "line", "color": LIMIT, "strokeWidth": 1.3, "clip": True}
        if dash:
            mark["strokeDash"] = dash
        return {
            "data": {"values": grid},
            "mark": mark,
            "encoding": {"x": x, "y": {"field": field, "type": "quantitative"}},
        }

    def labels(align: str) -> dict[str, Any]:
        return {
            "data": {"values": points},
            "transform": [{"filter": f"datum.align == '{align}'"}],
            "mark": {"type": "text", "align": align, "baseline": "middle", "fontSize": 10.5},
            "encoding": {
                "x": {**x, "field": "lx"},
                "y": {"field": "ly", "type": "quantitative"},
                "text": {"field": "name"},
                "color": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
                "fontWeight": {"field": "weight", "type": "nominal", "scale": None},
            },
        }

    layers: list[dict[str, Any]] = [
        limit("l998", None),
        limit("u998", None),
        limit("l95", [5, 3]),
        limit("u95", [5, 3]),
        {
            "data": {"values": [{"c": r.target * k}]},
            "mark": {"type": "rule", "color": INK, "strokeWidth": 1.2},
            "encoding": {"y": {"field": "c", "type": "quantitative"}},
        },
        {
            "data": {"values": points},
            "mark": {"type": "point", "filled": True, "size": 80, "opacity": 1},
            "encoding": {
                "x": x,
                "y": {"field": "value", "type": "quantitative"},
                "color": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
                "shape": {
                    "field": "flag",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": list(FLAG_DOMAIN), "range": list(FLAG_SHAPES)},
                },
            },
        },
        *(labels(a) for a in ("left", "right", "center") if any(p["align"] == a for p in points)),
    ]
    spec = base(title, subtitle, height=HEIGHT)
    spec["encoding"] = {
        "y": {**y_axis(m, span=y1 - y0), "scale": {"zero": False, "domain": [y0, y1]}}
    }
    spec["layer"] = layers
    return spec


def cases_title(m: Measure) -> str:
    """What the size of a unit counts, for the funnel's x axis."""
    theme = m.id.split(".")[0]
    return {
        "satisfaction": "Victims who answered",
        "response": "Incidents",
        "outcomes": "Crimes given an outcome",
        "disposals": "Disposals",
    }.get(theme, "Cases")


def _highlight_name(funnel: Funnel) -> str | None:
    if funnel.highlight is None:
        return None
    for label, name in zip(funnel.result.labels, funnel.names, strict=True):
        if label == funnel.highlight:
            return name
    return None


def funnel_alt(funnel: Funnel, m: Measure, what: str, units: str) -> str:
    """The text alternative: the centre, then every unit with its value and where it falls."""
    r = funnel.result
    k = _scale(funnel)
    listed = "; ".join(
        f"{name} {value_text(v * k, m)} ({FLAG_WORDS[flag]})"
        for name, v, flag in zip(funnel.names, r.values, r.flag, strict=True)
    )
    return (
        f"Funnel plot of {what} for {len(r.labels)} {units}, against the overall "
        f"{value_text(r.target * k, m)}, with 95% and 99.8% limits that narrow as the number "
        f"of cases grows. {listed}."
    )
