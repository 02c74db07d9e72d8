"""The sizes of everything the demo data plants, and the levels of the "null" force.

Every planted signal is anchored to the *last* month of the generated period (May 2016 by
default): "the last 24 months" means the 24 months ending with the end month. Only the force
marked as planted (West Mercia) gets signals; peer and national forces are always null.

``Baseline`` holds the stable levels every force has when nothing is planted. ``Signals`` holds
the planted sizes. ``generate(..., signals=False)`` (the CLI's ``--no-signals``) generates West
Mercia at the baseline too, so a correct engine finds (close to) nothing in it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Baseline:
    """Stable levels of a force with nothing planted (peers, national forces, ``--no-signals``).

    The levels that have a plan target sit exactly on the target, so that neither a
    ``below-target`` nor an ``above-target`` finding is expected beyond chance.
    """

    #: share of answered survey responses rated 1-3 (satisfied), every stage.
    satisfaction: float = 0.90
    #: share of emergency incidents arrived within 15 min (urban) / 20 min (rural).
    emergency_within_target: float = 0.90
    #: share of emergency incidents that get an arrival at all.
    emergency_attended: float = 0.995
    #: log-normal shape of emergency attendance times (the median follows from the target).
    emergency_sigma: float = 0.85
    #: audited incidents: crime recorded where one was required.
    recording_accuracy: float = 0.95
    #: audited recorded crimes: classified correctly.
    classification_accuracy: float = 0.95
    #: recorded crimes recorded more than 24 hours after the report.
    late_recording: float = 0.07
    #: disposals audited although not a community resolution (those are all audited).
    other_disposal_audit_share: float = 0.25


@dataclass(frozen=True)
class Signals:
    """The planted May 2016 findings of the West Mercia demo, with their sizes.

    Numbered as in ``docs/demo-force.md`` and the meeting notes (demo-scenario.md).
    """

    # 1. Satisfaction: share rated 1-3 per stage, constant over the whole period.
    whole_experience: float = 0.85
    ease_of_contact: float = 0.94
    actions_taken: float = 0.91
    kept_informed: float = 0.77
    treatment: float = 0.93

    # 2. Area differences in satisfaction (added to every stage, in share points). Areas not
    #    listed get an equal offset that keeps the population-weighted force level unchanged.
    area_satisfaction_offsets: tuple[tuple[str, float], ...] = (
        ("telford-wrekin", -0.07),
        ("herefordshire", -0.06),
        ("south-worcestershire", 0.05),
    )

    # 3. Emergency attendance: mean minutes opened->arrived, flat at the start level and then
    #    rising linearly over the last `emergency_ramp_months` months to the end level; plus
    #    extra minutes (on average) for incidents opened in a shift-changeover window.
    emergency_mean_start_minutes: float = 8.0
    emergency_mean_end_minutes: float = 10.3
    emergency_ramp_months: int = 24
    shift_change_extra_minutes: float = 2.5
    shift_change_hours: tuple[int, ...] = (7, 15, 22)

    # 4. Community resolutions: the monthly count grows linearly by this fraction over the
    #    last `community_resolution_ramp_months` months (cautions and penalty notices become
    #    community resolutions, so positive and charge rates are unchanged); and this many
    #    community resolutions issued in each of the last months (oldest first) are not audited.
    community_resolution_growth: float = 0.60
    community_resolution_ramp_months: int = 24
    unaudited_community_resolutions: tuple[int, ...] = (4, 6, 5)

    # 5. Outcomes: a positive domestic-burglary outcome becomes "no suspect identified" (18)
    #    with this probability for outcomes in the last `burglary_drop_months` months (a step
    #    from ~17% to ~9% positive, by outcome date); and West Mercia's positive outcome share
    #    is raised by this many points over the whole period (charges instead of evidential
    #    difficulties or no suspect: ~28.5% against ~25.8% for the peers).
    burglary_positive_drop: float = 0.45
    burglary_drop_months: int = 8
    positive_outcome_uplift: float = 0.03

    # 6. Crime data integrity.
    #    Audited recording accuracy for these groups (others stay at the baseline 0.95), so the
    #    force level is ~0.90.
    low_accuracy_groups: tuple[str, ...] = (
        "violence-with-injury",
        "violence-without-injury",
        "rape",
        "other-sexual-offences",
    )
    low_recording_accuracy: float = 0.82
    #    Serious sexual offences cancelled in the last `sso_months` months with an authority
    #    other than the DCC.
    sso_without_dcc: int = 3
    sso_months: int = 3
    #    A fall in compliance for these groups in the last `compliance_drop_months` months:
    #    crimes recorded within 24 hours and audited classification accuracy.
    compliance_drop_groups: tuple[str, ...] = (
        "violence-with-injury",
        "violence-without-injury",
        "public-order",
    )
    compliance_drop_months: int = 4
    timeliness_after_drop: float = 0.65
    classification_after_drop: float = 0.78

    def area_offset(self, area_code: str) -> float | None:
        """The planted satisfaction offset of an area, or None when the area is not listed."""
        for code, offset in self.area_satisfaction_offsets:
            if code == area_code:
                return offset
        return None

    def stage_levels(self) -> dict[str, float]:
        """Satisfied share per survey stage."""
        return {
            "ease_of_contact": self.ease_of_contact,
            "actions_taken": self.actions_taken,
            "kept_informed": self.kept_informed,
            "treatment": self.treatment,
            "whole_experience": self.whole_experience,
        }


#: The planted sizes used by ``generate(signals=True)``.
DEFAULT_SIGNALS = Signals()
#: The null levels.
BASELINE = Baseline()
