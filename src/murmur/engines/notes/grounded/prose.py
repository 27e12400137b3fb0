"""Clinical talk that no specific rule recognised, retold in the third person.

A rule gives the best sentence ("Prescribed amoxicillin."); what no rule covers but is plainly
clinical ("it gets worse when I climb stairs") is still part of the history, so it is kept,
cleaned of fillers and told about the patient: "The patient states it gets worse when he
climbs stairs." The clinician's own words stay in the clinician's voice, as in a dictated
assessment and plan ("I will order an MRI of his knee").
"""

from __future__ import annotations

import re

from murmur.engines.notes.grounded.patterns_en import EXAM_COMMAND, FUTURE, INTENT
from murmur.language.clinical_words import (
    DIAGNOSIS_RE,
    EXAM_RE,
    MED_RE,
    SYMPTOM_RE,
    TEST_RE,
    is_clinical,
)
from murmur.language.sentences import Utterance
from murmur.language.spoken import PATIENT_MARK, finish, is_question, normalize, swap_pronouns
from murmur.language.statements import Kind, Statement, Swap
from murmur.transcripts.domain import SpeakerRole

MIN_WORDS = int(__import__("os").environ.get("MINW", "6"))
MAX_WORDS = 150
_PLAN = re.compile(
    INTENT + r"|\b(?:prescri\w*|refer\w*|order\w*|schedule|follow[- ]up|come back|recommend\w*|"
    r"continue|start\w*|increase|decrease|physical therapy|surgery|injection)\b",
    re.IGNORECASE,
)
_RESULT_WORDS = re.compile(
    r"\b(?:shows?|showed|revealed|demonstrat\w*|came back|results?|levels?|was normal|"
    r"were normal|is normal|are normal|negative|positive|elevated)\b",
    re.IGNORECASE,
)
_EXAM_VERBS = re.compile(
    r"\b(?:i (?:do )?(?:hear|see|feel|notice|appreciate|note)|on (?:physical )?exam\w*|"
    r"(?:exam|examination) (?:of|shows|reveals)|sounds?|looks?|palpat\w*|tender\w*|"
    r"range of motion|reflexes|strength|pulses)\b",
    re.IGNORECASE,
)
# Talk about the visit itself, not the patient: small talk, consent, the recording device.
_NOT_CLINICAL = re.compile(
    r"\b(?:dax|dragon|nurse told|weather|vacation|how are you|nice to|thank you|"
    r"appreciate it|sign (?:this|the)|paperwork|recording)\b",
    re.IGNORECASE,
)
_LOWER_I = re.compile(r"\bi\b")
# A question inside an unpunctuated turn ("... have you been taking it") is not a statement.
_ASKS = re.compile(
    r"\b(?:do|did|have|are|were|can|could|would|will|is|does|has) you\b|"
    r"\b(?:what|how|when|where|why) (?:do|did|does|is|are|was|were|would|have) (?:you|it)\b",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"(?:[\s,]+(?:and|so|but|or|okay|then|now|because|um|uh))*[\s,]*$", re.I)
# A bare answer word opening a reply: what follows stands on its own.
_ANSWER = re.compile(r"^(?:yes|yeah|yep|no|nope|nah|correct|right)[,.]\s+(?=\w)", re.I)
# What the clinician does or asks for during the exam is not a finding.
_EXAM_ACTION = re.compile(
    r"^(?:(?:i|we) will|let me|I am going to|can you|could you)\s+(?:just\s+)?(?:listen|look|"
    r"check|examine|feel|press|take a (?:look|listen)|have you)\b",
    re.IGNORECASE,
)
_UNSURE = re.compile(r"\b(?:not sure|do not know|wonder|no idea|maybe|might|could)\b", re.I)
# Spoken hedges and fillers that a written note leaves out.
_SPOKEN = re.compile(
    r"\b(?:actually|basically|literally|definitely|obviously|honestly|really|just|"
    r"kind of|sort of|pretty much|you know|i mean|i guess|like(?=,)|okay|alright|so(?=,)|"
    r"um+|uh+|yeah|oh|well(?=,))\b,?\s*",
    re.IGNORECASE,
)


# Spoken future and hortative forms, in the fewer words a note uses.
_FUTURE_FORMS = (
    (re.compile(r"\b(i am|we are|you are)\s+going to\s+(?:go ahead and\s+)?", re.I),
     lambda m: {"i am": "I will ", "we are": "we will ", "you are": "you will "}[m[1].lower()]),
    (re.compile(r"\blet us\s+(?:go ahead and\s+)?", re.I), lambda m: "we will "),
    (re.compile(r"\bgo ahead and\s+", re.I), lambda m: ""),
)  # fmt: skip


def _written(text: str) -> str:
    for pattern, replacement in _FUTURE_FORMS:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s{2,}", " ", _SPOKEN.sub("", text)).strip(" ,")


def _clinician_kind(text: str) -> tuple[Kind, frozenset[str]]:
    future = FUTURE.search(text) is not None
    if TEST_RE.search(text) and _RESULT_WORDS.search(text) and not future:
        return Kind.OBJECTIVE, frozenset({"result"})
    if _EXAM_VERBS.search(text) and EXAM_RE.search(text) and not future:
        return Kind.OBJECTIVE, frozenset({"exam"})
    if future or _PLAN.search(text) or MED_RE.search(text):
        return Kind.PLAN, frozenset({"plan"})
    if DIAGNOSIS_RE.search(text):
        return Kind.ASSESSMENT, frozenset({"diagnosis"})
    return Kind.SUBJECTIVE, frozenset({"history"})


def _reported(swapped: str) -> str:
    """ "I have had ..." is told as "He has had ..."; other reports keep who said them."""
    return swapped if swapped.startswith(PATIENT_MARK) else f"The patient states {swapped}"


def retell(utterance: Utterance, min_words: int = MIN_WORDS) -> Statement | None:
    """The utterance as a note sentence, or None when it is a question or not clinical."""
    if utterance.speaker is None or is_question(utterance.text):
        return None
    text = _ANSWER.sub("", _written(normalize(utterance.text)))
    if (asked := _ASKS.search(text)) is not None:
        text = _DANGLING.sub("", text[: asked.start()])  # what was said before the question
    words = len(text.split())
    if not min_words <= words <= MAX_WORDS or _NOT_CLINICAL.search(text):
        return None
    if not (is_clinical(text) or EXAM_RE.search(text)):
        return None
    if utterance.speaker is SpeakerRole.PATIENT:
        swapped = swap_pronouns(text, Swap.PATIENT)
        if swapped is None:
            return None
        topic = None if _UNSURE.search(swapped) else SYMPTOM_RE.search(swapped)
        return Statement(
            Kind.SUBJECTIVE,
            finish(_reported(swapped)),
            utterance.evidence,
            frozenset({"told"}),
            topic.group(0) if topic else None,
        )
    if _EXAM_ACTION.search(text) or EXAM_COMMAND.match(text):
        return None
    swapped = swap_pronouns(text, Swap.CLINICIAN)
    if swapped is None:
        return None
    kind, tags = _clinician_kind(text)
    sentence = finish(_LOWER_I.sub("I", swapped))
    return Statement(kind, sentence, utterance.evidence, tags | {"told"})
