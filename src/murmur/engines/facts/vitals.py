"""Vital signs and measurements read aloud, in digits with units, flagged when out of range."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from murmur.engines.facts.said import Said
from murmur.facts.domain import Assertion, Vital, VitalName
from murmur.language.numbers import NUMBER, spoken_value

_FILLER = r"about |around |roughly |approximately |like |of |at |was |is |were |are |in the "
N = rf"(?:{_FILLER})*({NUMBER})"
_BP_WORDS = re.compile(r"\b(?:blood pressures?|bp|pressures?)\b")
_READING = re.compile(rf"\b({NUMBER}) ?(?:over|/) ?({NUMBER})\b")
# Earlier readings (at home, in the emergency room) still count; they are historical.
_EARLIER = re.compile(
    r"\b(?:at home|home readings?|emergency|er\b|e r\b|a and e|hospital|last (?:time|visit|week)|"
    r"the other day|yesterday|when you (?:went|were)|when you came in(?! today)|used to|ago|"
    r"past (?:couple|few))"
)
_LOOKED_AFTER = re.compile(r"\b(?:cuff|readings?|check\w*|monitor\w*|medications?|pills?)\b")
_HIGH_WORDS = re.compile(r"\b(?:high|elevated|up|raised|uncontrolled|not (?:well )?controlled)\b")


@dataclass(frozen=True, slots=True)
class _Measure:
    name: VitalName
    words: re.Pattern[str]
    unit: str
    plausible: Callable[[float], bool]
    abnormal: Callable[[float], bool]


_MEASURES = (
    _Measure(
        VitalName.HEART_RATE,
        re.compile(rf"\b(?:heart ?rate|pulse(?: rate)?|hr)\b[^.?!\d]{{0,25}}?{N}"),
        "bpm", lambda v: 25 <= v <= 220, lambda v: v < 60 or v > 100,
    ),
    _Measure(
        VitalName.TEMPERATURE,
        re.compile(rf"\b(?:temperature|temp|fever)\b[^.?!\d]{{0,25}}?{N}"),
        "°F", lambda v: 93 <= v <= 108 or 34 <= v <= 42,
        lambda v: v >= 100.4 or 38 <= v <= 42,
    ),
    _Measure(
        VitalName.SPO2,
        re.compile(rf"\b(?:oxygen(?: saturation| sat\w*| level)?|o2(?: sat\w*)?|sats?|"
                   rf"saturation|pulse ox\w*|spo2)\b[^.?!\d]{{0,25}}?{N}"),
        "%", lambda v: 60 <= v <= 100, lambda v: v < 95,
    ),
    _Measure(
        VitalName.RESPIRATORY_RATE,
        re.compile(rf"\b(?:respiratory rate|respirations|breathing rate|rr)\b[^.?!\d]{{0,25}}?{N}"),
        "/min", lambda v: 5 <= v <= 60, lambda v: v < 12 or v > 20,
    ),
    _Measure(
        VitalName.WEIGHT,
        re.compile(
            rf"\b(?:weight|weigh\w*)\b[^.?!\d]{{0,25}}?{N} ?(?:pounds|lbs?|kilos|kg|kilograms)"
        ),
        "lb", lambda v: 2 <= v <= 700, lambda v: False,
    ),
    _Measure(
        VitalName.BMI,
        re.compile(rf"\b(?:bmi|body mass index)\b[^.?!\d]{{0,25}}?{N}"),
        "kg/m2", lambda v: 10 <= v <= 80, lambda v: v >= 30 or v < 18.5,
    ),
    _Measure(
        VitalName.GLUCOSE,
        re.compile(rf"\b(?:blood sugars?|glucose|sugars?|fingerstick)\b[^.?!\d]{{0,60}}?{N}"),
        "mg/dL", lambda v: 20 <= v <= 900, lambda v: v > 140 or v < 70,
    ),
)  # fmt: skip


def _number(words: str) -> float | None:
    value = spoken_value(words)
    return float(value) if value is not None else None


def _assertion(said: Said, start: int, end: int) -> Assertion:
    if _EARLIER.search(said.text[max(0, start - 60) : end + 60]):
        return Assertion.HISTORICAL
    return said.assertion(start, end)


def _blood_pressures(said: Said, recent_bp_talk: bool) -> list[Vital]:
    found: list[Vital] = []
    for match in _READING.finditer(said.text):
        systolic, diastolic = _number(match[1]), _number(match[2])
        if systolic is None or diastolic is None:
            continue
        if not (70 <= systolic <= 260 and 30 <= diastolic <= 160 and systolic > diastolic):
            continue
        # "X over Y" in clinic speech is a blood pressure once it looks like one; a small pair
        # ("a two over six murmur") needs blood pressure talk nearby.
        looks_like_bp = systolic >= 90 and systolic - diastolic >= 20
        if not (looks_like_bp or recent_bp_talk or _BP_WORDS.search(said.text)):
            continue
        found.append(
            Vital(
                name=VitalName.BLOOD_PRESSURE,
                value=f"{systolic:.0f}/{diastolic:.0f}",
                unit="mmHg",
                abnormal=systolic >= 140 or diastolic >= 90 or systolic < 90,
                assertion=_assertion(said, *match.span()),
                speaker=said.speaker,
                evidence=said.evidence(*match.span()),
            )
        )
    if found or not said.by_clinician or said.asked:
        return found
    for words in _BP_WORDS.finditer(said.text):
        # "Your blood pressure's still high": abnormal without a number.
        after = said.text[words.end() : words.end() + 40]
        if _HIGH_WORDS.search(after) and not _LOOKED_AFTER.search(after):
            found.append(
                Vital(
                    name=VitalName.BLOOD_PRESSURE,
                    abnormal=True,
                    assertion=_assertion(said, *words.span()),
                    speaker=said.speaker,
                    confidence=0.6,
                    evidence=said.evidence(words.start(), words.end() + len(after)),
                )
            )
            break
    return found


# "Show me the blood pressure readings. They've been running a little high."
_RUNNING_HIGH = re.compile(
    r"\b(?:they(?:'ve| have)? been|it(?:'s| has)? been|(?:they|it) (?:are|is|were|was)|"
    r"(?:they're|it's)|running)\s+(?:\w+\s+){0,3}?(?:a (?:little|bit)|pretty|quite|really|very|"
    r"still|too)?\s*(?:high|elevated|up)\b"
)


def _pressure_said_high(sentences: list[Said], position: int) -> Vital | None:
    said = sentences[position]
    if not said.by_clinician or said.asked or _READING.search(said.text):
        return None
    high = _RUNNING_HIGH.search(said.text)
    if high is None:
        return None
    for earlier in sentences[max(0, position - 2) : position + 1][::-1]:
        if (named := _BP_WORDS.search(earlier.text)) is not None:
            if earlier is said and named.start() > high.start():
                return None
            evidence = said.evidence(*high.span())
            if earlier is not said:
                evidence = earlier.evidence(*named.span()) + evidence
            return Vital(
                name=VitalName.BLOOD_PRESSURE,
                abnormal=True,
                assertion=_assertion(said, *high.span()),
                speaker=said.speaker,
                confidence=0.5,
                evidence=evidence,
            )
    return None


def _measures(said: Said) -> list[Vital]:
    found: list[Vital] = []
    for measure in _MEASURES:
        for match in measure.words.finditer(said.text):
            value = _number(match[1])
            if value is None or not measure.plausible(value):
                continue
            unit = "°C" if measure.name is VitalName.TEMPERATURE and value < 50 else measure.unit
            found.append(
                Vital(
                    name=measure.name,
                    value=match[1] if match[1][0].isdigit() else f"{value:g}",
                    unit=unit,
                    abnormal=measure.abnormal(value),
                    assertion=_assertion(said, match.start(1), match.end(1)),
                    speaker=said.speaker,
                    evidence=said.evidence(match.start(), match.end()),
                )
            )
    return found


# What each measure is called, said without its value ("let me take your temperature").
_NAMED = tuple(
    (measure, re.compile(measure.words.pattern.split(r"[^.?!\d]")[0])) for measure in _MEASURES
)
# A value said on its own: digits, or a number in words when the sentence is short.
_BARE_VALUE = re.compile(
    rf"(?<![\w./])(?P<n>\d+(?:\.\d+)?|{NUMBER})(?![\w/])"
    r"(?!\s*(?:-|to|or)?\s*(?:days?|weeks?|months?|years?|hours?|minutes?|times|mg|"
    r"milligrams?|o'clock|am|pm|a\.m|p\.m|of|out of|over|/|\d))"
)
_CARRY = 3  # sentences a measure named without a value waits for its value
_SHORT = 8  # words


def _carried(sentences: list[Said], position: int, taken: set[VitalName]) -> list[Vital]:
    """A value said a few sentences after its measure was named: "let me check your
    temperature" ... "okay, it's 101.2"; "what have your sugars been running?" "about 220"."""
    said = sentences[position]
    for back in range(1, _CARRY + 1):
        if position - back < 0:
            break
        named_in = sentences[position - back]
        for measure, named in _NAMED:
            name = named.search(named_in.text)
            if name is None or measure.name in taken:
                continue
            if any(_BARE_VALUE.search(s.text) for s in sentences[position - back + 1 : position]):
                return []  # a value said in between answered it
            for value_at in _BARE_VALUE.finditer(said.text):
                words = value_at["n"]
                if not words[0].isdigit() and len(said.text.split()) > _SHORT:
                    continue
                value = _number(words)
                if value is None or not measure.plausible(value):
                    continue
                told = not said.by_clinician and named_in.by_clinician
                earlier = _EARLIER.search(named_in.text) or _EARLIER.search(said.text)
                unit = measure.unit
                if measure.name is VitalName.TEMPERATURE and value < 50:
                    unit = "°C"
                return [
                    Vital(
                        name=measure.name,
                        value=words if words[0].isdigit() else f"{value:g}",
                        unit=unit,
                        abnormal=measure.abnormal(value),
                        assertion=Assertion.HISTORICAL
                        if told or earlier
                        else said.assertion(*value_at.span()),
                        speaker=said.speaker,
                        confidence=0.5,
                        evidence=named_in.evidence(*name.span()) + said.evidence(*value_at.span()),
                    )
                ]
    return []


def vitals(sentences: list[Said]) -> list[Vital]:
    found: list[Vital] = []
    said_in: list[set[VitalName]] = []  # the measures each sentence gave a value for
    for position, said in enumerate(sentences):
        back = sentences[max(0, position - _CARRY) : position]
        recent = any(_BP_WORDS.search(s.text) for s in back)
        here = [*_blood_pressures(said, recent), *_measures(said)]
        asked = back[-1] if back and back[-1].asked and back[-1].speaker != said.speaker else None
        if asked is not None and _EARLIER.search(asked.text):
            # "What was your blood pressure at home?" "About 150 over 95."
            here = [replace(vital, assertion=Assertion.HISTORICAL) for vital in here]
        if not here:
            taken = set().union(*said_in[max(0, position - _CARRY) :])
            here = _carried(sentences, position, taken)
        if not here and (high := _pressure_said_high(sentences, position)) is not None:
            here = [high]
        said_in.append({vital.name for vital in here})
        found.extend(here)
    return found
