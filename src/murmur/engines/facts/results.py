"""Results read out in the visit (lab values, imaging findings) and scores (pain out of ten,
PHQ-9, GAD-7), flagged abnormal by adult reference ranges or the clinician's words."""

from __future__ import annotations

import re
from collections.abc import Callable

from murmur.engines.facts.said import Said
from murmur.engines.facts.vocabulary import ORDER_RE, order_named
from murmur.facts.domain import Assertion, OrderType, Result, Score
from murmur.language.assertion import Modifier
from murmur.language.numbers import NUMBER, spoken_value

Range = Callable[[float], bool]
# Lab name, spoken forms, and when a value is out of the adult reference range.
_LABS: tuple[tuple[str, str, Range], ...] = (
    ("hemoglobin a1c", r"(?:hemoglobin )?a1c|hba1c|a 1 c", lambda v: v >= 5.7),
    ("bun", r"bun|blood urea nitrogen", lambda v: v > 20),
    ("creatinine", r"creatinine", lambda v: v > 1.3),
    ("potassium", r"potassium", lambda v: v < 3.5 or v > 5.1),
    ("sodium", r"sodium", lambda v: v < 135 or v > 145),
    ("magnesium", r"magnesium", lambda v: v < 1.7 or v > 2.6),
    ("hemoglobin", r"hemoglobin(?! a1c)|hgb", lambda v: v < 12 or v > 17.5),
    ("white blood cell count", r"white (?:blood )?(?:cell )?count|wbc", lambda v: v < 4 or v > 11),
    ("platelets", r"platelets?(?: count)?", lambda v: v < 150 or v > 450),
    ("tsh", r"tsh", lambda v: v < 0.4 or v > 4.5),
    ("ldl", r"ldl", lambda v: v >= 130),
    ("cholesterol", r"(?:total )?cholesterol", lambda v: v >= 200),
    ("triglycerides", r"triglycerides", lambda v: v >= 150),
    ("bnp", r"bnp|bmp", lambda v: v > 100),
    ("psa", r"psa", lambda v: v > 4),
    ("egfr", r"egfr|gfr", lambda v: v < 60),
    ("vitamin d", r"vitamin d(?: level)?", lambda v: v < 30),
    ("ferritin", r"ferritin", lambda v: v < 15),
)
# A number followed by a time unit is when, not what: "a repeat A1c in three months".
_TIME_UNITS = r"days?|weeks?|months?|years?|hours?"
_LAB_RES = tuple(
    (
        name,
        re.compile(rf"\b(?:{forms})\b[^.?!\d]{{0,45}}?\b({NUMBER})\b(?! (?:{_TIME_UNITS})\b)"),
        out,
    )
    for name, forms, out in _LABS
)
_HIGH_LOW = re.compile(r"\b(?:high|elevated|low|abnormal|up|raised|decreased|off)\b")
_NORMAL = re.compile(r"\b(?:normal|fine|good|great|okay|ok|stable|negative|unremarkable)\b")
_SHOWED = re.compile(
    r"\b(?:showed|shows|show|demonstrated|demonstrates|revealed|reveals|found|confirmed|"
    r"came back|results? (?:is|was|were|are))\b"
)
_ABNORMAL_FINDING = re.compile(
    r"\b(?:fracture\w*|mass|nodules?|stones?|enlarg\w+|reduced|low|tear|effusion|pneumonia|"
    r"narrowing|blockage|abnormal\w*|positive|tumou?r|lesion|cyst|bleed\w*|clot|"
    r"infiltrat\w*|consolidation|dilat\w*|thicken\w*|stenosis|regurgitation|arthritis|"
    r"degenerat\w*|herniat\w*|elevated|infection|fibrillation|arrhythmia|bacteria|blood|"
    r"protein|inflammation|polyps?|ulcers?|hernia|blocked|ischemi\w*|irregular)\b"
)
_PAIN = re.compile(rf"\b(?P<n>{NUMBER})(?: (?:to|or) (?P<m>{NUMBER}))? out of (?:10|ten)\b")
_PAIN_TALK = re.compile(r"\b(?:pain|hurt\w*|scale|rate)\b")
_SCREENS = (
    ("phq-9", re.compile(rf"\bphq(?:-| )?(?:9|nine)?\b[^.?!\d]{{0,30}}?\b({NUMBER})\b"), 10.0),
    ("gad-7", re.compile(rf"\bgad(?:-| )?(?:7|seven)?\b[^.?!\d]{{0,30}}?\b({NUMBER})\b"), 10.0),
)


