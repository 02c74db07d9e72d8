"""Whole files that are not what the contract asks for: each refused with a clear message, and
lines that cannot be parsed rejected with their line number. Nothing is ever half-loaded."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assurance.config import Settings
from assurance.domain.contract import BY_KIND
from assurance.errors import DeliveryError, ValidationFailed
from assurance.ingest.run import ingest
from assurance.warehouse import connect
from tests.support.delivery import ROWS, write_delivery


def _count(settings: Settings, table: str) -> int:
    with connect(settings) as wh:
        return int(wh.scalar(f"SELECT count(*) FROM {table}"))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"force,area_code,area_name,population,rural_share\n", "has a header but no rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        (b"force,area_c\xf6de,area_name\n", "not UTF-8"),
        (b"\n\nwest-mercia,x\n", "no header row"),
    ],
    ids=["empty", "header-only", "binary", "non-utf8-header", "blank-header"],
)
def test_a_file_that_cannot_be_read_refuses_the_delivery(
    duck_settings: Settings, tmp_path: Path, content: bytes, expected: str
) -> None:
    folder = write_delivery(tmp_path / "d", ["areas"])
    (folder / "areas.csv").write_bytes(content)
    with pytest.raises(DeliveryError, match=expected) as caught:
        ingest(duck_settings, [folder])
    assert "areas.csv" in str(caught.value)


def test_all_refused_files_are_listed_at_once(duck_settings: Settings, tmp_path: Path) -> None:
    folder = write_delivery(tmp_path / "d", ["areas"])
    (folder / "crimes.csv").write_bytes(b"")
    (folder / "notes.txt").write_text("hello")
    with pytest.raises(DeliveryError) as caught:
        ingest(duck_settings, [folder])
    assert "crimes.csv is empty" in str(caught.value)
    assert "notes.txt is neither CSV nor Parquet" in str(caught.value)


def _lines(tmp_path: Path, body: bytes) -> Path:
    folder = write_delivery(tmp_path / "d", ["areas"])
    header = ",".join(BY_KIND["areas"].column_names).encode()
    (folder / "areas.csv").write_bytes(header + b"\n" + body)
    return folder


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        (b"west-mercia,a,A,10,0.1\nwest-mercia,b,B,20", 3, "fewer values"),
        (b"west-mercia,a,A,10,0.1\nwest-mercia,b,B,20,0.2,extra\n", 3, "more values"),
        (b"west-mercia,a,A,10,0.1\nwest-mercia,b,B\xe9,20,0.2\n", 3, "not UTF-8"),
        (b'west-mercia,a,"A\nsplit",10,0.1\nwest-mercia,b,B,20,0.2,9\n', 3, "more values"),
    ],
    ids=["truncated-last-line", "extra-field", "non-utf8-value", "after-multiline-value"],
)
def test_unparseable_lines_are_rejected_with_their_line(
    settings: Settings, tmp_path: Path, body: bytes, line: int, reason: str
) -> None:
    folder = _lines(tmp_path, body)
    with pytest.raises(ValidationFailed) as caught:
        ingest(settings, [folder])
    [problem] = [p for f in caught.value.summary.files for p in f.errors]  # type: ignore[attr-defined]
    assert problem.line == line and reason in problem.message
    assert _count(settings, "areas") == 0
    [result] = ingest(settings, [folder], allow_rejects=True)
    [areas] = result.files
    assert (areas.read, areas.inserted, areas.rejected) == (2, 1, 1)
    assert _count(settings, "areas") == 1


def test_line_numbers_stay_right_after_a_rejected_line(
    duck_settings: Settings, tmp_path: Path
) -> None:
    folder = _lines(tmp_path, b"west-mercia,a,A,10,0.1\nbroken\nwest-mercia,b,B,lots,0.2\n")
    with pytest.raises(ValidationFailed) as caught:
        ingest(duck_settings, [folder])
    got = sorted((p.line, p.rule) for f in caught.value.summary.files for p in f.errors)  # type: ignore[attr-defined]
    assert got == [(3, "unreadable-line"), (4, "not-integer")]


def test_parquet_files_load_like_csv(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    folder.mkdir()
    for kind in ("areas", "crimes"):
        table = pa.table({c: [r[c] for r in ROWS[kind]] for c in BY_KIND[kind].column_names})
        pq.write_table(table, folder / f"{kind}.parquet")
    [result] = ingest(settings, [folder])
    assert {f.kind: f.inserted for f in result.files} == {"areas": 2, "crimes": 3}


def test_parquet_with_native_types_and_a_bad_row(duck_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    folder.mkdir()
    table = pa.table(
        {
            "force": ["west-mercia", "west-mercia"],
            "area_code": ["a", "b"],
            "area_name": ["A", "B"],
            "population": pa.array([10, -5], pa.int64()),
            "rural_share": pa.array([0.5, 0.1], pa.float64()),
        }
    )
    pq.write_table(table, folder / "areas.parquet")
    with pytest.raises(ValidationFailed) as caught:
        ingest(duck_settings, [folder])
    [problem] = [p for f in caught.value.summary.files for p in f.errors]  # type: ignore[attr-defined]
    assert (problem.line, problem.rule, problem.value) == (2, "below-minimum", "-5")


def test_line_numbers_are_right_in_a_file_read_in_parallel_chunks(
    duck_settings: Settings, tmp_path: Path
) -> None:
    # 300,000 rows: many reader chunks and both threads. A bad value far down the file, and an
    # unparseable line before it, must still be reported at their true lines.
    folder = tmp_path / "big"
    folder.mkdir()
    lines = ["force,area_code,area_name,population,rural_share"]
    lines += [f"west-mercia,a{i},Area {i},{i + 1},0.5" for i in range(300_000)]
    lines[100_000] = "west-mercia,broken"  # line 100,001
    lines[250_000] = "west-mercia,a249999x,Area,lots,0.5"  # line 250,001
    (folder / "areas.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(ValidationFailed) as caught:
        ingest(duck_settings, [folder])
    got = sorted((p.line, p.rule) for f in caught.value.summary.files for p in f.errors)  # type: ignore[attr-defined]
    assert got == [(100_001, "unreadable-line"), (250_001, "not-integer")]
