"""Spoken sentences -> clinical statements in third-person prose, each with its evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from murmur.engines.notes.grounded.prose import MIN_WORDS, retell
from murmur.engines.notes.grounded.prose_es import quote_spanish
from murmur.engines.notes.grounded.questions import answered_question
from murmur.engines.notes.grounded.rules_en import CLINICIAN_RULES, PATIENT_RULES
from murmur.engines.notes.grounded.rules_es import SPANISH_RULES
from murmur.language.clinical_words import MED_RE, SYMPTOM_RE
from murmur.language.sentences import Utterance
from murmur.language.spoken import clauses, finish, is_question, normalize, swap_pronouns
from murmur.language.statements import Kind, Rule, Statement, Swap
from murmur.transcripts.domain import SpeakerRole

MAX_CLAUSE_WORDS = 35

_CHITCHAT = re.compile(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?(?: you)?(?: so much| very "
    r"much)?|you are welcome|nice to (?:meet|see) you|bye|goodbye|see you(?: later| soon)?|"
    r"take care|how are you(?: doing)?(?: today)?|i am (?:good|fine|doing well|okay|ok)|"
    r"sounds good|okay|ok|sure|great|perfect|all right|alright|got it|i understand|mm-hmm|"
    r"uh-huh|yes|yeah|no|no problem|of course|hola|gracias|buenos días|buenas tardes|adiós|"
    r"muy bien|de nada|claro|vale)\W*$",
    re.IGNORECASE,
)
# Assessment phrases end where the reasoning or the next thought begins.
_ASSESSMENT_END = re.compile(
    r"\s*(?:[,;]|\s(?:because|since|so|which|given|but|and (?:i|we|you)|that is why)\b)",
    re.IGNORECASE,
)
_X_LEAD = re.compile(r"^(?:just|also|maybe|basically|kind of|sort of)\s+", re.IGNORECASE)
_YOUR_LEAD = re.compile(r"^your\s+", re.IGNORECASE)
# What follows "I'm not sure if ..." is a guess, not a report.
_UNSURE = re.compile(r"\b(?:not sure|do not know|wonder|no idea) (?:if|whether)\b", re.I)
# Words that only start x because they started the spoken sentence; names stay capitalised.
_FUNCTION_START = re.compile(
    r"^(?:It|The|This|That|My|Your|There|A|An|Some|They|We|Sometimes|Usually|Drink|Keep|Try|"
    r"Avoid|Stay|Eat|Rest|Walk|Exercise|Check|Cut|Limit|Elevate|Ice|Apply|Use|Take|Continue|"
    r"Get|Go|Call|Come|Make)\b"
)
_NO_LEAD = re.compile(r"^(?:no|any)\s+", re.IGNORECASE)
# A denial ends where another thought starts: "never had a kidney stone my dad had them".
_NEW_SUBJECT = re.compile(
    r",?\s+(?:but|and then|so|because)\s+|\s+(?=(?:i|they|he|she|we|you)\b)|"
    r"\s+(?=(?:my|their|his|her|your)\s+\w+\s+(?:had|has|have|is|was|were|are)\b)",
    re.IGNORECASE,
)
_NO_LIST = re.compile(r"(,\s*|\s+(?:and|or)\s+)no\s+", re.IGNORECASE)


def _fill(rule: Rule, match: re.Match[str]) -> dict[str, str] | None:
    values: dict[str, str] = {}
    for name, raw in match.groupdict().items():
        if raw is None:
            continue
        value = raw.strip(" ,")
        if name in rule.group_maps:
            values[name] = rule.group_maps[name].get(value.lower(), value)
            continue
        if name == "x":
            value = _X_LEAD.sub("", value)
            if rule.swap is Swap.CLINICIAN:
                value = _YOUR_LEAD.sub("", value)
            if rule.kind is Kind.ASSESSMENT:
                value = _ASSESSMENT_END.split(value, maxsplit=1)[0]
            if "negative" in rule.tags:
                value = _NO_LIST.sub(r"\1", _NO_LEAD.sub("", value))
                value = _NEW_SUBJECT.split(value, maxsplit=1)[0]
            if rule.requires is not None and not rule.requires.search(value):
                return None
            if rule.rejects is not None and rule.rejects.search(value):
                return None
        if name == "x":
            value = _FUNCTION_START.sub(lambda m: m.group(0).lower(), value)
        swapped = swap_pronouns(value, rule.swap)
        if swapped is None or not swapped.strip():
            return None
        values[name] = swapped if name == "x" else swapped.lower()
    return values


def _topic(rule: Rule, x: str) -> str | None:
    if rule.kind is Kind.ASSESSMENT:
        return x
    symptom = SYMPTOM_RE.search(x) if rule.kind is Kind.SUBJECTIVE else None
    if symptom is None or "negative" in rule.tags:
        return None
    whole_word = re.compile(r"\w*").match(x, symptom.end())
    return x[symptom.start() : whole_word.end() if whole_word else symptom.end()]


def _statement(clause: str, utterance: Utterance, rules: tuple[Rule, ...]) -> Statement | None:
    if len(clause.split()) > MAX_CLAUSE_WORDS:
        return None
    for rule in rules:
        if utterance.speaker is None and rule.strict:
            continue
        if utterance.speaker is not None and utterance.speaker not in rule.speakers:
            continue
        match = rule.pattern.match(clause)
        if match is None:
            continue
        values = _fill(rule, match)
        if values is None:
            continue
        text = finish(rule.frame.format(**values))
        tags = set(rule.tags)
        if MED_RE.search(text):
            tags.add("medication")
        x = values.get("x", "")
        return Statement(rule.kind, text, utterance.evidence, frozenset(tags), _topic(rule, x))
    return None


def _dedupe(statements: list[Statement]) -> list[Statement]:
    merged: dict[str, Statement] = {}
    for statement in statements:
        key = statement.text.lower()
        if key in merged:
            first = merged[key]
            evidence = tuple(sorted(set(first.evidence) | set(statement.evidence)))
            merged[key] = Statement(first.kind, first.text, evidence, first.tags, first.topic)
        else:
            merged[key] = statement
    return list(merged.values())


def _same_turn(utterances: list[Utterance], start: int, limit: int = 3) -> list[Utterance]:
    """What the patient goes on to say after answering, up to the next question."""
    later: list[Utterance] = []
    for utterance in utterances[start : start + limit]:
        if utterance.speaker is SpeakerRole.CLINICIAN or is_question(utterance.text):
            break
        later.append(utterance)
    return later


@dataclass(frozen=True, slots=True)
class Detail:
    """How much of the visit the note retells beyond what the rules recognise."""

    retell: bool = True
    coverage: float = 0.3  # retell when the rules kept less than this share of the words
    keep_rule_sentences: bool = False  # keep the rules' sentences beside the retelling
    min_words: int = MIN_WORDS
    quote_spanish: bool = False  # Spanish talk no rule covers, quoted with who said it


def _covers_little(found: list[Statement], text: str, coverage: float) -> bool:
    """Whether the rules kept too little of a long clinical sentence to stand for it."""
    kept = sum(len(statement.text.split()) for statement in found)
    return kept < coverage * len(text.split())


def extract_statements(
    utterances: list[Utterance], language: str, detail: Detail = Detail()
) -> list[Statement]:
    """Clinical statements in spoken order; conversation and questions are left out."""
    rules = SPANISH_RULES if language == "spanish" else CLINICIAN_RULES + PATIENT_RULES
    statements: list[Statement] = []
    for index, utterance in enumerate(utterances):
        if index + 1 < len(utterances):
            later = _same_turn(utterances, index + 2)
            answer = answered_question(utterance, utterances[index + 1], later, language)
            if answer is not None:
                statements.append(answer)
        text = normalize(utterance.text)
        if not text or _CHITCHAT.match(text):
            continue
        parts = clauses(_UNSURE.split(text, maxsplit=1)[0])
        # In "let's continue the prozac and do you need a refill?" only the end is asked.
        if is_question(utterance.text):
            parts = parts[:-1]
        found = [s for s in (_statement(clause, utterance, rules) for clause in parts) if s]
        if detail.retell and _covers_little(found, text, detail.coverage):
            told = (
                retell(utterance, detail.min_words)
                if language == "english"
                else quote_spanish(utterance, detail.min_words)
                if detail.quote_spanish
                else None
            )
            if told is not None:
                found = [*found, told] if detail.keep_rule_sentences else [told]
        statements.extend(found)
    return _dedupe(statements)
