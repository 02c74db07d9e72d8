"""The code lists of the data contract (docs/data-contract.md, "Vocabularies")."""

from __future__ import annotations

from typing import Final

OFFENCE_GROUPS: Final = (
    "homicide",
    "violence-with-injury",
    "violence-without-injury",
    "stalking-harassment",
    "death-injury-by-driving",
    "rape",
    "other-sexual-offences",
    "robbery-personal",
    "robbery-business",
    "burglary-domestic",
    "burglary-non-domestic",
    "vehicle-offences",
    "theft-from-person",
    "bicycle-theft",
    "shoplifting",
    "other-theft",
    "criminal-damage-arson",
    "drug-trafficking",
    "drug-possession",
    "weapons-possession",
    "public-order",
    "misc-crimes-against-society",
)

SERIOUS_SEXUAL_OFFENCES: Final = ("rape", "other-sexual-offences")

INCIDENT_GRADES: Final = ("emergency", "priority", "scheduled", "no-deployment")
OPENING_CATEGORIES: Final = ("crime", "asb", "public-safety", "transport", "admin")
SETTINGS: Final = ("urban", "rural")
CRIME_STATUSES: Final = ("recorded", "cancelled", "transferred")
CANCEL_REASONS: Final = (
    "c1-outside-jurisdiction",
    "c2-additional-verifiable-information",
    "c3-duplicate",
    "c4-recorded-in-error",
    "c5-part-of-another-crime",
)
CANCEL_AUTHORITIES: Final = (
    "dcc",
    "force-crime-registrar",
    "deputy-registrar",
    "inspector",
    "other",
)
SURVEY_GROUPS: Final = (
    "burglary",
    "violent-crime",
    "vehicle-crime",
    "hate-crime",
    "domestic-abuse",
)
SURVEY_STAGES: Final = (
    "ease_of_contact",
    "actions_taken",
    "kept_informed",
    "treatment",
    "whole_experience",
)
DISPOSAL_TYPES: Final = (
    "community-resolution",
    "youth-caution",
    "adult-caution",
    "conditional-caution",
    "penalty-notice",
    "cannabis-khat-warning",
)
AUDIT_RESULTS: Final = ("appropriate", "inappropriate")
PANEL_RESULTS: Final = (
    "appropriate",
    "appropriate-with-observations",
    "inappropriate",
    "no-agreement",
)

#: Home Office outcome codes: "1".."22" and "1A".
OUTCOME_CODES: Final = ("1", "1A", *(str(n) for n in range(2, 23)))

OUTCOME_TITLES: Final = {
    "1": "Charged/summonsed",
    "1A": "Charged/summonsed (alternative offence)",
    "2": "Caution (youth)",
    "3": "Caution (adult)",
    "4": "Taken into consideration",
    "5": "Offender died",
    "6": "Penalty notice for disorder",
    "7": "Cannabis/khat warning",
    "8": "Community resolution",
    "9": "Prosecution not in the public interest (CPS)",
    "10": "Formal action not in the public interest (police)",
    "11": "Prosecution prevented: suspect under age",
    "12": "Prosecution prevented: suspect too ill",
    "13": "Prosecution prevented: victim or key witness dead or too ill",
    "14": "Evidential difficulties: suspect not identified, victim does not support action",
    "15": "Evidential difficulties: suspect identified, victim supports action",
    "16": "Evidential difficulties: suspect identified, victim does not support action",
    "17": "Prosecution time limit expired",
    "18": "Investigation complete: no suspect identified",
    "19": "National Fraud Intelligence Bureau filed",
    "20": "Action undertaken by another body",
    "21": "Further investigation not in the public interest (police)",
    "22": "Diversionary, educational or intervention activity",
}

#: Boolean spellings accepted on input (any case). Empty means unknown.
TRUE_WORDS: Final = ("true", "1", "yes")
FALSE_WORDS: Final = ("false", "0", "no")
