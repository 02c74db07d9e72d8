"""Loading one delivery: recognise → validate every file → one transaction → keep.

The promises of the data contract are kept here:

- every row read is loaded (inserted, updated or unchanged) or rejected with a reason;
- strict by default: any invalid row rejects the whole delivery and nothing is written;
  with ``allow_rejects`` the valid rows load and the others go to a quarantine CSV;
- one transaction per delivery: a failure or a kill leaves the warehouse as it was;
- every delivery that changed something is kept as received, with checksums.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assurance.config import Settings
from assurance.domain.contract import RECORD_FILES
from assurance.domain.police_uk import OUTCOMES as PUK_OUTCOMES
from assurance.domain.police_uk import STREET as PUK_STREET
from assurance.errors import DeliveryError, ValidationFailed
from assurance.ingest import faults, keeping
from assurance.ingest.load import ReferenceFinding, check_references, stage, stage_name, upsert
from assurance.ingest.problems import (
    MAX_SHOWN,
    collect_problems,
    write_problems_report,
    write_quarantine,
)
from assurance.ingest.sources import SourceFile, discover, recognise
from assurance.ingest.summary import DeliverySummary, FileSummary, Problem
from assurance.ingest.validate import ValidatedFile, prepare_staging, validate_file
from assurance.warehouse.base import Warehouse

log = logging.getLogger(__name__)

#: progress(step description, steps done, steps in all)
Progress = Callable[[str, int, int], None]

_ORDER = {spec.kind: i for i, spec in enumerate((*RECORD_FILES, PUK_STREET, PUK_OUTCOMES))}


@dataclass(frozen=True)
class LoadOptions:
    allow_rejects: bool = False
    keep: bool = True  # False when replaying kept deliveries (rebuild)
    delivery_id: int | None = None  # given when replaying
    received_at: datetime | None = None
    source: str | None = None  # the original source, when replaying


def recognise_all(paths: list[Path]) -> list[SourceFile]:
    """Recognise every file, collecting all whole-file problems before refusing."""
    sources, refusals = [], []
    for path in discover(paths):
        try:
            sources.append(recognise(path))
        except DeliveryError as exc:
            refusals.append(str(exc))
    if refusals:
        raise DeliveryError(
            "the delivery was refused and nothing was loaded:\n  - " + "\n  - ".join(refusals)
        )
    return sorted(sources, key=lambda s: _ORDER[s.kind])


def load_delivery(
    warehouse: Warehouse,
    settings: Settings,
    paths: list[Path],
    options: LoadOptions = LoadOptions(),
    progress: Progress | None = None,
) -> DeliverySummary:
    """Load one delivery (a folder, or files given together). See the module docstring."""
    sources = recognise_all(paths)
    received_at = options.received_at or datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    root = settings.deliveries_dir
    if options.keep:
        loaded = {int(r[0]) for r in warehouse.fetchall("SELECT delivery_id FROM deliveries")}
        for note in keeping.settle_leftovers(root, loaded):
            log.warning("%s", note)
    delivery_id = options.delivery_id or _next_id(warehouse, root)
    pending = keeping.PendingKeep(root, delivery_id, [s.path for s in sources]) if options.keep else None
    try:
        summary = _load(warehouse, settings, sources, delivery_id, received_at, options, pending, progress)
    except BaseException:
        if pending is not None:
            pending.discard()
        raise
    return summary


def _next_id(warehouse: Warehouse, root: Path) -> int:
    in_warehouse = int(warehouse.scalar("SELECT coalesce(max(delivery_id), 0) FROM deliveries") or 0)
    return max(in_warehouse, keeping.highest_kept_id(root)) + 1


def _load(
    warehouse: Warehouse,
    settings: Settings,
    sources: list[SourceFile],
    delivery_id: int,
    received_at: datetime,
    options: LoadOptions,
    pending: keeping.PendingKeep | None,
    progress: Progress | None,
) -> DeliverySummary:
    steps = len(sources) * 2 + 1
    done = 0

    def tick(label: str) -> None:
        nonlocal done
        if progress:
            progress(label, done, steps)
        done += 1

    con = warehouse.staging
    prepare_staging(con)
    validated: list[ValidatedFile] = []
    summaries: dict[str, FileSummary] = {}
    for i, source in enumerate(sources):
        tick(f"checking {source.path.name}")
        file = validate_file(con, source, f"f{i}")
        validated.append(file)
        summaries[file.name] = FileSummary(
            str(source.path), source.kind, read=file.rows_read, rejected=file.rows_rejected
        )
        log.info("validated %s: %d rows, %d rejected", source.path.name, file.rows_read, file.rows_rejected)
    stamp = received_at.strftime("%Y%m%dT%H%M%SZ")
    problems = collect_problems(con, validated)
    if problems.total and not options.allow_rejects:
        return _refuse(con, settings, validated, summaries, problems, stamp, delivery_id)

    try:
        result = _write(warehouse, settings, validated, summaries, problems.total, delivery_id,
                        received_at, stamp, options, pending, sources, tick)
    except _Abort as abort:
        raise abort.error from None
    for summary in result.files:
        if not summary.balanced:  # pragma: no cover - a broken promise is a bug
            raise AssertionError(f"counts do not add up for {summary.path}")
    if pending is not None:
        if result.changed:
            result.kept_as = str(pending.settle(received_at))
        else:
            pending.discard()
            result.notes.append(
                "nothing changed: every row was already in the warehouse; the delivery was not "
                "kept again"
            )
    return result


def _write(  # type: ignore[no-untyped-def]
    warehouse: Warehouse, settings: Settings, validated, summaries, invalid_rows: int,
    delivery_id: int, received_at: datetime, stamp: str, options: LoadOptions,
    pending: keeping.PendingKeep | None, sources: list[SourceFile], tick,
) -> DeliverySummary:
    """Stage, check references and merge every file in one transaction."""
    con = warehouse.staging
    staged_targets: dict[str, str] = {}
    ref_problems: dict[str, list[ReferenceFinding]] = {}
    with warehouse.transaction():
        for file in validated:
            tick(f"loading {file.source.path.name}")
            stage(warehouse, file)
            kind = file.source.kind
            staged_targets[kind] = (staged_targets.get(kind, "") + " " + stage_name(file)).strip()
        for file in validated:
            findings = check_references(
                warehouse, file, staged_targets, reject_errors=options.allow_rejects
            )
            ref_problems[file.name] = findings
            summary = summaries[file.name]
            for finding in findings:
                text = finding.reference.message
                if finding.reference.severity == "warning":
                    example = ", ".join(finding.values[:3])
                    summary.warnings.append(
                        f"{finding.count} row(s): " + text.format(value=example or "?")
                    )
        errors = _reference_errors(validated, ref_problems)
        if errors and not options.allow_rejects:
            refused = _refuse_references(con, settings, validated, summaries, errors, stamp)
            raise _Abort(refused)
        for file, lines in errors.items():
            summaries[file].rejected += len(lines)
        tick("merging into the warehouse")
        for file in validated:
            counts = upsert(warehouse, file.source.spec, stage_name(file), delivery_id)
            summary = summaries[file.name]
            summary.inserted, summary.updated, summary.unchanged = (
                counts.inserted, counts.updated, counts.unchanged,
            )
            warehouse.drop_stage(stage_name(file))
        result = DeliverySummary(delivery_id, list(summaries.values()), loaded=True)
        if options.allow_rejects and (invalid_rows or errors):
            result.quarantine = write_quarantine(
                con, settings.reports_dir, validated, errors, stamp
            )
        if result.changed:
            _record(warehouse, result, sources, received_at, options, pending)
        faults.pause_point()
    return result


class _Abort(Exception):
    def __init__(self, error: ValidationFailed) -> None:
        super().__init__(str(error))
        self.error = error


def _reference_errors(
    validated: list[ValidatedFile], findings: dict[str, list[ReferenceFinding]]
) -> dict[str, dict[int, str]]:
    """Lines of each file broken by an error-severity reference, with the reason."""
    out: dict[str, dict[int, str]] = {}
    for file in validated:
        for finding in findings.get(file.name, []):
            if finding.reference.severity != "error":
                continue
            lines = out.setdefault(file.name, {})
            for line, value in zip(finding.lines, finding.values, strict=True):
                lines.setdefault(line, finding.reference.message.format(value=value))
    return out


def _refuse(con, settings, validated, summaries, problems, stamp, delivery_id) -> DeliverySummary:  # type: ignore[no-untyped-def]
    for file in validated:
        summary = summaries[file.name]
        summary.errors = problems.shown.get(file.name, [])
        summary.error_count = problems.by_file.get(file.name, 0)
        summary.status = "rejected" if summary.error_count else "not-loaded"
        # A refused delivery writes nothing: every row read counts as rejected.
        summary.rejected = summary.read
    report = write_problems_report(con, settings.reports_dir, validated, stamp)
    raise ValidationFailed(
        f"the delivery broke the data contract in {problems.total} place(s) and nothing was "
        f"loaded. The first {min(problems.total, MAX_SHOWN)} are listed; all are in {report}. "
        "Correct the files and send the delivery again, or load the valid rows with "
        "--allow-rejects.",
        problems_report=str(report),
        summary=DeliverySummary(delivery_id, list(summaries.values()), loaded=False,
                                problems_report=str(report)),
    )


def _refuse_references(con, settings, validated, summaries, errors, stamp) -> ValidationFailed:  # type: ignore[no-untyped-def]
    extra: list[Problem] = []
    total = 0
    for file in validated:
        summary = summaries[file.name]
        lines = errors.get(file.name, {})
        total += len(lines)
        shown = [
            Problem(Path(summary.path).name, line, None, None, "unknown-reference", message)
            for line, message in sorted(lines.items())
        ]
        extra.extend(shown)
        summary.errors = shown[:MAX_SHOWN]
        summary.error_count = len(lines)
        summary.status = "rejected" if lines else "not-loaded"
        summary.rejected = summary.read
        summary.inserted = summary.updated = summary.unchanged = 0
    report = write_problems_report(con, settings.reports_dir, validated, stamp, extra)
    return ValidationFailed(
        f"{total} row(s) name a crime, incident or area that is in neither this delivery nor "
        f"the warehouse, and nothing was loaded. All are listed in {report}. Send the missing "
        "records with the delivery, or load the valid rows with --allow-rejects.",
        problems_report=str(report),
        summary=DeliverySummary(None, list(summaries.values()), loaded=False,
                                problems_report=str(report)),
    )


def _record(
    warehouse: Warehouse,
    result: DeliverySummary,
    sources: list[SourceFile],
    received_at: datetime,
    options: LoadOptions,
    pending: keeping.PendingKeep | None,
) -> None:
    """Record the delivery and its files in the warehouse (inside the load transaction)."""
    assert result.delivery_id is not None
    if pending is not None:
        kept = pending.files()
        sha_by_source = pending.sha_by_source()
        kept_as = keeping.final_name(result.delivery_id, received_at)
    else:
        kept = [
            keeping.KeptFile(s.path.name, str(s.path), keeping.sha256_of(s.path), s.path.stat().st_size)
            for s in sources
        ]
        sha_by_source = {s.path: k.sha256 for s, k in zip(sources, kept, strict=True)}
        kept_as = sources[0].path.parent.name
    mode = "allow-rejects" if options.allow_rejects else "strict"
    origin = options.source or "; ".join(str(s.path) for s in sources)
    totals = [sum(getattr(f, attr) for f in result.files) for attr in
              ("read", "inserted", "updated", "unchanged", "rejected")]
    warehouse.execute(
        "INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (result.delivery_id, received_at, origin, kept_as,
         keeping.delivery_sha256(kept), mode, *totals),
    )
    for source, summary in zip(sources, result.files, strict=True):
        warehouse.execute(
            "INSERT INTO delivery_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (result.delivery_id, source.path.name, source.kind, sha_by_source[source.path],
             summary.read, summary.inserted, summary.updated, summary.unchanged, summary.rejected),
        )
    if pending is not None:
        pending.write_manifest(
            {
                "delivery_id": result.delivery_id,
                "received_at": received_at.isoformat(),
                "mode": mode,
                "source": origin,
                "sha256": keeping.delivery_sha256(kept),
                "files": [vars(k) for k in kept],
            }
        )
