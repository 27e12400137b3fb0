from __future__ import annotations

from murmur.language.assertion import Modifier, Span, modifiers


def _of(text: str, finding: str) -> frozenset[Modifier]:
    start = text.lower().index(finding)
    return modifiers(text, Span(start, start + len(finding)))


def test_a_negative_screen_negates_what_it_screened() -> None:
    assert Modifier.NEGATED in _of("Depression screening negative.", "depression")


def test_should_the_finding_happen_is_hypothetical() -> None:
    assert Modifier.HYPOTHETICAL in _of("Should the nausea start, take the Zofran.", "nausea")
    assert Modifier.HYPOTHETICAL in _of(
        "We want to prevent pneumonia with the vaccine.", "pneumonia"
    )


def test_a_problem_resolved_a_few_words_later_is_no_longer_present() -> None:
    text = "The urinary tract infection she had in the spring has resolved."
    assert Modifier.NEGATED in _of(text, "urinary tract infection")


def test_a_bare_no_reaches_back_only_a_little() -> None:
    assert Modifier.NEGATED in _of("Chest pain, no.", "chest pain")
    assert Modifier.NEGATED not in _of("Fever for three days and then I said no", "fever")
