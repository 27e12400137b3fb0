"""The patient's pronouns: "he" or "she" where the visit says which, else "they"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from murmur.language.spoken import PATIENT_MARK
from murmur.transcripts.domain import Segment, SpeakerRole


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


# A dictated introduction ("a 45-year-old male") settles it; titles and the clinician's
# third-person talk about the patient count for less.
_STATED = re.compile(
    r"\byear[- ]old (?P<x>male|female|man|woman|gentleman|lady|boy|girl|guy|gal)\b", re.I
)
_TITLE = re.compile(r"\b(?P<x>mr|mrs|ms|miss|sir|ma'am)\b\.?", re.I)
_THIRD = re.compile(r"\b(?P<x>he|his|him|himself|she|her|hers|herself)\b", re.I)
_MALE_WORDS = frozenset(
    {"male", "man", "gentleman", "boy", "guy", "mr", "sir", "he", "his", "him", "himself"}
)
# Words that show the clinician is speaking of someone else than the patient.
_OTHER_PERSON = re.compile(
    r"\b(?:wife|husband|son|daughter|mom|mother|dad|father|sister|brother|friend|partner|"
    r"baby|child|kid|grandson|granddaughter)\b",
    re.I,
)
MIN_MARGIN = 2

_FORMS = {
    Sex.MALE: {"they": "he", "their": "his", "them": "him", "themselves": "himself",
               "theirs": "his"},
    Sex.FEMALE: {"they": "she", "their": "her", "them": "her", "themselves": "herself",
                 "theirs": "hers"},
}  # fmt: skip
_BE_HAVE = {"are": "is", "were": "was", "have": "has", "do": "does"}
_ADVERBS = (
    "just|really|also|still|never|always|usually|only|definitely|probably|actually|already|"
    "sometimes|often|recently|even|first|finally|mostly|kind of|sort of|barely|hardly|rarely"
)
_KEEP_VERB = frozenset(
    [
        "can",
        "could",
        "will",
        "would",
        "should",
        "might",
        "may",
        "must",
        "did",
        "had",
        "was",
        "is",
        "has",
        "does",
        "not",
        "ever",
    ]
)
_MARKED = re.compile(
    rf"{PATIENT_MARK}(?P<p>they|their|them|themselves|theirs)\b"
    rf"(?P<gap>(?:\s+(?:{_ADVERBS}))*)(?:\s+(?P<verb>[a-z]+)\b)?",
    re.IGNORECASE,
)


def _vote(word: str) -> int:
    return 1 if word.lower().rstrip(".") in _MALE_WORDS else -1


def patient_sex(segments: Sequence[Segment]) -> Sex | None:
    """What the clinician's words say about the patient's sex, if they say it clearly."""
    score = 0
    for segment in segments:
        if segment.speaker is SpeakerRole.PATIENT:
            continue
        text = segment.text
        score += sum(5 * _vote(m["x"]) for m in _STATED.finditer(text))
        score += sum(2 * _vote(m["x"]) for m in _TITLE.finditer(text) if m["x"].lower() != "ms")
        score -= 2 * len([m for m in _TITLE.finditer(text) if m["x"].lower() == "ms"])
        if not _OTHER_PERSON.search(text):
            score += sum(_vote(m["x"]) for m in _THIRD.finditer(text))
    if score >= MIN_MARGIN:
        return Sex.MALE
    if score <= -MIN_MARGIN:
        return Sex.FEMALE
    return None


def _third_person_verb(verb: str) -> str:
    lowered = verb.lower()
    if lowered in _BE_HAVE:
        return _BE_HAVE[lowered]
    if lowered in _KEEP_VERB or lowered.endswith("ed") or not lowered.isalpha():
        return verb
    if lowered == "go":
        return verb + "es"
    if lowered.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if lowered.endswith("y") and lowered[-2:-1] not in {"a", "e", "i", "o", "u"}:
        return verb[:-1] + "ies"
    return verb + "s"


def resolve_pronouns(text: str, sex: Sex | None) -> str:
    """Marked patient pronouns become he/she (with the verb agreeing) or plain "they"."""
    if sex is None:
        resolved = text.replace(PATIENT_MARK, "")
        return resolved[:1].upper() + resolved[1:] if text.startswith(PATIENT_MARK) else resolved

    def replace(match: re.Match[str]) -> str:
        pronoun = match["p"].lower()
        form = _FORMS[sex][pronoun]
        verb = match["verb"]
        tail = match["gap"] or ""
        if verb is None:
            return form + tail
        if pronoun == "they":
            verb = _third_person_verb(verb)
        return f"{form}{tail} {verb}"

    resolved = _MARKED.sub(replace, text)
    return resolved[:1].upper() + resolved[1:] if text.startswith(PATIENT_MARK) else resolved
