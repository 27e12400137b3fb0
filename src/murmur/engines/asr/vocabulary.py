"""Decoding hints that steer speech recognition towards the visit's own medical words.

Whisper (through faster-whisper's ``hotwords``) takes a short text that it treats as what was
said just before the audio. A drug name in that text is far more likely to be written out
right when it is spoken; a long list of names the visit never mentions does more harm than
good, because the model then hears those names in similar-sounding speech. So the hints hold
only the encounter's own words (its intake context: medications, allergies, history) and any
terms the caller adds; the built-in vocabulary serves to recognise names in that context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

MAX_HINT_TERMS = 40
# Symptoms, anatomy and drug classes are everyday words Whisper already spells; hinting them
# would only spend the budget.
HINT_CATEGORIES = frozenset({"drug", "brand", "condition", "lab", "procedure"})
# Whisper keeps at most 223 prompt tokens; drug names cost 3-4 tokens each, so about 300
# characters stays well inside that and leaves the decoder room for the audio itself.
MAX_HINT_CHARS = 300

_MEDICATION_KEY = re.compile(r"med|drug|prescri|rx|allerg|dh\b", re.IGNORECASE)
_REMARK = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_ITEM_SEPARATOR = re.compile(r"[,;\n/]+|\band\b|\bor\b|\bplus\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
# Endings that (almost) only drug and disease names have, for names missing from the list.
_DRUG_LIKE = re.compile(
    r"\b[a-z]{2,}(?:pril|sartan|olol|alol|dipine|statin|formin|gliptin|gliflozin|glutide|"
    r"azole|tidine|cillin|mycin|micin|cycline|floxacin|ovir|avir|umab|imab|parin|xaban|"
    r"gatran|oxetine|alopram|azepam|azolam|triptan|triptyline|ipramine|apine|idone|profen|"
    r"fenac|coxib|olone|asone|isone|sonide|terol|tropium|lukast|thiazide|semide|actone|"
    r"zosin|losin|afil|dronate|tinib|caine|codone|morphone|amadol|tamol|oxine|"
    r"amide|etine|astine|adine|izine)\b",
    re.IGNORECASE,
)
_CONDITION_LIKE = re.compile(
    r"\b[a-z]{3,}(?:itis|osis|aemia|emia|algia|pathy|paresis|plegia|megaly|iasis|ectomy|uria)\b",
    re.IGNORECASE,
)
# Words that say nothing about which drug it is: doses, routes, timing, negations.
_NOT_A_NAME_WORDS = """
    a an and any as at before bd bid by course cream daily day days dose doses drops drug drugs
    each every for from given gram grams has have he her his history in is it known last mcg
    medication medications medicine medicines mg micrograms ml morning nil night nkda nka no
    none not od of on once otc otherwise patient per prn pt qds qid regular regularly she
    spray sx takes taking tablet tablets tds the three tid times to twice units usual uses was
    week weekly with year years allergic allergies allergy intolerant reaction sensitivity
    recently currently started stopped previously also only unsure sure name own accord due
"""
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())


@dataclass(frozen=True, slots=True)
class MedicalTerm:
    text: str
    category: str


def parse_terms(table: str) -> tuple[MedicalTerm, ...]:
    """``term<TAB>category`` lines; ``#`` starts a comment line."""
    terms: list[MedicalTerm] = []
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, category = line.split("\t")[:2]
        terms.append(MedicalTerm(text.strip(), category.strip()))
    return tuple(terms)


@cache
def medical_terms() -> tuple[MedicalTerm, ...]:
    """The built-in vocabulary (medical_terms.tsv next to this module)."""
    return parse_terms(files(__package__).joinpath("medical_terms.tsv").read_text("utf-8"))


