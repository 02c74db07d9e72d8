"""The rates and mixes that give the synthetic data its structure.

Invented, roughly shaped after published England and Wales figures of 2015/16; they are not
any force's real data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assurance.domain.vocabularies import OFFENCE_GROUPS, OUTCOME_CODES

#: incidents per resident per year.
INCIDENTS_PER_PERSON = 0.28
#: recorded crimes per resident per year.
CRIMES_PER_PERSON = 0.052
#: survey responses per resident per year (~2,500 for West Mercia).
SURVEYS_PER_PERSON = 2_500 / 1_260_000
#: audited incidents per resident per month (~100 for West Mercia).
AUDITS_PER_PERSON_MONTH = 100 / 1_260_000
#: officers per resident (pseudonymous officer references are drawn from this pool).
OFFICERS_PER_PERSON = 1 / 800

#: seasonal amplitude of all incidents (peak in July).
INCIDENT_SEASON = 0.08


@dataclass(frozen=True)
class Group:
    share: float
    #: "violence" peaks in summer, "burglary" in winter, "flat" barely moves.
    season: str
    #: share of crimes that come from a command-and-control incident.
    from_incident: float
    #: share with an identifiable victim.
    victim: float
    domestic: float
    hate: float
    #: time-of-day profile: "general", "night" or "day".
    clock: str
    #: grade mix of the incident it came from: emergency, priority, scheduled, no-deployment.
    grades: tuple[float, float, float, float]
    ho_codes: tuple[str, ...]
    outcomes: str
    #: share of recorded crimes later cancelled (no-crimed).
    cancelled: float = 0.02


_VIOLENT = (0.30, 0.55, 0.15, 0.0)
_URGENT = (0.20, 0.50, 0.30, 0.0)
_ROUTINE = (0.05, 0.35, 0.50, 0.10)

GROUPS: dict[str, Group] = {
    "homicide": Group(0.0002, "flat", 0.95, 1.0, 0.3, 0.02, "night", _VIOLENT, ("1",), "homicide"),
    "violence-with-injury": Group(
        0.105, "violence", 0.85, 1.0, 0.35, 0.02, "night", _VIOLENT, ("8N", "5D"), "violence"
    ),
    "violence-without-injury": Group(
        0.13, "violence", 0.80, 1.0, 0.30, 0.02, "night", _VIOLENT, ("105A", "8M"), "violence"
    ),
    "stalking-harassment": Group(
        0.04, "flat", 0.70, 1.0, 0.35, 0.03, "general", _ROUTINE, ("8L", "8R"), "violence"
    ),
    "death-injury-by-driving": Group(
        0.0004, "flat", 0.95, 1.0, 0.0, 0.0, "general", _VIOLENT, ("4.4", "4.8"), "driving"
    ),
    "rape": Group(
        0.0075, "flat", 0.70, 1.0, 0.25, 0.01, "night", _URGENT, ("19C", "19D"), "sexual", 0.06
    ),
    "other-sexual-offences": Group(
        0.012, "flat", 0.70, 1.0, 0.20, 0.01, "general", _URGENT, ("17A", "20A"), "sexual", 0.05
    ),
    "robbery-personal": Group(
        0.011, "flat", 0.90, 1.0, 0.02, 0.02, "night", _VIOLENT, ("34B",), "robbery"
    ),
    "robbery-business": Group(
        0.0015, "flat", 0.95, 1.0, 0.0, 0.0, "day", _VIOLENT, ("34A",), "robbery"
    ),
    "burglary-domestic": Group(
        0.065, "burglary", 0.90, 1.0, 0.03, 0.005, "general", _URGENT, ("28A", "28C"), "theft"
    ),
    "burglary-non-domestic": Group(
        0.07, "burglary", 0.80, 1.0, 0.0, 0.002, "general", _ROUTINE, ("30A", "30C"), "theft"
    ),
    "vehicle-offences": Group(
        0.095, "flat", 0.75, 1.0, 0.01, 0.002, "night", _ROUTINE, ("45", "48"), "theft"
    ),
    "theft-from-person": Group(
        0.01, "flat", 0.70, 1.0, 0.0, 0.005, "day", _ROUTINE, ("39",), "theft"
    ),
    "bicycle-theft": Group(
        0.022, "violence", 0.55, 1.0, 0.0, 0.0, "day", _ROUTINE, ("44",), "theft"
    ),
    "shoplifting": Group(
        0.085, "flat", 0.65, 1.0, 0.0, 0.001, "day", _ROUTINE, ("46",), "shoplifting"
    ),
    "other-theft": Group(
        0.15, "flat", 0.60, 1.0, 0.02, 0.002, "day", _ROUTINE, ("49", "35"), "theft"
    ),
    "criminal-damage-arson": Group(
        0.135, "flat", 0.80, 1.0, 0.10, 0.01, "night", _ROUTINE, ("58A", "58C", "56A"), "damage"
    ),
    "drug-trafficking": Group(
        0.006, "flat", 0.30, 0.0, 0.0, 0.0, "general", _ROUTINE, ("92A",), "trafficking"
    ),
    "drug-possession": Group(
        0.035, "flat", 0.30, 0.0, 0.0, 0.0, "night", _ROUTINE, ("92D",), "possession"
    ),
    "weapons-possession": Group(
        0.007, "flat", 0.70, 0.0, 0.0, 0.0, "night", _VIOLENT, ("10A", "10C"), "weapons"
    ),
    "public-order": Group(
        0.04, "violence", 0.85, 0.4, 0.05, 0.10, "night", _URGENT, ("9A", "8B"), "public-order"
    ),
    "misc-crimes-against-society": Group(
        0.012, "flat", 0.40, 0.2, 0.0, 0.0, "general", _ROUTINE, ("66", "81"), "misc"
    ),
}
assert tuple(GROUPS) == OFFENCE_GROUPS

SEASON_AMPLITUDE = {"violence": 0.12, "burglary": 0.15, "flat": 0.03}
#: month of the seasonal peak (July for violence, December for burglary).
SEASON_PEAK = {"violence": 7.0, "burglary": 12.5, "flat": 7.0}

#: Outcome mixes (probabilities by outcome code, normalised when used).
OUTCOME_MIXES: dict[str, dict[str, float]] = {
    "theft": {
        "1": 0.07, "1A": 0.005, "2": 0.006, "3": 0.012, "4": 0.01, "6": 0.002, "8": 0.03,
        "10": 0.005, "11": 0.003, "14": 0.05, "15": 0.04, "16": 0.04, "17": 0.002, "18": 0.68,
        "20": 0.01, "21": 0.02, "22": 0.005,
    },
    "damage": {
        "1": 0.07, "1A": 0.005, "2": 0.01, "3": 0.012, "6": 0.004, "8": 0.06, "10": 0.005,
        "11": 0.005, "14": 0.06, "15": 0.04, "16": 0.08, "17": 0.002, "18": 0.60, "20": 0.01,
        "21": 0.02, "22": 0.01,
    },
    "shoplifting": {
        "1": 0.30, "1A": 0.01, "2": 0.02, "3": 0.05, "6": 0.03, "8": 0.10, "10": 0.01,
        "14": 0.02, "15": 0.03, "16": 0.03, "18": 0.35, "20": 0.01, "21": 0.03, "22": 0.02,
    },
    "violence": {
        "1": 0.17, "1A": 0.01, "2": 0.015, "3": 0.03, "6": 0.005, "8": 0.06, "9": 0.005,
        "10": 0.01, "11": 0.005, "12": 0.002, "13": 0.003, "14": 0.12, "15": 0.06, "16": 0.33,
        "17": 0.005, "18": 0.12, "20": 0.02, "21": 0.02, "22": 0.01,
    },
    "sexual": {
        "1": 0.10, "1A": 0.01, "2": 0.01, "3": 0.02, "8": 0.01, "9": 0.01, "10": 0.02,
        "11": 0.04, "12": 0.005, "13": 0.01, "14": 0.15, "15": 0.15, "16": 0.28, "17": 0.005,
        "18": 0.10, "20": 0.03, "21": 0.04, "22": 0.01,
    },
    "robbery": {
        "1": 0.15, "1A": 0.01, "2": 0.02, "3": 0.01, "8": 0.02, "14": 0.06, "15": 0.05,
        "16": 0.10, "18": 0.55, "20": 0.01, "21": 0.02,
    },
    "possession": {
        "1": 0.25, "2": 0.05, "3": 0.10, "6": 0.04, "7": 0.30, "8": 0.14, "10": 0.02,
        "15": 0.03, "20": 0.01, "21": 0.03, "22": 0.03,
    },
    "trafficking": {
        "1": 0.70, "1A": 0.02, "3": 0.03, "8": 0.01, "10": 0.02, "15": 0.10, "16": 0.02,
        "18": 0.05, "20": 0.03, "21": 0.02,
    },
    "weapons": {
        "1": 0.60, "1A": 0.02, "2": 0.04, "3": 0.06, "8": 0.04, "10": 0.02, "15": 0.06,
        "16": 0.06, "18": 0.05, "20": 0.02, "21": 0.03,
    },
    "public-order": {
        "1": 0.18, "2": 0.02, "3": 0.03, "6": 0.06, "8": 0.08, "14": 0.12, "15": 0.05,
        "16": 0.25, "18": 0.15, "20": 0.01, "21": 0.03, "22": 0.02,
    },
    "homicide": {"1": 0.85, "5": 0.05, "15": 0.05, "20": 0.05},
    "driving": {"1": 0.80, "5": 0.05, "15": 0.10, "17": 0.05},
    "misc": {
        "1": 0.40, "1A": 0.02, "3": 0.05, "6": 0.02, "8": 0.05, "10": 0.03, "15": 0.10,
        "16": 0.05, "18": 0.10, "19": 0.05, "20": 0.05, "21": 0.05, "22": 0.03,
    },
}  # fmt: skip

#: Index of each outcome code in OUTCOME_CODES ("1", "1A", "2", ..., "22").
CODE_INDEX = {code: i for i, code in enumerate(OUTCOME_CODES)}
#: Outcome codes 1-8 (with 1A) are the positive outcomes: indexes 0..8.
POSITIVE_MAX_INDEX = CODE_INDEX["8"]


def outcome_matrix() -> npt.NDArray[np.float64]:
    """Probability of each outcome code (columns, OUTCOME_CODES order) per offence group."""
    matrix = np.zeros((len(OFFENCE_GROUPS), len(OUTCOME_CODES)))
    for g, name in enumerate(OFFENCE_GROUPS):
        for code, p in OUTCOME_MIXES[GROUPS[name].outcomes].items():
            matrix[g, CODE_INDEX[code]] = p
    normalised: npt.NDArray[np.float64] = matrix / matrix.sum(axis=1, keepdims=True)
    return normalised


#: Relative call volume by local hour of day.
HOURLY_GENERAL = np.array(
    [0.90, 0.75, 0.60, 0.45, 0.35, 0.35, 0.45, 0.65, 0.85, 1.00, 1.05, 1.10,
     1.15, 1.15, 1.20, 1.30, 1.35, 1.40, 1.35, 1.30, 1.25, 1.20, 1.10, 1.00]
)  # fmt: skip
HOURLY_NIGHT = np.array(
    [1.50, 1.40, 1.20, 0.90, 0.60, 0.40, 0.35, 0.45, 0.55, 0.65, 0.70, 0.75,
     0.80, 0.85, 0.90, 0.95, 1.00, 1.10, 1.20, 1.30, 1.40, 1.50, 1.55, 1.55]
)  # fmt: skip
HOURLY_DAY = np.array(
    [0.20, 0.15, 0.10, 0.08, 0.08, 0.10, 0.20, 0.40, 0.80, 1.20, 1.50, 1.60,
     1.70, 1.70, 1.70, 1.70, 1.70, 1.60, 1.40, 1.10, 0.80, 0.60, 0.40, 0.30]
)  # fmt: skip
#: Relative volume by local weekday, Monday first.
WEEKDAY = np.array([1.00, 0.97, 0.97, 0.99, 1.08, 1.06, 0.93])
#: Extra weight of late Friday and Saturday nights (local 21:00-03:59) in the night profile.
WEEKEND_NIGHT = 1.5

#: Non-crime incidents: opening category mix and each category's grade mix.
OTHER_CATEGORIES: tuple[str, ...] = ("crime", "asb", "public-safety", "transport", "admin")
OTHER_CATEGORY_SHARE = np.array([0.15, 0.25, 0.38, 0.10, 0.12])
OTHER_CATEGORY_GRADES = np.array(
    [
        [0.08, 0.40, 0.30, 0.22],
        [0.05, 0.45, 0.30, 0.20],
        [0.15, 0.40, 0.15, 0.30],
        [0.20, 0.50, 0.10, 0.20],
        [0.00, 0.05, 0.25, 0.70],
    ]
)

#: Audit sample: the offence group an auditor expects, weighted towards violence and sexual
#: offences (as crime data integrity audits are).
AUDIT_GROUP_WEIGHTS: dict[str, float] = {
    "violence-with-injury": 0.17,
    "violence-without-injury": 0.17,
    "stalking-harassment": 0.05,
    "rape": 0.04,
    "other-sexual-offences": 0.05,
    "robbery-personal": 0.03,
    "burglary-domestic": 0.07,
    "burglary-non-domestic": 0.04,
    "vehicle-offences": 0.05,
    "theft-from-person": 0.01,
    "bicycle-theft": 0.01,
    "shoplifting": 0.04,
    "other-theft": 0.08,
    "criminal-damage-arson": 0.09,
    "drug-possession": 0.02,
    "weapons-possession": 0.01,
    "public-order": 0.07,
}
#: share of audited incidents where the auditor judges a crime should have been recorded.
AUDIT_CRIME_REQUIRED = 0.80

#: survey groups, their target share of responses.
SURVEY_GROUP_SHARE: dict[str, float] = {
    "burglary": 0.25,
    "violent-crime": 0.30,
    "vehicle-crime": 0.25,
    "hate-crime": 0.08,
    "domestic-abuse": 0.12,
}
#: correlation of a respondent's ratings across stages (shared latent satisfaction).
SURVEY_CORRELATION = 0.6
#: share of each stage left empty (not asked / don't know).
SURVEY_MISSING: dict[str, float] = {
    "ease_of_contact": 0.02,
    "actions_taken": 0.03,
    "kept_informed": 0.05,
    "treatment": 0.02,
    "whole_experience": 0.01,
}


def seasonal_factor(kind: str, month_of_year: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    amplitude = SEASON_AMPLITUDE[kind]
    peak = SEASON_PEAK[kind]
    factor: npt.NDArray[np.float64] = 1.0 + amplitude * np.cos(
        2 * np.pi * (month_of_year - peak) / 12.0
    )
    return factor
