"""Problems the assessment names that the lexicon does not know, coded from the code set.

A problem is a short line of its own under the assessment or plan ("Right hip degenerative
joint disease."), or an assessment sentence that states one ("Assessment consistent with
pilonidal cyst."). Hedged problems ("possible", "likely") are suggested, never active.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from murmur.coding.systems.concepts import Concept
from murmur.engines.coding.code_set import Icd10Cm, Icd10Code
from murmur.engines.coding.matching import find_mentions
from murmur.engines.coding.retrieval import Match, content_words, words
from murmur.engines.coding.sources import CONFIDENCE, Origin, Source

UNCERTAIN_FACTOR = 0.5
RETRIEVAL_FACTOR = 0.9
MAX_PROBLEM_WORDS = 14
_LEAD = re.compile(
    r"^(?:assessment(?: is)?(?: consistent with|:)?|impression:?|diagnosis:?|"
    r"i think (?:this|it) is|this is|consistent with)\s+(?:an?\s+)?",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:likely|possible|possibly|probable|suspect\w*|suspicious|suspicion|rule out|r/o|"
    r"concern for|versus|vs)\b|\?",
    re.IGNORECASE,
)
_NOT_A_PROBLEM = re.compile(
    r"\b(?:agrees?|understands|discussed|follow up in|return|call|questions|patient is|"
    r"presents?|year-old)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Problem:
    code: Icd10Code
    source: Source
    entity: str
    confidence: float
    reason: str
    active: bool
    replaces: frozenset[str] = frozenset()  # vaguer lexicon codes for the same words


def _problem_text(source: Source) -> str | None:
    if source.origin not in {Origin.ASSESSMENT, Origin.PLAN}:
        return None
    lead = _LEAD.match(source.text)
    if not (source.heading or (lead and source.origin is Origin.ASSESSMENT)):
        return None
    text = source.text[lead.end() :] if lead else source.text
    text = text.strip().rstrip(".;:")
    if not text or len(text.split()) > MAX_PROBLEM_WORDS or _NOT_A_PROBLEM.search(text):
        return None
    return text


def _adds_detail(
    text: str, vague: frozenset[str], named: str, found: Sequence[Concept], codes: Icd10Cm
) -> bool:
    """Whether the matched code keeps words of the problem (a side, a site) the vague code lost.
    Words the lexicon phrase itself used are not detail: "psoriatic arthritis" is the
    lexicon's "Arthropathic psoriasis, unspecified", not arthritis mutilans."""
    vague_words = {w for code in vague if (c := codes.lookup(code)) for w in words(c.description)}
    # The side is not detail: the lexicon code is made sided from the same words.
    stated = content_words(text) - vague_words - set(words(named)) - {"right", "left", "bilateral"}
    return any(stated & content_words(concept.description) for concept in found)


_TWO_CONDITIONS = re.compile(r"\s(?:with|and)\s", re.IGNORECASE)


def _same_condition(named: str, text: str, found: Sequence[Concept]) -> bool:
    """ "Fifth disease with sinusitis": the code found for the fifth disease does not name the
    sinusitis the lexicon coded, so both stay; a code that refines the lexicon's replaces it."""
    if not named or not _TWO_CONDITIONS.search(text):
        return True
    mine = content_words(named)
    return any(mine & content_words(concept.description) for concept in found)


_SITE_LIST = re.compile(r"^(?P<head>.+?)\s+(?:of|on|in)\s+(?:the\s+)?(?P<sites>.+\band\b.+)$", re.I)
_PAIRED = re.compile(r"\b(upper|lower|right|left) and (upper|lower|right|left) (\w+)", re.I)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)


def _match(text: str, codes: Icd10Cm, context: str) -> Match | None:
    """The problem's codes; a problem at several sites ("nevi of the upper and lower
    extremities and trunk") is one code per site when each site has its own."""
    match = codes.matcher.match(text, context=context)
    listed = _SITE_LIST.match(text)
    if match is not None or listed is None:
        return match
    sites = _LIST_SPLIT.split(_PAIRED.sub(r"\1 \3 and \2 \3", listed["sites"]))
    parts = [codes.matcher.match(f"{listed['head']} of {site}", context=context) for site in sites]
    found = [part for part in parts if part is not None]
    if len(found) < 2 or len(found) < len(parts):
        return None
    concepts = tuple(dict.fromkeys(c for part in found for c in part.concepts))
    return Match(concepts, min(part.score for part in found))


def _blocks(sources: list[Source]) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for source in sources:
        texts.setdefault(source.block, []).append(source.text)
    return {block: " ".join(parts) for block, parts in texts.items()}


def problem_codes(sources: list[Source], codes: Icd10Cm, taken: set[str]) -> Iterator[Problem]:
    blocks = _blocks(sources)
    # Under an assessment, the plan's lines are what is done ("Plan: fluids, review"), not
    # problems to look up; a note with no assessment names its problems in the plan.
    assessed = any(s.origin is Origin.ASSESSMENT for s in sources)
    for source in sources:
        if assessed and source.origin is Origin.PLAN:
            continue
        text = _problem_text(source)
        if text is None:
            continue
        mentions = [m for m in find_mentions(text) if m.asserted]
        known = [codes.lookup(m.entry.code) for m in mentions]
        vague = frozenset(c.code for c in known if c and "unspecified" in c.description.lower())
        named = " ".join(m.phrase for m in mentions)
        if len(vague) < len(known):
            continue  # the lexicon already gives a specific code for these words
        hedged = bool(_HEDGE.search(text)) or source.queried
        if hedged:
            text = _HEDGE.split(text, maxsplit=1)[0].strip(" ,;")
            if not text:
                continue
        match = _match(text, codes, blocks.get(source.block, ""))
        if match is None or (vague and not _adds_detail(text, vague, named, match.concepts, codes)):
            continue
        confidence = CONFIDENCE[source.origin] * RETRIEVAL_FACTOR * min(match.score, 1.0)
        replaces = vague if _same_condition(named, text, match.concepts) else frozenset()
        for concept in match.concepts:
            code = codes.lookup(concept.code)
            if code is None or (code.code in taken and hedged):
                continue
            reason = f"Assessment names {text}; matched to the ICD-10-CM tabular list"
            if hedged:
                reason += "; documented as uncertain, so not coded as confirmed"
            factor = UNCERTAIN_FACTOR if hedged else 1.0
            confidence = round(confidence * factor, 2)
            yield Problem(code, source, text, confidence, reason, not hedged, replaces)
