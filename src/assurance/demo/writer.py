"""Write a delivery folder: one CSV per record type, appended force by force.

CSV as the data contract asks: UTF-8, a header row with the contract's column names in the
contract's order, comma separated, RFC 4180 (no value the generator makes needs quoting; the
writer refuses one that would rather than write it unquoted). Rows end with ``\\n``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.csv as pacsv

from assurance.domain.contract import RECORD_FILES

#: Every file of a delivery with its columns, in the contract's order.
COLUMNS: dict[str, tuple[str, ...]] = {spec.kind: spec.column_names for spec in RECORD_FILES}

_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="none", batch_size=65_536)


class DeliveryWriter:
    """Appends tables to the CSV files of a delivery.

    Files are written as ``<name>.csv.part`` and renamed into place by :meth:`close` only when
    everything was written, so a failed run never leaves a half-written file that looks whole.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.rows: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self._files: dict[str, pa.NativeFile] = {}
        self._writers: dict[str, pacsv.CSVWriter] = {}
        self._schemas: dict[str, pa.Schema] = {}
        for name, columns in COLUMNS.items():
            sink = pa.OSFile(str(self._part(name)), "wb")
            sink.write((",".join(columns) + "\n").encode("utf-8"))
            self._files[name] = sink

    def _part(self, name: str) -> Path:
        return self.out / f"{name}.csv.part"

    def write(self, name: str, table: pa.Table) -> None:
        columns = COLUMNS[name]
        if tuple(table.column_names) != columns:
            raise ValueError(f"{name}: columns {table.column_names} are not {list(columns)}")
        if name not in self._writers:
            self._schemas[name] = table.schema
            self._writers[name] = pacsv.CSVWriter(
                self._files[name], table.schema, write_options=_OPTIONS
            )
        elif table.schema != self._schemas[name]:
            table = table.cast(self._schemas[name])
        self._writers[name].write_table(table)
        self.rows[name] += table.num_rows

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        for sink in self._files.values():
            sink.close()
        for name in COLUMNS:
            final = self.out / f"{name}.csv"
            if self.rows[name]:
                os.replace(self._part(name), final)
            else:  # the contract refuses header-only files: a file with no rows is left out
                self._part(name).unlink()
                final.unlink(missing_ok=True)

    def abort(self) -> None:
        for writer in self._writers.values():
            with contextlib.suppress(Exception):  # best effort cleanup
                writer.close()
        for name, sink in self._files.items():
            sink.close()
            self._part(name).unlink(missing_ok=True)

    def __enter__(self) -> DeliveryWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
