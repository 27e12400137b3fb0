"""Which part of a note (subjective, objective, assessment, plan) a section heading names, in
English or Spanish: "Assessment and Plan", "HPI", "Exploración"."""

from __future__ import annotations

import re

from murmur.language.statements import Kind

_KEY_KINDS: dict[str, frozenset[Kind]] = {
    "subjective": frozenset({Kind.SUBJECTIVE}),
    "objective": frozenset({Kind.OBJECTIVE}),
    "assessment": frozenset({Kind.ASSESSMENT}),
    "plan": frozenset({Kind.PLAN}),
    "assessment_and_plan": frozenset({Kind.ASSESSMENT, Kind.PLAN}),
}
_KIND_WORDS: dict[Kind, re.Pattern[str]] = {
    Kind.SUBJECTIVE: re.compile(
        r"subjective|history|complaint|symptom|hpi|present(?:ing)? illness|reason for visit|"
        r"interval|anamnesis|motivo|historia|síntoma",
        re.I,
    ),
    Kind.OBJECTIVE: re.compile(
        r"objective|exam|vital|finding|physical|result|observation|exploración|signos", re.I
    ),
    Kind.ASSESSMENT: re.compile(r"assessment|diagnos|impression|problem|evaluación", re.I),
    Kind.PLAN: re.compile(
        r"plan|treatment|management|follow|referral|instruction|next step|recommendation|"
        r"tratamiento|seguimiento",
        re.I,
    ),
}


def section_kinds(key: str, title: str, instruction: str = "") -> frozenset[Kind]:
    """The statement kinds a section takes: by its key, else its title, else its instruction."""
    normalised = key.lower().replace("-", "_").replace(" ", "_")
    if normalised in _KEY_KINDS:
        return _KEY_KINDS[normalised]
    for text in (f"{key} {title}", instruction):
        kinds = frozenset(kind for kind, words in _KIND_WORDS.items() if words.search(text))
        if kinds:
            return kinds
    return frozenset()
