"""Comparisons inside the force: a group against the rest, and the weakest satisfaction stage.

A group is compared with *the rest of the force* (never with a total that contains it), over
the 12-month window, only where the groups are meant to get the same service:

* attendance (mean minutes and the share within target) for incidents opened in the
  shift-changeover windows against those opened at other times;
* crime recording rules (audited accuracy, classification, recording within 24 hours) for
  each offence group against all other offence groups: the National Crime Recording Standard
  applies equally to every crime.

The tests are one-sided: the question is whether a group *falls short* of the rest of the
force. (When a few groups fall short, every other group is "better than the rest" by the same
arithmetic; reporting those would only mirror the real finding.)

Outcome rates, satisfaction by survey group and the like differ between groups by their nature
and are not compared this way (their groups get their own charts instead).
"""

from __future__ import annotations

import math

from assurance.findings.common import RuleInput, chart_id, severity_for, two_sided, worse
from assurance.findings.model import Check, Finding, Scope
from assurance.findings.text import capitalised, number, points, window_text, with_interval
from assurance.measures.catalogue import NOT_GIVEN
from assurance.measures.periods import Window
from assurance.measures.results import MeasureResult, Value
from assurance.stats.intervals import difference

WINDOW: Window = "12m"

#: (measure, breakdown, groups compared with the rest; empty means every group).
COMPARISONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("response.emergency.mean_minutes", "shift_change", ("changeover",)),
    ("response.emergency.within_target", "shift_change", ("changeover",)),
    ("integrity.recording_accuracy", "offence_group", ()),
    ("integrity.classification_accuracy", "offence_group", ()),
    ("integrity.timeliness_24h", "offence_group", ()),
    ("integrity.recorded_within_24h", "offence_group", ()),
)

STAGE_MEASURES = (
    "satisfaction.ease_of_contact",
    "satisfaction.actions_taken",
    "satisfaction.kept_informed",
    "satisfaction.treatment",
    "satisfaction.whole_experience",
)


def _rest(cells: list[tuple[str, Value]], key: str) -> tuple[float, float, float]:
    """Numerator, denominator and sum of squares of every group but ``key``."""
    num = den = 0.0
    for k, v in cells:
        if k != key:
            num += v.numerator or 0.0
            den += v.denominator or 0.0
    return num, den, 0.0


def _mean_test(v: Value, rest_cells: list[Value]) -> tuple[float, float] | None:
    """Welch z test of a mean against the pooled mean of other groups: (p, rest mean)."""
    n = v.denominator or 0.0
    others = [c for c in rest_cells if c.denominator and c.value is not None and c.sd]
    if not others or v.value is None or not v.sd or n < 2:
        return None
    m_total = sum(c.denominator or 0.0 for c in others)
    rest_mean = sum((c.value or 0.0) * (c.denominator or 0.0) for c in others) / m_total
    # pooled variance of the other groups (within plus between)
    ss = sum(
        ((c.sd or 0.0) ** 2) * ((c.denominator or 0.0) - 1)
        + (c.denominator or 0.0) * ((c.value or 0.0) - rest_mean) ** 2
        for c in others
    )
    rest_var = ss / max(m_total - 1, 1)
    se = math.sqrt(v.sd**2 / n + rest_var / m_total)
    return two_sided((v.value - rest_mean) / se), rest_mean


