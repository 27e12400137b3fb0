"""Finds lexicon conditions in a sentence and tells whether each is asserted for the patient.

A NegEx-style scan: trigger words shortly before a term (or after it) negate it, mark it
uncertain or hypothetical, or say it belongs to someone else; "but", "however" and sentence
punctuation end a trigger's reach.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from murmur.engines.coding.lexicon import Category, LexiconEntry, lexicon
from murmur.language.spoken import expand_contractions

PRE_WINDOW = 6
POST_WINDOW = 3
LIST_ITEM_WORDS = 3  # a comma keeps a trigger alive across short list items only
MAX_LIST_WINDOW = 24  # words a trigger reaches across a list, all items together


def _stem(token: str) -> str:
    """Plural-blind matching: "knees" and "knee", "chills" and "chill" meet."""
    return token[:-1] if len(token) > 3 and token.endswith("s") and token[-2] != "s" else token


def _words(words: set[str]) -> frozenset[str]:
    return frozenset(_stem(word) for word in words)


_TOKEN = re.compile(r"[a-z0-9]+|[.,;:!?]")
# Sides are read from the sentence once a condition is found (diagnoses.stated_side), so
# "right knee pain" and "knee pain on the right" meet the one entry "knee pain".
_DROPPED = frozenset(
    {"my", "his", "her", "their", "your", "our", "the", "right", "left", "bilateral", "sided"}
)
_PUNCT_STOP = frozenset({".", ";", ":", "!", "?"})
_WORD_STOP = _words(
    {"but", "however", "although", "though", "except", "aside", "apart", "which", "because"}
)
_NEGATION = _words(
    {"no", "not", "denies", "denied", "deny", "denying", "without", "never", "none", "nor",
     "negative", "free", "absent", "ruled"}
)  # fmt: skip
_POST_NEGATION = _words({"negative", "resolved", "ruled", "gone", "absent", "denied"})
_CLAUSE_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "seem", "seems"})
_UNCERTAIN = _words(
    {"possible", "possibly", "probable", "probably", "likely", "suspect", "suspected",
     "suspicion", "questionable", "rule", "concern", "concerned", "worried", "might", "may",
     "could", "versus", "vs", "differential", "consider", "query", "whether", "sure",
     "similar", "suggest", "suggests", "suggestive", "resembling", "evaluate", "evaluation",
     "exclude", "sign", "appear", "appears", "seem", "seems", "presumed", "presumptive",
     "perhaps", "maybe", "empirical", "empirically", "empiric"}
)  # fmt: skip
# Written in a note's reasoning, "I believe she has a lumbar strain" hedges (the heading names
# what is coded); said in the visit, "I think you have acute bronchitis" is how a clinician gives
# the patient the diagnosis, so in speech these words are not doubt.
_WRITTEN_DOUBT = _words({"believe", "believed", "think", "thought"})
_HYPOTHETICAL = _words(
    {"if", "should", "watch", "case", "prevent", "avoid", "risk", "screen", "screening",
     "monitor", "check", "cause", "caused", "causing", "allergic", "allergy", "allergie",
     "reaction", "intolerance", "intolerant", "assess", "warned", "warn", "warning"}
)  # fmt: skip
# A procedure or status only planned, advised or possible is not the patient's status yet:
# "she is going to be having a right knee replacement", "bypass surgery may be required".
_PLANNED = _words(
    {"going", "gonna", "will", "scheduled", "schedule", "planned", "planning", "plan",
     "upcoming", "undergo", "recommend", "recommended", "perform", "possible", "may", "might",
     "would", "could", "advised", "consider", "candidate", "discussed", "option", "options",
     "need", "needs", "require", "required", "refer", "referral"}
)  # fmt: skip
_PAST = _words({"past", "previous", "previously", "prior", "history", "ago"})
# A preventive service is coded for the visit that gives it (guideline I.C.21.c.5: a screening
# code is for the screening done; Z23 for the vaccine given). Ordered, due, planned or given
# before, it is not this visit's: "due for her mammogram", "received both doses of the vaccine".
_NOT_THIS_VISIT = _PLANNED | _words(
    {"due", "overdue", "order", "ordered", "ordering", "received", "had", "got", "last",
     "ago", "previous", "previously", "prior", "already", "next", "offered", "declined",
     "defer", "deferred", "later"}
)  # fmt: skip
_THIS_VISIT = _words({"today", "administered", "given", "office", "now"})
# "A COVID-19 test to rule this out", "flu vaccine": the disease names the test or the vaccine.
_OBJECT_OF = _words(
    {"test", "testing", "tested", "swab", "screen", "screening", "vaccine", "vaccination",
     "vaccinated", "shot", "booster", "immunization", "antibody", "antibodies", "titer", "pcr",
     "exposure", "exposed"}
)  # fmt: skip
# "Methylprednisolone causes itching", "allergic to penicillin (hives)": a drug's effect on
# record, not a problem today; those words count as hypothetical above.
_OTHER_PERSON = _words(
    {"mother", "mom", "father", "dad", "brother", "sister", "grandmother", "grandfather",
     "grandma", "grandpa", "aunt", "uncle", "son", "daughter", "wife", "husband", "family",
     "parent", "cousin", "friend", "kid", "child", "children", "coworker"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mention:
    entry: LexiconEntry
    phrase: str
    negated: bool = False
    uncertain: bool = False
    hypothetical: bool = False
    other_person: bool = False
    past_history: bool = False

    @property
    def asserted(self) -> bool:
        """Present in this patient now, as stated (possibly only as a possibility)."""
        return not (self.negated or self.hypothetical or self.other_person)


# British spellings meet the lexicon's American ones: diarrhoea, oesophagitis, haemorrhoids,
# anaemia, paediatric, oedema, coeliac, tumour; "abdo" is abdominal. "r/o X" rules X out,
# "+/- X" is only possibly X.
_SPELLINGS = (
    (re.compile(r"\bhaem"), "hem"),
    (re.compile(r"aemi"), "emi"),
    (re.compile(r"\bischaem"), "ischem"),
    (re.compile(r"\boe(?=soph|dem|str)"), "e"),
    (re.compile(r"(?<=[a-z])oe(?=soph)"), "e"),  # gastro-oesophageal
    (re.compile(r"rrhoea"), "rrhea"),
    (re.compile(r"(?<=[pn])noea\b|(?<=p)noei"), "nea"),
    (re.compile(r"\bcoeliac"), "celiac"),
    (re.compile(r"paed"), "ped"),
    (re.compile(r"\bfoet"), "fet"),
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"\babdo\b"), "abdominal"),
    (re.compile(r"\br/o\b"), "rule out"),
    (re.compile(r"\+/-"), " possibly "),
)


def american_spelling(text: str) -> str:
    """Lower-case text with British spellings made American ("anaemia" -> "anemia")."""
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    return text


def tokenize(text: str) -> list[str]:
    text = american_spelling(expand_contractions(text.lower()).replace("'", ""))
    return [_stem(t) for t in _TOKEN.findall(text) if t not in _DROPPED]


@cache
def _phrase_index() -> dict[str, list[tuple[tuple[str, ...], LexiconEntry, str]]]:
    index: dict[str, list[tuple[tuple[str, ...], LexiconEntry, str]]] = defaultdict(list)
    for entry in lexicon():
        for phrase in entry.phrases:
            tokens = tuple(tokenize(phrase))
            if tokens:
                index[tokens[0]].append((tokens, entry, phrase))
    for candidates in index.values():
        candidates.sort(key=lambda item: len(item[0]), reverse=True)
    return dict(index)


def _before(tokens: list[str], start: int) -> list[int]:
    """Positions a trigger may act from: back to a terminator, across short list items only.
    The word window counts within the term's own list item, so "no dizziness,
    light-headedness, or a dry cough" reaches the cough however long the list."""
    window: list[int] = []
    since_comma = 0
    for position in range(start - 1, -1, -1):
        token = tokens[position]
        if token in _PUNCT_STOP or token in _WORD_STOP:
            break
        if token == ",":
            if since_comma > LIST_ITEM_WORDS:
                break
            since_comma = 0
            continue
        window.append(position)
        since_comma += 1
        if since_comma >= PRE_WINDOW or len(window) >= MAX_LIST_WINDOW:
            break
    return window