@cache
def _known_terms() -> tuple[re.Pattern[str], dict[str, str]]:
    spellings = {
        term.text.lower(): term.text for term in medical_terms() if term.category in HINT_CATEGORIES
    }
    # Longest first, so "type 2 diabetes" wins over "diabetes".
    alternatives = sorted(spellings, key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(re.escape(term) for term in alternatives) + r")\b"
    return re.compile(pattern, re.IGNORECASE), spellings


def context_terms(context: Mapping[str, Any] | None) -> list[str]:
    """Drug and condition names in the encounter's context, medication fields first."""
    named: list[str] = []
    mentioned: list[str] = []
    for is_medication_field, text in _strings(context, medication=False):
        if is_medication_field:
            named.extend(_names_in_list(text))
        mentioned.extend(_terms_in_text(text))
    return _unique(named + mentioned)


def decoding_hints(
    *, language: str, context: Mapping[str, Any] | None, extra_terms: Sequence[str] = ()
) -> str | None:
    """The hint text for ``hotwords`` (or an initial prompt); None when there is nothing.

    ``extra_terms`` (a tenant's own list, say) come first, then the context's terms, as far as
    the budget goes. ``language`` does not change the choice: drug names are international.
    """
    del language
    chosen: list[str] = []
    length = 0
    for term in hint_terms(context, extra_terms)[:MAX_HINT_TERMS]:
        if length + len(term) + 2 > MAX_HINT_CHARS:
            break
        chosen.append(term)
        length += len(term) + 2
    if not chosen:
        return None
    text = ", ".join(chosen)
    # No closing full stop: after a finished sentence Whisper far more often ends its output
    # early and skips the rest of the 30-second window.
    return text[:1].upper() + text[1:]


def hint_terms(context: Mapping[str, Any] | None, extra_terms: Sequence[str] = ()) -> list[str]:
    """``extra_terms`` then the context's terms, without repeats."""
    return _unique([*map(str.strip, extra_terms), *context_terms(context)])


def correction_terms(
    *, language: str, context: Mapping[str, Any] | None, extra_terms: Sequence[str] = ()
) -> list[str]:
    """Terms to respell near-misses of after recognition: the visit's own, then (in English)
    every one-word term of the built-in vocabulary.

    Unlike hints these cost the decoder nothing, so the whole vocabulary can take part.
    """
    terms = hint_terms(context, extra_terms)
    if language.lower().startswith("en"):
        terms = _unique(terms + [term.text for term in medical_terms()])
    return terms


def _strings(value: Any, *, medication: bool) -> Iterator[tuple[bool, str]]:
    if isinstance(value, str):
        yield medication, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, medication=medication or _is_medication_key(str(key)))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, medication=medication)


def _is_medication_key(key: str) -> bool:
    return bool(_MEDICATION_KEY.search(key))


def _names_in_list(text: str) -> Iterator[str]:
    """Each item of a medication or allergy list, cut down to its name."""
    for item in _ITEM_SEPARATOR.split(_REMARK.sub(" ", text)):
        words: list[str] = []
        for match in _WORD.finditer(item):
            word = match.group()
            if word.lower() in _NOT_A_NAME:
                if words:
                    break  # "aspirin daily on his own accord": the name is over
                continue
            words.append(word)
        # Items longer than that are sentences; _terms_in_text finds the names in them.
        if 0 < len(words) <= 3 and any(len(word) > 2 for word in words):
            yield " ".join(words)


def _terms_in_text(text: str) -> Iterator[str]:
    pattern, spellings = _known_terms()
    found: list[tuple[int, str]] = [
        (match.start(), spellings[match.group().lower()]) for match in pattern.finditer(text)
    ]
    for unknown in (_DRUG_LIKE, _CONDITION_LIKE):
        found.extend((match.start(), match.group()) for match in unknown.finditer(text))
    for _, term in sorted(found):
        yield term


def _unique(terms: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    unique: list[str] = []
    for term in terms:
        key = term.lower()
        if term and key not in seen:
            seen.add(key)
            unique.append(term)
    return unique