def _compare(
    r: MeasureResult, dimension: str, only: tuple[str, ...], inp: RuleInput
) -> list[Check]:
    m = r.measure
    b = r.breakdown(dimension, WINDOW)
    if b is None:
        return []
    cells = [(c.key, c.value) for c in b.cells if c.key != NOT_GIVEN]
    tests: list[Check] = []
    for key, v in cells:
        if only and key not in only:
            continue
        if v.value is None or (v.denominator or 0.0) < inp.options.min_group_size:
            continue
        if m.statistic == "mean":
            made = _mean_test(v, [c for k, c in cells if k != key])
            if made is None:
                continue
            p, other = made
            interval = None
        elif m.is_proportion:
            num, den, _ = _rest(cells, key)
            if den < inp.options.min_group_size:
                continue
            d = difference(
                round(v.numerator or 0), round(v.denominator or 0), round(num), round(den)
            )
            p, other, interval = d.p_value, num / den, (d.lower, d.upper)
        else:
            continue
        # one-sided: the question is whether a group falls short of the rest of the force
        # (against the improvement direction); a group doing better is not a finding here.
        bad = worse(m, v.value - other)
        p = p / 2.0 if bad else 1.0 - p / 2.0
        if p >= inp.options.fdr:
            tests.append(Check("breakdown", p, None))
            continue
        higher = v.value > other
        group = inp.names.group(dimension, key)
        gap = points(v.value - other) if m.unit == "share" else number(abs(v.value - other), m)
        text = (
            f"{capitalised(m.name)} for {group} was {with_interval(v, m)} "
            f"{window_text(WINDOW, inp.month)}, {gap} {'higher' if higher else 'lower'} than "
            f"for the rest of the force ({number(other, m)})."
        )
        scope = (
            Scope(inp.force, offence_group=key)
            if dimension == "offence_group"
            else Scope(inp.force, breakdown=(dimension, key))
        )
        finding = Finding(
            measure=m.id,
            window=WINDOW,
            scope=scope,
            kind="breakdown-above" if higher else "breakdown-below",
            value=v.value,
            interval=v.interval,
            target=r.target,
            rule="welch-z" if m.statistic == "mean" else "newcombe-difference",
            severity=severity_for(m, v.value - other, strong=False),
            text=text,
            p_value=p,
            chart=chart_id("breakdown", m.id, inp.force, dimension, WINDOW),
            evidence=(
                ("rest_of_force", other),
                ("difference_interval", interval),
                ("group_size", v.denominator),
            ),
        )
        tests.append(Check("breakdown", p, finding))
    return tests


def group_differences(inp: RuleInput) -> list[Check]:
    tests: list[Check] = []
    by_id = {r.measure.id: r for r in inp.results()}
    for measure_id, dimension, only in COMPARISONS:
        r = by_id.get(measure_id)
        if r is not None:
            tests.extend(_compare(r, dimension, only, inp))
    return tests


def weakest_stage(inp: RuleInput) -> list[Check]:
    """The lowest of the five satisfaction stages, when it is lower than the next lowest.

    The stages are answered by the same victims, so the two shares are not independent; with
    ratings that go together (as they do) the independent-samples test used here overstates
    the variance of the difference, so it is conservative.
    """
    by_id = {r.measure.id: r for r in inp.results()}
    stages = [by_id[s] for s in STAGE_MEASURES if s in by_id]
    valued = [(r, r.window(WINDOW)) for r in stages if r.window(WINDOW).value is not None]
    if len(valued) < 2:
        return []
    valued.sort(key=lambda rv: rv[1].value or 0.0)
    (low, lv), (_, nv) = valued[0], valued[1]
    d = difference(
        round(lv.numerator or 0),
        round(lv.denominator or 0),
        round(nv.numerator or 0),
        round(nv.denominator or 0),
    )
    if d.p_value >= inp.options.fdr or lv.value is None or nv.value is None:
        return [Check("stage", d.p_value, None)]
    m = low.measure
    text = (
        f"{capitalised(m.name)} was the weakest stage of the victim journey "
        f"{window_text(WINDOW, inp.month)}: {with_interval(lv, m)}, "
        f"{points(nv.value - lv.value)} below the next lowest stage "
        f"({valued[1][0].measure.name}, {number(nv.value, m)})."
    )
    finding = Finding(
        measure=m.id,
        window=WINDOW,
        scope=Scope(inp.force),
        kind="weakest-stage",
        value=lv.value,
        interval=lv.interval,
        target=low.target,
        rule="lowest-stage",
        severity="medium",
        text=text,
        p_value=d.p_value,
        chart=chart_id("stages", "satisfaction", inp.force, WINDOW),
        evidence=(
            ("stages", {r.measure.id: v.value for r, v in valued}),
            ("next_lowest", valued[1][0].measure.id),
            ("difference_interval", (d.lower, d.upper)),
        ),
    )
    return [Check("stage", d.p_value, finding)]
