"""The sentences a coder reads, with where each lies: the note, section by section, then the
transcript. Offsets are character positions in the note text and in the transcript text
(`murmur.transcripts.text.transcript_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from murmur.engines.coding.matching import find_mentions
from murmur.language.headings import section_kinds
from murmur.language.spoken import is_question
from murmur.language.statements import Kind
from murmur.notes.domain import CONTEXT_PREFIX


class Origin(StrEnum):
    ASSESSMENT = "assessment"
    PLAN = "plan"
    NOTE = "note"
    TRANSCRIPT = "transcript"
    CONTEXT = "context"


class Section(StrEnum):
    """Note sections whose conditions are the patient's background, not this visit's problems."""

    HISTORY = "history"  # past medical and surgical history, drugs, allergies, social history
    FAMILY = "family"


class Document(StrEnum):
    NOTE = "note"
    TRANSCRIPT = "transcript"


# How much a statement found there is worth: the clinician's assessment is what is billed.
CONFIDENCE = {
    Origin.ASSESSMENT: 0.9,
    Origin.PLAN: 0.75,
    Origin.NOTE: 0.7,
    Origin.TRANSCRIPT: 0.55,
    Origin.CONTEXT: 0.5,
}
LABEL = {
    Origin.ASSESSMENT: "Assessment states",
    Origin.PLAN: "Plan mentions",
    Origin.NOTE: "Note states",
    Origin.TRANSCRIPT: "Transcript mentions",
    Origin.CONTEXT: "Intake context lists",
}


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    origin: Origin
    document: Document = Document.NOTE
    start: int = 0
    end: int = 0
    block: int = -1  # the note's problem (heading and the lines under it); -1: none
    heading: bool = False  # the line names a problem: "Hypertension." under the assessment
    section: Section | None = None  # a history section of the note the line lies in
    queried: bool = False  # one of several differentials: "DDx - MI, PE, GORD"


MAX_HEADING_WORDS = 12
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_CAPS_HEADING = re.compile(r"^(?P<title>[A-Z][A-Z0-9 &/,()'-]{2,60}?):?\s*$")
_COLON_HEADING = re.compile(r"^(?P<title>[A-Z][A-Za-z /&-]{2,40}):\s*$")
# "Assessment: acute bronchitis." opens the assessment inline; other labels ("Medical
# Reasoning:") stay inside the section they appear in. Hand-written notes open sections with
# shorthand labels at the start of a line, ended by a colon, a semicolon, a dash or a full stop:
# "Imp: gastroenteritis", "PMHx - asthma.", "PC; diarrhoea", "HPC." (one-letter labels by a
# colon only: "P: fluids"). A label alone on its line opens its section too ("Plan").
_LABELS = {
    "assessment and plan": "assessment and plan",
    "assessment & plan": "assessment and plan",
    "a/p": "assessment and plan",
    "a&p": "assessment and plan",
    "assessment": "assessment",
    "impression": "impression",
    "imp": "impression",
    "diagnosis": "diagnosis",
    "diagnoses": "diagnosis",
    "dx": "diagnosis",
    "working diagnosis": "diagnosis",
    "differential diagnosis": "diagnosis",
    "differentials": "diagnosis",
    "ddx": "diagnosis",
    "plan": "plan",
    "pln": "plan",
    "mx": "plan",
    "management": "plan",
    "p": "plan",
    "pc": "presenting complaint",
    "presenting complaint": "presenting complaint",
    "c/o": "presenting complaint",
    "hpc": "history of presenting complaint",
    "hpi": "history of present illness",
    "hx": "history of presenting complaint",
    "ice": "history of presenting complaint",
    "ros": "review of systems",
    "systems review": "review of systems",
    "o/e": "examination",
    "oe": "examination",
    "ex": "examination",
    "exam": "examination",
    "examination": "examination",
}
_HISTORY_LABELS = {
    "pmh": Section.HISTORY,
    "pmhx": Section.HISTORY,
    "past medical history": Section.HISTORY,
    "psh": Section.HISTORY,
    "pshx": Section.HISTORY,
    "past surgical history": Section.HISTORY,
    "dh": Section.HISTORY,
    "dhx": Section.HISTORY,
    "drug history": Section.HISTORY,
    "meds": Section.HISTORY,
    "medications": Section.HISTORY,
    "current medications": Section.HISTORY,
    "allergies": Section.HISTORY,
    "sh": Section.HISTORY,
    "shx": Section.HISTORY,
    "social history": Section.HISTORY,
    "fh": Section.FAMILY,
    "fhx": Section.FAMILY,
    "family history": Section.FAMILY,
}
_LABEL_WORDS = "|".join(
    re.escape(label).replace(r"\ ", r"\s+")
    for label in sorted([*_LABELS, *_HISTORY_LABELS], key=len, reverse=True)
)
_INLINE_SECTION = re.compile(
    rf"^(?P<title>{_LABEL_WORDS})(?:\s*[:;]|\s*-(?=\s|$)|\.(?=\s|$)|\s*$)\s*",
    re.IGNORECASE,
)
# "DDx - MI, PE, GORD": several differentials, each only queried; one (beside any already
# queried: "DDx: asthma exacerbation, ?? allergy") is the clinician's impression.
_DIFFERENTIAL = re.compile(r"^(?:ddx|differentials?(?: diagnosis)?)$", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"[,/;]|\b(?:or|vs\.?|versus)\b", re.IGNORECASE)


def _several(items: str) -> bool:
    stated = [i for i in _ITEM_SPLIT.split(items) if i.strip() and not i.strip().startswith("?")]
    return len(stated) > 1


_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
# A question or exclamation ends a sentence whatever follows (lower-case transcripts too: "any
# fever? no fever."); a full stop only before a capital, so "dr. smith" stays one sentence.
# A question mark standing alone before a term queries it ("Choledocholithiasis, ? cholecystitis").
_SENTENCE_END = re.compile(r"(?<=!)\s+|(?<=[^\s,(?/]\?)\s+|(?<=\.)\s+(?=[A-Z0-9\"'(])")
_SPEAKER = re.compile(r"^\s*(?:\[[^\]]{1,30}\]|(?:doctor|patient|dr|clinician|nurse)\s*:)\s*", re.I)


def _origin(title: str) -> Origin | None:
    """The section a heading opens; None when the title names no section ("COPD")."""
    kinds = section_kinds(title, title)
    if not kinds:
        return None
    if Kind.ASSESSMENT in kinds:
        return Origin.ASSESSMENT
    if Kind.PLAN in kinds:
        return Origin.PLAN
    return Origin.NOTE


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def _sentences(line: str, offset: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each sentence in a line, positions in the whole document."""
    start = 0
    for boundary in [*(m.start() for m in _SENTENCE_END.finditer(line)), len(line)]:
        piece = line[start:boundary]
        stripped = piece.strip()
        if stripped:
            lead = start + piece.index(stripped)
            yield offset + lead, offset + lead + len(stripped), stripped
        start = boundary


