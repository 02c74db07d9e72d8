"""Forecast charts: the recent months of a measure, the ETS forecast for the next three with
its 80% and 95% prediction intervals, and the target. Results in, a dict out."""

from __future__ import annotations

from typing import Any

from assurance.measures.catalogue import Measure
from assurance.pack.analysis import Outlook
from assurance.pack.charts import INK, base, domain_of, month_date, target_layer, x_months, y_axis
from assurance.pack.formats import month_long, target_text, value_text
from assurance.pack.icons import BLUE


def forecast_spec(
    outlook: Outlook, m: Measure, title: str, *, subtitle: str = ""
) -> dict[str, Any]:
    """The recent months, the forecast for the next months with 80% and 95% prediction
    intervals (darker and lighter bands), and the target."""
    f = outlook.forecast
    history = [
        {"month": month_date(mo), "value": v, "series": "Recorded"}
        for mo, v in zip(outlook.history, outlook.values, strict=True)
    ]
    # the forecast line starts at the last recorded month, so the two join up
    ahead = [
        {
            "month": month_date(outlook.history[-1]),
            "mean": outlook.values[-1],
            "l80": outlook.values[-1],
            "u80": outlook.values[-1],
            "l95": outlook.values[-1],
            "u95": outlook.values[-1],
        }
    ] + [
        {
            "month": month_date(mo),
            "mean": f.mean[i],
            "l80": f.lower_80[i],
            "u80": f.upper_80[i],
            "l95": f.lower_95[i],
            "u95": f.upper_95[i],
        }
        for i, mo in enumerate(outlook.months)
    ]
    enc_x = x_months()
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": ahead},
            "mark": {"type": "area", "color": "#9fc3e7", "opacity": 0.55},
            "encoding": {
                "x": enc_x,
                "y": {"field": "l95", "type": "quantitative"},
                "y2": {"field": "u95"},
            },
        },
        {
            "data": {"values": ahead},
            "mark": {"type": "area", "color": "#4f8fd0", "opacity": 0.6},
            "encoding": {
                "x": enc_x,
                "y": {"field": "l80", "type": "quantitative"},
                "y2": {"field": "u80"},
            },
        },
        {
            "data": {"values": ahead},
            "mark": {"type": "line", "color": BLUE, "strokeDash": [5, 3], "strokeWidth": 2},
            "encoding": {"x": enc_x, "y": {"field": "mean", "type": "quantitative"}},
        },
        {
            "data": {"values": history},
            "mark": {"type": "line", "color": INK, "strokeWidth": 1.8, "point": True},
            "encoding": {"x": enc_x, "y": {"field": "value", "type": "quantitative"}},
        },
        *target_layer(outlook.target, m),
    ]
    extra = [outlook.target] if outlook.target is not None else []
    lows = [*outlook.values, *f.lower_95, *extra]
    highs = [*outlook.values, *f.upper_95, *extra]
    spec = base(title, subtitle)
    domain = domain_of(lows, highs, m)
    spec["encoding"] = {
        "y": {**y_axis(m, span=domain[1] - domain[0]), "scale": {"zero": False, "domain": domain}},
    }
    spec["layer"] = layers
    return spec


def forecast_alt(outlook: Outlook, m: Measure, what: str) -> str:
    f = outlook.forecast
    parts = [
        f"Line chart of {what} from {month_long(outlook.history[0])} to "
        f"{month_long(outlook.history[-1])}, latest {value_text(outlook.values[-1], m)}, "
        f"with a forecast for the next {f.horizon} months.",
        f"Forecast for {month_long(outlook.months[-1])}: {value_text(f.mean[-1], m)} "
        f"(80% prediction interval {value_text(f.lower_80[-1], m)} to "
        f"{value_text(f.upper_80[-1], m)}; 95% interval {value_text(f.lower_95[-1], m)} to "
        f"{value_text(f.upper_95[-1], m)}).",
    ]
    if outlook.target is not None:
        parts.append(f"Target {target_text(outlook.target, m)}.")
    if outlook.probability_of_miss is not None:
        parts.append(
            f"Chance of missing the target in {month_long(outlook.months[-1])}: "
            f"{100 * outlook.probability_of_miss:.0f}%."
        )
    return " ".join(parts)
