"""Drugs and what this visit does with them, with the sig written as a clinician writes it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from murmur.engines.facts.said import Said
from murmur.engines.facts.vocabulary import drug_names, drug_pattern, drug_respeller
from murmur.facts.domain import Assertion, Medication, MedicationAction
from murmur.language.numbers import NUMBER, spoken_value

A = MedicationAction
# Verbs that say what the visit does with a drug, looked for in the words before it (the
# clinician's decision) and after it ("the lisinopril, let's stop that").
_ACTIONS: tuple[tuple[MedicationAction, re.Pattern[str]], ...] = tuple(
    (action, re.compile(rf"\b(?:{words})", re.I))
    for action, words in (
        (A.HELD, r"hold(?:ing)? (?:the |your |off (?:on )?(?:the |your )?)?$|pause"),
        (
            A.STOPPED,
            r"stop(?:ping)?\b|discontinu\w+|come off|get (?:you )?off|quit taking|"
            r"take (?:you |him |her )?off|"
            r"no longer (?:take|need)|taper (?:you )?off",
        ),
        (
            A.CHANGED,
            r"increas\w+|decreas\w+|go up on|bump\w* (?:you |it )?up|doubl\w+|switch\w*|"
            r"chang\w+ (?:you|your|the|it)|lower\w* (?:the|your)|reduc\w+|up (?:the|your) dose|"
            r"adjust\w*|titrat\w+|cut (?:back|down)|up (?:it|that) to|go (?:up|down) (?:on|to)|"
            r"(?:will|'ll|is going to) go to",
        ),
        (A.REFILLED, r"refill\w*|renew\w*|another prescription|more of"),
        (A.CONTINUED, r"continu\w+|keep (?:you )?(?:on|taking|using)|stay on|remain on|stick with"),
        (
            A.STARTED,
            r"start\w*|put (?:you )?on|prescrib\w+|give you|begin|try (?:you )?on|trial of|"
            r"recommend\w*|send (?:in |you )|want you (?:to )?(?:be )?(?:take|taking|use|try)|"
            r"encourage you (?:to )?(?:take|use|try)|need (?:some |to take )?$|"
            r"you can (?:take|use|try)|(?:take|use|apply|try) (?:some |the |an? )?$|"
            r"new prescription|call in|write (?:you )?(?:for|a)|add(?:ing)?(?: on)?|"
            r"(?:like|want) you (?:to be )?on|get you started on|order\w*",
        ),
    )
)
_PAST = re.compile(
    r"\b(?:last (?:time|visit|year|month|week)|ago|previously|before (?:that|this)|in the past|"
    r"(?<!get )(?<!got )(?:we|they|he|she|i|you) (?:started|stopped|increased|switched|"
    r"changed|took|had)|"
    r"was (?:started|stopped|increased|switched|changed)|used to|back in)\b"
)
_PATIENT_TAKING = re.compile(r"\b(?:i(?:'m| am)? (?:on|taking|using)|i take|i use|i've been)\b")
_UNIT = (
    r"mg|milligrams?|milligram|mcg|micrograms?|grams?|g|ml|milliliters?|units?|puffs?|"
    r"tablets?|pills?|capsules?|drops?|percent|%|sprays?"
)
_DOSE = re.compile(rf"\b(?P<n>{NUMBER})\s*(?:-\s*)?(?P<u>{_UNIT})(?![\w])")
_UNIT_NAMES = {
    "milligram": "mg", "milligrams": "mg", "mcg": "mcg", "microgram": "mcg", "micrograms": "mcg",
    "gram": "g", "grams": "g", "milliliter": "ml", "milliliters": "ml", "unit": "units",
    "puff": "puffs", "tablet": "tablets", "pill": "tablets", "pills": "tablets",
    "capsule": "capsules", "drop": "drops", "percent": "%", "spray": "sprays",
}  # fmt: skip
_FREQUENCIES: tuple[tuple[str, str], ...] = (
    (r"twice (?:a|per) day|twice daily|two times (?:a|per) day|bid|b\.i\.d\.", "twice daily"),
    (r"(?:three|3) times (?:a|per) day|tid", "three times daily"),
    (r"(?:four|4) times (?:a|per) day|qid", "four times daily"),
    (r"once (?:a|per) day|once daily|(?:one|1) (?:time )?(?:a|per) day|daily|every day|"
     r"a day|each day|per day", "daily"),
    (r"at night|nightly|at bedtime|before bed|every night|each night", "nightly"),
    (r"in the morning|every morning", "every morning"),
    (r"once (?:a|per) week|weekly|every week", "weekly"),
)  # fmt: skip
_FREQUENCY_RE = tuple((re.compile(rf"\b(?:{words})\b"), name) for words, name in _FREQUENCIES)
_EVERY = re.compile(
    rf"\bevery (?P<a>{NUMBER})(?: (?:to|or) (?P<b>{NUMBER}))? (?P<u>hours?|days?|weeks?)\b"
)
_AS_NEEDED = re.compile(
    r"\b(?:as needed|when needed|if needed|as necessary|prn|for any|when you need)\b"
)
_ROUTES: tuple[tuple[str, str], ...] = (
    (r"by mouth|orally|tablets?|pills?|capsules?", "PO"),
    (r"inhalers?|puffs?|inhaled|nebuli[sz]er", "inhaled"),
    (r"creams?|ointments?|gels?|lotions?|topical(?:ly)?|shampoo|solution|apply", "topical"),
    (r"patch(?:es)?", "transdermal"),
    (r"injections?|shots?|inject", "injection"),
    (r"nasal spray|in (?:the|your|each) nose|nostril", "intranasal"),
)
_ROUTE_RE = tuple((re.compile(rf"\b(?:{words})\b"), name) for words, name in _ROUTES)
# Decisions are the clinician's; a patient saying "I started…" reports what happened before.
_DECISIONS = frozenset({A.STARTED, A.STOPPED, A.CHANGED, A.REFILLED, A.HELD, A.CONTINUED})


@dataclass(frozen=True, slots=True)
class _Sig:
    dose: str | None
    frequency: str | None
    as_needed: bool | None
    end: int  # where the last of them ends in the text read


def _dose(match: re.Match[str] | None) -> str | None:
    if match is None or (value := spoken_value(match["n"])) is None:
        return None
    unit = match["u"].lower()
    unit = _UNIT_NAMES.get(unit, unit)
    return f"{value}%" if unit == "%" else f"{value} {unit}"


def _frequency(text: str) -> tuple[str, int] | None:
    if every := _EVERY.search(text):
        a, b = spoken_value(every["a"]), spoken_value(every["b"]) if every["b"] else None
        unit = every["u"] if every["u"].endswith("s") else every["u"] + "s"
        return (f"every {a} to {b} {unit}" if b else f"every {a} {unit}"), every.end()
    for pattern, name in _FREQUENCY_RE:
        if match := pattern.search(text):
            return name, match.end()
    return None


def _sig(text: str) -> _Sig:
    """The dose, frequency and "as needed" said in ``text`` (the words after the drug)."""
    dose_match = _DOSE.search(text)
    frequency = _frequency(text)
    as_needed = _AS_NEEDED.search(text)
    ends = [m.end() for m in (dose_match, as_needed) if m is not None]
    ends += [frequency[1]] if frequency else []
    return _Sig(
        dose=_dose(dose_match),
        frequency=frequency[0] if frequency else None,
        as_needed=True if as_needed else None,
        end=max(ends, default=0),
    )


def _route(text: str) -> str | None:
    return next((name for pattern, name in _ROUTE_RE if pattern.search(text)), None)


_SWITCH = r"\b(?:switch|chang|mov)\w* (?:you |him |her |them )?(?:over )?"
_SWITCHED_FROM = re.compile(rf"{_SWITCH}(?:from|off(?: of)?) (?:the |your |his |her )?$")
_SWITCHED_TO = re.compile(
    rf"{_SWITCH}(?:(?:from|off(?: of)?) [\w\s-]{{1,40}}? )?(?:to|onto) (?:the |some |a )?$"
)


def _action(said: Said, start: int, end: int) -> MedicationAction:
    clause_start = max(said.text.rfind(".", 0, start), said.text.rfind(";", 0, start)) + 1
    before = said.text[max(clause_start, start - 50) : start]
    after = said.text[end : end + 40]
    # "Switch you from Norvasc to losartan": one drug stops, the other starts.
    if _SWITCHED_FROM.search(before):
        return A.STOPPED
    if _SWITCHED_TO.search(before):
        return A.STARTED
    found = [(action, m.end()) for action, p in _ACTIONS for m in p.finditer(before)]
    if found:
        # The verb nearest the drug decides ("stop the advil and start tylenol").
        return max(found, key=lambda pair: pair[1])[0]
    for action, pattern in _ACTIONS[:5]:
        if pattern.match(after.lstrip(" ,")) or pattern.search(after[:25]):
            return action
    return A.TAKING


def _sig_text(said: Said, end: int) -> str:
    """The words after the drug that belong to its sig: up to the next drug or clause end."""
    rest = said.text[end : end + 100]
    stops = [m.start() for m in (drug_pattern().search(rest), _SIG_END.search(rest)) if m]
    return rest[: min(stops)] if stops else rest


_SIG_END = re.compile(r"[.;?!]|\b(?:and then|so|okay|alright|because|but|which)\b")
_BEFORE_PROCEDURE = re.compile(
    r"\bbefore (?:the |your )?(?:surgery|procedure|operation)|beforehand"
)


def _drugs_named(said: Said) -> list[tuple[int, int, str, float]]:
    """Each drug said, spelled right or misheard ("lisinoprill"), with how sure the reading is."""
    names = drug_names()
    found = [
        (m.start(), m.end(), names[m.group(0)], 1.0) for m in drug_pattern().finditer(said.text)
    ]
    for near in drug_respeller().find(said.text):
        if not any(start < near.end and near.start < end for start, end, _, _ in found):
            found.append((near.start, near.end, names[near.term], 0.7))
    return sorted(found)


# "I'll refill that", "let's go up to 1000 on that": a decision about the drug just named.
_ABOUT_IT = re.compile(
    r"\b(?P<verb>refill\w*|renew\w*|increas\w*|decreas\w*|stop\w*|continu\w*|go (?:up|down)|"
    r"bump\w* (?:it |that )?up|doubl\w*|cut (?:back|down)|hold|discontinu\w*|"
    r"(?:send|call) in (?:a |another )?(?:refill|prescription)|"
    r"(?:refill|prescription) for)\b[^.?!]{0,40}?\b(?P<it>that|it|this|them|those)\b"
)
_NAMED_LATELY = 2  # sentences back that "that" may point to


def _referred(said: Said, drug: Medication) -> Medication | None:
    """The decision a clinician's sentence without a drug name makes about ``drug``."""
    about = _ABOUT_IT.search(said.text)
    if about is None or said.asked or not said.by_clinician:
        return None
    verb = about["verb"]
    action = next((action for action, pattern in _ACTIONS if pattern.match(about.group(0))), None)
    if "refill" in verb or "renew" in verb or "prescription" in verb:
        action = A.REFILLED  # another prescription of a drug already taken
    if action is None or action is A.TAKING:
        return None
    start, end = about.span()
    sig = _sig(said.text[start : start + 100])
    return Medication(
        name=drug.name,
        action=action,
        dose=sig.dose,
        frequency=sig.frequency,
        as_needed=sig.as_needed,
        route=drug.route,
        assertion=said.assertion(start, end, plan=True),
        speaker=said.speaker,
        confidence=0.5,
        evidence=said.evidence(start, end) + drug.evidence,
    )


