"""Problems the clinician names as the visit's diagnoses, with certainty and side."""

from __future__ import annotations

import re

from murmur.engines.facts.said import Said
from murmur.engines.facts.vocabulary import CONDITION_RE, RELATIVE_RE, condition_named
from murmur.facts.domain import Assertion, Certainty, Diagnosis, Laterality

# Words before a condition that make it the clinician's assessment rather than a mention.
_ASSESSED = re.compile(
    r"\b(?:diagnos\w*|impression|assessment|you (?:do )?have|you've got|you have got|"
    r"i think (?:you|it|this|that)|(?:first|second|third|fourth|next|last|other|new) "
    r"(?:problem|issue|condition|diagnosis)|in terms of|for your|regarding|as far as|"
    r"with regards? to|consistent with|looks like|suspect\w*|concern\w*|could be|"
    r"(?:this|it|that) (?:is|was|may be|might be)|likely|probably|sounds like|"
    r"dealing with|suffering from|treat\w*|manag\w*|control\w*|secondary to|due to|"
    r"(?:next|first|second|third|last|other) one (?:is|was)|newly diagnosed)\b|"
    r"\b(?:chronic|acute|mild|moderate|severe|uncontrolled|stable|early|advanced)\s*$"
)
_AFTER = re.compile(r"^\W*(?:standpoint|perspective|wise|is (?:well |not )?(?:controlled|stable))")
_SUSPECTED = re.compile(
    r"\b(?:could|might|may|possibl\w*|concerned (?:about|that|it)|suspect\w*|wonder\w*|"
    r"probabl\w*|likely|"
    r"rule out|think about|differential|worried)\b"
)
_FAMILY = re.compile(r"\b(?:family|relatives?|runs in)\b")
_SIDE = (
    (re.compile(r"\b(?:bilateral\w*|both)\b"), Laterality.BILATERAL),
    (re.compile(r"\bleft\b"), Laterality.LEFT),
    (re.compile(r"\bright\b(?! now| away| here| there)"), Laterality.RIGHT),
)


def _laterality(text: str) -> Laterality | None:
    return next((side for pattern, side in _SIDE if pattern.search(text)), None)


def diagnoses(sentences: list[Said]) -> list[Diagnosis]:
    found: list[Diagnosis] = []
    for said in sentences:
        if not said.by_clinician or said.asked:
            continue
        for match in CONDITION_RE.finditer(said.text):
            start, end = match.span()
            before = said.text[max(0, start - 60) : start]
            if not (_ASSESSED.search(before) or _AFTER.match(said.text[end:])):
                continue
            if RELATIVE_RE.search(before) or _FAMILY.search(before):
                continue  # a relative's condition is family history
            assertion = said.assertion(start, end)
            if assertion is Assertion.HISTORICAL:
                assertion = Assertion.PRESENT  # "a history of gout" is still the patient's
            certainty = Certainty.CONFIRMED
            if assertion is Assertion.ABSENT:
                certainty = Certainty.RULED_OUT
            elif _SUSPECTED.search(before):
                certainty, assertion = Certainty.SUSPECTED, Assertion.POSSIBLE
            found.append(
                Diagnosis(
                    name=condition_named(match),
                    certainty=certainty,
                    laterality=_laterality(said.text[max(0, start - 25) : end]),
                    assertion=assertion,
                    speaker=said.speaker,
                    confidence=0.6,
                    evidence=said.evidence(start, end),
                )
            )
    return found
