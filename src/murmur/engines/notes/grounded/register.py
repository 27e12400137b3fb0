"""Keeps spoken register out of the note: what a physician would rewrite before signing.

Transcript-derived sentences lose their fillers and spoken openers; instructions addressed to
the patient become "Advised to ..."; questions, exam commands ("Take a deep breath for me"),
hypothetical plans ("then we would get an x-ray") and retellings that still read as a quoted
transcript line are left out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from murmur.language.spoken import PATIENT_MARK, finish
from murmur.language.statements import Kind, Statement

_FILLERS = re.compile(
    r"(?:,\s*|\b)(?:like(?=,)|you know|i mean|um+|uh+|kind of|sort of|kinda|okay|alright|"
    r"yeah|basically|actually|literally|pretty much)\b,?|,\s*like\b(?=\s+\w+ing\b|,)",
    re.IGNORECASE,
)
_OPENER = re.compile(r"^(?:(?:so|and|but|well|now|okay|'cause|cause|again|also),?\s+)+", re.I)
_KNOW = re.compile(r"^(?:i know|i guess|i mean|i feel like|you know)(?: that)?,?\s+", re.I)
# Exam commands and what the clinician does while examining: never a finding.
_COMMAND = re.compile(
    r"^(?:take a (?:deep )?breath|breathe|look|follow (?:my|the)|push|pull|squeeze|bend|lie|"
    r"lay|sit|stand|relax|hold|open|close|raise|lift|turn|cough|point|let me|show me|tell me|"
    r"give me|go ahead|hop|scoot|step|put|stick|how about|what about)\b|\bfor me\b|"
    r"\b(?:take a (?:quick )?(?:listen|look)|listen to (?:her|his|their|your))\b|\bi am dr\b",
    re.IGNORECASE,
)
# Instructions to the patient, which a note records as advice.
_ADVICE = re.compile(
    r"^(?:please\s+)?(?P<v>drink|rest|keep|try|avoid|continue|take|stay|eat|use|apply|ice|"
    r"elevate|call|come back|make sure|record|check|limit|cut|watch|monitor|wear|do not|stop|"
    r"start|increase|decrease|get|schedule|remember)\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
# A plan that may or may not happen, as spoken; the facts state it as conditional.
_MAYBE_PLAN = re.compile(r"\bwe (?:would|could|might|may)\b|\bthen we (?:would|could)\b", re.I)
# "The patient states Worse when I ..." is a transcript line with a prefix, not a retelling.
_QUOTED = re.compile(r"^(?:the )?patient (?:states|reports|says) (?=[A-Z0-9])(?!I\b)")
_PATIENTS_MY = re.compile(
    r"\bmy\b(?! (?:office|clinic|nurse|team|colleague|partner|practice))", re.I
)
# A dictated note says "I" now and then; three times in one sentence is talk.
_OWN_WORDS = re.compile(r"\b(?:I|me|my)\b", re.IGNORECASE)
MAX_FIRST_PERSON = 2
MIN_CLAUSE_WORDS = 4
_REPORTED = re.compile(r"^(?:the )?patient (?:states|reports|says) ", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:me|my|mine|myself)\b|(?<!^)\bI\b(?! (?:will|have)\b)")


# Spoken lead-ins around a dictated plan: "What I would recommend is", "I think that".
_LEAD_INS = re.compile(
    r"^what (?:i|we)\b(?: \w+){0,4}? is,?\s+|\b(?:i think|i believe|i guess)(?: that)?,?\s*|"
    r"\bso before i forget,?\s*",
    re.IGNORECASE,
)


_INTENT = re.compile(r"\bI (?:will|am going to|want to|would like to|plan to)\s+(?!be\b)", re.I)
_WE_INTENT = re.compile(r"\bwe (?:are going to|want to|would like to)\s+(?!be\b)", re.I)
_CLAUSE = re.compile(r",\s+(?=(?:and|but|so|because)\b)|\s+(?=so (?:i|we)\b)", re.I)


def _first_clauses(text: str) -> str:
    kept: list[str] = []
    count = 0
    for clause in _CLAUSE.split(text):
        count += len(_OWN_WORDS.findall(clause))
        if count > MAX_FIRST_PERSON:
            break
        kept.append(clause)
    return ", ".join(kept).strip(" ,") if len(" ".join(kept).split()) >= MIN_CLAUSE_WORDS else ""


def _clean(text: str) -> str:
    text = _LEAD_INS.sub("", _FILLERS.sub("", text))
    text = _OPENER.sub("", _KNOW.sub("", text.strip()))
    text = _LEAD_INS.sub("", _KNOW.sub("", _OPENER.sub("", text)))
    text = re.sub(r"(?<!\w)'cause\b", "because", text, flags=re.IGNORECASE)
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def in_written_register(statement: Statement) -> Statement | None:
    """The statement as a physician would sign it, or None when it cannot be made so."""
    text = statement.text.replace(PATIENT_MARK, "")
    if text.rstrip().endswith("?"):
        return None
    text = _clean(statement.text)
    plain = text.replace(PATIENT_MARK, "")
    if not plain or _COMMAND.search(plain) or _QUOTED.match(plain):
        return None
    if statement.kind in (Kind.PLAN, Kind.ASSESSMENT):
        # "I want to order" is written "Will order"; "we are going to", "we will".
        plain = text = _WE_INTENT.sub("we will ", _INTENT.sub("will ", plain))
    if len(_OWN_WORDS.findall(plain)) > MAX_FIRST_PERSON:
        # The clinician thinking aloud ("I ... so I can ... I do not ..."): the note keeps
        # the clauses up to where the talk runs on.
        plain = text = _first_clauses(plain)
        if not text:
            return None
    reported = _REPORTED.match(plain)
    if reported is not None and _FIRST_PERSON.search(plain[reported.end() :]):
        return None
    if statement.kind is Kind.PLAN and _MAYBE_PLAN.search(plain):
        return None
    advice = _ADVICE.match(plain)
    if advice is not None:
        rest = plain[advice.end() :]
        text = f"Advised to {advice['v'].lower()}{_YOU.sub('', rest)}"
        text = re.sub(r"\s{2,}", " ", text)
    if advice is not None and re.search(r"\b(?:me|my)\b", text, re.IGNORECASE):
        return None
    if _YOU.search(text.replace(PATIENT_MARK, "")):
        return None
    return replace(statement, text=finish(text))
