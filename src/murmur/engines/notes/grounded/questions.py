"""Yes/no questions answered by the patient become reported or denied symptoms."""

from __future__ import annotations

import re

from murmur.language.clinical_words import SPANISH_CLINICAL_RE, SYMPTOM_RE, is_clinical
from murmur.language.sentences import Utterance
from murmur.language.spoken import expand_contractions, finish, normalize
from murmur.language.statements import Kind, Statement
from murmur.transcripts.domain import SpeakerRole

MAX_TOPIC_WORDS = 7

_QUESTION_EN = re.compile(
    r"^(?:(?:and|so|okay|also|how about|what about)\s+)*"
    r"(?:(?:do|did|have|are|were|is|has)\s+(?:you|there)\s+(?:been\s+|ever\s+)?"
    r"(?:had|have|having|get|getting|gotten|got|noticed|notice|experienced|experience|"
    r"experiencing|felt|feel|feeling|seen|any)?\s*)?(?:any(?: other)?\s+|an?\s+)?(?P<x>.+)$",
    re.IGNORECASE,
)
_QUESTION_ES = re.compile(
    r"^¿?\s*(?:y\s+)?(?:tiene|ha tenido|siente|ha notado|ha sentido)\s+(?:usted\s+)?"
    r"(?:algo de\s+|algún\s+|alguna\s+|algunos\s+|algunas\s+)?(?P<x>.+)$",
    re.IGNORECASE,
)
_NOT_A_TOPIC = re.compile(
    r"\b(?:you|your|i|my|me|it|that|this|we|what|how|when|where|why|which|who|is|are|was|"
    r"does|do|did|take|taking|usted|su|qué|cómo|cuándo)\b",
    re.IGNORECASE,
)
_TOPIC_FILLER = frozenset({"other", "with", "about", "algún", "alguna"})
_NO = re.compile(
    r"^\W*(?:no|nope|nah|none|not really|not at all|never|negative|i do not think so|"
    r"not that i|not yet|i do not|i have not|i did not|nada|ninguno|ninguna)\b",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|uh-huh|mm-hmm|i do|i have|a little|a bit|some|sometimes|correct|"
    r"definitely|absolutely|sí|si|un poco|a veces)\b",
    re.IGNORECASE,
)


def _topic(question: str, language: str) -> str | None:
    text = normalize(question)
    pattern = _QUESTION_ES if language == "spanish" else _QUESTION_EN
    match = pattern.match(text)
    if match is None:
        return None
    topic = re.sub(r"^(?:no|any)\s+", "", match.group("x").strip(" ,?¿"), flags=re.I)
    clinical = SYMPTOM_RE.search(topic) or (
        language == "spanish" and SPANISH_CLINICAL_RE.search(topic)
    )
    if not clinical or _NOT_A_TOPIC.search(topic):
        return None
    return topic if len(topic.split()) <= MAX_TOPIC_WORDS else None


def _is_bare(answer: Utterance, language: str) -> bool:
    rest = normalize(answer.text)
    rest = re.sub(r"^(?:no|nope|not|nah|none|never|s[ií])\b\W*", "", rest, flags=re.I)
    return not is_clinical(rest, language)


def _mentions(topic: str, later: list[Utterance]) -> bool:
    """Whether the patient goes on to describe any symptom (perhaps one that was asked)."""
    words = {w for w in re.findall(r"\w+", topic.lower()) if len(w) > 3} - _TOPIC_FILLER
    said = " ".join(utterance.text.lower() for utterance in later)
    return any(w in said for w in words) or bool(SYMPTOM_RE.search(said))


def answered_question(
    question: Utterance, answer: Utterance, later: list[Utterance], language: str
) -> Statement | None:
    """A bare yes or no to a clinician's symptom question, citing both.

    A fuller answer ("no chest pain, but I get short of breath") speaks for itself, and a
    bare "no" followed by talk of one of the asked symptoms is not a denial of all of them.
    """
    if not question.text.rstrip().endswith("?") or question.speaker is SpeakerRole.PATIENT:
        return None
    if answer.speaker is SpeakerRole.CLINICIAN or not _is_bare(answer, language):
        return None
    topic = _topic(question.text, language)
    if topic is None or _mentions(topic, later):
        return None
    evidence = tuple(sorted(set(question.evidence) | set(answer.evidence)))
    spanish = language == "spanish"
    reply = expand_contractions(answer.text)
    if _NO.match(reply):
        frame = "Paciente niega {x}" if spanish else "The patient denies {x}"
        tags = frozenset({"negative", "answer"})
    elif _YES.match(reply):
        frame = "Paciente refiere {x}" if spanish else "The patient reports {x}"
        tags = frozenset({"answer"})
    else:
        return None
    return Statement(Kind.SUBJECTIVE, finish(frame.format(x=topic)), evidence, tags, topic)
