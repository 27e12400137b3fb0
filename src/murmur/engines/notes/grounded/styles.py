"""Voice styles: how much a grounded note retells, and MY_VOICE's following of an example note."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from murmur.engines.notes.grounded.rewrite import Detail
from murmur.notes.domain import NoteSection, NoteSentence, VoiceStyle

BRIEF_SENTENCES_PER_SECTION = 3
TERSE_WORDS_PER_SENTENCE = 9

DETAIL: dict[VoiceStyle, Detail] = {
    VoiceStyle.BRIEF: Detail(retell=False),
    VoiceStyle.GOLDILOCKS: Detail(),
    VoiceStyle.DETAILED: Detail(
        coverage=0.6, keep_rule_sentences=True, min_words=4, quote_spanish=True
    ),
    VoiceStyle.SUPER_DETAILED: Detail(
        coverage=10.0, keep_rule_sentences=True, min_words=3, quote_spanish=True
    ),
    VoiceStyle.MY_VOICE: Detail(),
}

_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*(?P<md>[^\n]+?)|(?P<colon>[A-Za-z][A-Za-z /&-]{1,40}):\s*.*|"
    r"(?P<caps>[A-Z][A-Z /&-]{2,40}))\s*$"
)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# "The patient reports X" is "Reports X." in a terse voice.
_TERSE_FRAMES = re.compile(
    r"^(?:the )?(?:patient|paciente) (?=(?:reports|denies|states|endorses|notes|refiere|niega)\b)",
    re.IGNORECASE,
)
_TERSE_START = re.compile(r"^(?:on exam, |assessment: |assessment consistent with )", re.I)


@dataclass(frozen=True, slots=True)
class ExampleVoice:
    """What a provider's example note shows about how they write."""

    headings: tuple[str, ...]
    bullets: bool
    terse: bool


def read_example(example: str) -> ExampleVoice:
    headings: list[str] = []
    body_lines: list[str] = []
    bullet_lines = 0
    for line in example.splitlines():
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match is not None:
            heading = (match["md"] or match["colon"] or match["caps"] or "").strip()
            headings.append(heading)
            rest = line.split(":", 1)[1].strip() if match["colon"] else ""
            if rest:
                body_lines.append(rest)
            continue
        body_lines.append(line)
        if _BULLET.match(line):
            bullet_lines += 1
    body = " ".join(_BULLET.sub("", line) for line in body_lines)
    sentences = [s for s in re.split(r"[.!?;\n]+", body) if s.strip()]
    words = sum(len(s.split()) for s in sentences)
    mean_words = words / len(sentences) if sentences else 0.0
    return ExampleVoice(
        headings=tuple(headings),
        bullets=bool(body_lines) and bullet_lines * 2 >= len(body_lines),
        terse=bool(sentences) and mean_words <= TERSE_WORDS_PER_SENTENCE,
    )


def shortened(sections: tuple[NoteSection, ...]) -> tuple[NoteSection, ...]:
    return tuple(
        replace(section, sentences=section.sentences[:BRIEF_SENTENCES_PER_SECTION])
        for section in sections
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-záéíóúñ]+", text.lower()))


def _heading_for(section: NoteSection, headings: tuple[str, ...]) -> int | None:
    """The example heading that best names this section (shared words), if any does."""
    own = _words(f"{section.key.replace('_', ' ')} {section.title}")
    best, best_overlap = None, 0
    for index, heading in enumerate(headings):
        overlap = len(own & _words(heading))
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def _terse(sentence: NoteSentence) -> NoteSentence:
    text = _TERSE_START.sub("", _TERSE_FRAMES.sub("", sentence.text))
    return replace(sentence, text=text[:1].upper() + text[1:])


def _bullet(sentence: NoteSentence) -> NoteSentence:
    return replace(sentence, text=f"- {sentence.text}")


def in_voice(sections: tuple[NoteSection, ...], voice: ExampleVoice) -> tuple[NoteSection, ...]:
    """Sections in the example's order under its headings, sentences terse or bulleted like it."""
    placed: list[tuple[int, int, NoteSection]] = []
    for order, section in enumerate(sections):
        index = _heading_for(section, voice.headings)
        title = voice.headings[index] if index is not None else section.title
        sentences = section.sentences
        if voice.terse:
            sentences = tuple(_terse(s) for s in sentences)
        if voice.bullets:
            sentences = tuple(_bullet(s) for s in sentences)
        rank = index if index is not None else len(voice.headings) + order
        placed.append((rank, order, replace(section, title=title, sentences=sentences)))
    return tuple(section for _, _, section in sorted(placed, key=lambda item: item[:2]))
