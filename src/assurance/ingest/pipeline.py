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
    Problems,
    collect_problems,
    write_problems_report,
    write_quarantine,
)
from assurance.ingest.sources import SourceFile, discover, recognise
from assurance.ingest.summary import DeliverySummary, FileSummary, Problem
from assurance.ingest.validate import (
    ValidatedFile,
    drop_typed,
    drop_validated,
    prepare_staging,
    validate_file,
)
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
    pending = (
        keeping.PendingKeep(root, delivery_id, [s.path for s in sources]) if options.keep else None
    )
    load = _DeliveryLoad(
        warehouse, settings, sources, delivery_id, received_at, options, pending, progress
    )
    try:
        summary = load.run()
    except BaseException:
        if pending is not None:
            pending.discard()
        raise
    return summary


def _next_id(warehouse: Warehouse, root: Path) -> int:
    in_warehouse = int(
        warehouse.scalar("SELECT coalesce(max(delivery_id), 0) FROM deliveries") or 0
    )
    return max(in_warehouse, keeping.highest_kept_id(root)) + 1


class _DeliveryLoad:
    """The state of one delivery's load, from validation to commit."""

    def __init__(
        self,
        warehouse: Warehouse,
        settings: Settings,
        sources: list[SourceFile],
        delivery_id: int,
        received_at: datetime,
        options: LoadOptions,
        pending: keeping.PendingKeep | None,
        progress: Progress | None,
    ) -> None:
        self.warehouse = warehouse
        self.settings = settings
        self.sources = sources
        self.delivery_id = delivery_id
        self.received_at = received_at
        self.options = options
        self.pending = pending
        self.progress = progress
        self.con = warehouse.staging
        self.stamp = received_at.strftime("%Y%m%dT%H%M%SZ")
        self.validated: list[ValidatedFile] = []
        self.summaries: dict[str, FileSummary] = {}
        self._steps = len(sources) * 2 + 1
        self._done = 0

    def tick(self, label: str) -> None:
        if self.progress:
            self.progress(label, self._done, self._steps)
        self._done += 1

    def run(self) -> DeliverySummary:
        try:
            return self._run()
        finally:
            self._free_staging()

    def _free_staging(self) -> None:
        """Drop what validation left in staging, whatever happened (the views first)."""
        for file in self.validated:
            self.warehouse.drop_stage(stage_name(file))
            drop_validated(self.con, file)

    def _run(self) -> DeliverySummary:
        prepare_staging(self.con)
        for i, source in enumerate(self.sources):
            self.tick(f"checking {source.path.name}")
            file = validate_file(self.con, source, f"f{i}", keep_raw=self.options.allow_rejects)
            self.validated.append(file)
            self.summaries[file.name] = FileSummary(
                str(source.path), source.kind, read=file.rows_read, rejected=file.rows_rejected
            )
            log.info(
                "validated %s: %d rows, %d rejected",
                source.path.name,
                file.rows_read,
                file.rows_rejected,
            )
        problems = collect_problems(self.con, self.validated)
        if problems.total and not self.options.allow_rejects:
            raise self._refused(problems)
        result = self._write(invalid_rows=problems.total)
        for summary in result.files:
            if not summary.balanced:  # pragma: no cover - a broken promise is a bug
                raise AssertionError(f"counts do not add up for {summary.path}")
        if self.pending is not None:
            if result.changed:
                result.kept_as = str(self.pending.settle(self.received_at))
            else:
                self.pending.discard()
                result.notes.append(
                    "nothing changed: every row was already in the warehouse; the delivery "
                    "was not kept again"
                )
        return result

    def _write(self, invalid_rows: int) -> DeliverySummary:
        """Stage, check references and merge every file in one transaction. Raising inside
        the transaction (a refusal, an error, a kill) rolls all of it back."""
        wh = self.warehouse
        staged_targets: dict[str, str] = {}
        with wh.transaction():
            for file in self.validated:
                self.tick(f"loading {file.source.path.name}")
                stage(wh, file)
                kind = file.source.kind
                staged_targets[kind] = f"{staged_targets.get(kind, '')} {stage_name(file)}".strip()
            findings = {
                file.name: check_references(
                    wh, file, staged_targets, reject_errors=self.options.allow_rejects
                )
                for file in self.validated
            }
            self._note_warnings(findings)
            errors = _reference_errors(self.validated, findings)
            if errors and not self.options.allow_rejects:
                raise self._refused_references(errors)
            for name, lines in errors.items():
                self.summaries[name].rejected += len(lines)
            self.tick("merging into the warehouse")
            for file in self.validated:
                counts = upsert(wh, file.source.spec, stage_name(file), self.delivery_id)
                summary = self.summaries[file.name]
                summary.inserted = counts.inserted
                summary.updated = counts.updated
                summary.unchanged = counts.unchanged
                wh.drop_stage(stage_name(file))
                drop_typed(self.con, file)
            result = DeliverySummary(self.delivery_id, list(self.summaries.values()), loaded=True)
            if self.options.allow_rejects and (invalid_rows or errors):
                result.quarantine = write_quarantine(
                    self.con, self.settings.reports_dir, self.validated, errors, self.stamp
                )
            if result.changed:
                _record(wh, result, self.sources, self.received_at, self.options, self.pending)
            faults.pause_point()
        return result

    def _note_warnings(self, findings: dict[str, list[ReferenceFinding]]) -> None:
        for name, found in findings.items():
            for finding in found:
                if finding.reference.severity == "warning":
                    example = ", ".join(finding.values[:3]) or "?"
                    self.summaries[name].warnings.append(
                        f"{finding.count} row(s): "
                        + finding.reference.message.format(value=example)
                    )

    def _refused(self, problems: Problems) -> ValidationFailed:
        for file in self.validated:
            summary = self.summaries[file.name]
            summary.errors = problems.shown.get(file.name, [])
            summary.error_count = problems.by_file.get(file.name, 0)
            summary.status = "rejected" if summary.error_count else "not-loaded"
            summary.rejected = summary.read  # a refused delivery writes nothing
        report = write_problems_report(
            self.con, self.settings.reports_dir, self.validated, self.stamp
        )
        return ValidationFailed(
            f"the delivery broke the data contract in {problems.total} place(s) and nothing "
            f"was loaded. The first {min(problems.total, MAX_SHOWN)} are listed; all are in "
            f"{report}. Correct the files and send the delivery again, or load the valid rows "
            "with --allow-rejects.",
            problems_report=str(report),
            summary=self._refused_summary(report),
        )

    def _refused_references(self, errors: dict[str, dict[int, str]]) -> ValidationFailed:
        every: list[Problem] = []
        for file in self.validated:
            summary = self.summaries[file.name]
            lines = errors.get(file.name, {})
            found = [
                Problem(file.source.path.name, line, None, None, "unknown-reference", message)
                for line, message in sorted(lines.items())
            ]
            every.extend(found)
            summary.errors = found[:MAX_SHOWN]
            summary.error_count = len(found)
            summary.status = "rejected" if found else "not-loaded"
            summary.rejected = summary.read
            summary.inserted = summary.updated = summary.unchanged = 0
        report = write_problems_report(
            self.con, self.settings.reports_dir, self.validated, self.stamp, every
        )
        return ValidationFailed(
            f"{len(every)} row(s) name a crime, incident or area that is in neither this "
            f"delivery nor the warehouse, and nothing was loaded. All are listed in {report}. "
            "Send the missing records with the delivery, or load the valid rows with "
            "--allow-rejects.",
            problems_report=str(report),
            summary=self._refused_summary(report),
        )

    def _refused_summary(self, report: Path) -> DeliverySummary:
        return DeliverySummary(
            None, list(self.summaries.values()), loaded=False, problems_report=str(report)
        )


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
            keeping.KeptFile(
                s.path.name, str(s.path), keeping.sha256_of(s.path), s.path.stat().st_size
            )
            for s in sources
        ]
        sha_by_source = {s.path: k.sha256 for s, k in zip(sources, kept, strict=True)}
        kept_as = sources[0].path.parent.name
    mode = "allow-rejects" if options.allow_rejects else "strict"
    origin = options.source or "; ".join(str(s.path) for s in sources)
    totals = [
        sum(getattr(f, attr) for f in result.files)
        for attr in ("read", "inserted", "updated", "unchanged", "rejected")
    ]
    warehouse.execute(
        "INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            result.delivery_id,
            received_at,
            origin,
            kept_as,
            keeping.delivery_sha256(kept),
            mode,
            *totals,
        ),
    )
    for source, summary in zip(sources, result.files, strict=True):
        warehouse.execute(
            "INSERT INTO delivery_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.delivery_id,
                source.path.name,
                source.kind,
                sha_by_source[source.path],
                summary.read,
                summary.inserted,
                summary.updated,
                summary.unchanged,
                summary.rejected,
            ),
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
