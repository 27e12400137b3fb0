"""ICD-10-CM (FY2026 tabular list) for the coder: lookup, exact descriptions, word search.

The code set itself is murmur.coding.systems.icd10cm, parsed once from the CDC tabular XML
that `simple-icd-10-cm` bundles; this module adds the coder's own plain word matching.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property

from murmur.coding.systems.concepts import Terminology
from murmur.coding.systems.directory import bundled
from murmur.engines.coding.retrieval import ProblemMatcher

_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = "a an and the of in on with without to for or by other unspecified"
_STOP = frozenset(_STOP_WORDS.split())
# "Osteoarthritis of knee" -> "Unilateral primary osteoarthritis, right knee": words a sided
# relative may add without stating anything new.
_SIDE_ONLY = frozenset({"unilateral", "primary"})
_UNSPECIFIED_SITE = re.compile(r"unspecified (?:site|joint)|site unspecified", re.IGNORECASE)
_BODY_SITE = re.compile(
    r"\b(wrist|hand|finger|thumb|ankle|foot|toe|knee|hip|shoulder|elbow|forearm|upper arm|"
    r"thigh|lower leg|lumbar|cervical|thoracic|lumbosacral|thoracolumbar|cervicothoracic)s?\b",
    re.IGNORECASE,
)
_REFERENCE = re.compile(r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?-?)(?=[,)\s]|$)")


@dataclass(frozen=True, slots=True)
class Icd10Code:
    code: str  # with the dot, e.g. "J20.9"
    description: str
    billable: bool


def normalize_code(code: str) -> str:
    """ "j20.9" -> "J209": the package's key form."""
    return code.replace(".", "").strip().upper()


def format_code(code: str) -> str:
    """ "J209" -> "J20.9": the dot follows the three-character category."""
    raw = normalize_code(code)
    return raw if len(raw) <= 3 else f"{raw[:3]}.{raw[3:]}"


_LONG_TERM_USE = re.compile(r"^Long term \(current\) use of (?P<drug>[\w -]+?)\s*$", re.I)


# Where a limb's part lies, for codes divided only by upper and lower limb.
_LIMB_PARTS = (
    (
        re.compile(r"\b(?:lower extremit|leg|thigh|knee|calf|shin|ankle|foot|feet|toe|heel)"),
        "lower limb",
    ),
    (re.compile(r"\b(?:upper extremit|arm|forearm|elbow|wrist|hand|finger|thumb)"), "upper limb"),
)


def limb_region(text: str) -> str | None:
    """ "Right thigh" -> "lower limb"; None when no limb, or both, is named."""
    lowered = text.lower()
    found = [region for pattern, region in _LIMB_PARTS if pattern.search(lowered)]
    return found[0] if len(found) == 1 else None


def _limb_terms(text: str) -> frozenset[str]:
    region = limb_region(text)
    return frozenset(_terms(region)) if region else frozenset()


def _terms(text: str) -> list[str]:
    words = (w.rstrip("s") if len(w) > 3 else w for w in _WORD.findall(text.lower()))
    return [w for w in words if w not in _STOP]


