"""What was said but is not in the note: the visit's key facts that a note's text does not state.

The rule for "states". Each key fact has essential words, in groups; the note states the fact
when one of its sentences (a line, or a stretch ended by ". ", ";", "!" or "?") holds a word of
every group:

- medication: the drug, by its generic, brand or lay name (``language/drugs.tsv``);
- diagnosis and order: the name, or the words the visit used for it (its evidence, when short);
- allergy: the substance ("no known allergies" or "NKDA" for a denied allergy);
- vital: its value ("160/95"), or its name ("BP") when it was said without one; score and
  result: the name and the value;
- examination finding: the finding's words;
- follow-up: the interval ("2 weeks"); return precaution: the trigger's words;
- family history: the condition and the relative;
- and, for a fact with a side, the side (left, right, bilateral or both).

Both texts are compared normalised: lower case, Markdown and HTML marks dropped, number words as
digits ("two weeks" is "2 weeks", "one sixty over ninety-five" is "160/95"), "milligrams" as
"mg", plurals as singulars, and a word matching a longer one it begins ("worse", "worsening").
Filler words ("the", "of", "if") are not essential. Whether the note negates what it mentions
is not judged: a note that names a fact is taken to state it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from murmur.facts.domain import (
    Allergy,
    Assertion,
    Diagnosis,
    Evidence,
    Exam,
    Fact,
    FamilyHistory,
    FollowUp,
    Laterality,
    Medication,
    Order,
    Result,
    ReturnPrecaution,
    Score,
    VisitFacts,
    Vital,
    VitalName,
)
from murmur.language.drugs import names_for
from murmur.language.numbers import NUMBER, spoken_value, with_digits

_STOP = frozenset({
    "a", "an", "the", "of", "or", "and", "in", "on", "at", "to", "for", "with", "if", "your",
    "you", "it", "its", "is", "are", "be", "gets", "get", "got", "any", "my", "me", "we", "us",
    "this", "that", "their", "his", "her", "he", "she", "they", "them", "as", "by", "from",
})  # fmt: skip
_SIDES = {
    Laterality.LEFT: ("left", "lt"),
    Laterality.RIGHT: ("right", "rt"),
    Laterality.BILATERAL: ("bilateral", "bilaterally", "both"),
}
# How notes name a vital sign said without a value ("your blood pressure is high").
_VITAL_NAMES = {
    VitalName.BLOOD_PRESSURE: ("blood pressure", "bp"),
    VitalName.HEART_RATE: ("heart rate", "hr", "pulse"),
    VitalName.TEMPERATURE: ("temperature", "temp", "fever"),
    VitalName.SPO2: ("spo2", "oxygen saturation", "o2 sat", "sat"),
    VitalName.RESPIRATORY_RATE: ("respiratory rate", "rr"),
    VitalName.GLUCOSE: ("glucose", "blood sugar", "sugar"),
}
_RELATIVES = {"mother": ("mom", "mum"), "father": ("dad",), "grandmother": ("grandma",)}
_NO_ALLERGIES = ("no known allergies", "no allergies", "nkda", "nka", "no known drug allergies")
_SPAN_WORDS = 4  # an evidence span this short names the fact; a longer one is its whole clause
_SHORTEST_STEM = 4
_SENTENCE_END = re.compile(r"\n|[;!?]|\.(?=\s|$)")
_TAG = re.compile(r"<[^>]+>")
_OVER = re.compile(r"(\d+)\s*(?:over|/)\s*(\d+)")
_ONE_UNIT = re.compile(r"\b(?:a|an)\s+(day|week|month|year)\b")
_NUMBER = re.compile(rf"\b{NUMBER}\b")
_WORD = re.compile(r"\d+(?:[./]\d+)*|[a-z]+")

Words = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unaddressed:
    """A key fact the note does not state: what a reader sees, the sentence that would state
    it, and where in the transcript it was said."""

    kind: str
    label: str
    sentence: str
    evidence: tuple[Evidence, ...]


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> Words:
    """``text`` as the normalised words the rule compares."""
    text = _TAG.sub(" ", html.unescape(text))
    text = with_digits(text).lower().replace("mmhg", " ")
    text = _NUMBER.sub(lambda number: spoken_value(number[0]) or number[0], text)
    text = _ONE_UNIT.sub(r"1 \1", _OVER.sub(r"\1/\2", text))
    return tuple(_stem(word) for word in _WORD.findall(text.replace("xray", "x ray")))


def _sentences(text: str) -> list[Words]:
    parts = _SENTENCE_END.split(_TAG.sub("\n", text))  # an HTML block ends a sentence
    return [found for part in parts if (found := words(part))]


def _matches(wanted: str, said: str) -> bool:
    if wanted == said:
        return True
    shorter, longer = sorted((wanted, said), key=len)
    return len(shorter) >= _SHORTEST_STEM and longer.startswith(shorter) and shorter.isalpha()


def _has(sentence: Words, phrase: Words) -> bool:
    return all(any(_matches(word, said) for said in sentence) for word in phrase)


def _phrases(*texts: str) -> tuple[Words, ...]:
    """Alternative phrases, each reduced to its essential words."""
    found = (tuple(w for w in words(text) if w not in _STOP) for text in texts if text)
    return tuple(phrase for phrase in found if phrase)


def _said(fact: Fact, transcript: list[str]) -> tuple[str, ...]:
    """The words the visit used for the fact, when its evidence is short enough to be a name."""
    spans = []
    for item in fact.evidence:
        if 0 <= item.segment < len(transcript):
            span = transcript[item.segment][item.start : item.end]
            if len(span.split()) <= _SPAN_WORDS:
                spans.append(span)
    return tuple(spans)


def _side(laterality: Laterality | None) -> list[tuple[Words, ...]]:
    return [_phrases(*_SIDES[laterality])] if laterality else []


def essential_words(fact: Fact, transcript: list[str] | None = None) -> list[tuple[Words, ...]]:
    """The fact's groups of alternative phrases; the note must hold one phrase of each."""
    said = _said(fact, transcript or [])
    match fact:
        case Medication():
            return [_phrases(*sorted(names_for(fact.name)))]
        case Diagnosis() | Order():
            return [_phrases(fact.name, *said), *_side(fact.laterality)]
        case Allergy() if fact.assertion is Assertion.ABSENT:
            return [_phrases(*_NO_ALLERGIES)]
        case Allergy():
            return [_phrases(fact.substance)]
        case Vital() if fact.value:
            return [_phrases(fact.value)]
        case Vital():
            return [_phrases(*_VITAL_NAMES.get(fact.name, (fact.name.value.replace("_", " "),)))]
        case Score() | Result() if fact.value:
            return [_phrases(fact.name), _phrases(fact.value)]
        case Exam():
            return [_phrases(fact.finding), *_side(fact.laterality)]
        case FollowUp() if fact.interval in ("as needed", "prn"):
            return [_phrases("as needed", "prn")]
        case ReturnPrecaution():
            return [_phrases(fact.trigger)]
        case FamilyHistory():
            relative = fact.relative.lower()
            return [_phrases(fact.condition), _phrases(relative, *_RELATIVES.get(relative, ()))]
    return [_phrases(fact.label.replace("_", " "))]


