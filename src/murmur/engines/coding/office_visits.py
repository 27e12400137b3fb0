"""CPT office-visit level (99202-99205 new, 99211-99215 established) by MDM or by time.

Follows the AMA rules in force since 2021: the level is chosen by medical decision making or,
when the total time on the date of the visit is stated, by time, whichever is higher.
Descriptors are our own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.coded import Coded, references
from murmur.engines.coding.mdm import (
    DATA_NAME,
    LEVEL_NAME,
    RISK_NAME,
    Level,
    data,
    decision_level,
    problems,
    risk,
)
from murmur.engines.coding.sources import Source

NEW_CODES = {Level.STRAIGHTFORWARD: "99202", Level.LOW: "99203",
             Level.MODERATE: "99204", Level.HIGH: "99205"}  # fmt: skip
ESTABLISHED_CODES = {Level.STRAIGHTFORWARD: "99212", Level.LOW: "99213",
                     Level.MODERATE: "99214", Level.HIGH: "99215"}  # fmt: skip
# 2021 total-time thresholds (minutes) for each level.
NEW_MINUTES = ((60, Level.HIGH), (45, Level.MODERATE), (30, Level.LOW), (15, Level.STRAIGHTFORWARD))
ESTABLISHED_MINUTES = ((40, Level.HIGH), (30, Level.MODERATE), (20, Level.LOW),
                       (10, Level.STRAIGHTFORWARD))  # fmt: skip
MINIMAL_VISIT = (
    "99211",
    "Office or other outpatient visit, established patient, clinical staff "
    "service that may not need a physician or other qualified professional",
)
_NURSE_VISIT = re.compile(
    r"\bnurse(?:-only)? visit\b|\b(?:blood pressure|bp) check only\b|\binjection only\b|"
    r"\bonly here for (?:a|an|the|my) (?:shot|injection|blood pressure check)\b",
    re.IGNORECASE,
)
MDM_CONFIDENCE = 0.6
TIME_CONFIDENCE = 0.7
PREVENTIVE_CONFIDENCE = 0.3

_NUMBERS = {
    "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "twenty five": 25, "thirty": 30,
    "thirty-five": 35, "thirty five": 35, "forty": 40, "forty-five": 45, "forty five": 45,
    "fifty": 50, "sixty": 60, "an hour": 60, "half an hour": 30,
}  # fmt: skip
_AMOUNT = "|".join(sorted(_NUMBERS, key=len, reverse=True))
_TIME = re.compile(
    r"\b(?:spent|total(?: time)?(?: of)?|for a total of|face[- ]to[- ]face)\b[^.?!]{0,30}?"
    rf"\b(?:(?P<n>\d{{1,3}}|{_AMOUNT})\s*(?:minutes?|mins?)\b|(?P<hour>half an hour|an hour)\b)",
    re.IGNORECASE,
)
_NEW_PATIENT = re.compile(
    r"\b(?:new patient|first (?:visit|appointment|time (?:seeing|here|visiting|coming|in))|"
    r"establish(?:ing)? care|never (?:been seen|seen you)|paciente nuev[oa]|primera "
    r"(?:vez|consulta|cita))\b",
    re.IGNORECASE,
)
_NOT_NEW = re.compile(r"\bnot (?:a )?(?:new patient|(?:the|your) first)\b", re.IGNORECASE)


def stated_minutes(sources: Sequence[Source]) -> int | None:
    for source in sources:
        match = _TIME.search(source.text)
        if match is None:
            continue
        value = (match["n"] or match["hour"]).lower()
        return int(value) if value.isdigit() else _NUMBERS[value]
    return None


def is_new_patient(sources: Sequence[Source]) -> bool:
    return any(_NEW_PATIENT.search(s.text) and not _NOT_NEW.search(s.text) for s in sources)


def _time_level(minutes: int | None, new: bool) -> Level | None:
    if minutes is None:
        return None
    table = NEW_MINUTES if new else ESTABLISHED_MINUTES
    return next((level for floor, level in table if minutes >= floor), None)


def descriptor(level: Level, *, new: bool) -> str:
    kind = "new" if new else "established"
    return (
        f"Office or other outpatient visit, {kind} patient, "
        f"{LEVEL_NAME[level]} medical decision making"
    )


def office_visit(
    coded: Sequence[Coded], sources: Sequence[Source], managed: Sequence[Source] = ()
) -> CodeSuggestion:
    """``managed``: sentences where the visit's facts start, change or stop a drug."""
    new = is_new_patient(sources)
    graded = (problems(coded, sources), data(sources), risk(sources, managed))
    by_mdm = decision_level(*graded)
    minutes = stated_minutes(sources)
    by_time = _time_level(minutes, new)
    level = max(by_mdm, by_time) if by_time is not None else by_mdm
    codes = NEW_CODES if new else ESTABLISHED_CODES
    problem, data_graded, risk_graded = graded
    reason = (
        f"MDM {LEVEL_NAME[by_mdm]} (two of three elements): problems "
        f"{LEVEL_NAME[problem.level]} ({problem.why}); data {DATA_NAME[data_graded.level]} "
        f"({data_graded.why}); risk {RISK_NAME[risk_graded.level]} ({risk_graded.why})."
    )
    if by_time is not None:
        reason += f" Total time {minutes} minutes supports {codes[by_time]}."
    elif minutes is not None:
        reason += f" Stated time of {minutes} minutes is below the time thresholds."
    reason += " New patient." if new else " Established patient (no new-patient wording)."
    confidence = TIME_CONFIDENCE if by_time is not None and by_time >= by_mdm else MDM_CONFIDENCE
    if any(c.entry and c.entry.category == "preventive" and c.suggestion.active for c in coded):
        reason += " This looks like a preventive visit, reported with 99381-99397 instead."
        confidence = PREVENTIVE_CONFIDENCE
    evidence = tuple(dict.fromkeys(t for g in graded for t in g.evidence))[:3]
    code, description = codes[level], descriptor(level, new=new)
    if not new and _is_nurse_visit(coded, sources, by_mdm):
        code, description = MINIMAL_VISIT
        reason = "No problem addressed by the clinician and the visit is a nurse or staff visit; "
        reason += "99211 is not chosen by MDM or time (2021 rules)."
    return CodeSuggestion(
        system=CodeSystem.CPT,
        code=code,
        description=description,
        confidence=confidence,
        reason=reason,
        source_sentences=evidence,
        entity="office or outpatient visit",
        references=references([s for s in [*sources, *managed] if s.text in evidence]),
    )


def _is_nurse_visit(coded: Sequence[Coded], sources: Sequence[Source], mdm: Level) -> bool:
    addressed = any(c.suggestion.active and c.addressed for c in coded)
    return (
        mdm is Level.STRAIGHTFORWARD
        and not addressed
        and any(_NURSE_VISIT.search(s.text) for s in sources)
    )
