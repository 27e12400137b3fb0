"""Ties generated prose back to the transcript: each sentence gets the segments whose words
it uses, or is flagged ``unsupported`` when no segment backs it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from murmur.language.spoken import expand_contractions
from murmur.notes.domain import NoteSentence
from murmur.transcripts.domain import Segment

MAX_EVIDENCE = 3
MIN_COVERAGE = 0.5  # share of a sentence's content words found in its evidence
_WORD = re.compile(r"[^\W_]+(?:[.,/][0-9]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9¿¡])|\n+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_STOP_TEXT = """
    a an the and or but of to in on at for with by from as is are was were be been being it
    its this that these those he she they them their his her patient patients pt reports
    reported states stated notes noted describes described has have had having do does did
    not no also any some there here which who whom what when where how than then so very
    will would should could can may might must about into over under per via up down out
    denies denied endorses mr mrs ms dr doctor today currently current recent recently
    el la los las de del y o que en con por para un una es son se su sus lo le"""
_STOP = frozenset(_STOP_TEXT.split())
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s", "ly")
_NUMBER = re.compile(r"^\d+(?:[.,/]\d+)*$")


def stem(word: str) -> str:
    word = word.lower()
    if _NUMBER.match(word):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    words = _WORD.findall(expand_contractions(text))
    return {stem(w) for w in words if w.lower() not in _STOP and (len(w) > 2 or w.isdigit())}


def split_sentences(text: str) -> list[str]:
    """Prose or bullet lines -> sentences, without headings or empty pieces."""
    found: list[str] = []
    for piece in _SENTENCE_END.split(text):
        line = _BULLET.sub("", piece).strip()
        if line and not line.startswith("#"):
            found.append(line)
    return found


def evidence_for(text: str, segments: Sequence[Segment]) -> tuple[tuple[int, ...], float]:
    """The segments (in transcript order) that together cover most of the sentence's content
    words, and the share covered."""
    wanted = content_words(text)
    if not wanted:
        return (), 0.0
    vocab = [content_words(segment.text) for segment in segments]
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < MAX_EVIDENCE:
        gains = [(len((words & wanted) - covered), -i) for i, words in enumerate(vocab)]
        best_gain, negative_index = max(gains, default=(0, 0))
        if best_gain == 0:
            break
        chosen.append(-negative_index)
        covered |= vocab[-negative_index] & wanted
    numbers = {w for w in wanted if _NUMBER.match(w)}
    if numbers - covered:
        return tuple(sorted(chosen)), 0.0  # a number nobody said is never supported
    return tuple(sorted(chosen)), len(covered) / len(wanted)


def align(text: str, segments: Sequence[Segment]) -> list[NoteSentence]:
    sentences: list[NoteSentence] = []
    for sentence in split_sentences(text):
        evidence, coverage = evidence_for(sentence, segments)
        supported = coverage >= MIN_COVERAGE
        sentences.append(
            NoteSentence(sentence, evidence if supported else (), unsupported=not supported)
        )
    return sentences
