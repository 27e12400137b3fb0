"""The visit as sentences that know who said them and where each word sits in the segments."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from murmur.facts.domain import Assertion, Evidence, Speaker
from murmur.language.assertion import Modifier, Span, modifiers
from murmur.language.roles import infer_roles
from murmur.language.sentences import Located, split_located
from murmur.language.spoken import is_question
from murmur.transcripts.domain import Segment, SpeakerRole

# Speech transcribed as tokens ("do n't", "gon na") is matched as if it were joined up.
_TOKENISED = re.compile(r" (?=n't\b|'(?:s|m|re|ll|ve|d)\b)|(?<=\bgon) (?=na\b)|(?<=\bwan) (?=na\b)")
_CONDITION = re.compile(
    r"\b(?:if|unless|depending on|in case|should (?:it|you|that|this|things?))\b", re.I
)
_POSSIBILITY = re.compile(
    r"\b(?:might|may|maybe|possibly|perhaps|consider(?:ing)?|potentially|could (?:consider|try))\b",
    re.I,
)
# A condition governs a plan only within its clause.
_CLAUSE_END = re.compile(r"[.;?!]|\b(?:so|and then|but|because|which|okay|alright|now)\b")
_NEAR = 80  # characters
_SPEAKERS = {SpeakerRole.CLINICIAN: Speaker.CLINICIAN, SpeakerRole.PATIENT: Speaker.PATIENT}


@dataclass(frozen=True, slots=True)
class Said:
    """One sentence of the visit. ``text`` is lower case with tokenised contractions joined;
    ``where`` maps each of its characters back to the sentence as located in the segments."""

    index: int
    text: str
    speaker: Speaker
    located: Located
    where: tuple[int, ...]

    @property
    def by_clinician(self) -> bool:
        return self.speaker in (Speaker.CLINICIAN, Speaker.UNKNOWN)

    def evidence(self, start: int, end: int) -> tuple[Evidence, ...]:
        """The segment spans of characters ``start:end`` of ``text``."""
        first, last = self.where[start], self.where[max(start, end - 1)] + 1
        return tuple(Evidence(s, a, b) for s, a, b in self.located.spans(first, last))

    def _clause_before(self, start: int) -> str:
        before = self.text[max(0, start - _NEAR) : start]
        breaks = list(_CLAUSE_END.finditer(before))
        return before[breaks[-1].end() :] if breaks else before

    def modifiers(self, start: int, end: int) -> frozenset[Modifier]:
        return modifiers(self.text, Span(start, end))

    @property
    def asked(self) -> bool:
        """A real question (not a statement closed by ", okay?")."""
        return is_question(self.text)

    def assertion(self, start: int, end: int, *, plan: bool = False) -> Assertion:
        """ConText's reading of the words at ``start:end``. For a plan (an order, a drug to
        start) an "if" makes it conditional and a "might" hypothetical."""
        found = self.modifiers(start, end)
        before = self.text[:start]
        if Modifier.NEGATED in found:
            return Assertion.ABSENT
        # Dictated visits run on for hundreds of words unpunctuated, so only the words of the
        # plan's own clause count.
        clause = self._clause_before(start)
        after = self.text[end : end + _NEAR // 2]
        cut = _CLAUSE_END.search(after)
        after = after[: cut.start()] if cut else after
        if plan and (_CONDITION.search(clause) or re.match(r"\W*(?:if|unless)\b", after)):
            return Assertion.CONDITIONAL
        if plan and _POSSIBILITY.search(clause):
            return Assertion.CONDITIONAL
        if Modifier.HYPOTHETICAL in found:
            return Assertion.CONDITIONAL if _CONDITION.search(before) else Assertion.HYPOTHETICAL
        if Modifier.HISTORICAL in found:
            return Assertion.HISTORICAL
        return Assertion.PRESENT


def _joined(text: str) -> tuple[str, tuple[int, ...]]:
    kept = [i for i in range(len(text)) if not _TOKENISED.match(text, i)]
    return "".join(text[i] for i in kept).lower(), tuple(kept)


def visit_sentences(segments: Sequence[Segment]) -> list[Said]:
    """Every sentence in spoken order; speakers not labelled in the segments are guessed."""
    located = split_located(segments)
    roles = infer_roles([sentence.utterance for sentence in located])
    said: list[Said] = []
    for index, (sentence, role) in enumerate(zip(located, roles, strict=True)):
        text, where = _joined(sentence.utterance.text)
        speaker = _SPEAKERS.get(role.speaker, Speaker.UNKNOWN) if role.speaker else Speaker.UNKNOWN
        said.append(Said(index, text, speaker, sentence, where))
    return said
