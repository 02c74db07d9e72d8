"""Compliance: rules every case must keep, judged case by case.

A compliance measure (``Measure.compliance``: every serious sexual offence cancellation
authorised by the Deputy Chief Constable, every community resolution audited) is a finding as
soon as one case in the 12-month window breaks the rule: a count of breaches is a fact, not an
estimate, so no significance test applies. The severity is ``high`` when a breach falls in the
last three months, ``medium`` otherwise.
"""

from __future__ import annotations

from assurance.findings.common import RuleInput, chart_id
from assurance.findings.model import Check, Finding, Scope
from assurance.findings.text import capitalised, month_words, percent, window_text
from assurance.measures.periods import Window, month_key, month_name

WINDOW: Window = "12m"
RECENT_MONTHS = 3

#: How a sentence counts the cases of each compliance measure (one, many, broken rule).
CASES: dict[str, tuple[str, str, str]] = {
    "integrity.sso_cancel_authority": (
        "serious sexual offence cancellation",
        "serious sexual offence cancellations",
        "{n} {cases} {period} {were} not authorised by the Deputy Chief Constable, as every one "
        "must be",
    ),
    "disposals.audit_coverage": (
        "community resolution",
        "community resolutions",
        "{n} {cases} issued {period} {were} not audited, against the policy of auditing every one",
    ),
}


def compliance_breaches(inp: RuleInput) -> list[Check]:
    tests: list[Check] = []
    for r in inp.results():
        m = r.measure
        if not m.compliance:
            continue
        v = r.window(WINDOW)
        if not v.denominator:
            continue
        breaches = round((v.denominator or 0.0) - (v.numerator or 0.0))
        if breaches <= 0:
            continue
        months = r.series.months[-12:]
        per_month = [
            round((d or 0.0) - (n or 0.0))
            for n, d in zip(r.series.numerators[-12:], r.series.denominators[-12:], strict=True)
        ]
        by_month = {mo: b for mo, b in zip(months, per_month, strict=True) if b > 0}
        recent = sum(per_month[-RECENT_MONTHS:])
        one, many, sentence = CASES.get(m.id, ("case", "cases", "{n} {cases} {period} {were} "
                                                "in breach of the rule"))  # fmt: skip
        text = capitalised(
            sentence.format(
                n=breaches,
                cases=one if breaches == 1 else many,
                period=window_text(WINDOW, inp.month),
                were="was" if breaches == 1 else "were",
            )
        )
        latest = per_month[-1]
        first_recent = month_name(month_key(inp.month) - RECENT_MONTHS + 1)
        text += (
            f" ({latest} in {month_words(inp.month)}, {recent} since {first_recent}; "
            f"{percent(v.value or 0.0)} compliant)."
        )
        finding = Finding(
            measure=m.id,
            window=WINDOW,
            scope=Scope(inp.force),
            kind="compliance-breach",
            value=v.value,
            interval=v.interval,
            target=r.target if r.target is not None else 1.0,
            rule="every-case",
            severity="high" if recent > 0 else "medium",
            text=text,
            chart=chart_id("compliance", m.id, inp.force, WINDOW),
            evidence=(
                ("breaches", breaches),
                ("cases", v.denominator),
                ("breaches_by_month", by_month),
            ),
        )
        tests.append(Check("compliance", None, finding))
    return tests
