"""Minutes of the record, as HTML and PDF, in the layout of the May 2016 notes."""

from __future__ import annotations

import io
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("db")

TITLE = "Monthly Assurance Meeting May 2016 – Meeting Notes"
ITEM_HEADINGS = [
    "1. Outstanding matters",
    "2. Operational and reputational opportunities and risks",
    "3. Chief officer meeting / executive board – update",
    "4. Holding to account",
    "4a. Performance against the Police and Crime Plan",
    "4b. Delivery of strategic initiatives",
    "4c. HMIC inspection programme / matters arising from the Service Improvement Board (SIB)",
    "5. AOB",
    "6. Date of next meeting",
]
TOPICS = [
    "Executive Board",
    "Chief Officer Meeting",
    "Victim satisfaction and 'follow up'",
    "Response times",
    "Crime outcomes",
    "Force approach to anti social behaviour",
]


class Outline(HTMLParser):
    """Headings (with levels), table captions and the document's language."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.captions: list[str] = []
        self.lang = ""
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if re.fullmatch(r"h[1-6]|caption", tag):
            self._open, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            text = " ".join("".join(self._text).split())
            if tag == "caption":
                self.captions.append(text)
            else:
                self.headings.append((int(tag[1]), text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def flat(text: str) -> str:
    return " ".join(text.split())


def compact(text: str) -> str:
    """Without any white space: PDF text extraction splits kerned pairs ("T uesday")."""
    return "".join(text.split())


def pypdf() -> Any:
    """pypdf, a dev dependency: skipped when missing locally, a failure in CI."""
    try:
        import pypdf
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("pypdf is not installed: it is a dev dependency (pyproject)")
        pytest.skip("pypdf is not installed")
    return pypdf


def pdf_text(pdf: bytes) -> str:
    """Text of a PDF, without white space."""
    pages = pypdf().PdfReader(io.BytesIO(pdf)).pages
    return compact("\n".join(page.extract_text() for page in pages))


def test_html_has_every_section_heading_and_action(may: Any) -> None:
    from assurance.web.meetings.minutes import minutes_html

    page = minutes_html(may)
    outline = Outline()
    outline.feed(page)
    headings = [text for _, text in outline.headings]
    assert outline.headings[0] == (1, TITLE)
    assert outline.lang == "en-GB"
    assert '<meta charset="utf-8">' in page
    for heading in [*ITEM_HEADINGS, *TOPICS, "Apologies", "Findings", "Actions arising"]:
        assert heading in headings, heading
    levels = dict((text, level) for level, text in outline.headings)
    assert (
        levels["4. Holding to account"] == 2
        and levels["4a. Performance against the Police and Crime Plan"] == 3
    )
    assert levels["Response times"] == 4
    assert headings.count("Actions arising") == 5  # three topics of 4a, one of 4b, 4c
    body = flat(page)
    for action in may.actions.all():
        assert action.text.replace("'", "&#x27;") in body
    assert body.count("There were none.") == 3  # Response times, 4b, 4c
    assert "Attendance" in outline.captions
    assert sum("Actions arising" in c for c in outline.captions) == 2


def test_html_header_block_and_owner_column(may: Any) -> None:
    from assurance.web.meetings.minutes import minutes_html

    body = flat(minutes_html(may))
    assert "<dt>Date:</dt><dd>Tuesday 31 May 2016 @ 10.30</dd>" in body
    assert "<dd>Jackie Irvin, Policy Officer, OPCC</dd>" in body
    assert "<td>Anthony Bangham</td><td>Deputy Chief Constable (DCC)</td>" in body
    owners = re.findall(r'<td class="owner">([^<]*)</td>', body)
    assert owners == ["CC", "DCC", "DCC", "CEX", "CEX", "CEX"]
    item6 = '<h2 id="item-6"><span class="number">6.</span> Date of next meeting</h2>'
    assert f"{item6} <p>28 June 2016</p>" in body


def test_june_minutes_list_mays_open_actions_as_outstanding(may: Any, june: Any) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.minutes import build_minutes, minutes_html

    actions = list(may.actions.order_by("order"))
    services.close_action(actions[3], evidence="Briefing held", at=date(2016, 6, 14))
    services.update_status(
        actions[0], "in-progress", note="Athena plan requested", at=date(2016, 6, 20)
    )
    outstanding = build_minutes(june).sections[0]
    assert outstanding.title == "Outstanding matters" and outstanding.empty_text == ""
    lines = outstanding.blocks[0].actions
    assert [line.number for line in lines] == [a.pk for i, a in enumerate(actions) if i != 3]
    assert "status at this meeting: in progress" in lines[0].detail
    assert "Latest update: Athena plan requested" in lines[0].detail
    body = flat(minutes_html(june))
    assert actions[3].text not in body
    assert actions[5].text in body
    # May's own minutes are unchanged: nothing was outstanding then
    assert build_minutes(may).sections[0].empty_text == "None"


def test_pdf_has_every_heading(may: Any) -> None:
    from assurance.web.meetings.minutes import minutes_pdf

    pdf = minutes_pdf(may)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert compact(TITLE) in text
    for label in ("Date: Tuesday 31 May 2016 @ 10.30", "Chair: John Campion", "Apologies: None"):
        assert compact(label) in text
    assert compact("Venue: PCC Conference Room – Hindlip") in text
    assert compact("Anthony Bangham Deputy Chief Constable (DCC)") in text
    for heading in ITEM_HEADINGS:
        number, _, title = heading.partition(" ")
        number = number.rstrip(".") if number[-2].isalpha() else number  # "4a", "4."
        assert compact(f"{number} {title.upper()}") in text, heading
    for topic in TOPICS[2:]:
        assert compact(topic.upper()) in text
    assert "ExecutiveBoard:" in text and "ChiefOfficerMeeting:" in text
    assert text.count("Actionsarising") == 5 and text.count("Therewerenone.") == 3
    for action in may.actions.all():
        assert compact(action.text) in text
    # the owner sits beside its action, in the right-hand ACTION column
    assert compact("PCC to meet the CPS lead for the West Midlands. CEX") in text
    assert compact("6. DATE OF NEXT MEETING 28 June 2016") in text


def test_pdf_is_accessible_with_a_title_and_bookmarks(may: Any) -> None:
    from assurance.web.meetings.minutes import minutes_pdf

    reader = pypdf().PdfReader(io.BytesIO(minutes_pdf(may)))
    assert reader.metadata.title == TITLE
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    assert b"pdfuaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for entry in items:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    assert "OUTSTANDING MATTERS" in titles and "CRIME OUTCOMES" in titles
    assert "Findings" not in titles  # labels are headings, not bookmarks


def test_write_minutes_to_a_folder_or_file(may: Any, tmp_path: Path) -> None:
    from assurance.web.meetings.errors import MeetingError
    from assurance.web.meetings.minutes import write_minutes

    written = write_minutes(may, tmp_path, "html")
    assert written.name == "minutes-west-mercia-2016-05-31.html"
    assert write_minutes(may, tmp_path / "m.pdf", "pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(MeetingError, match="use html or pdf"):
        write_minutes(may, tmp_path, "docx")


def test_an_empty_meeting_has_minutes_too(db: str) -> None:
    from assurance.web.meetings import services
    from assurance.web.meetings.minutes import build_minutes, minutes_pdf

    meeting = services.create_meeting(force_code="west-mercia", on=date(2016, 7, 26), chair="PCC")
    minutes = build_minutes(meeting)
    assert minutes.apologies == () and minutes.sections[-1].empty_text == "To be arranged."
    assert compact("6. DATE OF NEXT MEETING To be arranged.") in pdf_text(minutes_pdf(meeting))


def test_text_is_never_markup(may: Any) -> None:
    """What people type goes into typst as data and into HTML escaped."""
    from assurance.web.meetings import services
    from assurance.web.meetings.minutes import minutes_html, minutes_pdf

    tricky = 'Costs #set $5 * 2$ [see] <script>alert("x")</script> _under_ \\ @ref'
    services.add_action(may, "5", tricky, ["CFO"])
    assert compact(tricky) in pdf_text(minutes_pdf(may))
    page = minutes_html(may)
    assert "<script>" not in page and "&lt;script&gt;" in page
