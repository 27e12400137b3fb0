"""A problem named in the assessment, matched to the code set when the lexicon does not know it.

Candidates come from full-text search over descriptions and inclusion terms; each is scored
by how much of the problem's (rarity-weighted) wording it covers and how much it adds. The
winner is then made billable the way a coder would: the stated side (both sides when no
bilateral code exists), the unspecified variant otherwise, and the 7th character for the
episode of care (initial encounter unless the note says otherwise).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from murmur.coding.systems.concepts import Concept, Terminology
from murmur.engines.coding.matching import american_spelling

MIN_COVERAGE = 0.75
MIN_SCORE = 0.75
EXTRA_WORD_PENALTY = 0.1
UNSTATED_ACUITY_PENALTY = 0.15
OTHER_SIDE_PENALTY = 0.5
OTHER_SITE_PENALTY = 0.5
CANDIDATES = 60
_WORD = re.compile(r"[a-z0-9]+")
_SIDES = ("right", "left", "bilateral")
# Words that only grade or date the problem; the code set rarely encodes them.
_NEUTRAL = frozenset({
    "a", "an", "and", "the", "of", "in", "on", "with", "to", "for", "or", "by", "at", "due",
    "new", "newly", "diagnosed", "recurrent", "worsening",
    "stable", "persistent", "ongoing", "significant", "follow", "up", "followup",
    "non", "healing", "nonhealing", "sizable", "large", "small", "multiple",
})  # fmt: skip
# Acuity and severity: a code that states them is preferred when the problem does, and
# avoided when it does not; most codes state neither.
_OPTIONAL = frozenset({"acute", "chronic", "mild", "moderate", "severe"})
# Kinds of fracture a code may name, as `words` stems them ("torus" -> "toru").
_FRACTURE_KINDS = frozenset({
    "toru", "greenstick", "pathological", "stress", "periprosthetic", "physeal", "salter",
    "comminuted", "segmental", "oblique", "spiral", "transverse", "avulsion", "open", "bent",
})  # fmt: skip
_BODY_SITES = frozenset({
    "head", "face", "neck", "shoulder", "arm", "elbow", "forearm", "wrist", "hand", "finger",
    "thumb", "chest", "back", "abdomen", "pelvi", "hip", "thigh", "knee", "leg", "ankle", "foot",
    "toe", "heel", "spine", "scalp", "ear", "eye", "nose", "lip", "breast", "buttock",
})  # fmt: skip
# Wording in a description that says nothing the problem must have stated.
_FREE_IN_CODE = frozenset({
    "unspecified", "other", "nec", "nos", "of", "and", "the", "in", "with", "a", "an", "by",
    "to", "site", "part", "primary", "unilateral", "native", "vessel", "type", "displaced",
    "classified", "elsewhere",
})  # fmt: skip
_PHRASES = (
    (re.compile(r"\bdegenerative joint disease\b|\bdjd\b"), "osteoarthritis"),
    (re.compile(r"\b(?:cancer|carcinoma|malignancy)\b"), "malignant neoplasm"),
    (re.compile(r"\badenoma\b"), "benign neoplasm"),
    (re.compile(r"\bproximal (humerus|radius|ulna|femur|tibia|fibula)\b"), r"upper end of \1"),
    (re.compile(r"\bdistal (humerus|radius|ulna|femur|tibia|fibula)\b"), r"lower end of \1"),
    (re.compile(r"\b(?:leg)\b"), "lower leg"),
    (re.compile(r"\bstenosing tenosynovitis\b"), "trigger finger"),
    (re.compile(r"\bmcl\b"), "medial collateral ligament"),
    (re.compile(r"\blcl\b"), "lateral collateral ligament"),
    (re.compile(r"\bacl\b"), "anterior cruciate ligament"),
    (re.compile(r"\bpcl\b"), "posterior cruciate ligament"),
    (re.compile(r"\bligament (?:strain|tear)\b"), "ligament sprain"),
    # Finger joints by their abbreviations; the code set names them in words.
    (re.compile(r"\b(?:dip|pip)\b(?: joint)?|\bip joint\b"), "interphalangeal joint"),
    (re.compile(r"\bmcp\b(?: joint)?"), "metacarpophalangeal joint"),
    # Spinal levels name the region the code set is divided by: "L4-5", "C5-C6", "L5-S1".
    (re.compile(r"\bl5[- ]?s1\b"), "lumbosacral region"),
    (re.compile(r"\bl[1-5](?:[- ]?l?[1-5])?\b"), "lumbar region"),
    (re.compile(r"\bc[1-7](?:[- ]?c?[1-7])?\b"), "cervical region"),
    (re.compile(r"\bt(?:[1-9]|1[0-2])(?:[- ]?t?(?:[1-9]|1[0-2]))?\b"), "thoracic region"),
    # A herniated (bulging, protruding) disc is a displaced disc; with a compressed nerve root
    # it is classified as a disc disorder with radiculopathy.
    (re.compile(r"\bnerve root (?:impingement|compression)\b|\bpinched nerve\b"), "radiculopathy"),
    (
        re.compile(
            r"\b(?:herniated|bulging|protruding|slipped|displaced) (?:intervertebral )?disc\b|"
            r"\bdisc (?:herniation|protrusion|bulge|extrusion)\b"
        ),
        "disc displacement",
    ),
    (re.compile(r"\bdisc displacement\b(?=.*\bradiculopathy\b)"), "disc disorder"),
    (re.compile(r"\bextremit(?:y|ies)\b"), "limb"),
    # Fingers by number or lay name, as the code set names them; a nail is its finger's.
    (re.compile(r"\b(finger|toe)nails?\b"), r"\1"),
    (re.compile(r"\b(?:fifth|5th) finger\b|\bpinky\b"), "little finger"),
    (re.compile(r"\b(?:fourth|4th) finger\b"), "ring finger"),
    (re.compile(r"\b(?:third|3rd) finger\b"), "middle finger"),
    (re.compile(r"\b(?:second|2nd) finger\b"), "index finger"),
    (re.compile(r"\bnaris\b|\bnares\b"), "nostril"),
    (re.compile(r"\bsplinters?\b"), "superficial foreign body"),
    # An animal's or a person's bite that breaks the skin is an open bite of the site.
    (re.compile(r"\b(?:dog|cat|animal|human|spider)\s+bites?\b"), "open bite"),
    (re.compile(r"\bbenign (?=(?:melanocytic )?nev(?:i|us)\b)"), ""),
    (re.compile(r"\b(upper|lower) and (upper|lower) limb\b"), r"\1 limb and \2 limb"),
)
_ADJECTIVES = {
    "ovarian": "ovary", "renal": "kidney", "hepatic": "liver", "pulmonary": "lung",
    "cardiac": "heart", "gastric": "stomach", "colonic": "colon", "esophageal": "esophagus",
    "thyroidal": "thyroid", "cutaneous": "skin", "both": "bilateral",
    "malleolar": "malleolus", "vertebral": "vertebra", "nevus": "nevi",
}  # fmt: skip
# Parenthesized words in ICD-10-CM text are nonessential modifiers; "without ..." adds nothing.
# "Laceration without foreign body of left forearm" keeps its site.
_NONESSENTIAL = re.compile(
    r"\([^)]*\)|\bwithout\b(?:(?!\bof\b)[^,])*|\bnot elsewhere classified\b|,? including\b.*$"
)
# "Sprain of the lateral ligament complex": retried without its trailing qualifier.
_QUALIFIER = re.compile(
    r"\s*(?:,| of the | at the | in the | with | due to | secondary to ).*$", re.I
)
_ASIDE = re.compile(r"\([^)]*\)")
_SUBSEQUENT = re.compile(r"\b(?:subsequent|healing|follow[- ]?up of (?:the|his|her) fracture)\b")
_SEQUELA = re.compile(r"\bsequela")
_UNCOMPLICATED = re.compile(r"\buncomplicated\b|\bwithout\b")


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words(text: str) -> list[str]:
    lowered = american_spelling(text.lower().replace("'s", "").replace("'", ""))
    for pattern, replacement in _PHRASES:
        lowered = pattern.sub(replacement, lowered)
    return [_stem(_ADJECTIVES.get(w, w)) for w in _WORD.findall(lowered)]


def content_words(text: str) -> set[str]:
    """The words that say something: not grading, linking or the code set's filler."""
    return {w for w in words(text) if w not in _NEUTRAL and w not in _FREE_IN_CODE}


