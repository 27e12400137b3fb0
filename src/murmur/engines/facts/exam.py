"""Examination findings the clinician reports, by body system, with the side examined."""

from __future__ import annotations

import re

from murmur.engines.facts.said import Said
from murmur.facts.domain import Assertion, Exam, Laterality

# Finding name, body system, spoken forms.
_FINDINGS: tuple[tuple[str, str, str], ...] = (
    ("pitting edema", "extremities", r"(?:\S+ )?pitting edema"),
    ("edema", "extremities", r"edema|oedema"),
    ("carotid bruit", "cardiovascular", r"carotid bruits?"),
    ("bruit", "cardiovascular", r"bruits?"),
    ("tenderness", "musculoskeletal", r"tender(?:ness)?"),
    ("pain to palpation", "musculoskeletal", r"pain (?:to|on|with) palpation"),
    ("swelling", "musculoskeletal", r"swelling|swollen"),
    ("wheezing", "respiratory", r"(?:expiratory |inspiratory )?wheez\w*"),
    ("rhonchi", "respiratory", r"r?h?onchi"),
    ("crackles", "respiratory", r"crackles|rales"),
    ("decreased breath sounds", "respiratory", r"decreased breath sounds"),
    ("tinel's sign", "neurological", r"(?:positive )?tinel'?s(?: sign)?"),
    ("phalen's sign", "neurological", r"(?:positive )?phalen'?s(?: sign| test)?"),
    ("decreased grip strength", "musculoskeletal",
     r"grip strength (?:is )?(?:less|weaker|decreased|reduced)|(?:decreased|weak\w*|reduced) grip"),
    ("decreased range of motion", "musculoskeletal",
     r"(?:decreased|limited|reduced|painful) range of motion"),
    ("erythema", "skin", r"erythema\w*|redness"),
    ("bruising", "skin", r"bruis\w+|ecchymosis"),
    ("effusion", "musculoskeletal", r"effusion"),
    ("laxity", "musculoskeletal", r"laxity"),
    ("deformity", "musculoskeletal", r"deformity"),
    ("lymphadenopathy", "lymphatic", r"lymphadenopathy|swollen (?:lymph )?nodes?"),
    ("erythema", "skin", r"(?<=is )red|(?<=are )red|(?<=little )red|(?<=looks )red"),
    ("bulging tympanic membrane", "ent", r"bulging"),
    ("exudate", "ent", r"exudates?"),
    ("ulcer", "skin", r"ulcers?|ulceration"),
    ("rash", "skin", r"rash"),
    ("mass", "general", r"lump|palpable mass"),
    ("positive straight leg raise", "musculoskeletal", r"positive straight leg rais\w*"),
    ("decreased strength", "musculoskeletal",
     r"(?:decreased|reduced|weak\w*) strength|strength (?:is )?(?:decreased|reduced|weak\w*)"),
)  # fmt: skip
_FINDING_RE = re.compile(
    "|".join(f"(?P<f{i}>\\b(?:{forms})\\b)" for i, (_, _, forms) in enumerate(_FINDINGS))
)
_PAIRED_PLURAL = re.compile(
    r"\b(?:legs|lower extremities|ankles|feet|knees|elbows|wrists|hands|arms|shoulders|hips|"
    r"lungs|all lung fields|each (?:hand|side|leg|arm))\b"
)
_SIDES = (
    (re.compile(r"\b(?:bilateral\w*|both|each)\b"), Laterality.BILATERAL),
    (re.compile(r"\bleft\b"), Laterality.LEFT),
    (
        re.compile(r"\bright\b(?! now| away| here| there| after| before| then| so)"),
        Laterality.RIGHT,
    ),
)
_ASKING = re.compile(r"\b(?:do you|have you|did you|are you|any (?:more|new|other))\b")
_BREAK = re.compile(r"[.;?!]|\b(?:and|but|however|also)\b")


