"""Generate one force's records, vectorised with numpy, as pyarrow tables.

The order of work for a force: crimes (with their reporting and recording times), the incidents
they came from plus every other incident, outcomes, out of court disposals, survey responses
and audits. Every step draws from its own random stream derived from (seed, force, step), so
a force's data does not depend on which other forces are generated with it.
"""

from __future__ import annotations

from collections.abc import Callable
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from assurance.demo import arrays as A
from assurance.demo import profiles as P
from assurance.demo.feedback import FeedbackSteps
from assurance.demo.justice import JusticeSteps
from assurance.demo.records import (
    GROUP_INDEX,
    INCIDENT_CHUNK,
    INCIDENT_COLUMNS,
    MINUTE,
    Crimes,
    G,
    Incidents,
    Writer,
)
from assurance.demo.timeline import (
    DAY,
    HOUR,
    I64,
    Bool,
    local_datetime_strings,
    to_london,
)
from assurance.domain.vocabularies import (
    CANCEL_AUTHORITIES,
    CANCEL_REASONS,
    CRIME_STATUSES,
    INCIDENT_GRADES,
    OFFENCE_GROUPS,
    OPENING_CATEGORIES,
    SERIOUS_SEXUAL_OFFENCES,
    SETTINGS,
)


class ForceGenerator(JusticeSteps, FeedbackSteps):
    """Makes every record file of one force."""

    def run(self, write: Writer, step: Callable[[str], None] = lambda _: None) -> None:
        """Make every record file of the force, handing each table (or chunk) to ``write``."""
        crimes = self.crimes()
        step("crimes")
        incidents = self.incidents(crimes, write)
        step("incidents")
        outcomes, outcome_rows = self.outcomes(crimes)
        write("outcomes", outcomes)
        del outcomes
        step("outcomes")
        write("disposals", self.disposals(crimes, outcome_rows))
        step("disposals")
        write("survey_responses", self.surveys(crimes))
        step("surveys")
        write("audits", self.audits(crimes, incidents))
        step("audits")

    # -- crimes --------------------------------------------------------------------------

    def crimes(self) -> Crimes:
        rng = self.rng(1)
        period, base, sig = self.period, self.base, self.signals
        n_months = period.n_months
        groups = [P.GROUPS[g] for g in OFFENCE_GROUPS]
        share = np.array([g.share for g in groups])
        share = share / share.sum()
        season = np.stack([P.seasonal_factor(g.season, period.month_of_year) for g in groups])
        expected = (
            self.pop[:, None, None]
            * P.CRIMES_PER_PERSON
            * share[None, :, None]
            * season[None, :, :]
            * period.month_days[None, None, :]
            / 365.25
        )
        counts = rng.poisson(expected).ravel()
        cell = np.repeat(np.arange(counts.size), counts)
        area = cell // (G * n_months)
        group = (cell // n_months) % G
        month = cell % n_months
        n = cell.size

        reported = np.empty(n, dtype=np.int64)
        clocks = np.array([g.clock for g in groups])[group]
        for name, sampler in self.clock.samplers.items():
            sel = clocks == name
            reported[sel] = sampler.sample(rng, month[sel])

        late_p = np.full(n, base.late_recording)
        if sig is not None:
            drop_groups = [GROUP_INDEX[g] for g in sig.compliance_drop_groups]
            recent = month >= n_months - 1 - sig.compliance_drop_months
            late_p[np.isin(group, drop_groups) & recent] = 1.0 - sig.timeliness_after_drop
        late = rng.random(n) < late_p
        # More than an hour clear of 24 hours either way, so that "within 24 hours" reads the
        # same in real time and in local wall-clock time across a clock change.
        timely = np.minimum(np.exp(np.log(2 * HOUR) + 1.0 * rng.standard_normal(n)), 22.8 * HOUR)
        overdue = rng.uniform(25.2 * HOUR, 120 * HOUR, n)
        recorded = reported + np.where(late, overdue, timely).astype(np.int64)

        keep = np.flatnonzero(recorded < period.extract_utc)
        keep = keep[np.argsort(recorded[keep], kind="stable")]
        area, group, month, late = area[keep], group[keep], month[keep], late[keep]
        reported, recorded = reported[keep], recorded[keep]
        n = area.size

        from_incident = rng.random(n) < np.array([g.from_incident for g in groups])[group]
        victim = rng.random(n) < np.array([g.victim for g in groups])[group]
        domestic = rng.random(n) < np.array([g.domestic for g in groups])[group]
        hate = rng.random(n) < np.array([g.hate for g in groups])[group]
        sso = np.isin(group, [GROUP_INDEX[g] for g in SERIOUS_SEXUAL_OFFENCES])
        enhanced_p = np.clip(0.12 + 0.5 * (domestic | hate) + 0.4 * sso, 0.0, 0.95)
        enhanced = rng.random(n) < enhanced_p

        # Home Office offence codes: one of the group's codes.
        max_codes = max(len(g.ho_codes) for g in groups)
        code_table = np.array(
            [[*g.ho_codes, *[""] * (max_codes - len(g.ho_codes))] for g in groups]
        )
        n_codes = np.array([len(g.ho_codes) for g in groups])
        pick = np.floor(rng.random(n) * n_codes[group]).astype(np.int64)
        ho_code = code_table[group, pick]

        officer_pool = max(50, int(self.pop.sum() * P.OFFICERS_PER_PERSON))
        officer = rng.integers(1, officer_pool + 1, n)
        victim_pool = max(100, int(victim.sum() * 0.85))
        victim_id = rng.integers(1, victim_pool + 1, n)

        # status: a few cancelled (no-crimed) or transferred to another force.
        cancel_p = np.array([g.cancelled for g in groups])[group]
        u = rng.random(n)
        status = np.where(u < cancel_p, 1, np.where(u < cancel_p + 0.004, 2, 0))
        cancelled = recorded + rng.integers(1 * DAY, 60 * DAY, n)
        status = np.where(cancelled < period.extract_utc, status, 0)
        reason = A.choice(rng, np.array([0.05, 0.45, 0.25, 0.15, 0.10]), n)
        authority = A.choice(rng, np.array([0.0, 0.45, 0.35, 0.15, 0.05]), n)
        authority = np.where(sso, CANCEL_AUTHORITIES.index("dcc"), authority)
        if sig is not None and sig.sso_without_dcc > 0:
            cancelled_month = period.month_index_of_utc(cancelled)
            candidates = np.flatnonzero(
                sso & (status == 1) & (cancelled_month >= n_months - sig.sso_months)
            )
            k = min(sig.sso_without_dcc, candidates.size)
            chosen = np.sort(rng.choice(candidates, size=k, replace=False))
            others = [a for a in CANCEL_AUTHORITIES if a != "dcc"]
            for i, c in enumerate(chosen):
                authority[c] = CANCEL_AUTHORITIES.index(others[i % len(others)])
        is_recorded = status == 0
        is_cancelled = status == 1

        # Local wall-clock times keep their order even across the autumn fall-back hour.
        reported_local = to_london(reported)
        recorded_local = np.maximum(to_london(recorded), reported_local)
        cancelled_local = np.maximum(to_london(cancelled), recorded_local)
        years = A.local_year(recorded_local)
        seq = A.sequence_in_year(years)
        ref = pc.binary_join_element_wise(
            f"{self.force.number:02d}/",
            pc.utf8_lpad(pc.cast(pa.array(seq), pa.string()), 6, "0"),
            "/",
            pc.utf8_lpad(pc.cast(pa.array(years % 100), pa.string()), 2, "0"),
            "",
        )
        crimes = Crimes(
            area=area,
            group=group,
            month=month,
            reported=reported,
            recorded=recorded,
            from_incident=from_incident,
            status=status,
            cancelled=cancelled,
            recorded_day=recorded_local // DAY,
            domestic=domestic,
            hate=hate,
            victim=victim,
            officer=officer,
            late=late,
            ref=ref,
            columns={},
        )
        crimes.columns = {
            "force": A.constant(self.force.code, n),
            "area_code": A.strings(self.area_codes, area),
            "crime_ref": ref,
            "incident_ref": None,  # filled once incidents exist
            "reported_at": local_datetime_strings(reported_local),
            "recorded_at": local_datetime_strings(recorded_local),
            "offence_group": A.strings(OFFENCE_GROUPS, group),
            "ho_offence_code": pa.array(ho_code, type=pa.string()),
            "domestic_abuse": pa.array(domestic),
            "hate_crime": pa.array(hate),
            "victim_ref": A.pseudonyms("V", victim_id, 7, victim),
            "victim_enhanced": pa.array(enhanced, mask=~victim),
            "officer_ref": A.pseudonyms("OFF-", officer, 4),
            "status": A.strings(CRIME_STATUSES, status),
            "cancelled_at": local_datetime_strings(cancelled_local, ~is_recorded),
            "cancel_reason": A.strings(CANCEL_REASONS, reason, is_cancelled),
            "cancel_authority": A.strings(CANCEL_AUTHORITIES, authority, is_cancelled),
        }
        return crimes

    # -- incidents -----------------------------------------------------------------------

    def incidents(self, crimes: Crimes, write: Writer) -> Incidents:
        """Make the incidents (writing them in chunks as they are made) and crimes.csv."""
        rng = self.rng(2)
        period = self.period
        n_months = period.n_months
        n_areas = len(self.area_codes)
        groups = [P.GROUPS[g] for g in OFFENCE_GROUPS]

        # Incidents that recorded crimes came from.
        linked = np.flatnonzero(crimes.from_incident)
        l_opened = np.maximum(
            crimes.reported[linked] - rng.integers(0, 4 * MINUTE, linked.size), period.start_utc
        )
        l_area = crimes.area[linked]
        l_month = period.month_index_of_utc(l_opened)
        grade_mix = np.array([g.grades for g in groups])
        l_grade = A.choice_by_row(rng, grade_mix, crimes.group[linked])

        # Every other incident: the force's volume less the crime-linked ones.
        season = 1.0 + P.INCIDENT_SEASON * np.cos(2 * np.pi * (period.month_of_year - 7) / 12)
        expected = (
            self.pop[:, None]
            * P.INCIDENTS_PER_PERSON
            * season[None, :]
            * period.month_days[None, :]
            / 365.25
        )
        total = rng.poisson(expected)
        already = np.bincount(l_area * n_months + l_month, minlength=n_areas * n_months)
        other = np.maximum(total.ravel() - already, 0)
        cell = np.repeat(np.arange(other.size), other)
        o_opened = self.clock.samplers["general"].sample(rng, cell % n_months)
        o_category = A.choice(rng, P.OTHER_CATEGORY_SHARE, cell.size)
        o_grade = A.choice_by_row(rng, P.OTHER_CATEGORY_GRADES, o_category)
        category_index = np.array([OPENING_CATEGORIES.index(c) for c in P.OTHER_CATEGORIES])

        opened = np.concatenate([l_opened, o_opened])
        order = np.argsort(opened, kind="stable")
        opened = opened[order]
        area = np.concatenate([l_area, cell // n_months])[order]
        grade = np.concatenate([l_grade, o_grade])[order].astype(np.int8)
        category = np.concatenate(
            [np.full(linked.size, OPENING_CATEGORIES.index("crime")), category_index[o_category]]
        )[order].astype(np.int8)
        crime = np.concatenate([linked, np.full(cell.size, -1)])[order]
        del l_opened, l_area, l_month, l_grade, o_opened, o_category, o_grade, cell, order
        n = area.size
        month = period.month_index_of_utc(opened)
        opened_local = to_london(opened)
        years = A.local_year(opened_local)
        ref = A.refs("INC-", years, A.sequence_in_year(years), 7)
        del years

        incident_of_crime = np.full(crimes.area.size, -1, dtype=np.int64)
        incident_of_crime[crime[crime >= 0]] = np.flatnonzero(crime >= 0)
        crimes.columns["incident_ref"] = pc.take(
            ref, pa.array(np.maximum(incident_of_crime, 0), mask=incident_of_crime < 0)
        )
        write("crimes", pa.table(crimes.columns))
        crimes.columns = {}
        crime_ref = pc.take(crimes.ref, pa.array(np.maximum(crime, 0), mask=crime < 0))

        hour = (opened_local // HOUR) % 24
        shift = np.zeros(n, dtype=np.bool_)
        if self.signals is not None:
            shift = np.isin(hour, self.signals.shift_change_hours)
        emergency = grade == 0
        shift_share = float(shift[emergency].mean()) if emergency.any() else 0.0
        del hour, emergency
        for lo in range(0, n, INCIDENT_CHUNK):
            part = slice(lo, min(n, lo + INCIDENT_CHUNK))
            batch = self._incident_chunk(
                rng, area[part], opened[part], opened_local[part], month[part],
                grade[part], category[part], shift[part], shift_share,
            )  # fmt: skip
            batch["incident_ref"] = ref.slice(part.start, part.stop - part.start)
            batch["crime_ref"] = crime_ref.slice(part.start, part.stop - part.start)
            write("incidents", pa.table({c: batch[c] for c in INCIDENT_COLUMNS}))
        return Incidents(month=month, category=category, crime=crime, ref=ref)

    def _incident_chunk(
        self,
        rng: np.random.Generator,
        area: I64,
        opened: I64,
        opened_local: I64,
        month: I64,
        grade: npt.NDArray[np.int8],
        category: npt.NDArray[np.int8],
        shift: Bool,
        shift_share: float,
    ) -> dict[str, pa.Array]:
        """Setting, dispatch, arrival and closing times of a run of incidents."""
        base, sig = self.base, self.signals
        n = area.size
        rural = rng.random(n) < self.rural[area]

        # Attendance (minutes from opened to arrived) by grade. Emergencies: log-normal with
        # the median that puts exactly the target share within 15 (urban) / 20 (rural) minutes.
        sigma = base.emergency_sigma
        attended_p = np.array([base.emergency_attended, 0.95, 0.85, 0.0])[grade]
        attended = rng.random(n) < attended_p
        z = NormalDist().inv_cdf(base.emergency_within_target / base.emergency_attended)
        normal = rng.standard_normal(n)
        minutes = np.exp(np.log(np.where(rural, 20.0, 15.0)) - z * sigma + sigma * normal)
        delay = rng.uniform(0.5, 1.5, n)
        if sig is not None:
            rural_share = float(np.sum(self.pop * self.rural) / self.pop.sum())
            null_mean = np.exp(sigma**2 / 2 - z * sigma) * (15 + 5 * rural_share)
            extra = sig.shift_change_extra_minutes
            ramp = A.ramp(month, self.period.n_months, sig.emergency_ramp_months)
            target_mean = sig.emergency_mean_start_minutes + ramp * (
                sig.emergency_mean_end_minutes - sig.emergency_mean_start_minutes
            )
            minutes *= (target_mean - shift_share * extra) / null_mean
            minutes += shift * extra * delay
        is_priority = grade == 1
        minutes[is_priority] = 28.0 * np.exp(0.7 * normal[is_priority])
        later = grade >= 2
        minutes[later] = rng.uniform(120.0, 72 * 60.0, n)[later]
        travel = np.maximum(np.round(minutes * MINUTE), 30).astype(np.int64)
        del minutes, normal

        share = rng.uniform(0.05, 0.95, n)
        deployed = grade != 3
        arrived = opened + travel
        dispatched = np.where(
            attended,
            opened + (travel * share * np.array([0.3, 0.6, 1.0, 1.0])[grade]).astype(np.int64),
            opened + rng.integers(1 * MINUTE, 30 * MINUTE, n),
        )
        has_dispatch = deployed & (attended | (rng.random(n) < 0.7))
        on_scene = np.exp(np.log(75.0) + 0.8 * rng.standard_normal(n)) * MINUTE
        closed = np.where(
            attended,
            arrived + on_scene.astype(np.int64),
            np.where(deployed, dispatched, opened) + rng.integers(5 * MINUTE, 240 * MINUTE, n),
        )
        extract = self.period.extract_utc
        has_arrival = attended & (arrived < extract)
        has_dispatch &= dispatched < extract
        has_closed = closed < extract

        # Local wall-clock times keep their order even across the autumn fall-back hour.
        dispatched_local = np.maximum(to_london(dispatched), opened_local)
        arrived_local = np.maximum(to_london(arrived), dispatched_local)
        closed_local = np.maximum(
            to_london(closed),
            np.select([attended, deployed], [arrived_local, dispatched_local], opened_local),
        )
        return {
            "force": A.constant(self.force.code, n),
            "area_code": A.strings(self.area_codes, area),
            "opened_at": local_datetime_strings(opened_local),
            "grade": A.strings(INCIDENT_GRADES, grade),
            "opening_category": A.strings(OPENING_CATEGORIES, category),
            "setting": A.strings(SETTINGS, rural.astype(np.int64)),
            "dispatched_at": local_datetime_strings(dispatched_local, has_dispatch),
            "arrived_at": local_datetime_strings(arrived_local, has_arrival),
            "closed_at": local_datetime_strings(closed_local, has_closed),
        }

    # -- outcomes ------------------------------------------------------------------------
