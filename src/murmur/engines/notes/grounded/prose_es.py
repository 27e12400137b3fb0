"""Spanish clinical talk that no rule recognised, kept as attributed quotation.

Spanish verbs carry the person ("tengo" -> "tiene"), so a faithful third-person retelling
needs more than pronoun swaps; quoting who said what keeps the detail without changing it.
"""

from __future__ import annotations

from murmur.language.clinical_words import is_clinical
from murmur.language.sentences import Utterance
from murmur.language.spoken import is_question, normalize
from murmur.language.statements import Kind, Statement
from murmur.transcripts.domain import SpeakerRole

QUOTE_WORDS = "médico indica"


def quote_spanish(utterance: Utterance, min_words: int) -> Statement | None:
    if utterance.speaker is None or is_question(utterance.text):
        return None
    text = normalize(utterance.text)
    if len(text.split()) < min_words or not is_clinical(text, "spanish"):
        return None
    if utterance.speaker is SpeakerRole.PATIENT:
        return Statement(
            Kind.SUBJECTIVE, f"Paciente refiere: «{text}».", utterance.evidence, frozenset({"told"})
        )
    return Statement(
        Kind.PLAN, f"Médico indica: «{text}».", utterance.evidence, frozenset({"told", "plan"})
    )
