# mypy: no-warn-return-any
"""The May 2016 West Mercia meeting, recorded exactly from the seed notes
(shared/seed/monthly-assurance-meeting-2016-05.txt).

Reading of the owners (the ACTION column). The notes are a text extraction of a table whose
right-hand column lost its row alignment. Under "Crime outcomes" three actions are followed by
"CEX CEX" and then "CEX": three owner words for three actions, the first two run onto one line.
Under "Victim satisfaction" the same shape, "CC DCC" then "DCC", follows three actions, so it
reads the same way: one word per action, in order. Track my Crime within Athena: CC; officer
soft skills training: DCC; individual objectives: DCC. (A joint CC and DCC owner of the first
action would leave the soft skills action with no owner of its own.) ``OWNER_READING`` holds
this in one place: change it there if the original minutes show otherwise.

The notes list six actions arising (three, none, three, none, none); there is no seventh.
"""

from __future__ import annotations

from datetime import date, time

from assurance.web.meetings import services
from assurance.web.meetings.models import Meeting
from assurance.web.meetings.record import STANDARD_AGENDA, AgendaSpec
from assurance.web.meetings.vocabulary import Role
from assurance.web.typed import atomic

FORCE = "west-mercia"
MEETING_DATE = date(2016, 5, 31)
NEXT_MEETING = date(2016, 6, 28)
RECORDED_BY = "Jackie Irvin"

#: 4c carried a different title in May 2016 than the standard agenda's.
MAY_2016_AGENDA = tuple(
    AgendaSpec(
        s.number,
        "HMIC inspection programme / matters arising from the Service Improvement Board (SIB)",
        s.kind,
        s.holds_to_account,
    )
    if s.number == "4c"
    else s
    for s in STANDARD_AGENDA
)

ATTENDANCE = (
    ("John Campion", Role.PCC, "Police and Crime Commissioner"),
    ("Andy Champness", Role.CEX, "Chief Executive Officer, OPCC"),
    ("David Shaw", Role.CC, "Chief Constable"),
    ("Anthony Bangham", Role.DCC, "Deputy Chief Constable"),
)

VICTIMS = "Victim satisfaction and 'follow up'"
RESPONSE = "Response times"
OUTCOMES = "Crime outcomes"
ASB = "Force approach to anti social behaviour"

