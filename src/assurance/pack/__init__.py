"""The monthly assurance pack: one model laid out like the meeting's agenda, rendered as a
self-contained HTML page, a PDF and a spreadsheet (docs/pack.md).

* :func:`build_pack`: compute, chart and render a force's pack for a month, and write
  ``pack.html``, ``pack.pdf`` and ``pack.xlsx`` (a :class:`PackResult` with the timings).
* :func:`build_model`: the :class:`Pack` model from measures, findings and the meeting record.
* :func:`render_html`, :func:`render_pdf`, :func:`render_xlsx`: the renderers.
"""

from assurance.pack.assemble import build_model
from assurance.pack.build import AUTO, STAGES, PackResult, build_pack, pack_folder
from assurance.pack.charts import render_svg
from assurance.pack.html import render_html
from assurance.pack.model import Pack
from assurance.pack.pdf import PackError, render_pdf
from assurance.pack.record import MeetingRecord, load_record
from assurance.pack.xlsx import render_xlsx

__all__ = [
    "AUTO",
    "STAGES",
    "MeetingRecord",
    "Pack",
    "PackError",
    "PackResult",
    "build_model",
    "build_pack",
    "load_record",
    "pack_folder",
    "render_html",
    "render_pdf",
    "render_svg",
    "render_xlsx",
]
