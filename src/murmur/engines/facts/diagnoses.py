"""Problems the clinician names as the visit's diagnoses, with certainty and side."""

from __future__ import annotations

import re

from murmur.engines.facts.said import Said
from murmur.engines.facts.vocabulary import (
    CONDITION_RE,
    RELATIVE_RE,
    SITE_RE,
    condition_named,
    ligament_named,
)
from murmur.facts.domain import Assertion, Certainty, Diagnosis, Laterality

# Words before a condition that make it the clinician's assessment rather than a mention.
_ASSESSED = re.compile(
    r"\b(?:diagnos\w*|impression|assessment|you (?:do )?have|you've got|you have got|"
    r"i think (?:you|it|this|that)|(?:first|second|third|fourth|next|last|other|new) "
    r"(?:problem|issue|condition|diagnosis)|in terms of|for your|regarding|as far as|"
    r"with regards? to|consistent with|looks like|suspect\w*|concern\w*|could be|"
    r"(?:this|it|that) (?:is|was|may be|might be)|likely|probably|sounds like|"
    r"dealing with|suffering from|treat\w*|manag\w*|control\w*|secondary to|due to|"
    r"(?:next|first|second|third|last|other) one (?:is|was)|newly diagnosed|you've|"
    r"number (?:one|two|three|four|five|\d)|(?:my|the) impression"
    r")\b|\byou (?:(?:probably|likely|must have) )?$|"
    r"\b(?:chronic|acute|mild|moderate|severe|uncontrolled|stable|early|advanced)\s*$"
)
_AFTER = re.compile(r"^\W*(?:standpoint|perspective|wise|is (?:well |not )?(?:controlled|stable))")
_SUSPECTED = re.compile(
    r"\b(?:could|might|may|possibl\w*|concerned (?:about|that|it)|suspect\w*|wonder\w*|"
    r"probabl\w*|likely|"
    r"rule out|think about|differential|worried)\b"
)
_HOW_IS = re.compile(r"\b(?:how(?:'s| is| are| has| have)?|has|have|is|are) (?:your|the) $")
_DOING = re.compile(
    r"\W*(?:been(?: doing| going)?|doing|going|improved|gotten (?:better|worse)|better|worse|"
    r"under control|controlled|since)\b"
)
_FAMILY = re.compile(r"\b(?:family|relatives?|runs in)\b")
_SIDE = (
    (re.compile(r"\b(?:bilateral\w*|both)\b"), Laterality.BILATERAL),
    (re.compile(r"\bleft\b"), Laterality.LEFT),
    (re.compile(r"\bright\b(?! now| away| here| there)"), Laterality.RIGHT),
)


def _laterality(text: str) -> Laterality | None:
    return next((side for pattern, side in _SIDE if pattern.search(text)), None)


# Problems that sit somewhere on the body: the site and side are read around them.
_LOCAL = frozenset(
    {
        "sprain", "strain", "ligament tear", "meniscus tear", "rotator cuff tear", "fracture",
        "contusion", "dislocation", "tendinitis", "bursitis", "cellulitis", "osteoarthritis",
        "arthritis", "gout", "carpal tunnel syndrome", "plantar fasciitis", "otitis media",
        "conjunctivitis", "hernia",
    }
)  # fmt: skip
_CLAUSE_END = re.compile(r"[.;?!]|\b(?:and|but|so|because|which|okay)\b")


def _around(text: str, start: int, end: int) -> str:
    """The condition's clause: a little before it and what follows up to the clause's end."""
    after = text[end : end + 80]
    cut = _CLAUSE_END.search(after)
    return (
        text[max(0, start - 30) : start]
        + " "
        + text[start:end]
        + " "
        + after[: cut.start() if cut else None]
    )


def _site(text: str) -> str | None:
    """Where it is: a named ligament (perhaps misheard) or else the body part said."""
    site = SITE_RE.search(text)
    return ligament_named(text) or (site.group(0).rstrip("s") if site else None)


def diagnoses(sentences: list[Said]) -> list[Diagnosis]:
    found: list[Diagnosis] = []
    for said in sentences:
        if not said.by_clinician:
            continue
        for match in CONDITION_RE.finditer(said.text):
            start, end = match.span()
            before = said.text[max(0, start - 60) : start]
            if said.asked:
                # "How's your diabetes been?" follows up a problem the patient has.
                followed = _HOW_IS.search(before) and _DOING.match(said.text, end)
                if not followed:
                    continue
            elif not (_ASSESSED.search(before) or _AFTER.match(said.text[end:])):
                continue
            if RELATIVE_RE.search(before) or _FAMILY.search(before):
                continue  # a relative's condition is family history
            assertion = said.assertion(start, end)
            if assertion is Assertion.HISTORICAL:
                assertion = Assertion.PRESENT  # "a history of gout" is still the patient's
            certainty = Certainty.CONFIRMED
            if assertion is Assertion.ABSENT:
                certainty = Certainty.RULED_OUT
            elif _SUSPECTED.search(before):
                certainty, assertion = Certainty.SUSPECTED, Assertion.POSSIBLE
            name = condition_named(match)
            laterality = _laterality(said.text[max(0, start - 25) : end])
            site = None
            if name in _LOCAL:
                # Even when the ligament's name is lost, the sprain and its side are certain.
                around = _around(said.text, start, end)
                site = _site(around)
                laterality = laterality or _laterality(around)
            found.append(
                Diagnosis(
                    name=name,
                    site=site,
                    certainty=certainty,
                    laterality=laterality,
                    assertion=assertion,
                    speaker=said.speaker,
                    confidence=0.6,
                    evidence=said.evidence(start, end),
                )
            )
    return found