class Icd10Cm:
    """Lookup by code and a plain word-overlap search over descriptions."""

    def __init__(
        self, codes: dict[str, tuple[bool, str]], terminology: Terminology | None = None
    ) -> None:
        self._codes = codes
        self._terminology = terminology

    @classmethod
    def from_terminology(cls, terminology: Terminology) -> Icd10Cm:
        """Codes only: chapters ("1") and blocks ("A00-A09") are not assignable codes."""
        return cls(
            {
                key: (concept.billable, concept.description)
                for key, concept in terminology.concepts.items()
                if key[:1].isalpha() and "-" not in key
            },
            terminology,
        )

    @cached_property
    def matcher(self) -> ProblemMatcher:
        if self._terminology is None:
            raise RuntimeError("this code set was built without its tabular list")
        return ProblemMatcher(self._terminology)

    def excludes(self, code: str, other: str) -> bool:
        """Whether an Excludes1 note on the code (or a category above it) names the other."""
        if self._terminology is None:
            return False
        target = normalize_code(other)
        chain = [self._terminology.lookup(code), *self._terminology.parents(code)]
        for concept in chain:
            for note in concept.excludes1 if concept else ():
                for ref in _REFERENCE.findall(note):
                    prefix = normalize_code(ref.rstrip("-"))
                    if target.startswith(prefix) and (ref.endswith("-") or target == prefix):
                        return True
        return False

    def similar(self, code: str, *, limit: int = 4) -> list[Icd10Code]:
        """Billable codes beside this one (same parent): the close alternatives a coder weighs."""
        if self._terminology is None:
            return []
        concept = self._terminology.lookup(code)
        if concept is None or concept.parent is None:
            return []
        siblings = self._terminology.children(concept.parent)
        found = [self.lookup(c.code) for c in siblings if c.billable and c.code != concept.code]
        return [c for c in found if c is not None][:limit]

    def sided(self, code: str, side: str, *, sites: str = "") -> tuple[Icd10Code, ...]:
        """The code for the stated side ("right", "left", "bilateral") of an unspecified-side
        code: the description with the side for "unspecified", else the nearest relative that
        names the side (and only sites that ``sites`` names: "cellulitis of the right thigh" is
        of the right lower limb); bilateral without a code of its own gives the right and the
        left code.
        """
        known = self.lookup(code)
        if known is None or "unspecified" not in known.description.lower():
            return (known,) if known else ()
        text = known.description.lower()
        for at in (m.start() for m in re.finditer("unspecified", text)):
            exact = self.by_description(f"{text[:at]}{side}{text[at + len('unspecified') :]}")
            if exact is not None:
                return (exact,)
        near = self._nearest_sided(known, side, _limb_terms(sites))
        if near is not None:
            return (near,)
        if side == "bilateral":
            pair = tuple(c for s in ("right", "left") for c in self.sided(code, s, sites=sites))
            return pair if len(pair) == 2 and known not in pair else (known,)
        return (known,)

    def at_site(self, code: str, text: str) -> Icd10Code | None:
        """The code for the one body site the text names, of a code for an unspecified site
        ("ganglion cyst of the wrist" -> Ganglion, unspecified wrist); None when there is none.
        The side is chosen afterwards (`sided`)."""
        known = self.lookup(code)
        sites = {m.lower() for m in _BODY_SITE.findall(text)}
        if known is None or len(sites) != 1 or not _UNSPECIFIED_SITE.search(known.description):
            return None
        site = re.compile(rf"\b{sites.pop()}\b")
        raw = normalize_code(code)
        episode = raw[6:] if len(raw) == 7 else ""
        found = [
            c
            for key, (billable, _) in self._codes.items()
            if billable
            and key[:4] == raw[:4]
            and (not episode or (len(key) == len(raw) and key.endswith(episode)))
            and (c := self.lookup(key)) is not None
            and site.search(c.description.lower())
        ]
        unsided = [c for c in found if not re.search(r"\b(?:right|left)\b", c.description, re.I)]
        return min(unsided or found, key=lambda c: len(c.description), default=None)

    def _nearest_sided(
        self, known: Icd10Code, side: str, sites: frozenset[str] = frozenset()
    ) -> Icd10Code | None:
        if self._terminology is None:
            return None
        concept = self._terminology.lookup(known.code)
        if concept is None or concept.parent is None:
            return None
        family = self._terminology.children(concept.parent)
        family += [g for c in family for g in self._terminology.children(c.code)]
        # "Foreign body in ear, unspecified ear" (T16.9) has its sided siblings a level up.
        above = self._terminology.lookup(concept.parent)
        if above is not None and above.parent is not None and len(known.code) == 8:
            uncles = self._terminology.children(above.parent)
            family += [
                g
                for u in uncles
                for c in (u, *self._terminology.children(u.code))
                for g in (c, *self._terminology.children(c.code))
            ]
        # "Unspecified part of limb": the part is what the side's code names.
        base = set(_terms(known.description)) - {"unspecified", "part"}
        others = {"right", "left", "bilateral"} - {side}
        best: tuple[int, Icd10Code] | None = None
        for relative in family:
            found = self.lookup(relative.code)
            if found is None or not found.billable:
                continue
            have = set(_terms(found.description))
            if side not in have or have & others or "unspecified" in have:
                continue
            if not base <= have or not have - base <= {side, *_SIDE_ONLY, *sites}:
                continue  # names something the unspecified code did not (a finger, a grade)
            distance = len(have ^ base)
            if best is None or distance < best[0]:
                best = (distance, found)
        return best[1] if best else None

    def __len__(self) -> int:
        return len(self._codes)

    @cached_property
    def long_term_drugs(self) -> dict[str, str]:
        """Drug or drug class -> its Z79 code, from the tabular list's own wording
        ("Long term (current) use of methotrexate" under Z79.631)."""
        found: dict[str, str] = {}
        if self._terminology is None:
            return found
        for code, concept in self._terminology.concepts.items():
            if not (code.startswith("Z79") and concept.billable):
                continue
            for text in (concept.description, *concept.inclusion_terms):
                match = _LONG_TERM_USE.match(text)
                if match:
                    found.setdefault(match["drug"].lower(), format_code(code))
        return found

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and normalize_code(code) in self._codes

    def lookup(self, code: str) -> Icd10Code | None:
        key = normalize_code(code)
        if key not in self._codes:
            return None
        billable, description = self._codes[key]
        return Icd10Code(format_code(key), description, billable)

    @cached_property
    def _by_description(self) -> dict[str, str]:
        return {description.lower(): code for code, (_, description) in self._codes.items()}

    def by_description(self, description: str) -> Icd10Code | None:
        """The code whose description is exactly this (case aside)."""
        code = self._by_description.get(description.lower())
        return self.lookup(code) if code else None

    @cached_property
    def _index(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for code, (_, description) in self._codes.items():
            for term in _terms(description):
                index[term].add(code)
        return index

    def search(self, query: str, *, limit: int = 10, billable_only: bool = True) -> list[Icd10Code]:
        """Codes whose description holds every content word of the query, fewest extras first.

        Descriptions naming an extra condition ("... with abscess") come last: choosing one
        would add a fact the query does not state.
        """
        terms = _terms(query)
        adds_condition = re.compile(r"\bwith\b(?! ?out)", re.IGNORECASE)
        if not terms:
            return []
        matches = set.intersection(*(self._index.get(term, set()) for term in terms))
        found = [self.lookup(code) for code in matches]
        results = [c for c in found if c is not None and (c.billable or not billable_only)]
        results.sort(
            key=lambda c: (
                bool(adds_condition.search(c.description)) and "with" not in query.lower(),
                len(_terms(c.description)),
                len(c.description),
            )
        )
        return results[:limit]


@cache
def icd10cm() -> Icd10Cm:
    """The FY2026 code set, read on first call and kept for the life of the process."""
    return Icd10Cm.from_terminology(bundled("ICD-10-CM"))
