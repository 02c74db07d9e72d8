"""Out of court disposals: community resolutions, their audit, and audit results.

Disposals are counted by the month they were issued (``issued_on``). Their area and offence
group come from the crime they dispose of. Force policy is that every community resolution is
audited; a community resolution with no ``audited_on`` breaks it.
"""

from __future__ import annotations

from typing import Any

from assurance.measures.catalogue import Context, Measure, Source
from assurance.measures.expressions import count_if, given, scope_dates

THEME = "disposals"
COMMUNITY_RESOLUTION = "community-resolution"


def _rows(ctx: Context, detail: bool) -> Any:
    t = scope_dates(ctx, ctx.table("disposals"), "issued_on", detail)
    if not detail:
        return t
    c = ctx.table("crimes")
    c = c.filter(ctx.reported(c.force)).select(
        "force", "crime_ref", crime_area="area_code", crime_group="offence_group"
    )
    j = t.left_join(c, ["force", "crime_ref"])
    return j.mutate(area=given(j.crime_area), offence_group=given(j.crime_group))


def _aggregates(t: Any) -> dict[str, Any]:
    cr = t.disposal_type == COMMUNITY_RESOLUTION
    return {
        "cr_issued": count_if(cr),
        "cr_audited": count_if(cr & t.audited_on.notnull()),
        "audited": count_if(t.audit_result.notnull()),
        "inappropriate": count_if(t.audit_result == "inappropriate"),
    }


SOURCE = Source(
    name="disposals",
    dims=("area", "offence_group"),
    metrics=("cr_issued", "cr_audited", "audited", "inappropriate"),
    rows=_rows,
    aggregates=_aggregates,
)

MEASURES: tuple[Measure, ...] = (
    Measure(
        id="disposals.community_resolutions",
        title="Community resolutions issued",
        theme=THEME,
        definition="Number of community resolutions issued (`disposal_type` "
        "`community-resolution`), by month issued.",
        unit="count",
        direction="neutral",
        statistic="count",
        source="disposals",
        numerator="cr_issued",
        breakdowns=("area", "offence_group"),
        target_meaning="a level of use (rarely set)",
        noun="the number of community resolutions",
    ),
    Measure(
        id="disposals.audit_coverage",
        title="Community resolutions audited",
        theme=THEME,
        definition=(
            "Share of community resolutions issued in the window that have been audited "
            "(`audited_on` given). Force policy is 100%: each one not audited is a breach."
        ),
        unit="share",
        direction="increase",
        statistic="proportion",
        source="disposals",
        numerator="cr_audited",
        denominator="cr_issued",
        breakdowns=("area", "offence_group"),
        compliance=True,
        target_meaning="100%: every community resolution is audited",
        noun="the audit of community resolutions",
    ),
    Measure(
        id="disposals.inappropriate_rate",
        title="Disposals audited as inappropriate",
        theme=THEME,
        definition=(
            "Share of audited out of court disposals (any type, `audit_result` given) judged "
            "inappropriate, by month issued."
        ),
        unit="share",
        direction="decrease",
        statistic="proportion",
        source="disposals",
        numerator="inappropriate",
        denominator="audited",
        breakdowns=("area", "offence_group"),
        target_meaning="the share of audited disposals judged inappropriate to stay below",
        noun="the share of audited disposals judged inappropriate",
    ),
)
