"""The catalogue and the finding kinds are documented, and match the specification."""

from __future__ import annotations

from pathlib import Path

from assurance.findings import KINDS
from assurance.measures import BREAKDOWNS, CATALOGUE, SOURCES

DOCS = Path(__file__).resolve().parents[3] / "docs"

#: The measure ids of the specification (spec/measures.md): stable, all present.
SPECIFIED = (
    "satisfaction.ease_of_contact", "satisfaction.actions_taken", "satisfaction.kept_informed",
    "satisfaction.treatment", "satisfaction.whole_experience", "response.emergency.mean_minutes",
    "response.emergency.median_minutes", "response.emergency.p90_minutes",
    "response.emergency.within_target", "response.priority.within_target", "crime.volume",
    "crime.rate_per_1000", "outcomes.charge_rate", "outcomes.positive_rate",
    "outcomes.community_resolution_share", "outcomes.no_suspect_share",
    "outcomes.evidential_difficulties_share", "integrity.incident_conversion",
    "integrity.recording_accuracy", "integrity.classification_accuracy",
    "integrity.timeliness_24h", "integrity.cancelled_rate", "integrity.sso_cancel_authority",
    "disposals.community_resolutions", "disposals.audit_coverage",
    "disposals.inappropriate_rate",
)  # fmt: skip
SPECIFIED_KINDS = (
    "below-target", "above-target", "special-cause-concern", "special-cause-improvement",
    "outlier-low", "outlier-high", "peer-below", "peer-above", "predicted-breach",
    "weakest-stage", "compliance-breach",
)  # fmt: skip


def test_every_specified_measure_is_in_the_catalogue_once() -> None:
    ids = [m.id for m in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert set(SPECIFIED) <= set(ids)


def test_every_measure_is_documented() -> None:
    text = (DOCS / "measures.md").read_text(encoding="utf-8")
    for m in CATALOGUE:
        assert f"`{m.id}`" in text, m.id
    for dim in BREAKDOWNS:
        assert f"`{dim}`" in text, dim


def test_every_kind_is_documented() -> None:
    text = (DOCS / "findings.md").read_text(encoding="utf-8")
    assert set(SPECIFIED_KINDS) <= set(KINDS)
    for kind in KINDS:
        assert f"`{kind}`" in text, kind


def test_measures_use_what_their_sources_provide() -> None:
    for m in CATALOGUE:
        if not m.additive:
            continue
        source = SOURCES[m.source]
        assert m.numerator in source.metrics, m.id
        den = SOURCES.get(m.denominator_source or m.source)
        if m.denominator and m.denominator != "population":
            assert den is not None and m.denominator in den.metrics, m.id
        assert set(m.series_by) <= set(source.series_dims), m.id
        assert set(m.breakdowns) <= set(source.dims), m.id
        assert m.direction in ("increase", "decrease", "neutral")


def test_methodology_has_the_findings_section() -> None:
    text = (DOCS / "methodology.md").read_text(encoding="utf-8")
    assert "Findings and the false-finding rate" in text
