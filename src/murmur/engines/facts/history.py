"""Allergies, and the conditions of the patient's relatives (never the patient's own)."""

from __future__ import annotations

import re
from dataclasses import replace

from murmur.engines.facts.said import Said
from murmur.engines.facts.vocabulary import (
    CONDITION_RE,
    RELATIVE_RE,
    condition_named,
    drug_names,
    drug_pattern,
    relative_named,
)
from murmur.facts.domain import Allergy, Assertion, FamilyHistory
from murmur.language.assertion import Modifier, Span, modifiers

# Substances people are allergic to besides drugs (drugs.tsv), as a note names them.
_ALLERGENS = {
    "pollen": "pollen", "pollens": "pollen", "hay fever": "seasonal allergens",
    "dust": "dust", "dust mites": "dust mites", "latex": "latex", "peanuts": "peanuts",
    "peanut": "peanuts", "nuts": "tree nuts", "tree nuts": "tree nuts", "shellfish": "shellfish",
    "eggs": "eggs", "egg": "eggs", "milk": "milk", "cats": "cats", "cat": "cats", "dogs": "dogs",
    "bees": "bee stings", "bee stings": "bee stings", "sulfa": "sulfa drugs",
    "sulfa drugs": "sulfa drugs", "iodine": "iodine", "contrast": "contrast dye",
    "grass": "grass", "mold": "mold", "seafood": "shellfish", "gluten": "gluten",
    "adhesive": "adhesive", "tape": "adhesive",
}  # fmt: skip
_ALLERGEN = "|".join(sorted(map(re.escape, _ALLERGENS), key=len, reverse=True))
_ALLERGIC_TO = re.compile(
    r"\b(?:allergic|allergy|allergies|reaction) to (?:the |any |a )?(?P<s>[a-z][\w-]*(?: [\w-]+)?)"
)
_ALLERGY_OF = re.compile(rf"\b(?P<s>{_ALLERGEN}|[a-z][\w-]*) allerg(?:y|ies)\b")
_HAY_FEVER = re.compile(r"\bhay ?fever\b")
_NO_ALLERGIES = re.compile(
    r"\b(?:no|not any|don't have any|do not have any|nkda|denies)\b[^.?!]{0,30}\ballerg"
)
# Asked about, these are the patient's allergic conditions, not drug allergies.
_NOT_DRUG_QUESTION = re.compile(r"\b(?:seasonal|environmental|food|hay fever)\b")
_ALLERGY_WORD = re.compile(r"\ballerg\w*")
_DENIAL = re.compile(r"^(?:\W*(?:uh|um|er)\W+)*(?:no|nope|none|not that i know|nothing|nah)\b")
_FAMILY = re.compile(r"\bfamily\b|\bruns in\b|\brelatives?\b")
_ASKING = re.compile(r"\b(?:any|anybody|anyone|do you have|does anyone|is there)\b")
_LIST_JOIN = re.compile(r"(?:\s|,|\band\b|\bor\b|\bmy\b|\bhis\b|\bher\b|\bboth\b|\balso\b)*")
_THIRD_PERSON = re.compile(r"\b(?:he|she|they|he's|she's|they've|his|her|their|both)\b")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|me)\b")
_LEADING_ANSWER = re.compile(r"(?:\W*(?:no|nope|yes|yeah|yep|well|um|uh|so)\b)*")
_ANSWER_SENTENCES = 2
_RUNS_IN = re.compile(
    r"\W*(?:(?:also|kind of|sort of|really|does)\W+)?runs? in (?:my|the|our) family"
)
_REACH = 80  # characters between a relative and the condition


def _substance(name: str) -> str | None:
    """The drug or allergen named at the start of ``name``; None for any other word."""
    drug = drug_pattern().match(name)
    if drug is not None:
        return drug_names()[drug.group(0)]
    words = name.split()
    for phrase in (" ".join(words[:2]), words[0] if words else ""):
        if phrase in _ALLERGENS:
            return _ALLERGENS[phrase]
    return None


def _answered_no(sentences: list[Said], position: int) -> Said | None:
    said = sentences[position]
    answer = next(
        (s for s in sentences[position + 1 : position + 3] if s.speaker is not said.speaker), None
    )
    return answer if answer is not None and _DENIAL.search(answer.text) else None


def _allergy(
    said: Said,
    substance: str,
    span: tuple[int, int],
    *,
    assertion: Assertion | None = None,
    reaction: str | None = None,
) -> Allergy:
    return Allergy(
        substance=substance,
        assertion=assertion or said.assertion(*span),
        reaction=reaction,
        speaker=said.speaker,
        confidence=0.7,
        evidence=said.evidence(*span),
    )


_REACTION = re.compile(
    r"\b(?:rash\w*|hives|swell\w*|itch\w*|anaphyla\w*|throw(?:s|ing)? up|threw up|vomit\w*|"
    r"nause\w*|trouble breathing|can't breathe|short of breath|upset stomach|diarrh\w*|"
    r"blisters?|closes? up|face swell\w*)\b"
)
_CANNOT_TAKE = re.compile(
    r"\b(?:can't|cannot|couldn't|could not|can not) (?:take|tolerate|have|use)\b|"
    r"\b(?:react\w*|sensitiv\w*|intoleran\w*) to\b"
)


