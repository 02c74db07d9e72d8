"""The generator's feedback steps: victim satisfaction surveys and crime data audits."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assurance.demo import arrays as A
from assurance.demo import profiles as P
from assurance.demo.records import (
    GROUP_INDEX,
    Crimes,
    ForceState,
    G,
    Incidents,
)
from assurance.demo.timeline import (
    F64,
    I64,
    Bool,
    date_array,
)
from assurance.domain.vocabularies import (
    OFFENCE_GROUPS,
    OPENING_CATEGORIES,
    SURVEY_GROUPS,
    SURVEY_STAGES,
)


class FeedbackSteps(ForceState):
    """Mixed into ForceGenerator: survey responses and audits."""

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
        years_of = A.year_of_day(day)
        crime_ref = pc.take(crimes.ref, pa.array(picked, mask=~with_crime))
        return pa.table(
            {
                "force": A.constant(self.force.code, n),
                "area_code": A.strings(self.area_codes, area),
                "response_ref": A.refs("SR-", years_of, A.sequence_in_year(years_of), 5),
                "crime_ref": crime_ref,
                "interviewed_on": date_array(day),
                "survey_group": A.strings(SURVEY_GROUPS, survey_group[picked]),
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
            A.choice(rng, np.array([P.AUDIT_GROUP_WEIGHTS[x] for x in names]), n)
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
        years = A.year_of_day(audited_on)
        return pa.table(
            {
                "force": A.constant(self.force.code, n),
                "audit_ref": A.refs("AUD-", years, A.sequence_in_year(years), 5),
                "incident_ref": pc.take(incidents.ref, pa.array(incident)),
                "audited_on": date_array(audited_on),
                "crime_required": pa.array(required),
                "crime_recorded": pa.array(recorded),
                "classified_correctly": pa.array(correct, mask=~recorded),
                "recorded_within_24h": pa.array(within, mask=~recorded),
                "offence_group": A.strings(OFFENCE_GROUPS, group, required),
            }
        )