#: (item, topic or None, text), in the order of the notes.
FINDINGS: tuple[tuple[str, str | None, str], ...] = (
    (
        "3",
        "Chief Officer Meeting",
        "Road shows on the 2020 Policing Vision are to be held soon "
        "across the force area. The PCC is welcome to attend.",
    ),
    (
        "4a",
        VICTIMS,
        "The Force monitors both confidence and satisfaction. Confidence is measured "
        "by the Crime Survey for England and Wales. It did dip but has improved recently. "
        "Satisfaction is measured by surveying victims of crime on their opinions of their "
        "dealings with the police at different stages of their crime investigation. Overall "
        "satisfaction has remained stable at around the mid 80% level, however the force is "
        "aspiring to achieve a 90% satisfaction level which is the level achieved by the 'top' "
        "force in their family group.",
    ),
    (
        "4a",
        VICTIMS,
        "Analysis of the satisfaction results shows that the initial contact is "
        "generally good, as is accessibility. Follow up has been identified as the weakest area of "
        "performance.",
    ),
    (
        "4a",
        VICTIMS,
        "Telford and Wrekin and Herefordshire are the two policing areas with the "
        "lowest satisfaction levels. Telford has been asked to look at Worcester City, a policing "
        "area with similar demographics, but much higher satisfaction levels, to see what can be "
        "learnt. In addition Durham Constabulary, which is rated as outstanding, has been "
        "contacted for learning opportunities.",
    ),
    (
        "4a",
        VICTIMS,
        "The Force has established a victims working group led by the ACC for Local "
        "Policing to further develop and improve services to victims. A member of the OPCC office "
        "attends the group on behalf of the PCC.",
    ),
    (
        "4a",
        VICTIMS,
        "The Force currently does not use Track My Crime, however the PCC is keen for "
        "victims to be able to self-serve their information and expects the Athena management "
        "system to enable the force to start supporting Track my Crime in the future.",
    ),
    ("4a", VICTIMS, "People skills have been identified as being key to victim satisfaction."),
    (
        "4a",
        VICTIMS,
        "Victim care and interpersonal/soft skills are an intrinsic part of initial "
        "training for student officers, however there is no structured formal training package in "
        "place for other officers.",
    ),
    (
        "4a",
        VICTIMS,
        "It is the responsibility of supervisors to identify weaker performers, there "
        "is no systematic approach. Personal Development Reviews (PDRs) may mention the victim "
        "code but it is unlikely that any contain specific objectives relating to victim "
        "satisfaction for an individual officer.",
    ),
    (
        "4a",
        RESPONSE,
        "The Force has a good track record of getting to emergencies, but it is "
        "acknowledged that there has been an increase in the time taken to attend emergencies from "
        "around 8 minutes to a current average of just over 10 minutes.",
    ),
    (
        "4a",
        RESPONSE,
        "The emphasis for all officers is to be 'smarter not faster' and all "
        "officers attending an emergency need to drive in a considered way.",
    ),
    (
        "4a",
        RESPONSE,
        "The shift changeover has been identified as one time when average "
        "response times increase.",
    ),
    (
        "4a",
        RESPONSE,
        "A number of response officers have been moved back into bases in some "
        "areas to better meet the demand and the Temporary Chief Superintendent for Operational "
        "Support is leading a piece of work around demand.",
    ),
    (
        "4a",
        RESPONSE,
        "Anecdotally the PCC had been told that there is less driver training for "
        "officers, which is impacting on response times. Training has reduced in that only "
        "specialist officers, such as roads policing and fire arms officers receive the 'top tier' "
        "training, whereas in the past it was open to a wider cohort. The number of new recruits "
        "did create a temporary backlog, but everyone that should have had driver training has "
        "received it and the backlog would not have impacted on response times.",
    ),
    (
        "4a",
        RESPONSE,
        "Training is provided in-house. The in-house training provision was "
        "reviewed as part of the Making a difference programme and deemed to be the most cost "
        "effective and best way of doing so. It will be subject to a further review as part of the "
        "Kier review.",
    ),
    (
        "4a",
        RESPONSE,
        "Once operational, a new command and control system will have the technical "
        "capability to provide predictive support to ensure resources are deployed where needed "
        "and prevent over resourcing.",
    ),
    (
        "4a",
        OUTCOMES,
        "There has been an increasing use of community resolutions, which are used "
        "to resolve minor offences and anti social behaviour. Community resolutions are subject to "
        "a 100% audit. In addition an Out of Court Disposal Scrutiny Panel, chaired by magistrates "
        "meets on a regular basis and has the authority to call up an out of court disposal for "
        "review. This committee publishes an annual report of its findings.",
    ),
    (
        "4a",
        OUTCOMES,
        "The charge rate with the Crown Prosecution Service shows that the force is "
        "a consistently highly performing, and in comparison with its most similar forces West "
        "Mercia has an above average outcome rate.",
    ),
    (
        "4a",
        OUTCOMES,
        "There has been a decline in outcomes for some categories of crime with "
        "domestic burglary identified as an outlier. The message 'detections are still important' "
        "is being emphasised to all officers.",
    ),
    (
        "4a",
        OUTCOMES,
        "The Performance Management Group is a mechanism used for identifying and "
        "addressing dips in performance both current and predicted.",
    ),
    (
        "4b",
        ASB,
        "The PCC had met with the Chief Superintendent with territorial policing "
        "responsibilities for West Mercia the previous week and had a high level discussion on the "
        "approach at that meeting.",
    ),
    (
        "4c",
        None,
        "The focus of the inspection will be: the incident to crime ratio; whether an "
        "incident has been 'crimed' correctly and; the frequency of 'no crime' decisions.",
    ),
    (
        "4c",
        None,
        "The DCC has ultimate responsibility for the recording of a serious sexual "
        "offence as a 'no crime'. The threshold is set very high and only a very small number of "
        "such crimes per month meet the criteria to be recorded as 'no crime'.",
    ),
    (
        "4c",
        None,
        "A reduction in compliance has occurred in some crime types. The source of the "
        "problem has been identified and is being addressed.",
    ),
    (
        "4c",
        None,
        "Work is ongoing to quality assure a sample of cases to identify any trends. In "
        "addition the Force Crime Registrar's audit team are identifying issues at an early stage "
        "and reporting back to supervisors.",
    ),
    ("5", None, "Recruitment for the next chief constable is to commence shortly."),
    ("5", None, "Short listing for the Deputy PCC has taken place."),
)