def _clause_before(tokens: list[str], start: int) -> set[str]:
    """Words back to the start of the clause: "if" reaches across a whole condition."""
    words: set[str] = set()
    for token in reversed(tokens[:start]):
        if token in _PUNCT_STOP or token == ",":
            break
        words.add(token)
    return words


def _after(tokens: list[str], end: int) -> list[str]:
    window: list[str] = []
    for token in tokens[end:]:
        if token in _PUNCT_STOP or token in _WORD_STOP or token == ",":
            break
        window.append(token)
        if len(window) >= POST_WINDOW:
            break
    return window


def _negated(tokens: list[str], start: int, before: list[int], after: list[str]) -> bool:
    # "no diabetes, hypertension is controlled": a term that opens a new clause after a
    # comma is not part of the negated list.
    opens_clause = bool(after) and after[0] in _CLAUSE_VERBS
    for position in before:
        if opens_clause and "," in tokens[position:start]:
            break
        if tokens[position] in _NEGATION:
            # "No, I have a cough": an answer's "no" followed by a comma negates nothing.
            if tokens[position] == "no" and tokens[position + 1] in {",", "."}:
                continue
            return True
    return any(word in _POST_NEGATION for word in after)


# "The infection she had in the spring has resolved", "a sore throat, but that is gone now".
_RESOLVED_LATER = re.compile(
    r"^(?:(?:(?!\b(?:and|but|or)\b)[^.;:!?])*? |(?:[^.;:!?]*? )?but (?:that|it|this|those|they) )?"
    r"(?:ha[sv]e? (?:since )?resolved|(?:is|are|wa|were) (?:now )?(?:gone|resolved)|went away|"
    r"cleared up|no longer)\b"
)