def _heading(line: str) -> str | None:
    for pattern in (_MARKDOWN_HEADING, _CAPS_HEADING, _COLON_HEADING):
        match = pattern.match(line.strip())
        if match:
            return match["title"]
    return None


_PROBLEM_SECTIONS = frozenset({Origin.ASSESSMENT, Origin.PLAN})


def _names_problem(body: str, origin: Origin) -> bool:
    """A short line of its own under the assessment or plan: "Right knee pain." """
    words = body.split()
    return (
        origin in {Origin.ASSESSMENT, Origin.PLAN}
        and 0 < len(words) <= MAX_HEADING_WORDS
        and ":" not in body
        and not _SENTENCE_END.search(body)
    )


# "1.  Hypertension. 2.  Fatigue." on one line: each numbered item is a line of its own.
_INLINE_ITEM = re.compile(r"(?<=[.;])\s+(?=\d{1,2}[.)]\s+[A-Z])")


def _items(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    for offset, line in lines:
        start = 0
        for match in _INLINE_ITEM.finditer(line):
            yield offset + start, line[start : match.start()]
            start = match.end()
        yield offset + start, line[start:]


def _label(title: str) -> tuple[Origin | None, Section | None]:
    """The section a label opens and, for a history section, which one."""
    key = " ".join(title.lower().split())
    if key in _HISTORY_LABELS:
        return Origin.NOTE, _HISTORY_LABELS[key]
    if key in _LABELS:
        return _origin(_LABELS[key]), None
    return _origin(title), _history_section(key)


def _history_section(key: str) -> Section | None:
    """A written-out heading's history section: "PAST MEDICAL HISTORY", "FAMILY HISTORY"."""
    if "family" in key:
        return Section.FAMILY
    if re.search(r"past (?:medical |surgical )?history|medications|allerg|social", key):
        return Section.HISTORY
    return None


def note_sources(note: str) -> list[Source]:
    origin = Origin.NOTE
    section: Section | None = None
    sources: list[Source] = []
    block = 0
    for offset, line in _items(_lines(note)):
        title = _heading(line)
        opened, opened_section = _label(title) if title is not None else (None, None)
        # A capitalised line under the assessment that names a condition is a problem: "COPD".
        names_condition = title is not None and bool(find_mentions(title))
        if title is not None and (
            opened is not None or origin not in _PROBLEM_SECTIONS or not names_condition
        ):
            origin, section = opened or Origin.NOTE, opened_section
            block += 1
            continue
        bullet = _BULLET.match(line)
        body_at = bullet.end() if bullet else 0
        differential = False
        inline = _INLINE_SECTION.match(line[body_at:])
        if inline and (len(inline["title"]) > 1 or ":" in inline.group()):
            opened, section = _label(inline["title"])
            origin = opened or origin
            body_at += inline.end()
            differential = bool(_DIFFERENTIAL.match(inline["title"]))
            differential = differential and _several(line[body_at:])
        heading = _names_problem(line[body_at:], origin)
        sentences = list(_sentences(line[body_at:], offset + body_at))
        # "3. Generalized weakness and deconditioning. Also sustained a fall ...": a numbered
        # item's first sentence names its problem; the rest is its reasoning.
        item = bool(bullet) and bool(sentences) and _names_problem(sentences[0][2], origin)
        if heading or item:
            block += 1
        for number, (start, end, text) in enumerate(sentences):
            kind = Origin.CONTEXT if text.startswith(CONTEXT_PREFIX) else origin
            names = heading or (item and number == 0)
            sources.append(
                Source(text, kind, Document.NOTE, start, end, block, names, section, differential)
            )
    return sources


# Transcribed speech often drops the question mark: "have you had strep throat in the past".
# "and then any numbness or tingling", "how about a loss of sensation": asked, not told.
_SPOKEN_QUESTION = re.compile(
    r"^(?:(?:okay|alright|all right|so|and|now|then|um|uh)[\s,]+)*"
    r"(?:(?:have|has|do|does|did|are|were|is|was|can|could|would|any)\s+"
    r"(?:you|she|he|they|your|there)\b|(?:any|how about|what about)\s)",
    re.IGNORECASE,
)


def _asks(text: str) -> bool:
    return is_question(text) or bool(_SPOKEN_QUESTION.match(text))


def transcript_sources(transcript: str) -> list[Source]:
    """Statements only: a question asserts nothing about the patient."""
    sources: list[Source] = []
    for offset, line in _lines(transcript):
        tag = _SPEAKER.match(line)
        body_at = tag.end() if tag else 0
        for start, end, text in _sentences(line[body_at:], offset + body_at):
            if not _asks(text):
                sources.append(Source(text, Origin.TRANSCRIPT, Document.TRANSCRIPT, start, end))
    return sources


def gather(note: str, transcript: str) -> list[Source]:
    """Note sentences first, then transcript statements."""
    return note_sources(note) + transcript_sources(transcript)
