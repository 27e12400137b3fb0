"""Guesses who is speaking when the transcript carries no speaker labels."""

from __future__ import annotations

import re
from dataclasses import replace

from murmur.language.sentences import Utterance
from murmur.language.spoken import is_question
from murmur.transcripts.domain import SpeakerRole

_CLINICIAN_STRONG = re.compile(
    r"\b(?:prescri\w*|i(?:'m| am) going to (?:order|give you|start you|refer|check|send)|"
    r"i(?:'ll| will) (?:order|refer|prescribe|send in)|i want you to|i'd like you to|"
    r"follow[- ]up|come back (?:in|if)|on exam\w*|i (?:hear|see|feel) (?:some|a|any|no)|"
    r"your (?:lungs|heart|throat|ears|abdomen|blood pressure|temperature|oxygen|exam|"
    r"x-?ray|labs?|results?|a1c)|i think (?:this|it|you have|that you have)|diagnos\w*|"
    r"take a deep breath|let me (?:listen|look|check|examine|take)|i recommend|"
    r"year-old|presents (?:today )?(?:with|for)|past medical history|"
    r"i think you(?:'re| are)|let(?:'s| us)|let me|show me|my (?:assessment|plan)|"
    r"(?:i|we)(?:'d| would) like (?:to|you to) (?:check|order|get|see|start|have|try)|"
    r"(?:is|are) (?:well |not )?(?:controlled|stable|uncontrolled)|"
    r"(?:increas|decreas|continu|refill|order|prescrib|refer)\w*|go ahead and|looking at|"
    r"physical exam|for your (?:first|second|next|last|other)|you(?:'re| are) (?:doing|taking)|"
    r"creo que (?:es|tiene)|le voy a|voy a (?:recetar|pedir|ordenar)|respire)\b",
    re.IGNORECASE,
)
_CLINICIAN_QUESTION = re.compile(
    r"^(?:\W*(?:so|and|okay|ok|now|alright|all right|um|uh)\W+)*"
    r"(?:do you|did you|have you|are you|were you|any\b|how long|how often|how much|"
    r"how many|when did|where is|where does|what kind|can you|could you|does it|does that|"
    r"is there|on a scale|how are you|how have you|what brings|tell me|¿?tiene|¿?ha tenido|"
    r"¿?le duele|¿?desde cuándo|¿?toma)",
    re.IGNORECASE,
)
_PATIENT_STRONG = re.compile(
    r"\b(?:i(?:'ve| have) (?:been|had|got|noticed)|i(?:'m| am) (?:having|feeling|taking|"
    r"allergic)|i have (?:a|an|some|had|been)|i feel|i felt|i get|i got|my \w+ (?:hurts|"
    r"is|has been|was)|it hurts|it started|i can't|i don't (?:have|feel|know)|"
    r"i take|i've|tengo|me duele|he tenido|estoy tomando|soy alérgic)",
    re.IGNORECASE,
)
_PATIENT_QUESTION = re.compile(
    r"^(?:\W*(?:so|and|okay|um|uh|but)\W+)*(?:(?:should|do|can|could|will|would|am|how) i\b|"
    r"is (?:that|it|this) (?:something|serious|bad|normal|contagious|dangerous))",
    re.IGNORECASE,
)
_ANSWER = re.compile(
    r"^(?:yes|yeah|yep|yup|no|nope|nah|not really|none|uh-huh|mm-hmm|correct|sí|si)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you(?! know)|your|usted|su)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|my|me|yo|mi)\b", re.IGNORECASE)


def _scores(text: str, after_question: bool) -> tuple[int, int]:
    clinician = 3 * len(_CLINICIAN_STRONG.findall(text))
    patient = 2 * len(_PATIENT_STRONG.findall(text))
    if _PATIENT_QUESTION.search(text):
        patient += 4
    if _CLINICIAN_QUESTION.search(text) or text.endswith("?"):
        clinician += 2
    clinician += min(len(_SECOND_PERSON.findall(text)), 2)
    patient += min(len(_FIRST_PERSON.findall(text)), 1)
    if after_question and _ANSWER.search(text):
        patient += 3
    return clinician, patient


def infer_roles(utterances: list[Utterance]) -> list[Utterance]:
    """Keeps labelled speakers; labels the rest by wording, or leaves them unknown (None)."""
    inferred: list[Utterance] = []
    previous: Utterance | None = None
    for utterance in utterances:
        role = utterance.speaker
        if role is None:
            after_question = (
                previous is not None
                and previous.speaker is not SpeakerRole.PATIENT
                and is_question(previous.text)
            )
            clinician, patient = _scores(utterance.text, after_question)
            if clinician > patient:
                role = SpeakerRole.CLINICIAN
            elif patient > clinician or after_question:
                role = SpeakerRole.PATIENT
            elif previous is not None and set(previous.evidence) & set(utterance.evidence):
                # Undecided: a sentence sharing a segment with the last one is most likely
                # the same speaker carrying on.
                role = previous.speaker
        labelled = replace(utterance, speaker=role)
        inferred.append(labelled)
        previous = labelled
    return inferred
