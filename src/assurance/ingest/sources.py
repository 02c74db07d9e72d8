"""Finding the files of a delivery and recognising what each one is.

A contract file is recognised by its name (``crimes.csv``, ``crimes.parquet``); a
data.police.uk archive file by its header. Anything else is refused with a message saying what
to do, before anything is read into the warehouse.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assurance.domain.contract import BY_KIND, RecordFile
from assurance.domain.police_uk import ARCHIVE_FILES
from assurance.errors import DeliveryError

Format = Literal["csv", "parquet"]
Origin = Literal["contract", "police-uk"]

_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One file of a delivery, recognised and with its header checked."""

    path: Path
    spec: RecordFile
    format: Format
    origin: Origin
    #: the file's column names in file order
    header: tuple[str, ...]

    @property
    def kind(self) -> str:
        return self.spec.kind


@dataclass(frozen=True)
class FileProblem:
    """A whole-file problem found before reading rows (empty, binary, wrong header...)."""

    path: Path
    rule: str
    message: str


def discover(paths: list[Path]) -> list[Path]:
    """Expand folders into their files (sorted); keep files as given. Hidden files are skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith(".")
            )
        elif path.is_file():
            found.append(path)
        else:
            raise DeliveryError(f"{path} does not exist: give a delivery folder or its files")
    if not found:
        raise DeliveryError(
            f"no files found in {', '.join(map(str, paths))}: a delivery folder holds files "
            "named as docs/data-contract.md says (crimes.csv, incidents.csv, ...)"
        )
    return found


def _parquet_header(path: Path) -> tuple[str, ...]:
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(path)
    except Exception as exc:
        raise _Refused("not-parquet", f"is not a readable Parquet file ({exc})") from exc
    if meta.num_rows == 0:
        raise _Refused("no-rows", "has no rows; leave it out of the delivery")
    return tuple(meta.schema.to_arrow_schema().names)


class _Refused(Exception):
    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


def _csv_header(path: Path) -> tuple[str, ...]:
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head:
        raise _Refused("empty-file", "is empty: a file must start with a header row")
    if b"\x00" in head:
        raise _Refused(
            "binary-file",
            "is not a text CSV file (it contains binary data); export it again as UTF-8 CSV",
        )
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    first_line = head.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        text = first_line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Refused(
            "not-utf8",
            "has a header that is not UTF-8 text; save the file as UTF-8 and send it again",
        ) from exc
    row = next(csv.reader(io.StringIO(text)), [])
    header = tuple(name.strip() for name in row)
    if not any(header):
        raise _Refused("no-header", "has no header row: the first line must name the columns")
    rest = head.split(b"\n", 1)[1] if b"\n" in head else b""
    if not rest.strip():
        raise _Refused(
            "no-rows",
            "has a header but no rows; leave a file out of the delivery when it has nothing "
            "to send",
        )
    return header


def recognise(path: Path) -> SourceFile:
    """Recognise one file; raise ``DeliveryError`` with a plain-English reason if it cannot be."""
    try:
        return _recognise(path)
    except _Refused as refused:
        raise DeliveryError(f"{path.name} {refused.message}") from None


def _recognise(path: Path) -> SourceFile:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise _Refused(
            "unknown-file",
            "is neither CSV nor Parquet; a delivery holds only the contract's files "
            "(see docs/data-contract.md) or data.police.uk archives",
        )
    fmt: Format = "csv" if suffix == ".csv" else "parquet"
    header = _csv_header(path) if fmt == "csv" else _parquet_header(path)
    if header in ARCHIVE_FILES:
        return SourceFile(path, ARCHIVE_FILES[header], fmt, "police-uk", header)
    spec = BY_KIND.get(path.stem.lower())
    if spec is None:
        names = ", ".join(f"{k}.csv" for k in BY_KIND)
        raise _Refused(
            "unknown-file",
            f"is not a contract file name ({names}) and its header is not a data.police.uk "
            "archive's; rename it or leave it out of the delivery",
        )
    expected = spec.column_names
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    parts = []
    if missing:
        parts.append("missing column(s) " + ", ".join(missing))
    if extra:
        parts.append("unexpected column(s) " + ", ".join(extra))
    if duplicated:
        parts.append("repeated column(s) " + ", ".join(duplicated))
    if parts:
        raise _Refused(
            "wrong-columns",
            "has " + "; ".join(parts) + f". The {spec.kind} file has exactly these columns "
            f"(any order): {', '.join(expected)}",
        )
    return SourceFile(path, spec, fmt, "contract", header)