def _named_substances(text: str) -> list[tuple[str, tuple[int, int]]]:
    names = drug_names()
    found = [(names[m.group(0)], m.span()) for m in drug_pattern().finditer(text)]
    found += [
        (_ALLERGENS[m.group(0)], m.span())
        for m in re.finditer(rf"\b(?:{_ALLERGEN})\b", text)
        if not any(a <= m.start() < b for _, (a, b) in found)
    ]
    return found


def _allergies_answered(sentences: list[Said], position: int) -> list[Allergy]:
    """ "Any allergies to medications?" "Penicillin gives me a rash." """
    said = sentences[position]
    answers = []
    for answer in sentences[position + 1 : position + 3]:
        if answer.speaker is said.speaker:
            break
        answers.append(answer)
    reaction = next((m.group(0) for a in answers if (m := _REACTION.search(a.text))), None)
    found: list[Allergy] = []
    for answer in answers:
        for substance, span in _named_substances(answer.text):
            if Modifier.NEGATED in modifiers(answer.text, Span(*span)):
                continue
            found.append(
                _allergy(answer, substance, span, assertion=Assertion.PRESENT, reaction=reaction)
            )
    return found


def _cannot_take(said: Said) -> list[Allergy]:
    """ "I can't take amoxicillin, I break out in hives." """
    cannot = _CANNOT_TAKE.search(said.text)
    reaction = _REACTION.search(said.text)
    if cannot is None or reaction is None:
        return []
    return [
        _allergy(said, substance, span, assertion=Assertion.PRESENT, reaction=reaction.group(0))
        for substance, span in _named_substances(said.text)
        if 0 <= span[0] - cannot.end() <= 20
    ]


def _allergies(sentences: list[Said]) -> list[Allergy]:
    found: list[Allergy] = []
    for position, said in enumerate(sentences):
        if not said.by_clinician and (fever := _HAY_FEVER.search(said.text)):
            found.append(_allergy(said, "seasonal allergens", fever.span(), reaction="hay fever"))
        word = _ALLERGY_WORD.search(said.text)
        if word is None:
            found.extend(_cannot_take(said))
            continue
        if said.asked:
            answer = _answered_no(sentences, position)
            if answer is not None and not _NOT_DRUG_QUESTION.search(said.text):
                denial = _allergy(said, "none", word.span(), assertion=Assertion.ABSENT)
                evidence = denial.evidence + answer.evidence(0, len(answer.text))
                found.append(replace(denial, evidence=evidence))
            elif answer is None and said.by_clinician:
                found.extend(_allergies_answered(sentences, position))
            continue
        named = [
            _allergy(said, substance, match.span())
            for pattern in (_ALLERGIC_TO, _ALLERGY_OF)
            for match in pattern.finditer(said.text)
            if (substance := _substance(match["s"])) is not None
        ]
        if not named and (match := _NO_ALLERGIES.search(said.text)):
            named = [_allergy(said, "none", match.span(), assertion=Assertion.ABSENT)]
        found.extend(named)
    # Hay fever is the reaction to pollen: one allergy when both are said.
    if any(a.substance == "pollen" for a in found):
        found = [a for a in found if a.substance != "seasonal allergens"]
    return found


def _answered_with_relative(
    sentences: list[Said], position: int
) -> tuple[Said, re.Match[str]] | None:
    """The answer to a family question that names a relative but no condition of its own:
    "my grandmother, yeah"; "not my immediate family, but on my cousin's side"."""
    said = sentences[position]
    for answer in sentences[position + 1 : position + 1 + _ANSWER_SENTENCES]:
        if answer.speaker is said.speaker or CONDITION_RE.search(answer.text):
            return None
        for relative in reversed(list(RELATIVE_RE.finditer(answer.text))):
            if Modifier.NEGATED not in modifiers(answer.text, Span(*relative.span())):
                return answer, relative
    return None


