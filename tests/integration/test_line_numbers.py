"""Line numbers of problems in a file big enough to be read by several threads at once.

The typing pass reads straight from the CSV reader and numbers rows by their position
afterwards; this holds only if every row keeps the order read. Problems planted at known lines
across the whole file (and an unreadable line, which shifts every line after it) must be
reported at exactly those lines.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from assurance.domain.contract import RECORD_FILES, RecordFile
from assurance.ingest import validate
from assurance.ingest.sources import recognise
from assurance.ingest.typing_sql import typed_select
from assurance.ingest.validate import drop_validated, prepare_staging, validate_file

ROWS = 300_000
HEADER = (
    "force,area_code,incident_ref,opened_at,grade,opening_category,setting,"
    "dispatched_at,arrived_at,closed_at,crime_ref\n"
)


def _row(i: int, grade: str = "emergency") -> str:
    minute = i % 60
    return (
        f"west-mercia,herefordshire,INC-{i:07d},2015-06-01T10:{minute:02d}:00,{grade},asb,"
        f"urban,2015-06-01T10:{minute:02d}:30,,2015-06-01T11:{minute:02d}:00,\n"
    )


def _write(path: Path, bad_rows: set[int], unreadable_row: int | None) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(ROWS):
            if i == unreadable_row:
                out.write("west-mercia,too,few,values\n")
            out.write(_row(i, "urgent" if i in bad_rows else "emergency"))


@pytest.mark.parametrize("on_disk", [False, True], ids=["temporary", "staging-schema"])
@pytest.mark.parametrize("keep_raw", [False, True], ids=["from-reader", "text-table"])
@pytest.mark.parametrize("with_unreadable", [False, True], ids=["clean", "unreadable-line"])
def test_problem_lines_are_exact_across_a_large_file(
    tmp_path: Path,
    with_unreadable: bool,
    keep_raw: bool,
    on_disk: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if on_disk:  # every file's typed rows in the staging schema, as a big file's are
        monkeypatch.setattr(validate, "ON_DISK_BYTES", 0)
    bad = {0, 1, 61_234, 150_000, 222_222, ROWS - 1}
    unreadable = 100_000 if with_unreadable else None
    path = tmp_path / "incidents.csv"
    _write(path, bad, unreadable)
    # a database file, as the warehouse is: its tables are written compressed, in row groups
    con = duckdb.connect(
        str(tmp_path / "staging.duckdb"), config={"threads": 4, "preserve_insertion_order": True}
    )
    prepare_staging(con)
    file = validate_file(con, recognise(path), "f0", keep_raw=keep_raw)

    # data row i is on line i + 2 (the header is line 1), one more after the unreadable line
    def line(i: int) -> int:
        return i + 2 + (1 if unreadable is not None and i >= unreadable else 0)

    found = con.execute(f"SELECT line, rule, value FROM {file.problems} ORDER BY line").fetchall()
    expected = [(line(i), "unknown-code", "urgent") for i in sorted(bad)]
    if unreadable is not None:
        expected.append((unreadable + 2, "unreadable-line", "west-mercia,too,few,values"))
        expected.sort()
    assert found == expected
    # and every good row sits at its own line, with its own key
    sample = con.execute(
        f"SELECT __line, incident_ref FROM {file.typed} WHERE __line IN (?, ?, ?) ORDER BY __line",
        [line(5), line(123_456), line(ROWS - 2)],
    ).fetchall()
    assert sample == [
        (line(5), "INC-0000005"),
        (line(123_456), "INC-0123456"),
        (line(ROWS - 2), f"INC-{ROWS - 2:07d}"),
    ]
    assert file.rows_read == ROWS + (1 if unreadable is not None else 0)
    drop_validated(con, file)
    left = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = ? OR temporary",
        [validate.STAGING_SCHEMA],
    ).fetchall()
    assert left == [("__police_uk_areas",)]  # the delivery's look-up, not the file's


@pytest.mark.parametrize("spec", RECORD_FILES, ids=lambda s: s.kind)
def test_the_typing_pass_has_no_join(tmp_path: Path, spec: RecordFile) -> None:
    """A join (DuckDB plans long IN lists as one) would reorder rows and break line numbers."""
    path = tmp_path / f"{spec.kind}.csv"
    path.write_text(",".join(spec.column_names) + "\n", encoding="utf-8")
    con = duckdb.connect()
    prepare_staging(con)
    raw = f"(SELECT * FROM read_csv('{path}', header = true, all_varchar = true))"
    plan = "\n".join(
        str(row[1])
        for row in con.execute(f"EXPLAIN {typed_select(spec, raw, numbered=False)}").fetchall()
    )
    assert "JOIN" not in plan.upper()
