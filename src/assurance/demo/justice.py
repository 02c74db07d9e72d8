"""The generator's justice steps: outcomes of crimes and out of court disposals."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assurance.demo import arrays as A
from assurance.demo import profiles as P
from assurance.demo.records import (
    CODE,
    GROUP_INDEX,
    Crimes,
    ForceState,
)
from assurance.demo.timeline import (
    I64,
    date_array,
)
from assurance.domain.vocabularies import (
    DISPOSAL_TYPES,
    OFFENCE_GROUPS,
    OUTCOME_CODES,
    PANEL_RESULTS,
)


class JusticeSteps(ForceState):
    """Mixed into ForceGenerator: outcomes and disposals."""

    def outcomes(self, crimes: Crimes) -> tuple[pa.Table, dict[str, I64]]:
        rng = self.rng(3)
        period, sig = self.period, self.signals
        n_months = period.n_months
        rows = np.flatnonzero(crimes.status == 0)
        group = crimes.group[rows]
        delay = np.minimum(np.floor(np.exp(np.log(18.0) + rng.standard_normal(rows.size))), 400)
        day = crimes.recorded_day[rows] + delay.astype(np.int64)
        matrix = P.outcome_matrix()
        code = A.choice_by_row(rng, matrix, group)
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
                q * A.ramp(month, n_months, sig.community_resolution_ramp_months), 1
            )
            code = np.where(np.isin(code, sources) & (u[1] < q_month), CODE["8"], code)
            # Domestic burglary: fewer positive outcomes in recent months.
            burglary = group == GROUP_INDEX["burglary-domestic"]
            recent = month >= n_months - sig.burglary_drop_months
            drop = burglary & recent & (code <= P.POSITIVE_MAX_INDEX)
            code = np.where(drop & (u[2] < sig.burglary_positive_drop), CODE["18"], code)

        table = pa.table(
            {
                "force": A.constant(self.force.code, n),
                "crime_ref": pc.take(crimes.ref, pa.array(rows)),
                "outcome_code": A.strings(OUTCOME_CODES, code),
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
        panel_result = A.choice(rng, np.array([0.70, 0.20, 0.08, 0.02]), n)

        years = A.year_of_day(issued)
        return pa.table(
            {
                "force": A.constant(self.force.code, n),
                "disposal_ref": A.refs("OOCD-", years, A.sequence_in_year(years), 6),
                "crime_ref": pc.take(crimes.ref, pa.array(crime)),
                "disposal_type": A.strings(DISPOSAL_TYPES, kind),
                "issued_on": date_array(issued),
                "officer_ref": A.pseudonyms("OFF-", crimes.officer[crime], 4),
                "audited_on": date_array(audited_on, audited),
                "audit_result": A.strings(
                    ("appropriate", "inappropriate"), (~appropriate).astype(np.int64), audited
                ),
                "panel_reviewed_on": date_array(panel_on, panel),
                "panel_result": A.strings(PANEL_RESULTS, panel_result, panel),
            }
        )

    # -- survey --------------------------------------------------------------------------
