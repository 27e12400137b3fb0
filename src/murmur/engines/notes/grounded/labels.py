"""Sub-headings a clinician writes inside a section: the body system of an exam finding
("Respiratory: Lungs are clear."), the kind of a plan item ("Medical Treatment: ...").

A label only names what the sentence's own words already say (lungs -> Respiratory), so it
adds no fact; the grounding check knows the label words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from murmur.engines.notes.grounded.patterns_en import REFERRAL
from murmur.language.clinical_words import MED_RE, TEST_RE
from murmur.language.statements import Kind, Statement


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


# First match wins: a sentence about the heart and the ankles is about the heart.
_SYSTEMS = (
    ("Respiratory", _words(r"lungs?|wheez\w*|crackles|rales|rhonchi|breath sounds")),
    ("Cardiovascular", _words(r"heart|murmur|gallops?|rubs?|pulses|rhythm")),
    ("Gastrointestinal", _words(r"abdomen|abdominal|belly|bowel sounds|quadrant")),
    ("Neck", _words(r"neck|thyroid|lymph nodes?")),
    ("Skin", _words(r"skin|rash|lesions?|incision|wound")),
    ("Neurological", _words(r"reflexes|sensation|neuro\w*|strength")),
    (
        "Musculoskeletal",
        _words(
            r"knees?|ankles?|shoulders?|back|spine|hips?|wrists?|elbows?|joints?|"
            r"range of motion|edema|swelling|palpation"
        ),
    ),
)
_EXAM_FRAME = re.compile(r"^On exam, ", re.IGNORECASE)
_ADVICE = ("Advised", "Recommended", "Instructed")
LABEL_WORDS = (
    "respiratory cardiovascular gastrointestinal neck skin neurological musculoskeletal "
    "medical treatment additional testing specialist referrals reasoning patient education "
    "and counseling"
)


def _plan_label(statement: Statement) -> str | None:
    text = statement.text
    if "referral" in statement.tags and REFERRAL.search(text):
        return "Specialist Referrals"
    if "test" in statement.tags or TEST_RE.search(text):
        return "Additional Testing"
    if MED_RE.search(text):
        return "Medical Treatment"
    if text.startswith(_ADVICE):
        return "Patient Education and Counseling"
    return None


def labelled(statement: Statement) -> Statement:
    """The statement under the sub-heading its content calls for, if any."""
    text = statement.text
    if statement.kind is Kind.OBJECTIVE and "exam" in statement.tags:
        for system, words in _SYSTEMS:
            if words.search(text):
                finding = _EXAM_FRAME.sub("", text)
                return replace(statement, text=f"{system}: {finding[:1].upper()}{finding[1:]}")
        return statement
    if statement.kind is Kind.PLAN:
        label = _plan_label(statement)
        return replace(statement, text=f"{label}: {text}") if label else statement
    if statement.kind is Kind.ASSESSMENT and "told" in statement.tags:
        return replace(statement, text=f"Medical Reasoning: {text}")
    return statement
