"""Outstanding matters from the meeting record (the app database), in a process of its own:
Django reads its settings once per process, from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assurance.config import Settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import json, sys
from datetime import date
from pathlib import Path
from assurance.config import Settings
from assurance.web import bootstrap

bootstrap.setup(migrate=True)
from assurance.pack import build_pack, load_record
from assurance.web.meetings import seed, services

settings = Settings()
out = {}
april = services.create_meeting(
    force_code="west-mercia", on=date(2016, 4, 26), chair="John Campion",
    month_under_review=date(2016, 4, 1), next_meeting_date=date(2016, 5, 31),
)
services.add_action(april, "4a", "Report on response times at shift changeover.", ["ACC"],
                    due=date(2016, 5, 31))
done = services.add_action(april, "4c", "Brief the PCC on crime data integrity.", ["DCC"])
services.close_action(done, evidence="Briefing given on 10 May 2016.", at=date(2016, 5, 10))

# no meeting recorded for May yet: the April meeting's open actions, meeting on 31 May
record = load_record(settings, "west-mercia", "2016-05")
out["before"] = {"date": str(record.meeting_date), "recorded": record.recorded,
                 "actions": [a.text for a in record.actions]}

seed.record_may_2016_meeting()
result = build_pack(settings, "2016-05", "west-mercia", Path(sys.argv[1]))
out["html"] = str(result.html)
out["nothing"] = load_record(settings, "west-mercia", "2015-11") is None
print("RESULT " + json.dumps(out))
"""


def test_outstanding_matters_come_from_the_meeting_record(
    demo_settings: Settings, tmp_path: Path
) -> None:
    data = tmp_path / "app-data"
    data.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSURANCE_")}
    env.update(
        ASSURANCE_DATA_DIR=str(data),
        ASSURANCE_WAREHOUSE=demo_settings.warehouse_url,
        ASSURANCE_THREADS="2",
        PYTHONPATH=str(ROOT),
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "pack")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    out = json.loads(line.removeprefix("RESULT "))
    assert out["before"] == {
        "date": "2016-05-31",
        "recorded": False,
        "actions": ["Report on response times at shift changeover."],
    }
    assert out["nothing"] is True  # no meeting before November 2015's end
    html = Path(out["html"]).read_text(encoding="utf-8")
    start = html.index('id="section-1"')
    section_1 = html[start : html.index('id="section-2"')]
    assert "Report on response times at shift changeover." in section_1
    assert "Brief the PCC" not in section_1  # done before the meeting
    assert "ACC" in section_1 and "1 action from earlier meetings" in section_1
    assert "Tuesday 31 May 2016" in html[: html.index("<main")]
    assert "Tuesday 28 June 2016" in html[html.index('id="section-6"') :]