def _side(text: str, start: int, end: int) -> Laterality | None:
    """The side named next to a finding, within its clause."""
    before = text[max(0, start - 40) : start]
    breaks = list(_BREAK.finditer(before))
    before = before[breaks[-1].end() :] if breaks else before
    after = text[end : end + 65]
    cut = _BREAK.search(after)
    after = after[: cut.start()] if cut else after
    after = _COMPARED.sub(" ", after)  # "swollen compared to the right" is the other side
    for words in (after, before):
        for pattern, side in _SIDES:
            if pattern.search(words):
                return side
    return Laterality.BILATERAL if _PAIRED_PLURAL.search(after + " " + before) else None


_COMPARED = re.compile(r"\b(?:compared (?:to|with)|than|versus|vs) (?:the |your )?(?:left|right)\b")
# "Let me look at your right knee." names the side the next findings are on.
_FOCUS = re.compile(
    r"\b(?P<side>left|right)(?: side| lower| upper)? (?:\w+ )?(?:knee|ankle|wrist|elbow|"
    r"shoulder|hip|hand|foot|leg|arm|ear|eye|calf|thigh|breast|lung|flank|"
    r"quadrant|side|finger|thumb|toe|heel|knee joint)\b"
)
_FOCUS_SENTENCES = 2
_MANOEUVRE = re.compile(
    r"\b(?:press\w*|push\w*|palpat\w*|touch\w*|feel|move|bend|lift|squeez\w*|tap\w*)\b"
    r"[^?]*\b(?:hurt\w*|pain\w*|tender\w*|sore)\b"
)
_YES = re.compile(
    r"^\W*(?:(?:uh|um|oh|ah|ow|ouch)\W+)*(?:yes|yeah|yep|it does|that hurts|ow|ouch)\b"
)
_NO = re.compile(r"^\W*(?:(?:uh|um)\W+)*(?:no|nope|not really|it doesn't)\b")


def _asked_on_exam(sentences: list[Said], position: int, focus: Laterality | None) -> Exam | None:
    """ "When I press here on your right side, does that hurt?" "Yes." is a tender side."""
    said = sentences[position]
    manoeuvre = _MANOEUVRE.search(said.text)
    answer = next(iter(sentences[position + 1 : position + 2]), None)
    if manoeuvre is None or answer is None or answer.speaker is said.speaker:
        return None
    yes, no = _YES.search(answer.text), _NO.search(answer.text)
    if not (yes or no):
        return None
    side = _side(said.text, manoeuvre.start(), manoeuvre.end()) or focus
    return Exam(
        system="musculoskeletal",
        finding="tenderness",
        laterality=side,
        normal=bool(no),
        assertion=Assertion.ABSENT if no else Assertion.PRESENT,
        speaker=said.speaker,
        confidence=0.5,
        evidence=said.evidence(*manoeuvre.span()) + answer.evidence(0, len(answer.text)),
    )


def exams(sentences: list[Said]) -> list[Exam]:
    found: list[Exam] = []
    focus: tuple[int, Laterality] | None = None
    for position, said in enumerate(sentences):
        if not said.by_clinician:
            continue
        if named := _FOCUS.search(said.text):
            focus = (position, Laterality.LEFT if named["side"] == "left" else Laterality.RIGHT)
        focused = focus[1] if focus and position - focus[0] <= _FOCUS_SENTENCES else None
        if said.asked:
            if (tender := _asked_on_exam(sentences, position, focused)) is not None:
                found.append(tender)
            continue
        for match in _FINDING_RE.finditer(said.text):
            name, system, _ = _FINDINGS[int((match.lastgroup or "f0")[1:])]
            start, end = match.span()
            if _ASKING.search(said.text[max(0, start - 30) : start]):
                continue  # "do you have any swelling in your legs" (unpunctuated) asks
            assertion = said.assertion(start, end)
            if assertion not in (Assertion.PRESENT, Assertion.ABSENT):
                continue  # "call if your ankles swell" is advice, not a finding
            found.append(
                Exam(
                    system=system,
                    finding=name,
                    laterality=_side(said.text, start, end) or focused,
                    normal=assertion is Assertion.ABSENT,
                    assertion=assertion,
                    speaker=said.speaker,
                    confidence=0.6,
                    evidence=said.evidence(start, end),
                )
            )
    return found