def _labs(said: Said) -> list[Result]:
    found: list[Result] = []
    taken: list[tuple[int, int]] = []  # "LDL cholesterol is 96" is the LDL, not also cholesterol
    for name, pattern, out_of_range in _LAB_RES:
        for match in pattern.finditer(said.text):
            if any(start <= match.start(1) < end for start, end in taken):
                continue
            taken.append(match.span(1))
            value = spoken_value(match[1])
            if value is None:
                continue
            words = said.text[match.start() : match.end() + 30]
            abnormal = out_of_range(float(value))
            found.append(
                Result(
                    name=name,
                    value=value,
                    abnormal=abnormal
                    or bool(_HIGH_LOW.search(words) and not _NORMAL.search(words)),
                    assertion=_past_or(said, match.start(), match.end()),
                    speaker=said.speaker,
                    confidence=0.7,
                    evidence=said.evidence(*match.span()),
                )
            )
    return found


# Tests read out without a number: "your cholesterol is still pretty high".
_DESCRIBED = (
    *((name, forms) for name, forms, _ in _LABS),
    ("kidney function", r"kidney function|renal function|kidneys?"),
    ("liver function", r"liver (?:function|enzymes|tests?)|lfts?"),
    ("thyroid function", r"thyroid(?: levels?| function| tests?)?"),
    ("blood count", r"blood count|cbc"),
    ("iron", r"iron(?: levels?| studies)?"),
    ("urinalysis", r"urine(?: test| sample)?|urinalysis"),
    ("inflammatory markers", r"inflammatory markers|crp|esr|sed rate"),
)
_DESCRIBED_RE = re.compile(
    "|".join(f"(?P<d{i}>\\b(?:{forms})\\b)" for i, (_, forms) in enumerate(_DESCRIBED))
)
_READ_AS = re.compile(
    r"(?:'s| levels?| numbers?| results?| tests?)?\s*(?:is|was|are|were|came back|come back|"
    r"looks?|looked|seems?|showed|shows|has been|have been|went|gone|been)\b"
    r"(?P<how>[^.?!,]{0,30}?)\b(?P<word>high|elevated|low|abnormal|worse|raised|up|positive|"
    r"off|normal|fine|good|negative|stable|better|improved|unremarkable)\b"
)
_FINE = frozenset({"normal", "fine", "good", "negative", "stable", "better", "improved",
                   "unremarkable"})  # fmt: skip


def _described(said: Said, numbered: set[str]) -> list[Result]:
    found: list[Result] = []
    for match in _DESCRIBED_RE.finditer(said.text):
        name = _DESCRIBED[int((match.lastgroup or "d0")[1:])][0]
        read = _READ_AS.match(said.text, match.end())
        if name in numbered or read is None:
            continue
        if re.search(r"\bnot\b", read["how"]) or Modifier.NEGATED in said.modifiers(*match.span()):
            continue
        found.append(
            Result(
                name=name,
                value=read["word"],
                abnormal=read["word"] not in _FINE,
                assertion=_past_or(said, match.start(), match.end()),
                speaker=said.speaker,
                confidence=0.5,
                evidence=said.evidence(match.start(), read.end()),
            )
        )
    return found


def _past_or(said: Said, start: int, end: int) -> Assertion:
    assertion = said.assertion(start, end)
    near = said.text[max(0, start - 40) : end]
    if assertion is Assertion.PRESENT and re.search(r"\blast\b|\bprevious\b|\bago\b", near):
        return Assertion.HISTORICAL
    return assertion


