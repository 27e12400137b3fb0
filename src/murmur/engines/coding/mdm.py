"""The three elements of medical decision making (AMA office-visit rules, 2021).

Each element is graded straightforward/minimal .. high from what the note and transcript say;
the visit's level is the highest that two of the three reach.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from murmur.engines.coding.coded import Coded
from murmur.engines.coding.lexicon import Category
from murmur.engines.coding.sources import Origin, Source
from murmur.language.clinical_words import MED_RE


class Level(IntEnum):
    STRAIGHTFORWARD = 0
    LOW = 1
    MODERATE = 2
    HIGH = 3


LEVEL_NAME = {Level.STRAIGHTFORWARD: "straightforward", Level.LOW: "low",
              Level.MODERATE: "moderate", Level.HIGH: "high"}  # fmt: skip
DATA_NAME = {Level.STRAIGHTFORWARD: "minimal", Level.LOW: "limited",
             Level.MODERATE: "moderate", Level.HIGH: "extensive"}  # fmt: skip
RISK_NAME = {Level.STRAIGHTFORWARD: "minimal", Level.LOW: "low",
             Level.MODERATE: "moderate", Level.HIGH: "high"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Graded:
    level: Level
    why: str
    evidence: tuple[str, ...] = ()


_WORSE = re.compile(
    r"\b(?:worse|worsening|uncontrolled|not (?:well )?controlled|poorly controlled|out of "
    r"control|elevated|flare|exacerbation|progress\w*|not at goal|above goal|running high|too "
    r"high|(?:is|are|was|been) (?:still )?high|struggl\w*|retaining fluid|"
    r"increas\w* (?:your|the|their|his|her) \w+)\b",
    re.IGNORECASE,
)
_TESTS = {
    "x-ray": r"x-?rays?|x ray|radiograph", "EKG": r"ekg|ecg|electrocardiogram",
    "echocardiogram": r"echo(?:cardiogram)?", "A1c": r"a1c", "lipid panel": r"lipid panel",
    "CBC": r"cbc|blood count", "metabolic panel": r"cmp|bmp|metabolic panel",
    "thyroid tests": r"tsh|thyroid (?:test|panel|function)", "urine tests": r"urinalysis|urine",
    "strep test": r"strep (?:test|swab)|rapid strep", "flu test": r"flu (?:test|swab)",
    "COVID test": r"covid(?:-19)? (?:test|swab)", "culture": r"culture",
    "ultrasound": r"ultrasound", "MRI": r"mri", "CT": r"ct scan|cat scan|\bct\b",
    "blood work": r"blood ?work|blood tests?|lab work|labs",
}  # fmt: skip
_TEST_RES = {name: re.compile(rf"\b(?:{pattern})\b", re.I) for name, pattern in _TESTS.items()}
_ORDERED_OR_REVIEWED = re.compile(
    r"\b(?:order\w*|get|check|draw|run|schedule|obtain|send|show\w*|results?|came back|"
    r"review\w*|reveal\w*|normal|abnormal|unremarkable|elevated|negative|positive|was|were)\b",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(
    r"\b(?:records|notes|report|discharge summary) from\b|\breviewed (?:the |your )?(?:records|"
    r"notes|outside)\b",
    re.IGNORECASE,
)
_HISTORIAN = re.compile(
    r"\b(?:his|her|their) (?:mother|father|mom|dad|wife|husband|daughter|son|caregiver|parents?) "
    r"(?:says|said|reports|told|states|mentioned)\b|\baccording to (?:his|her|their|your) \w+",
    re.IGNORECASE,
)
_DISCUSSION = re.compile(
    r"\b(?:spoke|talked|discussed (?:this|the case|it))\s+with (?:dr\.?|doctor|your|the|their) "
    r"\w*(?:ologist|specialist|surgeon|doctor|physician)",
    re.IGNORECASE,
)
_HOSPITAL = re.compile(
    r"\b(?:admit\w*|hospitali[sz]\w*|send (?:you|them|him|her|the patient) (?:straight )?to the "
    r"(?:er|emergency room|emergency department|hospital)|call 911|ambulance)\b",
    re.IGNORECASE,
)
_RX_VERB = re.compile(
    r"\b(?:prescri\w*|refill\w*|increas\w*|decreas\w*|continu\w*|start\w*|switch\w*|stop\w*|"
    r"discontinu\w*|adjust\w*|chang\w*|lower\w*|rais\w*|held|hold|provided)\b",
    re.IGNORECASE,
)
_OTC = re.compile(
    r"\b(?:ibuprofen|advil|motrin|tylenol|acetaminophen|aspirin|robitussin|mucinex|dayquil|"
    r"nyquil|claritin|loratadine|zyrtec|cetirizine|allegra|benadryl|sudafed|flonase|tums|"
    r"pepcid|imodium|miralax|melatonin|vitamins?|supplements?|over[- ]the[- ]counter|saline|"
    r"lozenges?|cough drops)\b",
    re.IGNORECASE,
)
_THERAPY = re.compile(r"\bphysical therapy|occupational therapy\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(?:if|should|unless|in case)\b", re.IGNORECASE)


def _problem_kind(item: Coded) -> str:
    category = item.entry.category if item.entry else None
    if category is Category.CHRONIC:
        texts = item.suggestion.source_sentences
        worse = item.suggestion.code == "E11.65" or any(_WORSE.search(t) for t in texts)
        return "chronic not at goal" if worse else "stable chronic"
    # A problem found in the code set (no lexicon entry) is at least an uncomplicated one.
    if category in {Category.ACUTE, Category.INJURY, Category.SYMPTOM} or item.entry is None:
        return "acute uncomplicated"
    if category is Category.SYSTEMIC:
        return "acute systemic"
    return "minor" if category is Category.MINOR else ""


def _plan(sources: Sequence[Source]) -> list[Source]:
    plan = [s for s in sources if s.origin in {Origin.PLAN, Origin.ASSESSMENT}]
    return plan or [s for s in sources if s.origin is Origin.TRANSCRIPT]


def _hospital(sources: Sequence[Source]) -> list[str]:
    return [
        s.text
        for s in _plan(sources)
        if _HOSPITAL.search(s.text) and not _CONDITIONAL.search(s.text)
    ]


def problems(coded: Sequence[Coded], sources: Sequence[Source]) -> Graded:
    # Problems addressed are those the note documents, not every word said in the room.
    documented = {Origin.ASSESSMENT, Origin.PLAN, Origin.NOTE}
    active = [c for c in coded if c.suggestion.active and c.origin in documented]
    kinds = Counter(_problem_kind(c) for c in active)
    codes = ", ".join(c.suggestion.code for c in active) or "none coded"
    summary = ", ".join(f"{n} {kind}" for kind, n in kinds.items() if kind) or "no problems"
    why = f"{summary} ({codes})"
    if hospital := _hospital(sources):
        return Graded(Level.HIGH, f"illness prompting hospital care; {why}", tuple(hospital))
    if kinds["chronic not at goal"] or kinds["stable chronic"] >= 2 or kinds["acute systemic"]:
        return Graded(Level.MODERATE, why)
    if kinds["stable chronic"] or kinds["acute uncomplicated"] or kinds["minor"] >= 2:
        return Graded(Level.LOW, why)
    return Graded(Level.STRAIGHTFORWARD, why)


def _tests(sources: Sequence[Source]) -> list[str]:
    found: set[str] = set()
    for source in sources:
        if _ORDERED_OR_REVIEWED.search(source.text):
            found.update(name for name, test in _TEST_RES.items() if test.search(source.text))
    return sorted(found)


def data(sources: Sequence[Source]) -> Graded:
    tests = _tests(sources)
    external = any(_EXTERNAL.search(s.text) for s in sources)
    historian = any(_HISTORIAN.search(s.text) for s in sources)
    discussion = any(_DISCUSSION.search(s.text) for s in sources)
    listed = ", ".join(tests) or "no tests"
    why = f"{listed} ordered or reviewed"
    if external:
        why += "; outside records reviewed"
    if historian:
        why += "; independent historian"
    if discussion:
        why += "; management discussed with another clinician"
    categories = (len(tests) + external + historian >= 3) + discussion
    if categories >= 2:
        return Graded(Level.HIGH, why)
    if categories == 1:
        return Graded(Level.MODERATE, why)
    if len(tests) + external >= 2 or historian:
        return Graded(Level.LOW, why)
    return Graded(Level.STRAIGHTFORWARD, why)


def risk(sources: Sequence[Source], managed: Sequence[Source] = ()) -> Graded:
    """``managed``: the sentences where the visit's facts have a prescription drug started,
    changed or stopped."""
    plan = _plan(sources)
    if hospital := _hospital(sources):
        return Graded(Level.HIGH, "decision regarding hospitalization", tuple(hospital))
    prescription = [s.text for s in managed if _prescription_drug(s.text)]
    prescription += [s.text for s in plan if _RX_VERB.search(s.text) and _prescription_drug(s.text)]
    if prescription:
        return Graded(Level.MODERATE, "prescription drug management", tuple(prescription[:2]))
    otc = [s.text for s in plan if _OTC.search(s.text) or _THERAPY.search(s.text)]
    if otc:
        return Graded(Level.LOW, "over-the-counter drugs or therapy", tuple(otc[:2]))
    return Graded(Level.STRAIGHTFORWARD, "no drug management")


def _prescription_drug(text: str) -> bool:
    if re.search(r"\bprescri", text, re.IGNORECASE):
        return True
    return any(not _OTC.search(m.group(0)) for m in MED_RE.finditer(text))


def decision_level(*elements: Graded) -> Level:
    """The level that two of the three elements meet or exceed."""
    return sorted((e.level for e in elements), reverse=True)[1]
