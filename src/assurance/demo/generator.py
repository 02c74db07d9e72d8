"""Generate one force's records, vectorised with numpy, as pyarrow tables.

The order of work for a force: crimes (with their reporting and recording times), the incidents
they came from plus every other incident, outcomes, out of court disposals, survey responses
and audits. Every step draws from its own random stream derived from (seed, force, step), so
a force's data does not depend on which other forces are generated with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from assurance.demo import profiles as P
from assurance.demo.forces import Force
from assurance.demo.signals import Baseline, Signals
from assurance.demo.timeline import (
    DAY,
    F64,
    HOUR,
    I64,
    Bool,
    InstantSampler,
    Period,
    date_array,
    local_datetime_strings,
    to_london,
)
from assurance.domain.vocabularies import (
    CANCEL_AUTHORITIES,
    CANCEL_REASONS,
    CRIME_STATUSES,
    DISPOSAL_TYPES,
    INCIDENT_GRADES,
    OFFENCE_GROUPS,
    OPENING_CATEGORIES,
    OUTCOME_CODES,
    PANEL_RESULTS,
    SERIOUS_SEXUAL_OFFENCES,
    SETTINGS,
    SURVEY_GROUPS,
    SURVEY_STAGES,
)

MINUTE = 60
G = len(OFFENCE_GROUPS)
GROUP_INDEX = {name: i for i, name in enumerate(OFFENCE_GROUPS)}
CODE = P.CODE_INDEX


class Clock:
    """Instant samplers for a period (shared by every force of a delivery)."""

    def __init__(self, period: Period) -> None:
        _, hour, wday = period.hour_slots()
        week = P.WEEKDAY[wday]
        late_weekend = ((wday == 4) | (wday == 5)) & (hour >= 21)
        early_weekend = ((wday == 5) | (wday == 6)) & (hour < 4)
        night_boost = np.where(late_weekend | early_weekend, P.WEEKEND_NIGHT, 1.0)
        self.period = period
        self.samplers = {
            "general": InstantSampler(period, P.HOURLY_GENERAL[hour] * week),
            "night": InstantSampler(period, P.HOURLY_NIGHT[hour] * week * night_boost),
            "day": InstantSampler(period, P.HOURLY_DAY[hour] * week),
        }


@dataclass
class Crimes:
    area: I64
    group: I64
    month: I64  # period month of the report
    reported: I64  # utc seconds
    recorded: I64
    from_incident: Bool
    status: I64  # index into CRIME_STATUSES
    cancelled: I64  # utc seconds, valid where status != recorded
    recorded_day: I64  # local day of recording
    domestic: Bool
    hate: Bool
    victim: Bool
    officer: I64  # pseudonymous officer number
    late: Bool  # recorded more than 24 hours after the report
    ref: pa.Array
    #: the crimes.csv columns; ``incident_ref`` is filled in once incidents exist.
    columns: dict[str, pa.Array | None]


@dataclass
class Incidents:
    month: I64  # period month opened
    category: npt.NDArray[np.int8]
    crime: I64  # index into crimes, -1 when none
    ref: pa.Array


Writer = Callable[[str, pa.Table], None]
#: incidents are generated, formatted and written this many at a time (bounded memory).
INCIDENT_CHUNK = 250_000
INCIDENT_COLUMNS = (
    "force", "area_code", "incident_ref", "opened_at", "grade", "opening_category", "setting",
    "dispatched_at", "arrived_at", "closed_at", "crime_ref",
)  # fmt: skip


# ---- helpers -----------------------------------------------------------------------------


def _strings(
    values: tuple[str, ...], index: npt.NDArray[np.integer], valid: Bool | None = None
) -> pa.Array:
    """Codes by index, as a string array (null where not valid)."""
    dictionary = pa.array(values, type=pa.string())
    indices = pa.array(index.astype(np.int32), mask=None if valid is None else ~valid)
    return pc.take(dictionary, indices)


def _constant(value: str, n: int) -> pa.Array:
    return pa.repeat(pa.scalar(value, pa.string()), n)


def _refs(prefix: str, years: I64, seq: I64, width: int, sep: str = "-") -> pa.Array:
    """``<prefix><year><sep><zero padded seq>`` references."""
    year = pc.cast(pa.array(years), pa.string())
    number = pc.utf8_lpad(pc.cast(pa.array(seq), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, year, sep, number, "")


def _pseudonyms(prefix: str, ids: I64, width: int, valid: Bool | None = None) -> pa.Array:
    number = pc.utf8_lpad(pc.cast(pa.array(ids), pa.string()), width, "0")
    out = pc.binary_join_element_wise(prefix, number, "")
    if valid is not None:
        out = pc.if_else(pa.array(valid), out, pa.scalar(None, pa.string()))
    return out


def _sequence_in_year(years: I64) -> I64:
    """1-based running number within each year of an array sorted by time."""
    starts = np.searchsorted(years, years, side="left")
    return (np.arange(years.size) - starts + 1).astype(np.int64)


def _local_year(local_seconds: I64) -> I64:
    return local_seconds.astype("datetime64[s]").astype("datetime64[Y]").astype(np.int64) + 1970


def _year_of_day(days: I64) -> I64:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def _choice(rng: np.random.Generator, probs: F64, n: int) -> I64:
    cum = np.cumsum(probs / probs.sum())
    return np.minimum(np.searchsorted(cum, rng.random(n), side="right"), len(probs) - 1)


def _choice_by_row(rng: np.random.Generator, probs: F64, rows: I64) -> I64:
    """Draw a column index per element, with the probabilities of row ``rows[i]``."""
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(rows.size)
    out = np.empty(rows.size, dtype=np.int64)
    for r in np.unique(rows):
        sel = rows == r
        out[sel] = np.searchsorted(cum[r], u[sel], side="right")
    chosen: I64 = np.minimum(out, probs.shape[1] - 1)
    return chosen


def _ramp(month: I64, n_months: int, ramp_months: int) -> F64:
    """0 before the last ``ramp_months`` months, rising linearly to 1 at the last month."""
    begin = n_months - 1 - ramp_months
    return np.clip((month - begin) / max(ramp_months, 1), 0.0, 1.0)


# ---- the force ---------------------------------------------------------------------------


class ForceGenerator:
    """Makes every record file of one force."""

    def __init__(
        self,
        force: Force,
        clock: Clock,
        seed: int,
        signals: Signals | None,
        baseline: Baseline,
    ) -> None:
        self.force = force
        self.clock = clock
        self.period = clock.period
        self.seed = seed
        self.signals = signals if force.planted else None
        self.base = baseline
        self.pop = np.array([a.population for a in force.areas], dtype=np.float64)
        self.rural = np.array([a.rural_share for a in force.areas], dtype=np.float64)
        self.area_codes = tuple(a.code for a in force.areas)

    def rng(self, stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, self.force.key, stream])

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
        reason = _choice(rng, np.array([0.05, 0.45, 0.25, 0.15, 0.10]), n)
        authority = _choice(rng, np.array([0.0, 0.45, 0.35, 0.15, 0.05]), n)
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
        years = _local_year(recorded_local)
        seq = _sequence_in_year(years)
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
            "force": _constant(self.force.code, n),
            "area_code": _strings(self.area_codes, area),
            "crime_ref": ref,
            "incident_ref": None,  # filled once incidents exist
            "reported_at": local_datetime_strings(reported_local),
            "recorded_at": local_datetime_strings(recorded_local),
            "offence_group": _strings(OFFENCE_GROUPS, group),
            "ho_offence_code": pa.array(ho_code, type=pa.string()),
            "domestic_abuse": pa.array(domestic),
            "hate_crime": pa.array(hate),
            "victim_ref": _pseudonyms("V", victim_id, 7, victim),
            "victim_enhanced": pa.array(enhanced, mask=~victim),
            "officer_ref": _pseudonyms("OFF-", officer, 4),
            "status": _strings(CRIME_STATUSES, status),
            "cancelled_at": local_datetime_strings(cancelled_local, ~is_recorded),
            "cancel_reason": _strings(CANCEL_REASONS, reason, is_cancelled),
            "cancel_authority": _strings(CANCEL_AUTHORITIES, authority, is_cancelled),
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
        l_grade = _choice_by_row(rng, grade_mix, crimes.group[linked])

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
        o_category = _choice(rng, P.OTHER_CATEGORY_SHARE, cell.size)
        o_grade = _choice_by_row(rng, P.OTHER_CATEGORY_GRADES, o_category)
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
        years = _local_year(opened_local)
        ref = _refs("INC-", years, _sequence_in_year(years), 7)
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
            ramp = _ramp(month, self.period.n_months, sig.emergency_ramp_months)
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
            "force": _constant(self.force.code, n),
            "area_code": _strings(self.area_codes, area),
            "opened_at": local_datetime_strings(opened_local),
            "grade": _strings(INCIDENT_GRADES, grade),
            "opening_category": _strings(OPENING_CATEGORIES, category),
            "setting": _strings(SETTINGS, rural.astype(np.int64)),
            "dispatched_at": local_datetime_strings(dispatched_local, has_dispatch),
            "arrived_at": local_datetime_strings(arrived_local, has_arrival),
            "closed_at": local_datetime_strings(closed_local, has_closed),
        }

    # -- outcomes ------------------------------------------------------------------------

    def outcomes(self, crimes: Crimes) -> tuple[pa.Table, dict[str, I64]]:
        rng = self.rng(3)
        period, sig = self.period, self.signals
        n_months = period.n_months
        rows = np.flatnonzero(crimes.status == 0)
        group = crimes.group[rows]
        delay = np.minimum(np.floor(np.exp(np.log(18.0) + rng.standard_normal(rows.size))), 400)
        day = crimes.recorded_day[rows] + delay.astype(np.int64)
        matrix = P.outcome_matrix()
        code = _choice_by_row(rng, matrix, group)
        keep = day <= period.last_day
        rows, group, day, code = rows[keep], group[keep], day[keep], code[keep]
        month = period.month_index_of_day(day)
        n = rows.size

        if sig is not None:
            share = np.array([P.GROUPS[g].share for g in OFFENCE_GROUPS])
            mix = (share / share.sum()) @ matrix  # expected share of each code
            u = rng.random((3, n))
            # West Mercia above its peers: more charges instead of no further action.
            weaker = [CODE[c] for c in ("14", "15", "16", "18", "21")]
            convertible = np.isin(code, weaker)
            p = sig.positive_outcome_uplift / mix[weaker].sum()
            code = np.where(convertible & (u[0] < p), CODE["1"], code)
            # Community resolutions replace cautions and penalty notices, growing linearly.
            sources = [CODE[c] for c in ("2", "3", "6")]
            q = sig.community_resolution_growth * mix[CODE["8"]] / mix[sources].sum()
            q_month = np.minimum(
                q * _ramp(month, n_months, sig.community_resolution_ramp_months), 1
            )
            code = np.where(np.isin(code, sources) & (u[1] < q_month), CODE["8"], code)
            # Domestic burglary: fewer positive outcomes in recent months.
            burglary = group == GROUP_INDEX["burglary-domestic"]
            recent = month >= n_months - sig.burglary_drop_months
            drop = burglary & recent & (code <= P.POSITIVE_MAX_INDEX)
            code = np.where(drop & (u[2] < sig.burglary_positive_drop), CODE["18"], code)

        table = pa.table(
            {
                "force": _constant(self.force.code, n),
                "crime_ref": pc.take(crimes.ref, pa.array(rows)),
                "outcome_code": _strings(OUTCOME_CODES, code),
                "outcome_at": date_array(day),
            }
        )
        return table, {"crime": rows, "code": code, "day": day, "month": month}

    # -- disposals -----------------------------------------------------------------------

    def disposals(self, crimes: Crimes, outcomes: dict[str, I64]) -> pa.Table:
        rng = self.rng(4)
        period, base, sig = self.period, self.base, self.signals
        code = outcomes["code"]
        by_code = {CODE["2"]: 1, CODE["3"]: 2, CODE["6"]: 4, CODE["7"]: 5, CODE["8"]: 0}
        sel = np.flatnonzero(np.isin(code, list(by_code)))
        kind = np.zeros(sel.size, dtype=np.int64)
        for c, k in by_code.items():
            kind[code[sel] == c] = k
        conditional = (kind == 2) & (rng.random(sel.size) < 0.25)
        kind[conditional] = DISPOSAL_TYPES.index("conditional-caution")
        issued = outcomes["day"][sel]
        crime = outcomes["crime"][sel]
        order = np.lexsort((crime, issued))
        sel, kind, issued, crime = sel[order], kind[order], issued[order], crime[order]
        n = sel.size
        month = period.month_index_of_day(issued)

        is_cr = kind == 0
        audited = is_cr | (rng.random(n) < base.other_disposal_audit_share)
        audited_on = np.minimum(issued + rng.integers(3, 46, n), period.last_day)
        if sig is not None:
            counts = sig.unaudited_community_resolutions
            for k, count in enumerate(counts):
                target_month = period.n_months - len(counts) + k
                pool = np.flatnonzero(is_cr & (month == target_month))
                if target_month < 0 or count <= 0 or pool.size == 0:
                    continue
                chosen = rng.choice(pool, size=min(count, pool.size), replace=False)
                audited[chosen] = False
        appropriate = rng.random(n) < 0.94
        panel_on = issued + rng.integers(30, 121, n)
        panel = (rng.random(n) < 0.04) & (panel_on <= period.last_day)
        panel_result = _choice(rng, np.array([0.70, 0.20, 0.08, 0.02]), n)

        years = _year_of_day(issued)
        return pa.table(
            {
                "force": _constant(self.force.code, n),
                "disposal_ref": _refs("OOCD-", years, _sequence_in_year(years), 6),
                "crime_ref": pc.take(crimes.ref, pa.array(crime)),
                "disposal_type": _strings(DISPOSAL_TYPES, kind),
                "issued_on": date_array(issued),
                "officer_ref": _pseudonyms("OFF-", crimes.officer[crime], 4),
                "audited_on": date_array(audited_on, audited),
                "audit_result": _strings(
                    ("appropriate", "inappropriate"), (~appropriate).astype(np.int64), audited
                ),
                "panel_reviewed_on": date_array(panel_on, panel),
                "panel_result": _strings(PANEL_RESULTS, panel_result, panel),
            }
        )

    # -- survey --------------------------------------------------------------------------

    def satisfaction_levels(self) -> F64:
        """Satisfied share per (area, stage)."""
        n_areas = len(self.area_codes)
        sig = self.signals
        if sig is None:
            return np.full((n_areas, len(SURVEY_STAGES)), self.base.satisfaction)
        stage = np.array([sig.stage_levels()[s] for s in SURVEY_STAGES])
        offsets = np.array([sig.area_offset(a) for a in self.area_codes], dtype=object)
        listed = np.array([o is not None for o in offsets])
        weight = self.pop / self.pop.sum()
        delta = np.where(listed, [o if o is not None else 0.0 for o in offsets], 0.0)
        if (~listed).any():
            fill = -float(np.sum(weight * delta)) / float(weight[~listed].sum())
            delta = np.where(listed, delta, fill)
        levels: F64 = np.clip(stage[None, :] + delta[:, None].astype(np.float64), 0.02, 0.995)
        return levels

    def surveys(self, crimes: Crimes) -> pa.Table:
        rng = self.rng(5)
        period = self.period
        g = crimes.group
        violent = np.isin(
            g, [GROUP_INDEX["violence-with-injury"], GROUP_INDEX["violence-without-injury"]]
        )
        da_groups = [
            GROUP_INDEX[x]
            for x in ("violence-with-injury", "violence-without-injury", "stalking-harassment")
        ]
        survey_group = np.full(g.size, -1)
        survey_group[g == GROUP_INDEX["vehicle-offences"]] = SURVEY_GROUPS.index("vehicle-crime")
        survey_group[g == GROUP_INDEX["burglary-domestic"]] = SURVEY_GROUPS.index("burglary")
        survey_group[violent & ~crimes.domestic] = SURVEY_GROUPS.index("violent-crime")
        survey_group[np.isin(g, da_groups) & crimes.domestic] = SURVEY_GROUPS.index(
            "domestic-abuse"
        )
        survey_group[crimes.hate] = SURVEY_GROUPS.index("hate-crime")
        eligible = (crimes.status == 0) & crimes.victim & (survey_group >= 0)
        survey_group[~eligible] = -1

        interview = crimes.recorded_day + rng.integers(42, 85, g.size)
        in_period = (interview >= period.first_day) & (interview <= period.last_day)
        years = (period.last_day - period.first_day + 1) / 365.25
        per_year = P.SURVEYS_PER_PERSON * self.pop.sum()
        p = np.zeros(len(SURVEY_GROUPS))
        for k, name in enumerate(SURVEY_GROUPS):
            available = np.count_nonzero(survey_group == k) / years
            if available > 0:
                p[k] = min(1.0, per_year * P.SURVEY_GROUP_SHARE[name] / available)
        chance = np.where(survey_group >= 0, p[np.maximum(survey_group, 0)], 0.0)
        picked = np.flatnonzero(in_period & (rng.random(g.size) < chance))
        day = interview[picked]
        order = np.lexsort((picked, day))
        picked, day = picked[order], day[order]
        n = picked.size
        area = crimes.area[picked]

        levels = self.satisfaction_levels()
        rho = P.SURVEY_CORRELATION
        shared = rng.standard_normal(n)
        ratings: dict[str, pa.Array] = {}
        inv = NormalDist().inv_cdf
        for s, stage in enumerate(SURVEY_STAGES):
            latent = np.sqrt(rho) * shared + np.sqrt(1 - rho) * rng.standard_normal(n)
            level = levels[:, s]
            cuts = np.stack(
                [level * 0.30, level * 0.75, level, level + (1 - level) * 0.30,
                 level + (1 - level) * 0.60, level + (1 - level) * 0.85],
                axis=1,
            )  # fmt: skip
            z_cuts = np.vectorize(inv)(np.clip(cuts, 1e-6, 1 - 1e-6))
            rating = 1 + (latent[:, None] > z_cuts[area]).sum(axis=1)
            answered = rng.random(n) >= P.SURVEY_MISSING[stage]
            ratings[stage] = pa.array(rating.astype(np.int8), mask=~answered)
        with_crime = rng.random(n) >= 0.03
        years_of = _year_of_day(day)
        crime_ref = pc.take(crimes.ref, pa.array(picked, mask=~with_crime))
        return pa.table(
            {
                "force": _constant(self.force.code, n),
                "area_code": _strings(self.area_codes, area),
                "response_ref": _refs("SR-", years_of, _sequence_in_year(years_of), 5),
                "crime_ref": crime_ref,
                "interviewed_on": date_array(day),
                "survey_group": _strings(SURVEY_GROUPS, survey_group[picked]),
                **ratings,
            }
        )

    # -- audits --------------------------------------------------------------------------

    def audits(self, crimes: Crimes, incidents: Incidents) -> pa.Table:
        rng = self.rng(6)
        period, base, sig = self.period, self.base, self.signals
        n_months = period.n_months
        crime = incidents.crime
        linked = crime >= 0
        crime_group = np.where(linked, crimes.group[np.maximum(crime, 0)], -1)
        crime_ok = linked & (crimes.status[np.maximum(crime, 0)] == 0)
        cat = incidents.category
        crime_cat = cat == OPENING_CATEGORIES.index("crime")
        auditable = np.isin(
            cat, [OPENING_CATEGORIES.index(c) for c in ("crime", "asb", "public-safety")]
        )

        def pool(mask: Bool, key: I64) -> tuple[I64, I64]:
            idx = np.flatnonzero(mask)
            order = np.argsort(key[idx], kind="stable")
            return idx[order], key[idx][order]

        pool_a = pool(crime_ok, incidents.month * G + np.maximum(crime_group, 0))
        pool_b = pool(~linked & crime_cat, incidents.month)
        pool_c = pool(~linked & auditable, incidents.month)

        def pick(p: tuple[I64, I64], keys: I64) -> I64:
            idx, sorted_keys = p
            if idx.size == 0:
                return np.full(keys.size, -1, dtype=np.int64)
            lo = np.searchsorted(sorted_keys, keys, side="left")
            hi = np.searchsorted(sorted_keys, keys, side="right")
            chosen = lo + np.floor(rng.random(keys.size) * (hi - lo)).astype(np.int64)
            return np.where(hi > lo, idx[np.minimum(chosen, idx.size - 1)], -1)

        counts = rng.poisson(P.AUDITS_PER_PERSON_MONTH * self.pop.sum(), n_months)
        audit_month = np.repeat(np.arange(n_months), counts)
        n = audit_month.size
        source_month = np.maximum(audit_month - 1, 0)
        names = list(P.AUDIT_GROUP_WEIGHTS)
        group = np.array([GROUP_INDEX[x] for x in names])[
            _choice(rng, np.array([P.AUDIT_GROUP_WEIGHTS[x] for x in names]), n)
        ]
        required = rng.random(n) < P.AUDIT_CRIME_REQUIRED
        accuracy = np.full(n, base.recording_accuracy)
        classification = np.full(n, base.classification_accuracy)
        if sig is not None:
            low = np.isin(group, [GROUP_INDEX[x] for x in sig.low_accuracy_groups])
            accuracy[low] = sig.low_recording_accuracy
            drop = np.isin(group, [GROUP_INDEX[x] for x in sig.compliance_drop_groups])
            drop &= audit_month >= n_months - sig.compliance_drop_months
            classification[drop] = sig.classification_after_drop
        recorded = required & (rng.random(n) < accuracy)
        correct = rng.random(n) < classification
        incident = np.where(
            recorded,
            pick(pool_a, source_month * G + group),
            np.where(required, pick(pool_b, source_month), pick(pool_c, source_month)),
        )
        day_in_month = np.floor(rng.random(n) * period.month_days[audit_month]).astype(np.int64)
        audited_on = np.where(
            audit_month == 0,
            period.month_first_day[1] - 1,
            period.month_first_day[audit_month] + day_in_month,
        )
        # drop audits with no incident to audit and repeated incidents
        found = np.flatnonzero(incident >= 0)
        _, first = np.unique(incident[found], return_index=True)
        keep = np.sort(found[first])
        order = np.lexsort((keep, audited_on[keep]))
        keep = keep[order]
        incident, audited_on = incident[keep], audited_on[keep]
        recorded, required, correct, group = (
            recorded[keep],
            required[keep],
            correct[keep],
            group[keep],
        )
        n = keep.size
        within = ~crimes.late[np.maximum(crime[incident], 0)]
        years = _year_of_day(audited_on)
        return pa.table(
            {
                "force": _constant(self.force.code, n),
                "audit_ref": _refs("AUD-", years, _sequence_in_year(years), 5),
                "incident_ref": pc.take(incidents.ref, pa.array(incident)),
                "audited_on": date_array(audited_on),
                "crime_required": pa.array(required),
                "crime_recorded": pa.array(recorded),
                "classified_correctly": pa.array(correct, mask=~recorded),
                "recorded_within_24h": pa.array(within, mask=~recorded),
                "offence_group": _strings(OFFENCE_GROUPS, group, required),
            }
        )