def _imaging(said: Said) -> list[Result]:
    found: list[Result] = []
    for match in ORDER_RE.finditer(said.text):
        name, kind = order_named(match)
        if kind is OrderType.REFERRAL or (kind is OrderType.LAB and name != "urinalysis"):
            continue  # "the ekg showed", "your urine test showed"; labs have values
        after = said.text[match.end() : match.end() + 90]
        showed = _SHOWED.search(after)
        if showed is None:
            continue
        finding = said.text[match.end() + showed.end() : match.end() + showed.end() + 70]
        abnormal = _ABNORMAL_FINDING.search(finding)
        negated = re.search(r"\b(?:no|not|normal|negative|without)\b", finding[:20])
        found.append(
            Result(
                name=name,
                value=finding.strip(" ,") or None,
                abnormal=bool(abnormal and not negated),
                assertion=Assertion.PRESENT,
                speaker=said.speaker,
                confidence=0.5,
                evidence=said.evidence(match.start(), match.end() + showed.end() + len(finding)),
            )
        )
    return found


def _scores(said: Said, asked: str) -> list[Score]:
    """Scores in ``said``; ``asked`` is the sentence before it (where "rate your pain" is)."""
    found: list[Score] = []
    for match in _PAIN.finditer(said.text):
        near = asked[-80:] + " " + said.text[max(0, match.start() - 80) : match.end() + 20]
        if not _PAIN_TALK.search(near):
            continue
        low, high = spoken_value(match["n"]), spoken_value(match["m"]) if match["m"] else None
        if low is None or float(low) > 10:
            continue
        value = f"{low}-{high}/10" if high else f"{low}/10"
        found.append(
            Score(
                name="pain",
                value=value,
                abnormal=float(high or low) > 0,
                assertion=_past_or(said, *match.span()),
                speaker=said.speaker,
                confidence=0.7,
                evidence=said.evidence(*match.span()),
            )
        )
    for name, pattern, cut in _SCREENS:
        for match in pattern.finditer(said.text):
            total = spoken_value(match[1])
            if total is None or float(total) > 27:
                continue
            found.append(
                Score(
                    name=name,
                    value=total,
                    abnormal=float(total) >= cut,
                    assertion=said.assertion(*match.span()),
                    speaker=said.speaker,
                    confidence=0.7,
                    evidence=said.evidence(*match.span()),
                )
            )
    return found


_SCALE_ASKED = re.compile(
    r"\b(?:scale|out of (?:10|ten)|(?:zero|0|one|1) (?:to|through) (?:ten|10)|"
    r"(?:ten|10) (?:being |is )?the worst|rate (?:your|the|it|that))\b"
)
_RATED = re.compile(
    rf"(?<![\w.])(?P<n>{NUMBER})(?:\s*(?:to|or|-)\s*(?P<m>{NUMBER}))?(?!\w|\.\d)"
    r"(?! (?:to|through) (?:ten|10)\b| (?:days?|weeks?|months?|years?|hours?|times|mg)\b)"
)


def _scale_answered(sentences: list[Said], position: int) -> Score | None:
    """ "On a scale of one to ten, how bad is the pain?" "About a seven." """
    asked = sentences[position]
    if not (asked.asked and _SCALE_ASKED.search(asked.text) and _PAIN_TALK.search(asked.text)):
        return None
    for answer in sentences[position + 1 : position + 3]:
        if answer.speaker is asked.speaker:
            return None
        rated = _RATED.search(answer.text)
        if rated is None or _PAIN.search(answer.text):
            continue  # "6 out of 10" said in full is read by _scores
        low, high = spoken_value(rated["n"]), spoken_value(rated["m"]) if rated["m"] else None
        if low is None or float(low) > 10 or (high is not None and float(high) > 10):
            continue
        return Score(
            name="pain",
            value=f"{low}-{high}/10" if high else f"{low}/10",
            abnormal=float(high or low) > 0,
            assertion=_past_or(answer, *rated.span()),
            speaker=answer.speaker,
            confidence=0.6,
            evidence=asked.evidence(0, len(asked.text)) + answer.evidence(*rated.span()),
        )
    return None


def results(sentences: list[Said]) -> list[Result | Score]:
    found: list[Result | Score] = []
    for position, said in enumerate(sentences):
        if said.asked:
            if (score := _scale_answered(sentences, position)) is not None:
                found.append(score)
            continue
        found.extend(_scores(said, sentences[position - 1].text if position else ""))
        if said.by_clinician:
            labs = _labs(said)
            found.extend(labs)
            found.extend(_described(said, {lab.name for lab in labs}))
            found.extend(_imaging(said))
    return found