def _relative_near(said: Said, start: int, end: int) -> re.Match[str] | None:
    """The relative a condition belongs to: the nearest one before it, or one just after
    ("heart attack, my father passed away of that")."""
    before = list(RELATIVE_RE.finditer(said.text, max(0, start - _REACH), start))
    if before:
        return before[-1]
    return RELATIVE_RE.search(said.text, end, end + _REACH // 2)


def _family(sentences: list[Said]) -> list[FamilyHistory]:
    found: list[FamilyHistory] = []
    for position, said in enumerate(sentences):
        found.extend(_told_of_asked_relative(sentences, position))
        if not (RELATIVE_RE.search(said.text) or _FAMILY.search(said.text)):
            continue
        # The clinician's question gives a fact only when answered with a plain no; a yes is
        # told in the answer's own words.
        question = said.by_clinician and bool(said.asked or _ASKING.search(said.text))
        denied = _answered_no(sentences, position) is not None
        for match in CONDITION_RE.finditer(said.text):
            start, end = match.span()
            relative = _relative_near(said, start, end)
            # "Any diabetes in the family?": a question names the family anywhere in it.
            family_word = (
                _FAMILY.search(said.text, max(0, start - _REACH), start)
                or (question and _FAMILY.search(said.text))
                or _RUNS_IN.match(said.text, end)  # "heart disease runs in my family"
            )
            if relative is None and not family_word:
                continue
            told = _answered_with_relative(sentences, position) if question else None
            if question and (told is not None or not denied):
                # "Not my immediate family, but on my cousin's side": the answer names who.
                if told is not None:
                    answer, who = told
                    found.append(
                        FamilyHistory(
                            relative=relative_named(who.group(0)),
                            condition=condition_named(match),
                            speaker=answer.speaker,
                            confidence=0.5,
                            evidence=said.evidence(start, end) + answer.evidence(*who.span()),
                        )
                    )
                continue
            # ConText is read from the relative on: "no lung cancer, my mom had breast cancer".
            offset = relative.start() if relative and relative.start() < start else 0
            found_in = modifiers(said.text[offset:], Span(start - offset, end - offset))
            negated = Modifier.NEGATED in found_in or question
            listed: list[re.Match[str] | None] = [None]
            if relative is not None:
                listed = [*_listed_with(said, relative)]
            for kin in listed:
                span_start = min(start, kin.start()) if kin else start
                span_end = max(end, kin.end()) if kin else end
                found.append(
                    FamilyHistory(
                        relative=relative_named(kin.group(0)) if kin else "family",
                        condition=condition_named(match),
                        assertion=Assertion.ABSENT if negated else Assertion.PRESENT,
                        speaker=said.speaker,
                        confidence=0.7,
                        evidence=said.evidence(span_start, span_end),
                    )
                )
    return found


def _listed_with(said: Said, relative: re.Match[str]) -> list[re.Match[str]]:
    """The relative and those listed with it: "my brother and my dad both have it"."""
    listed = [relative]
    for other in RELATIVE_RE.finditer(said.text, relative.end()):
        if not _LIST_JOIN.fullmatch(said.text[listed[-1].end() : other.start()]):
            break
        listed.append(other)
    for other in reversed(list(RELATIVE_RE.finditer(said.text, 0, relative.start()))):
        if not _LIST_JOIN.fullmatch(said.text[other.end() : listed[0].start()]):
            break
        listed.insert(0, other)
    return listed


def _family_question(sentences: list[Said], position: int) -> Said | None:
    """The clinician's question about the family that sentence ``position`` answers."""
    for back in range(1, _ANSWER_SENTENCES + 1):
        if position - back < 0:
            return None
        earlier = sentences[position - back]
        if earlier.by_clinician:
            family = RELATIVE_RE.search(earlier.text) or _FAMILY.search(earlier.text)
            return earlier if earlier.asked and family else None
    return None


def _told_of_asked_relative(sentences: list[Said], position: int) -> list[FamilyHistory]:
    """A condition told in answer to a family question without naming the relative in its
    own sentence: "and your father?" "he passed away from a stroke"; "any illnesses in your
    family?" "the main one would be heart attack. my father passed away of that"."""
    said = sentences[position]
    if said.by_clinician or RELATIVE_RE.search(said.text) or _FIRST_PERSON.search(said.text):
        return []
    question = _family_question(sentences, position)
    if question is None or CONDITION_RE.search(question.text):
        return []
    after = next(iter(sentences[position + 1 : position + 2]), None)
    named_after = (
        RELATIVE_RE.search(after.text) if after and after.speaker is said.speaker else None
    )
    in_question = list(RELATIVE_RE.finditer(question.text))
    if named_after is not None and after is not None:
        relative, where = relative_named(named_after.group(0)), after.evidence(*named_after.span())
    elif in_question and _THIRD_PERSON.search(said.text):
        who = in_question[-1]
        relative, where = relative_named(who.group(0)), question.evidence(*who.span())
    else:
        return []
    # "No, he passed away from a stroke": the leading no answers the question.
    leading = _LEADING_ANSWER.match(said.text)
    offset = leading.end() if leading else 0
    told: list[FamilyHistory] = []
    for match in CONDITION_RE.finditer(said.text, offset):
        negated = Modifier.NEGATED in modifiers(
            said.text[offset:], Span(match.start() - offset, match.end() - offset)
        )
        told.append(
            FamilyHistory(
                relative=relative,
                condition=condition_named(match),
                assertion=Assertion.ABSENT if negated else Assertion.PRESENT,
                speaker=said.speaker,
                confidence=0.5,
                evidence=said.evidence(*match.span()) + where,
            )
        )
    return told


def histories(sentences: list[Said]) -> list[Allergy | FamilyHistory]:
    return [*_allergies(sentences), *_family(sentences)]