#: The owners as read from the ACTION column (see the module docstring).
OWNER_READING: dict[str, tuple[Role, ...]] = {
    "track-my-crime": (Role.CC,),
    "soft-skills": (Role.DCC,),
    "objectives": (Role.DCC,),
    "head-of-crime": (Role.CEX,),
    "scrutiny-reports": (Role.CEX,),
    "cps-lead": (Role.CEX,),
}

#: (reading key, topic, text): the six actions arising, all due at the next meeting.
ACTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "track-my-crime",
        VICTIMS,
        "The status and delivery time of Track my Crime within the "
        "Athena programme is to be established.",
    ),
    ("soft-skills", VICTIMS, "Opportunities for officer soft skills training to be considered."),
    (
        "objectives",
        VICTIMS,
        "Check how the organisational aspiration to improve victim "
        "satisfaction is translated into individual objectives.",
    ),
    ("head-of-crime", OUTCOMES, "The PCC to have a briefing from the Head of Crime."),
    (
        "scrutiny-reports",
        OUTCOMES,
        "The Scrutiny Committee reports to be made available to the PCC.",
    ),
    ("cps-lead", OUTCOMES, "PCC to meet the CPS lead for the West Midlands."),
)

QUESTION_4C = (
    "An unannounced HMIC inspection around crime data integrity will take place during "
    "2016/17. How prepared is the Force for this inspection, including the current position "
    "with compliance?"
)


@atomic
def record_may_2016_meeting() -> Meeting:
    """Record the 31 May 2016 meeting; when it is already recorded, return it unchanged."""
    existing = Meeting.objects.filter(force_code=FORCE, date=MEETING_DATE).first()
    if existing is not None:
        return existing
    meeting = services.create_meeting(
        force_code=FORCE,
        on=MEETING_DATE,
        start_time=time(10, 30),
        chair="John Campion",
        minute_taker=RECORDED_BY,
        minute_taker_capacity="Policy Officer, OPCC",
        venue="PCC Conference Room – Hindlip",
        month_under_review=date(2016, 5, 1),
        next_meeting_date=NEXT_MEETING,
        agenda=MAY_2016_AGENDA,
    )
    for name, role, capacity in ATTENDANCE:
        services.add_attendee(meeting, name, role, capacity)
    services.set_item_notes(meeting, "2", "A brief update was provided on current issues.")
    item3 = services.agenda_item(meeting, "3")
    services.topic(
        item3,
        "Executive Board",
        "No update was available as the next meeting was to take place later that day.",
    )
    services.set_item_notes(meeting, "4c", QUESTION_4C)
    for number, topic_title, text in FINDINGS:
        services.record_finding(meeting, number, text, topic_title=topic_title)
    for key, topic_title, text in ACTIONS:
        services.add_action(
            meeting,
            "4a",
            text,
            OWNER_READING[key],
            due=NEXT_MEETING,
            topic_title=topic_title,
            by=RECORDED_BY,
        )
    return meeting