@dataclass(frozen=True, slots=True)
class Match:
    concepts: tuple[Concept, ...]  # billable; two when "bilateral" has no code of its own
    score: float


class ProblemMatcher:
    def __init__(self, terminology: Terminology) -> None:
        self._terms = terminology

    @cached_property
    def _rarity(self) -> dict[str, float]:
        counts: Counter[str] = Counter()
        for concept in self._terms.concepts.values():
            counts.update(set(words(concept.description)))
        total = len(self._terms.concepts)
        return {word: math.log(total / (1 + n)) for word, n in counts.items()}

    def _weight(self, word: str) -> float:
        return self._rarity.get(word, 8.0)

    def match(self, problem: str, *, context: str = "") -> Match | None:
        # "Foreign body of the left fifth fingernail (wooden splinter)": the words outside the
        # parentheses name the problem; the aside is tried only when they find nothing.
        bare = _ASIDE.sub(" ", problem).strip()
        found = self._match(bare, context) if bare and bare != problem else None
        found = found or self._match(problem, context)
        head = _QUALIFIER.sub("", problem)
        if found is None and head and head != problem:
            sides = " ".join(w for w in words(problem) if w in _SIDES)
            found = self._match(f"{sides} {head}", context)
        return found

    def _match(self, problem: str, context: str) -> Match | None:
        query = [w for w in dict.fromkeys(words(problem)) if w not in _NEUTRAL]
        core = [w for w in query if w not in _SIDES]
        if not [w for w in core if w not in _OPTIONAL]:
            return None
        side = next((w for w in query if w in _SIDES), None)
        best: tuple[float, Concept] | None = None
        for concept in self._candidates(core):
            score = self._score(core, side, concept)
            if score is not None and (best is None or score > best[0]):
                best = (score, concept)
        if best is None or best[0] < MIN_SCORE:
            return None
        chosen = self._billable(best[1], side, context.lower())
        return Match(chosen, best[0]) if chosen else None

    def _candidates(self, core: list[str]) -> list[Concept]:
        required = [w for w in core if w not in _OPTIONAL]
        found = self._terms.search(" ".join(core), limit=CANDIDATES)
        if len(required) < len(core):
            found += self._terms.search(" ".join(required), limit=CANDIDATES)
        # Generated 7th-character codes stand for their parent until the episode is chosen.
        return [self._base(c) for c in found if c.code[:1].isalpha() and "-" not in c.code]

    def _base(self, concept: Concept) -> Concept:
        is_extension = len(concept.code.replace(".", "")) == 7 and concept.parent is not None
        parent = self._terms.lookup(concept.parent) if is_extension and concept.parent else None
        return parent if parent is not None and "," in concept.description else concept

    def _score(self, core: list[str], side: str | None, concept: Concept) -> float | None:
        best: float | None = None
        for text in (concept.description, *concept.inclusion_terms):
            have = set(words(_NONESSENTIAL.sub("", text)))
            total = sum(self._weight(w) for w in core if w not in _OPTIONAL) or 1.0
            covered = sum(self._weight(w) for w in core if w in have and w not in _OPTIONAL)
            coverage = covered / total
            if coverage < MIN_COVERAGE:
                continue
            extras = [w for w in have if w not in core and w not in _FREE_IN_CODE]
            extras = [w for w in extras if w not in _SIDES and w not in _OPTIONAL]
            extras += [w for w in core if w in _OPTIONAL and w not in have]
            extras += ["nondisplaced"] if "nondisplaced" in have else []
            # A kind of fracture (torus, stress, pathological) is a fact to be stated.
            extras += [w for w in _FRACTURE_KINDS & have if w not in core] * 2
            score = coverage - EXTRA_WORD_PENALTY * len(extras)
            score -= UNSTATED_ACUITY_PENALTY * len([w for w in _OPTIONAL & have if w not in core])
            stated = [w for w in _SIDES if w in have]
            if stated and side not in stated:
                score -= OTHER_SIDE_PENALTY if side else EXTRA_WORD_PENALTY
            # A hip problem is not coded at the shoulder, whatever else the words share.
            sites = _BODY_SITES & set(core)
            if sites and not sites & have and _BODY_SITES & have:
                score -= OTHER_SITE_PENALTY
            best = score if best is None else max(best, score)
        return best

    def _billable(self, concept: Concept, side: str | None, context: str) -> tuple[Concept, ...]:
        current = self._sided(concept, side, context)
        for _ in range(4):
            if current.billable:
                return (current,)
            children = self._terms.children(current.code)
            if not children:
                return ()
            if side == "bilateral" and not any("bilateral" in c.description for c in children):
                pair = [self._pick(children, s, context) for s in ("right", "left")]
                if all(pair):
                    return tuple(
                        c for p in pair if p for c in self._billable(p, None, context) or (p,)
                    )
            picked = self._pick(children, side, context)
            if picked is None:
                return ()
            current = picked
        return (current,) if current.billable else ()

    def _sided(self, concept: Concept, side: str | None, context: str) -> Concept:
        """ "Osteoarthritis of hip" -> the right hip's code when "right" was said."""
        text = concept.description.lower()
        if side is None or side in text:
            return concept
        if concept.billable and ("unspecified" not in text or concept.parent is None):
            return concept
        top = concept.parent if concept.billable and concept.parent else concept.code
        family = self._terms.children(top)
        family += [grandchild for c in family for grandchild in self._terms.children(c.code)]
        sided = [c for c in family if side in c.description.lower()]
        if not sided:
            return concept
        own = set(words(concept.description))
        return min(
            sided,
            key=lambda c: (
                _episode_rank(c.description.lower(), context),
                # no new kind, site or type ("Open bite, right thigh" for an open wound)
                len(set(words(c.description)) - own - {side} - _FREE_IN_CODE),
                len(words(c.description)),
            ),
        )

    def _pick(self, children: list[Concept], side: str | None, context: str) -> Concept | None:
        def rank(child: Concept) -> tuple[int, int, int, int]:
            text = child.description.lower()
            sided = side is not None and side in text
            vague = "unspecified" in text
            episode = _episode_rank(text, context)
            # A complication ("with acute exacerbation") is coded only when stated.
            plain = bool(_UNCOMPLICATED.search(text)) or all(
                not _UNCOMPLICATED.search(c.description.lower()) for c in children
            )
            return (0 if sided else 1, episode, 0 if plain else 1, 0 if vague else 1)

        return min(children, key=rank) if children else None


def _episode_rank(text: str, context: str) -> int:
    """Initial encounter (closed fracture) unless the note says subsequent or sequela."""
    if "sequela" in text:
        return 0 if _SEQUELA.search(context) else 3
    if "subsequent encounter" in text:
        wanted = bool(_SUBSEQUENT.search(context))
        return (0 if "routine healing" in text else 1) if wanted else 3
    if "initial encounter" in text:
        if "open fracture" in text:
            return 2
        return 1 if _SUBSEQUENT.search(context) else 0
    return 1
