"""The real West Mercia May 2016 street archive: loaded counts equal an independent count."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

from assurance.config import Settings
from assurance.ingest.run import ingest
from assurance.warehouse import connect
from tests.conftest import need_shared

FILE = "data/real/police-uk/2016-05-west-mercia-street.csv"


def _independent_counts(path: Path) -> tuple[Counter[str], Counter[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Counter(r["Crime type"] for r in rows), Counter(r["Last outcome category"] for r in rows)


def test_west_mercia_street_archive_counts(settings: Settings, tmp_path: Path) -> None:
    path = need_shared(FILE)
    by_type, by_outcome = _independent_counts(path)
    [result] = ingest(settings, [path])
    [f] = result.files
    assert (f.kind, f.read, f.inserted, f.rejected) == ("police_uk_street", 10364, 10364, 0)
    with connect(settings) as wh:
        got_type = dict(wh.fetchall("SELECT crime_type, count(*) FROM police_uk_street GROUP BY 1"))
        got_outcome = dict(
            wh.fetchall(
                "SELECT coalesce(last_outcome_category, ''), count(*) FROM police_uk_street "
                "GROUP BY 1"
            )
        )
        forces = wh.fetchall("SELECT DISTINCT force, month FROM police_uk_street")
        areas = dict(
            wh.fetchall(
                "SELECT coalesce(area_code, '-'), count(*) FROM police_uk_street GROUP BY 1"
            )
        )
    assert got_type == dict(by_type)
    assert got_outcome == dict(by_outcome)
    assert by_type["Anti-social behaviour"] == 4026  # the figure SOURCES.md gives
    assert [(c, str(m)) for c, m in forces] == [("west-mercia", "2016-05-01")]
    # Every row inside the force maps to one of its five policing areas; the few just over
    # the border (LSOAs in Powys, Birmingham...) keep an empty area.
    assert set(areas) == {
        "herefordshire",
        "shropshire",
        "telford-wrekin",
        "north-worcestershire",
        "south-worcestershire",
        "-",
    }
    assert areas["-"] == 10


def test_reloading_the_archive_is_idempotent_and_asb_rows_keep_their_identity(
    duck_settings: Settings, tmp_path: Path
) -> None:
    path = need_shared(FILE)
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    ingest(duck_settings, [copy])
    [again] = ingest(duck_settings, [copy])
    [f] = again.files
    assert (f.unchanged, f.inserted, f.updated) == (10364, 0, 0)