def states(text: str, fact: Fact, transcript: list[str] | None = None) -> bool:
    """Whether the note ``text`` (Markdown, HTML or plain) states ``fact``."""
    return _stated(_sentences(text), fact, transcript)


def _stated(sentences: list[Words], fact: Fact, transcript: list[str] | None) -> bool:
    groups = [group for group in essential_words(fact, transcript) if group]
    if not groups:
        return True  # nothing a note could be checked for
    return any(
        all(any(_has(sentence, phrase) for phrase in group) for group in groups)
        for sentence in sentences
    )


def unaddressed(
    text: str, facts: VisitFacts, transcript: list[str] | None = None
) -> list[Unaddressed]:
    """Every key fact of the visit that ``text`` does not state, once per kind and label, in
    the order they were said; ``transcript`` is the segments' text, for the words the visit
    used."""
    found: dict[tuple[str, str], Unaddressed] = {}
    sentences = _sentences(text)
    for fact in facts.key_facts():
        if _stated(sentences, fact, transcript):
            continue
        label = display_label(fact)
        earlier = found.get((fact.kind, label))
        evidence = (earlier.evidence if earlier else ()) + fact.evidence
        found[(fact.kind, label)] = Unaddressed(fact.kind, label, stating(fact), evidence)
    return list(found.values())


def _joined(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def display_label(fact: Fact) -> str:
    """The fact as a reader would name it: "amlodipine 5 mg daily, started", "right ankle
    sprain", "blood pressure 160/95 mmHg"."""
    side = getattr(fact, "laterality", None)
    side_word = side.value if isinstance(side, Laterality) else None
    match fact:
        case Medication():
            return f"{fact.sig.lower()}, {fact.action.value}"
        case Diagnosis():
            return _joined(side_word, fact.site, fact.name)
        case Order():
            return _joined(fact.name, side_word, fact.site)
        case Allergy() if fact.assertion is Assertion.ABSENT:
            return "no known allergies"
        case Allergy():
            return _joined(fact.substance, f"({fact.reaction})" if fact.reaction else None)
        case Vital():
            return _joined(fact.name.value.replace("_", " "), fact.value, fact.unit)
        case Score() | Result():
            return _joined(fact.name, fact.value)
        case Exam():
            return _joined(side_word, fact.finding)
        case FamilyHistory():
            return f"{fact.relative}: {fact.condition}"
    return fact.label


def stating(fact: Fact) -> str:
    """A note sentence that states the fact, as the page adds it when the clinician asks."""
    label = display_label(fact)
    match fact:
        case Medication():
            sentence = f"{fact.sig}, {fact.action.value}"
        case Order():
            sentence = f"Ordered: {label}"
        case Allergy() if fact.assertion is not Assertion.ABSENT:
            sentence = f"Allergy: {label}"
        case Exam():
            sentence = f"Exam: {label}"
        case FollowUp() if fact.interval and fact.interval[:1].isdigit():
            sentence = f"Follow up in {fact.interval}"
        case FollowUp():
            sentence = f"Follow up {label}"
        case ReturnPrecaution():
            sentence = f"Return precautions: return if {label}"
        case FamilyHistory():
            sentence = f"Family history: {fact.relative}, {fact.condition}"
        case _:
            sentence = label
    sentence = sentence.strip().rstrip(".")
    return sentence[:1].upper() + sentence[1:] + "."