def _resolved_later(tokens: list[str], end: int) -> bool:
    return bool(_RESOLVED_LATER.match(" ".join(tokens[end:])))


def _span(tokens: list[str], position: int, phrase: tuple[str, ...]) -> int:
    """Tokens the phrase covers from the position (0: no match); a comma inside the phrase is
    read through, as in a heading "Ulcer, right foot" or "Sprain, ankle"."""
    at = position
    for word in phrase:
        if at > position and at < len(tokens) and tokens[at] == ",":
            at += 1
        if at >= len(tokens) or tokens[at] != word:
            return 0
        at += 1
    return at - position


def _queried(tokens: list[str], start: int) -> bool:
    """ "Choledocholithiasis, ? cholecystitis": a question mark before a term queries it."""
    return start > 0 and tokens[start - 1] == "?"


def _established(sentence: str, phrase: str) -> bool:
    """ "I believe this is an exacerbation of her heart failure": the patient's own, known
    condition; the doubt is about something else."""
    first = re.escape(phrase.split(maxsplit=1)[0]) if phrase.split() else ""
    pattern = rf"\b(?:his|her|their|your|my)\s+(?:known\s+|chronic\s+|underlying\s+)?{first}"
    return bool(first) and re.search(pattern, sentence, re.IGNORECASE) is not None


_LIST_BREAK = _words(
    {"who", "which", "that", "present", "presents", "presenting", "here", "today", "now",
     "currently", "come", "comes", "seen", "being", "but", "however", "recently", "admitted",
     "presented", "referred"}
)  # fmt: skip


def _in_history_list(tokens: list[str], start: int) -> bool:
    """ "A past medical history significant for depression, type 2 diabetes, asthma, and
    hypertension, who presents with ...": every condition in the list is history, however
    long the list; what follows "who presents" is not."""
    lead = tokens[:start]
    if "history" not in lead:
        return False
    since = len(lead) - lead[::-1].index("history")
    return not _LIST_BREAK & set(lead[since:])


def _not_yet(category: Category, words: set[str]) -> bool:
    """A status only planned or advised is not the patient's status yet; a preventive service
    only planned, ordered or had before is not this visit's."""
    if category is Category.HISTORY:
        return bool(_PLANNED & words)
    if category is Category.PREVENTIVE:
        return bool(_NOT_THIS_VISIT & words) and not _THIS_VISIT & words
    return False


def find_mentions(sentence: str, *, spoken: bool = False) -> list[Mention]:
    """Conditions named in the sentence, longest phrase first, each with its context;
    ``spoken`` for a transcript sentence rather than a note's."""
    doubt = _UNCERTAIN if spoken else _UNCERTAIN | _WRITTEN_DOUBT
    tokens = tokenize(sentence)
    index = _phrase_index()
    mentions: list[Mention] = []
    position = 0
    while position < len(tokens):
        match = next(
            (
                (length, entry, phrase)
                for candidate, entry, phrase in index.get(tokens[position], [])
                if (length := _span(tokens, position, candidate))
            ),
            None,
        )
        if match is None:
            position += 1
            continue
        length, entry, phrase = match
        before_at = _before(tokens, position)
        before = {tokens[p] for p in before_at}
        after = _after(tokens, position + length)
        sentence_before = set(tokens[:position])
        clause = before | _clause_before(tokens, position)
        planned = _not_yet(entry.category, clause | set(after))
        named_object = bool(after) and after[0] in _OBJECT_OF and "positive" not in after
        mentions.append(
            Mention(
                entry=entry,
                phrase=phrase,
                negated=_negated(tokens, position, before_at, after)
                or _resolved_later(tokens, position + length),
                uncertain=(bool(doubt & before) or _queried(tokens, position))
                and not _established(sentence, phrase),
                hypothetical=bool(_HYPOTHETICAL & clause) or planned or named_object,
                other_person=bool(_OTHER_PERSON & sentence_before),
                past_history=bool(_PAST & before)
                or bool(_PAST & set(after))
                or _in_history_list(tokens, position),
            )
        )
        position += length
    return mentions


def asserted_codes(mentions: Iterable[Mention]) -> set[str]:
    return {m.entry.code for m in mentions if m.asserted}
