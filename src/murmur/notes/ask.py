"""Ask AI without a model: a clinician's command about the visit answered from the visit's
facts (diagnosis, medication changes, orders, follow-up, vitals, allergies, who said what), else
from the transcript and the note by retrieval and a few answer templates, every claim cited as
``[n]`` (the transcript segment's number)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from murmur.facts.domain import VisitFacts
from murmur.language.clinical_words import MED_RE
from murmur.notes.ask_facts import answer_from_facts
from murmur.notes.domain import NoteSentence, WrittenNote
from murmur.notes.evidence import content_words
from murmur.notes.templates import FactCategory, Template
from murmur.transcripts.domain import Segment, SpeakerRole

MAX_CITED = 6
PREFIX = 6
MIN_STEM = 4
_MEDICATIONS = re.compile(r"\b(?:medications?|medicines?|meds|drugs?|prescri\w*)\b", re.I)
_INSTRUCTIONS = re.compile(
    r"\b(?:patient instructions?|instructions|after[- ]visit|handout|explain (?:it )?to the "
    r"patient|discharge advice)\b",
    re.I,
)
_PATIENT_SAID = re.compile(
    r"what (?:did|does|has) (?:the )?(?:patient|pt|he|she|they) (?:say|said|mention|report|tell)"
    r"\w*(?: (?:us|you|me))? (?:about|regarding|on) (?P<topic>.+?)[?.!]*$",
    re.I,
)
_ABOUT = re.compile(r"\b(?:about|regarding|on)\s+(?P<topic>.+?)[?.!]*$", re.I)
_PLAN_CATEGORIES = frozenset(
    {FactCategory.PLAN, FactCategory.FOLLOW_UP, FactCategory.PATIENT_INSTRUCTIONS}
)


@dataclass(frozen=True, slots=True)
class Citation:
    segment: int
    start: float
    end: float
    speaker: SpeakerRole | None
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    engine: str = "grounded"


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60:02d}:{int(seconds) % 60:02d}"


def citations_for(positions: Sequence[int], segments: Sequence[Segment]) -> tuple[Citation, ...]:
    unique = sorted({p for p in positions if 0 <= p < len(segments)})
    return tuple(
        Citation(p, segments[p].start, segments[p].end, segments[p].speaker, segments[p].text)
        for p in unique
    )


def sources_block(citations: Sequence[Citation]) -> str:
    lines = [
        f"[{c.segment}] {_clock(c.start)} {(c.speaker or 'Speaker').title()}: \u201c{c.text}\u201d"
        for c in citations
    ]
    return "\n\nSources:\n" + "\n".join(lines) if lines else ""


def _quote_lines(positions: Sequence[int], segments: Sequence[Segment]) -> str:
    return "\n".join(
        f"- {(segments[p].speaker or 'Speaker').title()}: \u201c{segments[p].text}\u201d [{p}]"
        for p in positions
    )


def _related(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= MIN_STEM and long.startswith(short):
        return True  # smoke / smoker
    return len(short) >= PREFIX and short[:PREFIX] == long[:PREFIX]  # allergies / allergic


def matching(wanted: set[str], words: set[str]) -> set[str]:
    """The wanted words found among ``words``, counting close forms as found."""
    return {w for w in wanted if any(_related(w, other) for other in words)}


def rank_segments(
    words: set[str], segments: Sequence[Segment], *, speaker: SpeakerRole | None
) -> list[int]:
    scored = []
    for position, segment in enumerate(segments):
        if speaker is not None and segment.speaker not in (speaker, None):
            continue
        overlap = len(matching(words, content_words(segment.text)))
        if overlap:
            scored.append((-overlap, position))
    return sorted(p for _, p in sorted(scored)[:MAX_CITED])


def _answer(text: str, positions: Sequence[int], segments: Sequence[Segment]) -> Answer:
    citations = citations_for(positions, segments)
    return Answer(text + sources_block(citations), citations)


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def _medications(segments: Sequence[Segment]) -> Answer:
    found = [
        p for p, s in enumerate(segments) if MED_RE.search(s.text) and not _is_question(s.text)
    ][: MAX_CITED * 2]
    if not found:
        return Answer("No medications were mentioned in the visit.", ())
    return _answer(
        f"Medications mentioned in the visit:\n{_quote_lines(found, segments)}", found, segments
    )


def _plan_sentences(note: WrittenNote | None, plan_keys: frozenset[str]) -> list[NoteSentence]:
    if note is None:
        return []
    return [s for section in note.sections if section.key in plan_keys for s in section.sentences]


def _instructions(
    note: WrittenNote | None, plan_keys: frozenset[str], segments: Sequence[Segment]
) -> Answer:
    sentences = [s for s in _plan_sentences(note, plan_keys) if s.evidence]
    if not sentences:
        return Answer("The visit did not include a plan or instructions to pass on.", ())
    lines = "\n".join(f"- {s.text} " + "".join(f"[{p}]" for p in s.evidence) for s in sentences)
    positions = [p for s in sentences for p in s.evidence]
    return _answer(f"Instructions from today's visit:\n{lines}", positions, segments)


def _patient_said(topic: str, segments: Sequence[Segment]) -> Answer:
    words = content_words(topic)
    found = rank_segments(words, segments, speaker=SpeakerRole.PATIENT)
    if not words or not found:
        return Answer(f"The patient did not mention {topic.strip()} in the visit.", ())
    return _answer(
        f"What the patient said about {topic.strip()}:\n{_quote_lines(found, segments)}",
        found,
        segments,
    )


def answer_from_visit(
    command: str,
    *,
    segments: Sequence[Segment],
    note: WrittenNote | None,
    plan_keys: frozenset[str] = frozenset({"plan"}),
    facts: VisitFacts | None = None,
) -> Answer:
    """``plan_keys``: the note sections that hold the plan (for patient instructions);
    ``facts``: the visit's facts, which answer the questions they can (none: retrieval only)."""
    if said := _PATIENT_SAID.search(command):
        return _patient_said(said.group("topic"), segments)
    if _INSTRUCTIONS.search(command):
        return _instructions(note, plan_keys, segments)
    if facts is not None and (from_facts := answer_from_facts(command, facts)):
        return _answer(from_facts.text, from_facts.segments, segments)
    if _MEDICATIONS.search(command):
        return _medications(segments)
    about = _ABOUT.search(command)
    words = content_words(about.group("topic") if about else command)
    found = rank_segments(words, segments, speaker=None)
    if not found:
        return Answer("Nothing in the visit transcript answers that.", ())
    return _answer(f"From the visit:\n{_quote_lines(found, segments)}", found, segments)


def plan_section_keys(template: Template) -> frozenset[str]:
    """The sections of a template that hold the plan and what the patient should do."""
    return frozenset(
        section.key
        for section in template.sections
        if _PLAN_CATEGORIES & set(section.draws_from) or "plan" in section.key
    )
