"""Run the real server for the browser tests: ``python app_server.py DATA_DIR PASSWORD``.

Records the May 2016 meeting and the demo accounts (all with PASSWORD) in a fresh app
database in DATA_DIR, then serves on a free loopback port and prints ``READY <url>``.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path


def main() -> None:
    data_dir, password = Path(sys.argv[1]), sys.argv[2]
    os.environ["ASSURANCE_DATA_DIR"] = str(data_dir)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    from assurance.config import Settings
    from assurance.web import bootstrap

    bootstrap.setup(migrate=True)
    from assurance.web.meetings.access import create_demo_accounts
    from assurance.web.meetings.seed import record_may_2016_meeting
    from assurance.web.server import serve

    record_may_2016_meeting()
    create_demo_accounts(password=password)
    serve(Settings(), "127.0.0.1", 0, on_ready=lambda url: print(f"READY {url}", flush=True))


if __name__ == "__main__":
    main()
