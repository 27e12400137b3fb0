"""Normalising spoken sentences and turning their pronouns into third person."""

from __future__ import annotations

import re

from murmur.language.statements import Swap

_CONTRACTIONS = {
    "i'm": "i am", "i've": "i have", "i'll": "i will", "i'd": "i would",
    "you're": "you are", "you've": "you have", "you'll": "you will", "you'd": "you would",
    "we're": "we are", "we've": "we have", "we'll": "we will", "they're": "they are",
    "it's been": "it has been", "it's": "it is", "that's": "that is", "there's": "there is",
    "what's": "what is", "he's": "he is", "she's": "she is", "let's": "let us",
    "don't": "do not", "doesn't": "does not", "didn't": "did not", "haven't": "have not",
    "hasn't": "has not", "hadn't": "had not", "isn't": "is not", "aren't": "are not",
    "wasn't": "was not", "weren't": "were not", "can't": "cannot", "won't": "will not",
    "wouldn't": "would not", "couldn't": "could not", "shouldn't": "should not",
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "ain't": "am not",
}  # fmt: skip
_CONTRACTION_RE = re.compile(
    r"\b(" + "|".join(re.escape(c) for c in sorted(_CONTRACTIONS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_FILLER_WORDS = (
    r"um+|uh+|erm|hmm+|mm-hmm|mhm|uh-huh|so|well|okay|ok|alright|all right|yeah|yes|oh|and|"
    r"now|right|like|you know|i mean|but|hey|also|great|good|perfect|then|anyway|actually|"
    r"dragon"  # the dictation assistant being addressed
)
_LEADING_FILLERS = re.compile(rf"^(?:(?:{_FILLER_WORDS})\b[\s,.!:;-]*)+", re.IGNORECASE)
_INLINE_FILLERS = re.compile(r"\b(?:um+|uh+|erm|hmm+|mm+|you know)\b,?\s*", re.IGNORECASE)
_REPEATED_COMMAS = re.compile(r"(?:,\s*){2,}")
_STUTTER = re.compile(r"\b((?:\w+\s+){0,2}\w+)(?:[\s,]+\1\b)+", re.IGNORECASE)
_FRAGMENT = re.compile(r"\b\w+-\s+(?=\w)")
_TRAILING_TAG = re.compile(
    r"[\s,]*\b(?:okay|ok|all right|alright|right|you know|(?:so )?how does that sound|"
    r"does that sound (?:good|okay|like a plan)|sound good|"
    r"does that make sense|is that okay|is that all right|deal|got it)\s*[?.!]*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"(?:\s*[;:]\s+|,?\s+(?:and|but|so|because|cause|although|though)\s+"
    r"(?=(?:i|my|it|you|your|we|there|the|this|that|he|she)\b)|,?\s+but\s+(?=no\b)|"
    r",?\s+(?:and|so)\s+(?=(?:do|did|have|are|is|can|could|would)"
    r"\s+you\b)|,?\s+and\s+(?=(?:continue|increase|decrease|start|stop|refill)\b)|"
    r",\s+(?=(?:your|my)\s+[\w-]+\s+(?:is|are|was|were|has|have|looks?|sounds?)\b))",
    re.IGNORECASE,
)
# Pronouns that stand for the patient carry PATIENT_MARK until the writer knows the patient's
# sex ("they" -> "he"); other "they"s (the pills, the kids) stay as they are.
PATIENT_MARK = "\u2063"
_P = PATIENT_MARK
_FIRST_PERSON = (
    (r"\bi am\b", f"{_P}they are"), (r"\bi was\b", f"{_P}they were"),
    (r"\bi (just|really|also|still|never|always) am\b", rf"{_P}they \1 are"),
    (r"\bi (just|really|also|still|never|always) was\b", rf"{_P}they \1 were"),
    (r"\bi\b", f"{_P}they"),
    (r"\bme\b", f"{_P}them"), (r"\bmyself\b", f"{_P}themselves"), (r"\bmy\b", f"{_P}their"),
    (r"\bmine\b", f"{_P}theirs"), (r"\bwe are\b", "they are"), (r"\bwe were\b", "they were"),
    (r"\bwe\b", "they"), (r"\bus\b", "them"), (r"\bour\b", "their"),
)  # fmt: skip
_SECOND_PERSON = (
    (r"\byourself\b", f"{_P}themselves"), (r"\byours\b", f"{_P}theirs"),
    (r"\byour\b", f"{_P}their"),
)  # fmt: skip
# "you" is "they" as a subject and "them" as an object; subjects follow these words.
_SUBJECT_AFTER = frozenset({
    "if", "when", "that", "because", "so", "and", "or", "until", "unless", "since", "while",
    "before", "after", "as", "once", "what", "where", "how", "who", "which", "whether",
    "than", "but", "though", "although", "why", "whatever", "wherever",
})  # fmt: skip
_VERBS_AFTER = frozenset({
    "might", "may", "can", "could", "will", "would", "should", "must", "need", "get", "feel",
    "go", "take", "keep", "come", "see", "try", "continue", "start", "stop", "have", "had",
    "do", "did", "are", "were", "know", "want", "think", "notice", "develop",
})  # fmt: skip
_YOU = re.compile(r"\byou\b", re.IGNORECASE)
_SECOND_PERSON_LEFT = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def expand_contractions(text: str) -> str:
    return _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1).lower()], text)


def normalize(text: str) -> str:
    """A spoken sentence without fillers, stutters, tag questions or closing punctuation."""
    text = expand_contractions(text)
    text = _FRAGMENT.sub("", text)
    text = _INLINE_FILLERS.sub(" ", text)
    text = _REPEATED_COMMAS.sub(", ", text)
    text = _STUTTER.sub(r"\1", text)
    text = _LEADING_FILLERS.sub("", text.strip())
    text = _TRAILING_TAG.sub("", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" ,;:-.!?")


_NEXT_CONDITION = re.compile(r",\s*(?:or|and)\s+(?=if\b)", re.IGNORECASE)


def clauses(text: str) -> list[str]:
    # "If X, come back, or if Y, go to the ER" holds two conditions with their own actions;
    # in "Call us if X, or if Y" both conditions share the one action, so stay together.
    pieces = _NEXT_CONDITION.split(text) if text.lower().startswith("if ") else [text]
    parts = [part.strip(" ,;:-") for piece in pieces for part in _CLAUSE_BREAK.split(piece)]
    return [_LEADING_FILLERS.sub("", part) for part in parts if part]


def _sub_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for pattern, replacement in pairs:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text


def _swap_you(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        before = text[: match.start()].split()
        previous = before[-1].lower().strip(",") if before else ""
        after = text[match.end() :].split()
        following = after[0].lower() if after else ""
        subject = not previous or previous in _SUBJECT_AFTER or following in _VERBS_AFTER
        return f"{_P}they" if subject else f"{_P}them"

    return _YOU.sub(replace, text)


def swap_pronouns(text: str, swap: Swap) -> str | None:
    """Third-person text, or None when the result would still be ambiguous."""
    if swap is Swap.PATIENT:
        swapped = _sub_all(text, _FIRST_PERSON)
        # A patient's "you" addresses the clinician; we cannot say who is meant.
        return None if _SECOND_PERSON_LEFT.search(swapped) else swapped
    if swap is Swap.CLINICIAN:
        text = re.sub(r"\byou (are|were|have|had|do|did)\b", rf"{_P}they \1", text, flags=re.I)
        return _swap_you(_sub_all(text, _SECOND_PERSON))
    return text


def finish(text: str) -> str:
    """Capitalised sentence with one closing full stop."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    text = re.sub(r"\s+([,.;:])(?!\d)", r"\1", text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


_TAG_QUESTION = re.compile(
    r",?\s*\b(?:okay|ok|all right|alright|right|does that sound good|sound good|sounds good|"
    r"does that make sense|is that okay|is that all right|deal|yeah)\s*\?\s*$",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """A real question, not a statement closed by a tag such as ", okay?"."""
    text = text.rstrip()
    return text.endswith("?") and not _TAG_QUESTION.search(text)