# Prescribing a drug the patient already takes is a refill, not a start.
_PRESCRIBING = re.compile(r"\b(?:order\w*|prescri\w+|send (?:in|over)|call in|write)\b")
_REFILL_ASKED = re.compile(r"\b(?:refills?|more of|running (?:low|out))\b")
_YES = re.compile(r"^\W*(?:(?:uh|um|oh|actually|well)\W+)*(?:yes|yeah|yep|i do|please|sure)\b")


def _asked_for_refill(sentences: list[Said], position: int) -> bool:
    """ "Do you need a refill of the lisinopril?" "Actually, I do." """
    said = sentences[position]
    answer = next(iter(sentences[position + 1 : position + 2]), None)
    return (
        said.asked
        and said.by_clinician
        and bool(_REFILL_ASKED.search(said.text))
        and answer is not None
        and answer.speaker is not said.speaker
        and bool(_YES.search(answer.text))
    )


def medications(sentences: list[Said]) -> list[Medication]:
    found: list[Medication] = []
    last: tuple[int, Medication] | None = None  # the drug named last, and where
    taken: set[str] = set()  # drugs the visit has shown the patient on
    for position, said in enumerate(sentences):
        named = _drugs_named(said)
        lately = last is not None and position - last[0] <= _NAMED_LATELY
        if not named and last is not None and lately:
            decided = _referred(said, last[1])
            found.extend([decided] if decided is not None else [])
        for start, end, name, sure in named:
            action = _action(said, start, end)
            if said.asked and action in _DECISIONS:
                action = A.TAKING  # "since starting the Z-Pak?" asks; it decides nothing
            prescribing = _PRESCRIBING.search(said.text[max(0, start - 50) : start])
            if action is A.STARTED and name in taken and prescribing:
                action = A.REFILLED
            if _asked_for_refill(sentences, position):
                action = A.REFILLED
            assertion = said.assertion(start, end, plan=action in _DECISIONS)
            near = said.text[max(0, start - 60) : end + 40]
            if action is A.STOPPED and _BEFORE_PROCEDURE.search(near):
                action, assertion = A.HELD, Assertion.PLANNED
            if _PAST.search(near) and assertion is Assertion.PRESENT:
                assertion = Assertion.HISTORICAL
            if not said.by_clinician and action in _DECISIONS:
                action = A.TAKING if _PATIENT_TAKING.search(said.text) else action
                if action is not A.TAKING and assertion is Assertion.PRESENT:
                    assertion = Assertion.HISTORICAL
            words = _sig_text(said, end)
            sig = _sig(words)
            # "a twenty one milligram nicotine patch": the dose may come first.
            dose_before = _DOSE.search(said.text, max(0, start - 25), start)
            first = dose_before.start() if dose_before and not sig.dose else start
            found.append(
                Medication(
                    name=name,
                    action=action,
                    dose=sig.dose or _dose(dose_before),
                    route=_route(said.text[max(0, start - 30) : end] + words),
                    frequency=sig.frequency,
                    as_needed=sig.as_needed,
                    assertion=assertion,
                    speaker=said.speaker,
                    confidence=(0.8 if action is A.TAKING else 0.7) * sure,
                    evidence=said.evidence(first, end + sig.end),
                )
            )
            last = (position, found[-1])
            if action in (A.TAKING, A.CONTINUED, A.REFILLED, A.CHANGED):
                taken.add(name)
    return found
