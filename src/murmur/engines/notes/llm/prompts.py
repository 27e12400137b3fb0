"""What the LLM note writer asks for: one section at a time, the transcript numbered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from murmur.facts.domain import Fact, Medication, VisitFacts
from murmur.notes.domain import ADDITION_KEY, VoiceStyle
from murmur.notes.ports import ChatMessage, NoteBrief
from murmur.notes.templates import TemplateSection
from murmur.transcripts.text import numbered_transcript

_STYLE = {
    VoiceStyle.BRIEF: "Be brief: one or two short sentences with only the key facts.",
    VoiceStyle.GOLDILOCKS: "Be concise but complete: every relevant fact, no padding.",
    VoiceStyle.DETAILED: "Be detailed: include timing, severity, modifiers and negatives.",
    VoiceStyle.SUPER_DETAILED: "Be exhaustive: every relevant detail that was said.",
    VoiceStyle.MY_VOICE: "Write the way the clinician's example note is written.",
}
SYSTEM = (
    "You are a clinical scribe. You write one section of a clinical note from a visit "
    "transcript. Use only facts stated in the transcript or the context given; never invent "
    "findings, doses or numbers. If the transcript says nothing for this section, answer "
    "exactly: Not discussed. Write plain sentences without a heading, without Markdown and "
    "without speaker labels. Where facts read from the visit are listed, state the ones that "
    "belong in this section as written there (medications as sigs with their action, "
    "conditional plans as conditional, sides kept), and check them against the transcript."
)
_FIELDS = ("laterality", "site", "value", "unit", "interval", "relative", "reaction", "certainty")
MAX_FACTS = 60


def _fact_line(fact: Fact) -> str:
    name = fact.sig if isinstance(fact, Medication) else fact.label
    details = [f"{field}={getattr(fact, field)}" for field in _FIELDS
               if getattr(fact, field, None) is not None]  # fmt: skip
    if isinstance(fact, Medication):
        details.insert(0, f"action={fact.action.value}")
    where = ",".join(str(e.segment) for e in fact.evidence[:3])
    extra = f" ({', '.join(details)})" if details else ""
    return f"- {fact.kind}: {name}{extra} [{fact.assertion.value}; segments {where}]"


def facts_block(facts: VisitFacts) -> str:
    """The visit's facts as a compact list; family and absent facts keep their assertion so
    the model does not state them as the patient's."""
    if not facts.facts:
        return ""
    lines = "\n".join(_fact_line(fact) for fact in facts.facts[:MAX_FACTS])
    return f"\n\nFacts read from the visit (each cites its transcript segments):\n{lines}"


def _language(language: str) -> str:
    if language.strip().lower() in {"", "auto"}:
        return "the language the visit was held in"
    return language


def _context(context: Mapping[str, Any] | None) -> str:
    supplied = {k: v for k, v in (context or {}).items() if k != ADDITION_KEY}
    text = ""
    if addition := (context or {}).get(ADDITION_KEY):
        text += f"\n\nThe clinician adds (follow it where the transcript allows): {addition}"
    if supplied:
        lines = "\n".join(f"- {key}: {value}" for key, value in supplied.items())
        text += f"\n\nContext supplied with the visit (not said aloud):\n{lines}"
    return text


def section_messages(
    brief: NoteBrief, section: TemplateSection, facts: VisitFacts | None = None
) -> list[ChatMessage]:
    template, style = brief.template, brief.style
    audience = (
        "Write for the patient, in plain everyday language and second person."
        if template.plain_language
        else "Write for clinicians, in third-person clinical prose."
    )
    example = (
        f"\n\nThe clinician's example note, to imitate in style only:\n{brief.example_note}"
        if style is VoiceStyle.MY_VOICE and brief.example_note
        else ""
    )
    draws = ", ".join(c.value.replace("_", " ") for c in section.draws_from)
    user = (
        f"Template: {template.name}\nSection: {section.title}\n"
        f"What belongs here: {section.instruction}"
        + (f" (facts about: {draws})" if draws else "")
        + f"\nLanguage: {_language(brief.language)}\n{audience} {_STYLE[style]}"
        + example
        + _context(brief.context)
        + facts_block(facts or VisitFacts())
        + f"\n\nTranscript (one numbered line per segment):\n{numbered_transcript(brief.segments)}"
    )
    return [ChatMessage("system", SYSTEM), ChatMessage("user", user)]
