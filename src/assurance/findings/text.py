"""Plain English for findings: numbers, periods and names as a meeting reads them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assurance.measures.catalogue import Measure
from assurance.measures.periods import month_key, month_name
from assurance.measures.results import Value


def percent(x: float, digits: int = 1) -> str:
    """0.851 as ``85.1%``."""
    return f"{100.0 * x:.{digits}f}%"


def percent_range(lower: float, upper: float) -> str:
    """An interval as ``83.4–86.7%``."""
    return f"{100.0 * lower:.1f}–{100.0 * upper:.1f}%"


def target_text(x: float) -> str:
    """A target as ``90%`` (or ``92.5%``)."""
    text = f"{100.0 * x:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def points(x: float) -> str:
    """A difference of shares in percentage points: ``4.2 percentage points``."""
    return f"{abs(100.0 * x):.1f} percentage points"


def number(x: float, m: Measure) -> str:
    """A value in the measure's unit."""
    if m.unit == "share":
        return percent(x)
    if m.unit == "minutes":
        return f"{x:.1f} minutes"
    if m.unit == "per 1,000 residents":
        return f"{x:.1f} per 1,000 residents"
    return f"{x:,.0f}"


def with_interval(v: Value, m: Measure) -> str:
    """``85.1% (95% CI 83.4–86.7%)`` for a proportion, the plain number otherwise."""
    assert v.value is not None
    if v.interval is not None and m.unit == "share":
        return f"{percent(v.value)} (95% CI {percent_range(*v.interval)})"
    return number(v.value, m)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def window_text(window: str, month: str) -> str:
    """``in the 12 months to May 2016`` or ``in May 2016``."""
    name = month_name(month_key(month))
    return f"in the 12 months to {name}" if window == "12m" else f"in {name}"


def month_words(month: str) -> str:
    return month_name(month_key(month))


#: Offence groups whose code does not read well as words (ONS names).
OFFENCE_NAMES = {
    "stalking-harassment": "stalking and harassment",
    "death-injury-by-driving": "death or serious injury by unlawful driving",
    "robbery-personal": "robbery of personal property",
    "robbery-business": "robbery of business property",
    "burglary-domestic": "domestic burglary",
    "burglary-non-domestic": "non-domestic burglary",
    "theft-from-person": "theft from the person",
    "criminal-damage-arson": "criminal damage and arson",
    "drug-trafficking": "trafficking of drugs",
    "drug-possession": "possession of drugs",
    "weapons-possession": "possession of weapons",
    "public-order": "public order offences",
    "misc-crimes-against-society": "miscellaneous crimes against society",
}


def code_words(code: str) -> str:
    """A vocabulary code as words: ``violence-with-injury`` as ``violence with injury``."""
    return OFFENCE_NAMES.get(code) or code.replace("-", " ").replace("_", " ")


@dataclass(frozen=True)
class Names:
    """Display names for codes: forces and areas (from the warehouse), everything else from
    the codes themselves."""

    areas: Mapping[str, str] = field(default_factory=dict)
    forces: Mapping[str, str] = field(default_factory=dict)

    def area(self, code: str) -> str:
        return self.areas.get(code) or code_words(code).title()

    def force(self, code: str) -> str:
        return self.forces.get(code) or code_words(code).title()

    def group(self, dimension: str, key: str) -> str:
        """How a sentence names a breakdown group."""
        if dimension == "area":
            return self.area(key)
        if dimension == "offence_group":
            return code_words(key)
        if dimension == "survey_group":
            return f"{code_words(key)} victims"
        if dimension == "shift_change":
            return (
                "incidents opened in a shift-changeover window"
                if key == "changeover"
                else "incidents opened at other times"
            )
        if dimension == "hour_of_day":
            return f"incidents opened {key}:00–{key}:59"
        if dimension == "setting":
            return f"{key} incidents"
        return code_words(key)
